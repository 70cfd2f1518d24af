#include "engine/config/instance_config.h"

#include <nlohmann/json.hpp>

#include "common/error.h"

namespace eventmgr::engine {
namespace {

using nlohmann::json;

// Returns NAME without its "module:" prefix.
std::string localName(const std::string& name) {
  auto colon = name.find(':');
  return colon == std::string::npos ? name : name.substr(colon + 1);
}

// Returns the members of OBJECT keyed by local name.
std::map<std::string, json> members(const json& object) {
  std::map<std::string, json> result;
  if (object.is_object()) {
    for (const auto& [name, value] : object.items()) {
      result[localName(name)] = value;
    }
  }
  return result;
}

std::string text(const json& value, const std::string& where) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_number() || value.is_boolean()) {
    return value.dump();
  }
  throw Error(ErrorKind::kInvalidArgument, "invalid value " + value.dump() + " at " + where +
                                               "; expected a string");
}

std::uint64_t number(const json& value, const std::string& where) {
  if (value.is_number_unsigned()) {
    return value.get<std::uint64_t>();
  }
  if (value.is_string()) {
    try {
      return std::stoull(value.get<std::string>());
    } catch (const std::exception&) {
    }
  }
  throw Error(ErrorKind::kInvalidArgument, "invalid value " + value.dump() + " at " + where +
                                               "; expected an unsigned number");
}

InstanceConfig parseInstance(const json& entry) {
  auto fields = members(entry);
  InstanceConfig config;
  config.name = text(fields["name"], "instance name");
  std::string where = "system event-handler instance " + config.name;
  for (const auto& [name, value] : fields) {
    std::string leaf = where + " " + name;
    if (name == "admin-state") {
      config.enabled = text(value, leaf) == "enable";
    } else if (name == "upython-script") {
      config.script = text(value, leaf);
    } else if (name == "paths") {
      for (const auto& item : value) {
        config.paths.push_back(text(item, leaf));
      }
    } else if (name == "options") {
      auto option_fields = members(value);
      for (const auto& object : option_fields["object"]) {
        auto option = members(object);
        std::string option_name = text(option["name"], leaf + " object name");
        if (option.count("values") != 0) {
          std::vector<std::string> values;
          for (const auto& item : option["values"]) {
            values.push_back(text(item, leaf + " object " + option_name + " values"));
          }
          config.options[option_name] = values;
        } else if (option.count("value") != 0) {
          config.options[option_name] = text(option["value"], leaf + " object " + option_name);
        } else {
          config.options[option_name] = std::string();
        }
      }
    } else if (name == "upython-timeout") {
      config.upython_timeout = std::chrono::milliseconds(number(value, leaf));
    } else if (name == "upython-heap") {
      config.upython_heap_bytes = number(value, leaf) * 1024;
    } else if (name == "run-script-timeout") {
      config.run_script_timeout = std::chrono::milliseconds(number(value, leaf));
    } else if (name == "dry-run") {
      config.dry_run = value.is_boolean() ? value.get<bool>() : text(value, leaf) == "true";
    } else if (name == "min-interval") {
      config.min_interval = std::chrono::milliseconds(number(value, leaf));
    } else if (name == "history-size") {
      config.history_size = number(value, leaf);
    }
  }
  return config;
}

}  // namespace

bool InstanceConfig::needsRestart(const InstanceConfig& other) const {
  return script != other.script || paths != other.paths || options != other.options;
}

EventHandlerConfig parseEventHandlerConfig(const std::string& json_text) {
  EventHandlerConfig config;
  if (json_text.empty()) {
    return config;
  }
  json document;
  try {
    document = json::parse(json_text);
  } catch (const json::exception& error) {
    throw Error(ErrorKind::kInvalidArgument,
                std::string("invalid event-handler configuration JSON: ") + error.what());
  }
  // Accept the subtree with or without the enclosing system and event-handler containers.
  auto top = members(document);
  if (top.count("system") != 0) {
    top = members(top["system"]);
  }
  if (top.count("event-handler") == 0) {
    return config;
  }
  auto handler = members(top["event-handler"]);
  config.present = true;
  if (handler.count("run-as-user") != 0) {
    config.run_as_user = text(handler["run-as-user"], "system event-handler run-as-user");
  }
  for (const auto& entry : handler["instance"]) {
    auto instance = parseInstance(entry);
    config.instances[instance.name] = std::move(instance);
  }
  return config;
}

}  // namespace eventmgr::engine
