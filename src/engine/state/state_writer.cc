#include "engine/state/state_writer.h"

#include "common/error.h"
#include "path/parser.h"
#include "path/tokenizer.h"

namespace eventmgr::engine {
namespace {

using datastore::Operation;

}  // namespace

path::ConcretePath StateWriter::instancePath(const std::string& name) const {
  return path::parseConcretePath(schema_,
                                 "system event-handler instance " + path::quoteValue(name));
}

path::ConcretePath StateWriter::childPath(const path::ConcretePath& parent,
                                          const std::string& name) const {
  const lysc_node* node = schema_.findChild(parent.schemaNode(), name);
  if (node == nullptr) {
    throw Error(ErrorKind::kInternal, "the schema has no node " + name + " under " +
                                          parent.toCli() +
                                          "; the event-handler YANG is incomplete");
  }
  return parent.child(path::PathElement{node, name, {}});
}

void StateWriter::writeExecution(std::vector<Operation>& operations,
                                 const path::ConcretePath& container,
                                 const std::optional<ExecutionRecord>& record,
                                 const std::optional<std::string>& reason,
                                 const std::string& detail) const {
  auto leaf = [&](const char* name) { return childPath(container, name); };
  if (!record) {
    operations.push_back(Operation::remove(container));
    if (reason) {
      operations.push_back(Operation::set(leaf("oper-down-reason"), *reason));
      operations.push_back(Operation::set(leaf("oper-down-reason-detail"), detail));
    }
    return;
  }
  if (reason) {
    operations.push_back(Operation::set(leaf("oper-down-reason"), *reason));
    operations.push_back(Operation::set(leaf("oper-down-reason-detail"), detail));
  } else if (record->oper_down_reason) {
    operations.push_back(Operation::set(leaf("oper-down-reason"), *record->oper_down_reason));
    operations.push_back(
        Operation::set(leaf("oper-down-reason-detail"), record->oper_down_reason_detail));
  } else {
    operations.push_back(Operation::remove(leaf("oper-down-reason")));
    operations.push_back(Operation::remove(leaf("oper-down-reason-detail")));
  }
  operations.push_back(Operation::set(leaf("start-time"), record->start_time));
  operations.push_back(Operation::set(leaf("end-time"), record->end_time));
  operations.push_back(
      Operation::set(leaf("upython-duration"), std::to_string(record->upython_duration_us)));
  operations.push_back(Operation::set(leaf("input"), record->input));
  operations.push_back(Operation::set(leaf("output"), record->output));
  operations.push_back(Operation::set(leaf("stdout-stderr"), record->stdout_stderr));
}

std::vector<Operation> StateWriter::write(const std::string& name,
                                          const InstanceStatus& status) const {
  std::vector<Operation> operations;
  auto instance = instancePath(name);
  operations.push_back(Operation::set(childPath(instance, "oper-state"), status.oper_state));
  writeExecution(operations, childPath(instance, "last-execution"), status.last_execution,
                 status.oper_down_reason, status.oper_down_reason_detail);
  writeExecution(operations, childPath(instance, "last-errored-execution"),
                 status.last_errored_execution, std::nullopt, "");

  auto statistics = childPath(instance, "statistics");
  const auto& counters = status.statistics;
  auto counter = [&](const char* leaf, std::uint64_t value) {
    operations.push_back(Operation::set(childPath(statistics, leaf), std::to_string(value)));
  };
  counter("upython-duration", counters.upython_duration_us / 1000);
  counter("execution-count", counters.execution_count);
  counter("execution-successes", counters.execution_successes);
  counter("execution-timeouts", counters.execution_timeouts);
  counter("execution-errors", counters.execution_errors);
  counter("events-received", counters.events_received);
  counter("events-coalesced", counters.events_coalesced);
  counter("actions-executed", counters.actions_executed);
  counter("actions-skipped", counters.actions_skipped);
  counter("actions-failed", counters.actions_failed);
  counter("reinvocations", counters.reinvocations);
  return operations;
}

std::vector<Operation> StateWriter::remove(const std::string& name) const {
  auto instance = instancePath(name);
  return {Operation::remove(childPath(instance, "oper-state")),
          Operation::remove(childPath(instance, "last-execution")),
          Operation::remove(childPath(instance, "last-errored-execution")),
          Operation::remove(childPath(instance, "statistics"))};
}

}  // namespace eventmgr::engine
