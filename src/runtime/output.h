#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eventmgr::runtime {

//! Largest JSON encoding of persistent-data, in bytes; a larger value is a script-error.
inline constexpr std::size_t kMaxPersistentDataBytes = 1024 * 1024;
//! Deepest nesting of arrays and objects accepted in an output. Rendering and comparing JSON
//! recurses once per level, so deeper outputs could exhaust the caller's stack.
inline constexpr std::size_t kMaxOutputDepth = 512;
//! Largest delay of reinvoke-with-delay, in milliseconds (24 hours).
inline constexpr std::int64_t kMaxReinvokeDelayMs = 86'400'000;

//! The six actions a script may return.
enum class ActionType {
  kSetEphemeralPath,
  kSetCfgPath,
  kDeleteCfgPath,
  kSetToolsPath,
  kRunScript,
  kReinvokeWithDelay,
};

//! Returns the name of TYPE as scripts write it ("set-ephemeral-path", ...).
const char* actionTypeName(ActionType type);

//! One action of a script's output, validated for shape and types. Paths are kept as the script
//! wrote them (CLI notation); the engine resolves them against the schema.
struct Action {
  ActionType type = ActionType::kSetEphemeralPath;
  //! set-ephemeral-path, set-cfg-path, delete-cfg-path, set-tools-path.
  std::string path;
  //! "value": a string, number or boolean; for set-cfg-path also an array of strings (sets a
  //! leaf-list, an eventmgr extension). Absent when json_value is used or not applicable.
  std::optional<nlohmann::json> value;
  //! "json-value": any JSON value (set-cfg-path, set-tools-path).
  std::optional<nlohmann::json> json_value;
  //! run-script.
  std::string cmdline;
  //! reinvoke-with-delay, in milliseconds, 0..kMaxReinvokeDelayMs.
  std::int64_t delay_ms = 0;
  //! Execute even when the previous execution ran the identical action (default false).
  bool always_execute = false;

  bool operator==(const Action&) const = default;
};

//! Change that a valid output makes to the stored persistent-data.
enum class PersistentDataChange {
  kKeep,     //!< the output has no "persistent-data" key
  kClear,    //!< "persistent-data": null
  kReplace,  //!< any other value
};

struct ScriptOutput {
  std::vector<Action> actions;
  PersistentDataChange persistent_data_change = PersistentDataChange::kKeep;
  nlohmann::json persistent_data;  //!< the new value when kReplace
  //! The new value as compact JSON with the script's key order, which is what the next
  //! execution receives; set when kReplace.
  std::string persistent_data_text;
};

//! Result of parseOutput: either OUTPUT or ERROR (the script-error detail) is set.
struct OutputParseResult {
  std::optional<ScriptOutput> output;
  std::string error;

  bool ok() const { return output.has_value(); }
};

//! Parse and validate the string returned by event_handler_main. Never throws for bad output.
//! Every malformed case gives an error that names the offending action by index and the value
//! expected: not JSON, not an object, "actions" not a list, an action with zero or several keys,
//! an unknown action or parameter, a missing or mistyped parameter, a delay out of range,
//! persistent-data above kMaxPersistentDataBytes, or nesting deeper than kMaxOutputDepth.
//! Unknown top-level keys are ignored.
OutputParseResult parseOutput(std::string_view output);

//! Render ACTION in eventmgr's CLI notation: the action name, the path or command, then its
//! parameters, for example
//! `set-ephemeral-path "interface ethernet-1/1 oper-state" value down`.
std::string formatAction(const Action& action);

//! Render ACTION as the JSON object a script would return for it.
nlohmann::json actionToJson(const Action& action);

}  // namespace eventmgr::runtime
