#include "runtime/output.h"

#include <set>

namespace eventmgr::runtime {
namespace {

struct ActionSpec {
  ActionType type;
  const char* name;
};

constexpr ActionSpec kActionSpecs[] = {
    {ActionType::kSetEphemeralPath, "set-ephemeral-path"},
    {ActionType::kSetCfgPath, "set-cfg-path"},
    {ActionType::kDeleteCfgPath, "delete-cfg-path"},
    {ActionType::kSetToolsPath, "set-tools-path"},
    {ActionType::kRunScript, "run-script"},
    {ActionType::kReinvokeWithDelay, "reinvoke-with-delay"},
};

// Thrown inside this file only and turned into OutputParseResult::error.
struct OutputError {
  std::string message;
};

std::string jsonTypeName(const nlohmann::json& value) {
  return value.type_name();
}

// Returns VALUE abbreviated to about 80 characters, for messages.
std::string excerpt(const nlohmann::json& value) {
  std::string text = value.dump();
  if (text.size() > 80) {
    text = text.substr(0, 77) + "...";
  }
  return text;
}

class ActionParser {
 public:
  ActionParser(std::size_t index, const std::string& name, const nlohmann::json& parameters)
      : index_(index), name_(name), parameters_(parameters) {}

  [[noreturn]] void fail(const std::string& message) const {
    throw OutputError{"action " + std::to_string(index_) + " (" + name_ + "): " + message};
  }

  void requireObject() const {
    if (!parameters_.is_object()) {
      fail("parameters must be an object, got " + jsonTypeName(parameters_) + " " +
           excerpt(parameters_));
    }
  }

  // Rejects parameter names outside ALLOWED.
  void allowOnly(std::initializer_list<const char*> allowed) const {
    for (const auto& [key, value] : parameters_.items()) {
      bool known = false;
      for (const char* name : allowed) {
        known = known || key == name;
      }
      if (!known) {
        std::string expected;
        for (const char* name : allowed) {
          expected += (expected.empty() ? "" : ", ") + std::string(name);
        }
        fail("unknown parameter \"" + key + "\"; expected " + expected);
      }
    }
  }

  std::string requiredString(const char* key) const {
    auto found = parameters_.find(key);
    if (found == parameters_.end()) {
      fail(std::string("missing parameter \"") + key + "\"");
    }
    if (!found->is_string()) {
      fail(std::string("parameter \"") + key + "\" must be a string, got " + jsonTypeName(*found) +
           " " + excerpt(*found));
    }
    std::string text = found->get<std::string>();
    if (text.find_first_not_of(" \t") == std::string::npos) {
      fail(std::string("parameter \"") + key + "\" must not be empty");
    }
    return text;
  }

  bool alwaysExecute() const {
    auto found = parameters_.find("always-execute");
    if (found == parameters_.end()) {
      return false;
    }
    if (!found->is_boolean()) {
      fail("parameter \"always-execute\" must be true or false, got " + jsonTypeName(*found) + " " +
           excerpt(*found));
    }
    return found->get<bool>();
  }

  // Reads "value" or "json-value" (exactly one of them) into ACTION.
  void valueOrJsonValue(Action& action, bool allow_string_array) const {
    auto value = parameters_.find("value");
    auto json_value = parameters_.find("json-value");
    bool has_value = value != parameters_.end();
    bool has_json_value = json_value != parameters_.end();
    if (has_value && has_json_value) {
      fail("give either \"value\" or \"json-value\", not both");
    }
    if (!has_value && !has_json_value) {
      fail("missing parameter \"value\" or \"json-value\"");
    }
    if (has_json_value) {
      action.json_value = *json_value;
      return;
    }
    checkScalar(*value, allow_string_array);
    action.value = *value;
  }

  void checkScalar(const nlohmann::json& value, bool allow_string_array) const {
    if (value.is_string() || value.is_number() || value.is_boolean()) {
      return;
    }
    if (allow_string_array && value.is_array()) {
      for (const auto& item : value) {
        if (!item.is_string()) {
          fail("parameter \"value\" given as a list must hold strings only, got " +
               jsonTypeName(item) + " " + excerpt(item));
        }
      }
      return;
    }
    fail(std::string("parameter \"value\" must be a string, number or boolean") +
         (allow_string_array ? " or a list of strings" : "") + ", got " + jsonTypeName(value) +
         " " + excerpt(value));
  }

  const nlohmann::json& parameters() const { return parameters_; }

 private:
  std::size_t index_;
  std::string name_;
  const nlohmann::json& parameters_;
};

Action parseAction(std::size_t index, const nlohmann::json& item) {
  if (!item.is_object()) {
    throw OutputError{"action " + std::to_string(index) + " must be an object with one key, got " +
                      jsonTypeName(item) + " " + excerpt(item)};
  }
  if (item.size() != 1) {
    throw OutputError{"action " + std::to_string(index) +
                      " must have exactly one key (the action name), got " +
                      std::to_string(item.size()) + ": " + excerpt(item)};
  }
  const std::string& name = item.begin().key();
  const nlohmann::json& parameters = item.begin().value();
  ActionParser parser(index, name, parameters);

  Action action;
  bool known = false;
  for (const auto& spec : kActionSpecs) {
    if (name == spec.name) {
      action.type = spec.type;
      known = true;
    }
  }
  if (!known) {
    throw OutputError{"action " + std::to_string(index) + ": unknown action \"" + name +
                      "\"; expected set-ephemeral-path, set-cfg-path, delete-cfg-path, "
                      "set-tools-path, run-script or reinvoke-with-delay"};
  }

  switch (action.type) {
    case ActionType::kSetEphemeralPath:
      parser.requireObject();
      parser.allowOnly({"path", "value", "always-execute"});
      action.path = parser.requiredString("path");
      if (!parameters.contains("value")) {
        parser.fail("missing parameter \"value\"");
      }
      parser.checkScalar(parameters.at("value"), false);
      action.value = parameters.at("value");
      action.always_execute = parser.alwaysExecute();
      break;
    case ActionType::kSetCfgPath:
    case ActionType::kSetToolsPath:
      parser.requireObject();
      parser.allowOnly({"path", "value", "json-value", "always-execute"});
      action.path = parser.requiredString("path");
      parser.valueOrJsonValue(action, action.type == ActionType::kSetCfgPath);
      action.always_execute = parser.alwaysExecute();
      break;
    case ActionType::kDeleteCfgPath:
      parser.requireObject();
      parser.allowOnly({"path", "always-execute"});
      action.path = parser.requiredString("path");
      action.always_execute = parser.alwaysExecute();
      break;
    case ActionType::kRunScript:
      parser.requireObject();
      parser.allowOnly({"cmdline", "always-execute"});
      action.cmdline = parser.requiredString("cmdline");
      action.always_execute = parser.alwaysExecute();
      break;
    case ActionType::kReinvokeWithDelay:
      if (!parameters.is_number_integer() && !parameters.is_number_unsigned()) {
        parser.fail("the delay must be an integer number of milliseconds, got " +
                    jsonTypeName(parameters) + " " + excerpt(parameters));
      }
      if (parameters.is_number_unsigned()
              ? parameters.get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxReinvokeDelayMs)
              : (parameters.get<std::int64_t>() < 0 ||
                 parameters.get<std::int64_t>() > kMaxReinvokeDelayMs)) {
        parser.fail("delay " + parameters.dump() + " ms is out of range; expected 0.." +
                    std::to_string(kMaxReinvokeDelayMs));
      }
      action.delay_ms = parameters.get<std::int64_t>();
      break;
  }
  return action;
}

ScriptOutput parseDocument(const nlohmann::json& document) {
  if (!document.is_object()) {
    throw OutputError{"output must be a JSON object, got " + jsonTypeName(document) + " " +
                      excerpt(document)};
  }
  ScriptOutput output;
  if (auto actions = document.find("actions"); actions != document.end()) {
    if (!actions->is_array()) {
      throw OutputError{"\"actions\" must be a list, got " + jsonTypeName(*actions) + " " +
                        excerpt(*actions)};
    }
    std::size_t index = 0;
    for (const auto& item : *actions) {
      output.actions.push_back(parseAction(index++, item));
    }
  }
  if (auto data = document.find("persistent-data"); data != document.end()) {
    if (data->is_null()) {
      output.persistent_data_change = PersistentDataChange::kClear;
    } else {
      std::size_t size = data->dump().size();
      if (size > kMaxPersistentDataBytes) {
        throw OutputError{"\"persistent-data\" is " + std::to_string(size) +
                          " bytes as JSON, more than the limit of " +
                          std::to_string(kMaxPersistentDataBytes) + " bytes"};
      }
      output.persistent_data_change = PersistentDataChange::kReplace;
      output.persistent_data = *data;
    }
  }
  return output;
}

// Quotes TEXT for CLI notation when it is empty or contains blanks, quotes or backslashes.
std::string quote(const std::string& text) {
  if (!text.empty() && text.find_first_of(" \t\"\\") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
    }
    quoted += c;
  }
  return quoted + "\"";
}

std::string formatValue(const nlohmann::json& value) {
  if (value.is_string()) {
    return quote(value.get<std::string>());
  }
  if (value.is_array()) {
    std::string list = "[";
    for (const auto& item : value) {
      list += (list.size() > 1 ? " " : "") + quote(item.get<std::string>());
    }
    return list + "]";
  }
  return value.dump();
}

// Returns true when OUTPUT nests arrays and objects deeper than kMaxOutputDepth. Brackets
// inside strings do not count. Malformed JSON is left to the parser.
bool nestsTooDeep(std::string_view output) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < output.size(); ++i) {
    char c = output[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxOutputDepth) {
        return true;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

}  // namespace

const char* actionTypeName(ActionType type) {
  for (const auto& spec : kActionSpecs) {
    if (spec.type == type) {
      return spec.name;
    }
  }
  return "unknown";
}

OutputParseResult parseOutput(std::string_view output) {
  OutputParseResult result;
  if (nestsTooDeep(output)) {
    result.error = "output nests arrays and objects deeper than " +
                   std::to_string(kMaxOutputDepth) + " levels";
    return result;
  }
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(output);
  } catch (const nlohmann::json::parse_error& error) {
    result.error = std::string("output is not valid JSON: ") + error.what();
    return result;
  }
  try {
    result.output = parseDocument(document);
  } catch (const OutputError& error) {
    result.error = error.message;
    return result;
  }
  if (result.output->persistent_data_change == PersistentDataChange::kReplace) {
    // nlohmann::json sorts object keys; a second parse that keeps the order hands the script
    // back exactly the value it returned.
    auto ordered = nlohmann::ordered_json::parse(output);
    result.output->persistent_data_text = ordered["persistent-data"].dump(
        -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  }
  return result;
}

std::string formatAction(const Action& action) {
  std::string text = actionTypeName(action.type);
  switch (action.type) {
    case ActionType::kRunScript:
      text += " cmdline " + quote(action.cmdline);
      break;
    case ActionType::kReinvokeWithDelay:
      text += " " + std::to_string(action.delay_ms);
      break;
    default:
      text += " " + quote(action.path);
      if (action.value) {
        text += " value " + formatValue(*action.value);
      }
      if (action.json_value) {
        text += " json-value " + action.json_value->dump();
      }
      break;
  }
  if (action.always_execute) {
    text += " always-execute true";
  }
  return text;
}

nlohmann::json actionToJson(const Action& action) {
  nlohmann::json parameters = nlohmann::json::object();
  switch (action.type) {
    case ActionType::kRunScript:
      parameters["cmdline"] = action.cmdline;
      break;
    case ActionType::kReinvokeWithDelay:
      return nlohmann::json{{actionTypeName(action.type), action.delay_ms}};
    default:
      parameters["path"] = action.path;
      if (action.value) {
        parameters["value"] = *action.value;
      }
      if (action.json_value) {
        parameters["json-value"] = *action.json_value;
      }
      break;
  }
  if (action.always_execute) {
    parameters["always-execute"] = true;
  }
  return nlohmann::json{{actionTypeName(action.type), parameters}};
}

}  // namespace eventmgr::runtime
