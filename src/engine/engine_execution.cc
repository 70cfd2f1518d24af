// Engine::execute: one execution of an instance, from snapshot to published state.

#include <spdlog/spdlog.h>

#include <algorithm>
#include <unordered_set>

#include "common/error.h"
#include "common/utf8.h"
#include "engine/actions/action_applier.h"
#include "engine/engine.h"
#include "engine/input/script_input.h"
#include "engine/instance.h"
#include "engine/time_format.h"
#include "runtime/output.h"

namespace eventmgr::engine {
namespace {

// Builds the "paths" entries: every configured pattern in order, leaves in natural key order,
// each leaf once.
std::vector<InputEntry> readSnapshot(targets::Target& target,
                                     const std::vector<path::Pattern>& patterns) {
  std::vector<InputEntry> entries;
  std::unordered_set<path::ConcretePath, path::ConcretePathHash> seen;
  for (const auto& pattern : patterns) {
    auto leaves = target.read(pattern);
    std::sort(leaves.begin(), leaves.end(),
              [](const auto& left, const auto& right) { return left.path < right.path; });
    for (auto& leaf : leaves) {
      if (const auto* items = std::get_if<std::vector<std::string>>(&leaf.value);
          items != nullptr && items->empty()) {
        continue;
      }
      if (!seen.insert(leaf.path).second) {
        continue;
      }
      entries.push_back(InputEntry{leaf.path.toCli(), std::move(leaf.value)});
    }
  }
  return entries;
}

}  // namespace

void Engine::execute(const std::shared_ptr<Instance>& instance, Trigger trigger,
                     std::uint64_t generation) {
  InstanceConfig config;
  std::vector<path::Pattern> patterns;
  std::vector<std::string> schemas;
  std::set<std::string> memory;
  std::string run_as_user;
  {
    std::shared_lock lock(mutex_);
    run_as_user = run_as_user_;
  }
  {
    std::lock_guard lock(instance->mutex);
    if (instance->generation != generation || !instance->enabled || !running_.load()) {
      instance->gate.finished();
      return;
    }
    config = instance->config;
    patterns = instance->patterns;
    schemas = instance->schemas;
    memory = instance->action_memory;

    // Loop protection: count executions that the instance's own actions triggered.
    bool self_triggered =
        trigger.kind == TriggerKind::kChange &&
        std::any_of(trigger.batch_sequences.begin(), trigger.batch_sequences.end(),
                    [&](std::uint64_t sequence) { return isOwnSequence(sequence, instance->id); });
    auto now = clock_.now();
    while (!instance->self_triggers.empty() &&
           now - instance->self_triggers.front() > options_.loop_window) {
      instance->self_triggers.pop_front();
    }
    if (self_triggered) {
      instance->self_triggers.push_back(now);
    }
    if (instance->self_triggers.size() > options_.loop_budget) {
      instance->loop_stopped = true;
      instance->enabled = false;
      ++instance->generation;
      cancelReinvokeLocked(*instance);
      instance->status.oper_state = "down";
      instance->status.oper_down_reason = "system-error";
      instance->status.oper_down_reason_detail =
          "stopped by loop protection: the instance's own actions re-triggered it more than " +
          std::to_string(options_.loop_budget) + " times within " +
          std::to_string(options_.loop_window.count()) +
          " ms; fix the script, then reload the instance";
    }
  }
  if (instance->loop_stopped) {
    spdlog::warn("instance {} is down: system-error: loop protection stopped it", config.name);
    instance->gate.reset();
    {
      std::unique_lock lock(mutex_);
      index_.remove(instance->id);
    }
    publishState(*instance);
    instance->gate.finished();
    return;
  }

  ExecutionRecord record;
  record.instance = config.name;
  record.trigger = triggerKindName(trigger.kind);
  record.changed_paths = trigger.changed_paths;
  record.start_time = formatTimestamp(clock_.wallNow());

  // Input: the whole current snapshot, options and stored persistent-data.
  ScriptInput input;
  input.schemas = schemas;
  input.options = config.options;
  try {
    input.paths = readSnapshot(target_, patterns);
    input.persistent_data = store_.persistentData(config.name);
  } catch (const Error& error) {
    record.oper_down_reason = "system-error";
    record.oper_down_reason_detail = std::string("reading the snapshot failed: ") + error.what();
  }
  record.input = renderScriptInput(input);

  // Script call.
  std::optional<runtime::ScriptOutput> output;
  std::filesystem::path script_dir;
  bool timed_out = false;
  if (!record.oper_down_reason) {
    runtime::ExecutionRequest request;
    request.script_name = config.script;
    request.script_dirs = options_.script_dirs;
    request.input = record.input;
    request.heap_bytes = config.upython_heap_bytes;
    request.timeout = config.upython_timeout;
    if (options_.virtual_script_time) {
      request.virtual_now_us =
          std::chrono::duration_cast<std::chrono::microseconds>(clock_.wallNow().time_since_epoch())
              .count();
    }
    runtime::ExecutionResult result;
    try {
      result = runner_.execute(request);
    } catch (const Error& error) {
      result.status = runtime::ExecutionStatus::kScriptUnavailable;
      result.detail = error.what();
    }
    // Scripts can print and return bytes that are not UTF-8 (MicroPython encodes a lone
    // surrogate as such); state, history and JSON need valid text.
    record.output = toValidUtf8(result.output);
    record.stdout_stderr = toValidUtf8(result.stdout_stderr);
    record.upython_duration_us = static_cast<std::int64_t>(result.duration_us);
    script_dir = result.script_path.parent_path();
    if (result.status == runtime::ExecutionStatus::kSuccess) {
      auto parsed = runtime::parseOutput(result.output);
      if (parsed.ok()) {
        output = std::move(parsed.output);
      } else {
        record.oper_down_reason = "script-error";
        record.oper_down_reason_detail = toValidUtf8(parsed.error);
      }
    } else {
      record.oper_down_reason = runtime::executionStatusName(result.status);
      record.oper_down_reason_detail = toValidUtf8(result.detail);
      timed_out = result.status == runtime::ExecutionStatus::kTimeout;
    }
    // NOTE: on a virtual clock a script's time.sleep moves only the script's own time
    // (result.slept_us); the engine's clock is moved by the scenario runner.
  }

  // Actions, persistent-data and the reinvoke timer.
  ApplyResult applied;
  if (output) {
    ApplyContext context;
    context.instance = config.name;
    context.script_dir = script_dir;
    context.run_script_timeout = config.run_script_timeout;
    context.run_as_user = run_as_user;
    context.dry_run = config.dry_run;
    context.run_scripts = options_.run_scripts;
    context.previous_memory = &memory;
    applied = applyActions(target_, output->actions, context);
    for (auto sequence : applied.sequences) {
      rememberOwnSequence(sequence, instance->id);
    }
    record.actions = applied.records;
    for (auto& action : record.actions) {
      action.target = toValidUtf8(action.target);
      action.value = toValidUtf8(action.value);
      action.detail = toValidUtf8(action.detail);
    }
    if (applied.failure_reason) {
      record.oper_down_reason = applied.failure_reason;
      record.oper_down_reason_detail = toValidUtf8(applied.failure_detail);
    }
    try {
      if (output->persistent_data_change == runtime::PersistentDataChange::kReplace) {
        store_.setPersistentData(config.name, output->persistent_data_text);
      } else if (output->persistent_data_change == runtime::PersistentDataChange::kClear) {
        store_.setPersistentData(config.name, std::nullopt);
      }
    } catch (const Error& error) {
      spdlog::error("instance {}: storing persistent-data failed: {}", config.name, error.what());
    }
    if (applied.reinvoke_delay_ms) {
      armReinvoke(instance, std::chrono::milliseconds(*applied.reinvoke_delay_ms));
    }
  }
  record.end_time = formatTimestamp(clock_.wallNow());

  try {
    record.id = store_.appendExecution(record, config.history_size);
  } catch (const Error& error) {
    spdlog::error("instance {}: storing the execution history failed: {}", config.name,
                  error.what());
  }

  // Status and statistics.
  bool stale;
  {
    std::lock_guard lock(instance->mutex);
    stale = instance->generation != generation;
    auto& statistics = instance->status.statistics;
    ++statistics.execution_count;
    statistics.upython_duration_us += static_cast<std::uint64_t>(record.upython_duration_us);
    statistics.actions_executed += applied.executed;
    statistics.actions_skipped += applied.skipped;
    statistics.actions_failed += applied.failed;
    if (!record.oper_down_reason) {
      ++statistics.execution_successes;
    } else if (timed_out) {
      ++statistics.execution_timeouts;
    } else {
      ++statistics.execution_errors;
    }
    instance->status.last_execution = record;
    if (record.oper_down_reason) {
      instance->status.last_errored_execution = record;
    }
    if (output) {
      instance->action_memory = std::move(applied.memory);
    }
    if (!stale) {
      instance->status.oper_down_reason.reset();
      instance->status.oper_down_reason_detail.clear();
      if (record.oper_down_reason) {
        instance->status.oper_state = "down";
      } else if (instance->reinvoke_timer) {
        instance->status.oper_state = "waiting";
      } else {
        instance->status.oper_state = "up";
      }
    }
  }

  if (record.oper_down_reason) {
    spdlog::warn("instance {}: execution failed: {}: {}", config.name, *record.oper_down_reason,
                 record.oper_down_reason_detail);
  } else {
    spdlog::debug("instance {}: {} execution finished with {} actions in {} us", config.name,
                  record.trigger, record.actions.size(), record.upython_duration_us);
  }
  if (stale) {
    // The instance was disabled or deleted meanwhile: undo overrides this execution may have
    // set after the stop removed them.
    try {
      target_.clearEphemeral(config.name);
    } catch (const Error& error) {
      spdlog::warn("instance {}: removing its ephemeral overrides failed: {}", config.name,
                   error.what());
    }
  }
  publishState(*instance);
  instance->gate.finished();
}

}  // namespace eventmgr::engine
