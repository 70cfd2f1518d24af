#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace eventmgr::engine {

//! Outcome of one action of an execution, as kept in the execution history.
enum class ActionResult {
  kExecuted,     //!< applied successfully
  kSkipped,      //!< identical to an action of the previous execution, without always-execute
  kFailed,       //!< applied and failed; it stopped the remaining actions
  kNotExecuted,  //!< not attempted because an earlier action failed
  kDryRun,       //!< computed but not applied because the instance is in dry-run mode
};

//! Returns the name used in state and in the CLI: executed, skipped, failed, not-executed, dry-run.
const char* actionResultName(ActionResult result);

//! Parses a name produced by actionResultName; throws Error for anything else.
ActionResult parseActionResult(const std::string& name);

//! One action of an execution with its result.
struct ActionRecord {
  std::string action;  //!< action name, e.g. "set-cfg-path"
  std::string target;  //!< the path, the command line, or the delay in ms for reinvoke
  std::string value;   //!< value or json-value as given by the script; empty when none
  ActionResult result = ActionResult::kNotExecuted;
  std::string detail;  //!< error text for failures, run-script output (bounded) otherwise
  std::int64_t duration_us = 0;
};

//! One execution of an instance: what triggered it, what the script saw, returned and did.
struct ExecutionRecord {
  std::int64_t id = 0;  //!< increasing per store; assigned by appendExecution
  std::string instance;
  std::string trigger;                     //!< start, change, reinvoke or reload
  std::vector<std::string> changed_paths;  //!< concrete CLI paths whose change caused it
  std::string start_time;                  //!< RFC 3339 with milliseconds, UTC
  std::string end_time;
  std::int64_t upython_duration_us = 0;
  std::string input;
  std::string output;
  std::string stdout_stderr;
  std::optional<std::string> oper_down_reason;  //!< set only when the execution failed
  std::string oper_down_reason_detail;
  std::vector<ActionRecord> actions;
};

}  // namespace eventmgr::engine
