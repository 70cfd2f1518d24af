#include "engine/store/execution_record.h"

#include "common/error.h"

namespace eventmgr::engine {

const char* actionResultName(ActionResult result) {
  switch (result) {
    case ActionResult::kExecuted:
      return "executed";
    case ActionResult::kSkipped:
      return "skipped";
    case ActionResult::kFailed:
      return "failed";
    case ActionResult::kNotExecuted:
      return "not-executed";
    case ActionResult::kDryRun:
      return "dry-run";
  }
  return "not-executed";
}

ActionResult parseActionResult(const std::string& name) {
  for (auto result : {ActionResult::kExecuted, ActionResult::kSkipped, ActionResult::kFailed,
                      ActionResult::kNotExecuted, ActionResult::kDryRun}) {
    if (name == actionResultName(result)) {
      return result;
    }
  }
  throw Error(ErrorKind::kInvalidArgument,
              "invalid action result \"" + name +
                  "\"; expected executed, skipped, failed, not-executed or dry-run");
}

}  // namespace eventmgr::engine
