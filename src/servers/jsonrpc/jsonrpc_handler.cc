#include "servers/jsonrpc/jsonrpc_handler.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/error.h"
#include "path/gnmi_path.h"
#include "servers/cli/cli_session.h"

namespace eventmgr::servers {
namespace {

using nlohmann::json;

// JSON-RPC error codes: the standard ones, and -1 for a failed command, as SR Linux returns.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kCommandFailed = -1;

class RpcError : public std::runtime_error {
 public:
  RpcError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

std::string errorResponse(const json& id, int code, const std::string& message) {
  json response = {
      {"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
  // Messages may quote request bytes that are not UTF-8.
  return response.dump(-1, ' ', false, json::error_handler_t::replace);
}

const json& commandsOf(const json& params) {
  if (!params.is_object() || !params.contains("commands") || !params["commands"].is_array()) {
    throw RpcError(kInvalidParams, "params.commands is missing; expected an array of commands");
  }
  return params["commands"];
}

std::string stringField(const json& object, const char* name, const std::string& fallback,
                        std::size_t index) {
  if (!object.contains(name)) {
    return fallback;
  }
  if (!object[name].is_string()) {
    throw RpcError(kInvalidParams, "command " + std::to_string(index) + ": \"" + name +
                                       "\" must be a string, got " + object[name].dump());
  }
  return object[name].get<std::string>();
}

// Removes "module:" prefixes from every object key, recursively, as SR Linux's JSON-RPC prints.
json stripPrefixes(const json& value) {
  if (value.is_object()) {
    json result = json::object();
    for (const auto& [key, item] : value.items()) {
      auto colon = key.find(':');
      result[colon == std::string::npos ? key : key.substr(colon + 1)] = stripPrefixes(item);
    }
    return result;
  }
  if (value.is_array()) {
    json result = json::array();
    for (const auto& item : value) {
      result.push_back(stripPrefixes(item));
    }
    return result;
  }
  return value;
}

// Follows PATH's elements down DOCUMENT (the subtree printed from the root) to the node itself.
json descend(const json& document, const path::ConcretePath& path) {
  json current = stripPrefixes(document);
  for (const auto& element : path.elements()) {
    if (!current.is_object() || !current.contains(element.name)) {
      return json::object();
    }
    json next = current[element.name];
    if (next.is_array() && !element.keys.empty()) {
      // A list: pick the entry whose first key matches. Entries carry their keys as members.
      json match = json::object();
      for (const auto& entry : next) {
        bool all = true;
        auto keys = schema::listKeys(element.node);
        for (std::size_t i = 0; i < keys.size() && i < element.keys.size(); ++i) {
          std::string key_name = keys[i]->name;
          if (!entry.contains(key_name)) {
            all = false;
            break;
          }
          const auto& key_value = entry[key_name];
          std::string text =
              key_value.is_string() ? key_value.get<std::string>() : key_value.dump();
          if (text != element.keys[i]) {
            all = false;
            break;
          }
        }
        if (all) {
          match = entry;
          break;
        }
      }
      next = match;
    }
    current = next;
  }
  return current;
}

}  // namespace

std::string JsonRpcHandler::handle(const std::string& body) {
  json request;
  try {
    request = json::parse(body);
  } catch (const json::exception& error) {
    return errorResponse(nullptr, kParseError,
                         std::string("request body is not valid JSON: ") + error.what());
  }
  json id = request.is_object() && request.contains("id") ? request["id"] : json(nullptr);
  try {
    if (!request.is_object() || !request.contains("method") || !request["method"].is_string()) {
      throw RpcError(kInvalidRequest,
                     "invalid JSON-RPC request; expected an object with a string \"method\"");
    }
    json params = request.contains("params") ? request["params"] : json::object();
    json result = dispatch(request["method"].get<std::string>(), params);
    return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", result}}.dump(
        -1, ' ', false, json::error_handler_t::replace);
  } catch (const RpcError& error) {
    spdlog::debug("JSON-RPC request {} rejected: {}", id.dump(), error.what());
    return errorResponse(id, error.code(), error.what());
  } catch (const Error& error) {
    spdlog::debug("JSON-RPC request {} failed: {}", id.dump(), error.what());
    return errorResponse(id, kCommandFailed, error.what());
  } catch (const std::exception& error) {
    spdlog::warn("JSON-RPC request {} failed unexpectedly: {}", id.dump(), error.what());
    return errorResponse(id, kCommandFailed, error.what());
  }
}

json JsonRpcHandler::dispatch(const std::string& method, const json& params) {
  if (method == "get") {
    return get(params);
  }
  if (method == "set") {
    return set(params, false);
  }
  if (method == "validate") {
    return set(params, true);
  }
  if (method == "cli") {
    return cli(params);
  }
  if (method == "changes" && journal_ != nullptr) {
    return changes(params);
  }
  throw RpcError(kMethodNotFound,
                 "unknown method \"" + method +
                     "\"; expected get, set, validate, cli or changes");
}

json JsonRpcHandler::get(const json& params) {
  json results = json::array();
  const auto& commands = commandsOf(params);
  std::string default_store = stringField(params, "datastore", "running", 0);
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const auto& command = commands[i];
    if (!command.is_object()) {
      throw RpcError(kInvalidParams, "command " + std::to_string(i) + " must be an object");
    }
    std::string store = stringField(command, "datastore", default_store, i);
    datastore::DataView view;
    if (store == "running") {
      view = datastore::DataView::kRunning;
    } else if (store == "candidate") {
      view = datastore::DataView::kCandidate;
    } else if (store == "state") {
      view = datastore::DataView::kMerged;
    } else {
      throw RpcError(kInvalidParams, "command " + std::to_string(i) + ": invalid datastore \"" +
                                         store +
                                         "\" for get; expected running, candidate or state");
    }
    auto path = path::fromGnmiPath(datastore_.schema(),
                                   path::parseGnmiPath(stringField(command, "path", "/", i)));
    if (const lysc_node* node = path.schemaNode();
        node != nullptr && (node->nodetype & (LYS_LEAF | LYS_LEAFLIST)) != 0) {
      auto value = datastore_.getValue(path);
      if (!value) {
        results.push_back(nullptr);
      } else if (const auto* text = std::get_if<std::string>(&*value)) {
        results.push_back(*text);
      } else {
        results.push_back(std::get<std::vector<std::string>>(*value));
      }
      continue;
    }
    auto text = datastore_.getSubtree(path, view, datastore::ConfigFormat::kJson);
    results.push_back(descend(json::parse(text.empty() ? "{}" : text), path));
  }
  return results;
}

json JsonRpcHandler::set(const json& params, bool validate_only) {
  const auto& commands = commandsOf(params);
  std::string default_store = stringField(params, "datastore", "candidate", 0);
  std::vector<datastore::Operation> operations;
  std::vector<std::pair<std::string, std::string>> tools;
  std::string store = default_store;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const auto& command = commands[i];
    if (!command.is_object()) {
      throw RpcError(kInvalidParams, "command " + std::to_string(i) + " must be an object");
    }
    store = stringField(command, "datastore", default_store, i);
    std::string action = stringField(command, "action", "", i);
    std::string path_text = stringField(command, "path", "", i);
    json value = command.contains("value") ? command["value"] : json(nullptr);
    // SR Linux also accepts the value inline after the last element: "/a/b:value".
    if (value.is_null() && action != "delete") {
      auto close = path_text.rfind(']');
      auto colon = path_text.find(':', close == std::string::npos ? 0 : close);
      auto slash = path_text.rfind('/');
      if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
        value = path_text.substr(colon + 1);
        path_text = path_text.substr(0, colon);
      }
    }

    if (store == "tools") {
      auto gnmi = path::parseGnmiPath(path_text);
      std::string words;
      for (const auto& elem : gnmi.elems) {
        auto colon = elem.name.find(':');
        words += (words.empty() ? "" : " ") +
                 (colon == std::string::npos ? elem.name : elem.name.substr(colon + 1));
        for (const auto& [key, key_value] : elem.keys) {
          words += " " + key_value;
        }
      }
      std::string tools_value = value.is_null()     ? ""
                                : value.is_string() ? value.get<std::string>()
                                                    : value.dump();
      tools.emplace_back(words, tools_value);
      continue;
    }
    if (store != "candidate" && store != "state") {
      throw RpcError(kInvalidParams, "command " + std::to_string(i) + ": invalid datastore \"" +
                                         store + "\" for set; expected candidate, tools or state");
    }

    auto path = path::fromGnmiPath(datastore_.schema(), path::parseGnmiPath(path_text));
    if (action == "delete") {
      operations.push_back(datastore::Operation::remove(path));
    } else if (action == "update" || action == "replace") {
      if (value.is_null()) {
        throw RpcError(kInvalidParams, "command " + std::to_string(i) + ": " + action + " of \"" +
                                           path_text + "\" needs a value");
      }
      if (action == "replace") {
        operations.push_back(datastore::Operation::remove(path));
      }
      if (value.is_object()) {
        operations.push_back(datastore::Operation::mergeJson(path, value.dump()));
      } else if (value.is_array()) {
        std::vector<std::string> items;
        for (const auto& item : value) {
          items.push_back(item.is_string() ? item.get<std::string>() : item.dump());
        }
        operations.push_back(datastore::Operation::set(path, items));
      } else {
        operations.push_back(datastore::Operation::set(
            path, value.is_string() ? value.get<std::string>() : value.dump()));
      }
    } else {
      throw RpcError(kInvalidParams, "command " + std::to_string(i) + ": invalid action \"" +
                                         action + "\"; expected update, replace or delete");
    }
    if (store == "state" && action == "replace") {
      throw RpcError(kInvalidParams, "command " + std::to_string(i) +
                                         ": replace is not supported on the state datastore");
    }
  }

  if (!tools.empty() && !operations.empty()) {
    throw RpcError(kInvalidParams,
                   "a request cannot mix the tools datastore with candidate or state");
  }
  if (validate_only) {
    if (!tools.empty() || store == "state") {
      throw RpcError(kInvalidParams, "validate applies to the candidate datastore only");
    }
    datastore_.validate(operations);
    return json::array();
  }
  json results = json::array();
  for (const auto& [words, value] : tools) {
    results.push_back(datastore_.tools().run(words, value));
  }
  if (!operations.empty()) {
    auto sequence =
        store == "state" ? datastore_.writeState(operations) : datastore_.commit(operations);
    if (sequence != 0) {
      datastore_.waitForDelivery(sequence);
    }
  }
  return results;
}

json JsonRpcHandler::changes(const json& params) {
  auto number = [&](const char* name, std::uint64_t fallback) -> std::uint64_t {
    if (!params.is_object() || !params.contains(name)) {
      return fallback;
    }
    if (!params[name].is_number_unsigned()) {
      throw RpcError(kInvalidParams, std::string("\"") + name +
                                         "\" must be a non-negative integer, got " +
                                         params[name].dump());
    }
    return params[name].get<std::uint64_t>();
  };
  std::uint64_t since = number("since", 0);
  std::uint64_t max = std::clamp<std::uint64_t>(number("max", 1000), 1, 10000);
  std::uint64_t wait_ms = std::min<std::uint64_t>(number("wait-ms", 0), 30000);
  bool dropped = false;
  auto batches = journal_->since(since, max, std::chrono::milliseconds(wait_ms), dropped);
  json list = json::array();
  std::uint64_t last = since;
  for (const auto& batch : batches) {
    json changes_json = json::array();
    for (const auto& change : batch.changes) {
      json item = {{"path", change.path}, {"config", change.config}};
      if (!change.value) {
        item["deleted"] = true;
      } else if (const auto* text = std::get_if<std::string>(&*change.value)) {
        item["value"] = *text;
      } else {
        item["value"] = std::get<std::vector<std::string>>(*change.value);
      }
      changes_json.push_back(std::move(item));
    }
    auto origin = origin_ ? origin_(batch.sequence) : std::nullopt;
    list.push_back({{"sequence", batch.sequence},
                    {"time-ms", std::chrono::duration_cast<std::chrono::milliseconds>(
                                    batch.time.time_since_epoch())
                                    .count()},
                    {"origin", origin ? "event-handler:" + *origin : "external"},
                    {"changes", std::move(changes_json)}});
    last = batch.sequence;
  }
  return {{"last", last}, {"dropped", dropped}, {"batches", std::move(list)}};
}

json JsonRpcHandler::cli(const json& params) {
  const auto& commands = commandsOf(params);
  std::string format_name = stringField(params, "output-format", "text", 0);
  CliFormat format;
  if (format_name == "text" || format_name == "table") {
    format = CliFormat::kText;
  } else if (format_name == "json") {
    format = CliFormat::kJson;
  } else {
    throw RpcError(kInvalidParams,
                   "invalid output-format \"" + format_name + "\"; expected text, table or json");
  }
  CliSession session(datastore_);
  json results = json::array();
  for (std::size_t i = 0; i < commands.size(); ++i) {
    if (!commands[i].is_string()) {
      throw RpcError(kInvalidParams, "command " + std::to_string(i) + " must be a string");
    }
    std::string output;
    try {
      output = session.run(commands[i].get<std::string>(), format);
    } catch (const Error& error) {
      throw Error(error.kind(),
                  "command \"" + commands[i].get<std::string>() + "\" failed: " + error.what());
    }
    if (format == CliFormat::kJson) {
      try {
        results.push_back(output.empty() ? json::object() : json::parse(output));
        continue;
      } catch (const json::exception&) {
        // Commands without JSON output (commit, show) return their text.
      }
    }
    results.push_back({{"text", output}});
  }
  return results;
}

}  // namespace eventmgr::servers
