#include "engine/actions/action_applier.h"

#include <spdlog/spdlog.h>

#include "actions/command_runner.h"
#include "common/error.h"
#include "engine/actions/action_memory.h"
#include "path/parser.h"
#include "schema/node.h"

namespace eventmgr::engine {
namespace {

using runtime::Action;
using runtime::ActionType;

// Output of run-script kept in the history, in bytes.
constexpr std::size_t kRunScriptOutputKept = 16 * 1024;

std::string parametersText(const Action& action) {
  if (action.value) {
    return action.value->is_string() ? action.value->get<std::string>() : action.value->dump();
  }
  if (action.json_value) {
    return action.json_value->dump();
  }
  return "";
}

ActionRecord recordFor(const Action& action) {
  ActionRecord record;
  record.action = runtime::actionTypeName(action.type);
  if (action.type == ActionType::kRunScript) {
    record.target = action.cmdline;
  } else if (action.type == ActionType::kReinvokeWithDelay) {
    record.target = std::to_string(action.delay_ms);
  } else {
    record.target = action.path;
  }
  record.value = parametersText(action);
  return record;
}

// Converts a JSON scalar of a "value" parameter to the string form of a leaf value.
std::string scalarText(const nlohmann::json& value) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_boolean()) {
    return value.get<bool>() ? "true" : "false";
  }
  return value.dump();
}

datastore::Operation configOperation(const schema::Schema& schema, const Action& action) {
  auto path = path::parseConcretePath(schema, action.path);
  if (action.type == ActionType::kDeleteCfgPath) {
    return datastore::Operation::remove(std::move(path));
  }
  if (action.json_value) {
    return datastore::Operation::mergeJson(std::move(path), action.json_value->dump());
  }
  if (action.value && action.value->is_array()) {
    std::vector<std::string> items;
    for (const auto& item : *action.value) {
      items.push_back(scalarText(item));
    }
    return datastore::Operation::set(std::move(path), items);
  }
  return datastore::Operation::set(std::move(path),
                                   action.value ? scalarText(*action.value) : std::string());
}

// Checks that ACTION overrides an interface's oper-state with up or down, the only ephemeral
// change eventmgr (like SR Linux) allows, and returns the resolved path.
path::ConcretePath ephemeralPath(const schema::Schema& schema, const Action& action) {
  static const std::string kAllowed =
      "set-ephemeral-path allows only \"interface <name> oper-state\" with value up or down";
  path::ConcretePath path;
  try {
    path = path::parseConcretePath(schema, action.path);
  } catch (const Error& error) {
    throw Error(ErrorKind::kInvalidArgument, std::string(error.what()) + "; " + kAllowed);
  }
  const auto& elements = path.elements();
  bool allowed = elements.size() == 2 && elements[0].name == "interface" &&
                 elements[1].name == "oper-state";
  if (!allowed) {
    throw Error(ErrorKind::kInvalidArgument,
                "invalid ephemeral path \"" + action.path + "\"; " + kAllowed);
  }
  std::string value = action.value ? scalarText(*action.value) : "";
  if (value != "up" && value != "down") {
    throw Error(ErrorKind::kInvalidArgument, "invalid value \"" + value + "\" for \"" +
                                                 action.path + "\"; " + kAllowed);
  }
  return path;
}

class Applier {
 public:
  Applier(targets::Target& target, const std::vector<Action>& actions,
          const ApplyContext& context)
      : target_(target), actions_(actions), context_(context) {
    result_.records.reserve(actions.size());
    for (const auto& action : actions) {
      result_.records.push_back(recordFor(action));
      keys_.push_back(actionMemoryKey(target.schema(), action));
    }
  }

  ApplyResult run() {
    for (std::size_t i = 0; i < actions_.size() && !stopped(); ++i) {
      if (actions_[i].type == ActionType::kSetEphemeralPath) {
        applyOne(i, [&] { applyEphemeral(actions_[i]); });
      }
    }
    if (!stopped()) {
      applyConfigTransaction();
    }
    for (std::size_t i = 0; i < actions_.size() && !stopped(); ++i) {
      if (actions_[i].type == ActionType::kSetToolsPath) {
        applyOne(i, [&] { applyTools(actions_[i]); });
      } else if (actions_[i].type == ActionType::kRunScript) {
        applyOne(i, [&] { applyRunScript(i); });
      }
    }
    for (std::size_t i = 0; i < actions_.size() && !stopped(); ++i) {
      if (actions_[i].type == ActionType::kReinvokeWithDelay) {
        // The last reinvoke of an output wins; it is never skipped by the always-execute rule.
        result_.reinvoke_delay_ms = actions_[i].delay_ms;
        result_.records[i].result = context_.dry_run ? ActionResult::kDryRun : ActionResult::kExecuted;
        result_.records[i].detail = context_.dry_run ? "armed: the timer still runs in dry-run" : "";
      }
    }
    return std::move(result_);
  }

 private:
  bool stopped() const { return result_.failure_reason.has_value(); }

  bool skip(std::size_t index) {
    if (actions_[index].always_execute || context_.previous_memory == nullptr ||
        context_.previous_memory->count(keys_[index]) == 0) {
      return false;
    }
    result_.records[index].result = ActionResult::kSkipped;
    result_.records[index].detail = "identical to an action of the previous execution";
    result_.memory.insert(keys_[index]);
    ++result_.skipped;
    return true;
  }

  template <typename Apply>
  void applyOne(std::size_t index, Apply apply) {
    if (skip(index)) {
      return;
    }
    if (context_.dry_run) {
      result_.records[index].result = ActionResult::kDryRun;
      return;
    }
    auto start = std::chrono::steady_clock::now();
    try {
      apply();
      if (result_.records[index].result != ActionResult::kDryRun) {
        result_.records[index].result = ActionResult::kExecuted;
        ++result_.executed;
      }
      result_.memory.insert(keys_[index]);
    } catch (const Error& error) {
      fail(index, error.what());
    }
    result_.records[index].duration_us = std::chrono::duration_cast<std::chrono::microseconds>(
                                             std::chrono::steady_clock::now() - start)
                                             .count();
  }

  void fail(std::size_t index, const std::string& detail) {
    auto& record = result_.records[index];
    record.result = ActionResult::kFailed;
    // Output a run-script printed before failing follows the error.
    record.detail = record.detail.empty() ? detail : detail + "\noutput:\n" + record.detail;
    ++result_.failed;
    result_.failure_detail = std::string(runtime::actionTypeName(actions_[index].type)) + " \"" +
                             result_.records[index].target + "\": " + detail;
    switch (actions_[index].type) {
      case ActionType::kSetEphemeralPath:
        result_.failure_reason = "ephemeral-action-failed";
        break;
      case ActionType::kSetCfgPath:
      case ActionType::kDeleteCfgPath:
        result_.failure_reason = "cfg-action-failed";
        break;
      case ActionType::kSetToolsPath:
        result_.failure_reason = "tools-action-failed";
        break;
      case ActionType::kRunScript:
      case ActionType::kReinvokeWithDelay:
        result_.failure_reason = "script-action-failed";
        break;
    }
  }

  void applyEphemeral(const Action& action) {
    auto path = ephemeralPath(target_.schema(), action);
    result_.sequences.push_back(
        target_.setEphemeral(context_.instance, path, scalarText(*action.value)));
  }

  void applyConfigTransaction() {
    std::vector<std::size_t> members;
    std::vector<datastore::Operation> operations;
    for (std::size_t i = 0; i < actions_.size(); ++i) {
      auto type = actions_[i].type;
      if (type != ActionType::kSetCfgPath && type != ActionType::kDeleteCfgPath) {
        continue;
      }
      if (skip(i)) {
        continue;
      }
      if (context_.dry_run) {
        result_.records[i].result = ActionResult::kDryRun;
        continue;
      }
      try {
        operations.push_back(configOperation(target_.schema(), actions_[i]));
        members.push_back(i);
      } catch (const Error& error) {
        fail(i, error.what());
        return;
      }
    }
    if (operations.empty()) {
      return;
    }
    auto start = std::chrono::steady_clock::now();
    try {
      result_.sequences.push_back(target_.commitConfig(operations));
    } catch (const Error& error) {
      // The transaction is atomic, so every member failed together; the detail is the
      // datastore's message, which names the path and the constraint.
      for (auto index : members) {
        result_.records[index].result = ActionResult::kFailed;
        result_.records[index].detail = error.what();
      }
      ++result_.failed;
      result_.failure_reason = "cfg-action-failed";
      result_.failure_detail = std::string("configuration transaction failed: ") + error.what();
      return;
    }
    auto duration = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    for (auto index : members) {
      result_.records[index].result = ActionResult::kExecuted;
      result_.records[index].duration_us = duration;
      result_.memory.insert(keys_[index]);
      ++result_.executed;
    }
  }

  void applyTools(const Action& action) {
    std::string value;
    if (action.json_value) {
      value = action.json_value->dump();
    } else if (action.value) {
      value = scalarText(*action.value);
    }
    target_.runTools(action.path, value);
  }

  void applyRunScript(std::size_t index) {
    const auto& action = actions_[index];
    auto& record = result_.records[index];
    if (!context_.run_scripts) {
      record.result = ActionResult::kDryRun;
      record.detail = "recorded, not run: run-script is off in offline tests";
      return;
    }
    actions::CommandRequest request;
    request.cmdline = action.cmdline;
    request.working_dir = context_.script_dir;
    request.timeout = context_.run_script_timeout;
    request.user = context_.run_as_user;
    request.max_output_bytes = kRunScriptOutputKept;
    auto outcome = actions::runCommand(request);
    record.detail = outcome.output;
    if (outcome.dropped_bytes > 0) {
      record.detail += "\n[output truncated: " + std::to_string(outcome.dropped_bytes) +
                       " more bytes not kept]";
    }
    if (!outcome.started) {
      throw Error(ErrorKind::kUnavailable,
                  "command \"" + action.cmdline + "\" could not start: " + outcome.error);
    }
    if (outcome.timed_out) {
      throw Error(ErrorKind::kUnavailable,
                  "command \"" + action.cmdline + "\" timed out after " +
                      std::to_string(context_.run_script_timeout.count()) + " ms and was killed");
    }
    if (outcome.exit_status != 0) {
      throw Error(ErrorKind::kUnavailable, "command \"" + action.cmdline +
                                               "\" exited with status " +
                                               std::to_string(outcome.exit_status));
    }
  }

  targets::Target& target_;
  const std::vector<Action>& actions_;
  const ApplyContext& context_;
  std::vector<std::string> keys_;
  ApplyResult result_;
};

}  // namespace

ApplyResult applyActions(targets::Target& target, const std::vector<Action>& actions,
                         const ApplyContext& context) {
  return Applier(target, actions, context).run();
}

}  // namespace eventmgr::engine
