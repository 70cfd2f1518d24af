#include "engine/state/history_leaves.h"

#include <nlohmann/json.hpp>

#include "common/error.h"

namespace eventmgr::engine {
namespace {

// Appends child NAME of PARENT, with KEYS for a list entry.
path::ConcretePath childOf(const schema::Schema& schema, const path::ConcretePath& parent,
                           const std::string& name, std::vector<std::string> keys = {}) {
  const lysc_node* node = schema.findChild(parent.schemaNode(), name);
  if (node == nullptr) {
    throw Error(ErrorKind::kInternal,
                "the schema has no node " + name + " under " + parent.toCli());
  }
  return parent.child(path::PathElement{node, name, std::move(keys)});
}

}  // namespace

std::vector<datastore::MatchedLeaf> historyLeaves(const schema::Schema& schema,
                                                  const path::ConcretePath& history_path,
                                                  const std::vector<ExecutionRecord>& records) {
  std::vector<datastore::MatchedLeaf> leaves;
  for (const auto& record : records) {
    auto execution = childOf(schema, history_path, "execution", {std::to_string(record.id)});
    auto add = [&](const path::ConcretePath& parent, const char* name, datastore::LeafValue value) {
      leaves.push_back({childOf(schema, parent, name), std::move(value)});
    };
    // Key leaves (id, index) come from the list entries' keys, not as leaves of their own.
    add(execution, "trigger", record.trigger);
    if (!record.changed_paths.empty()) {
      add(execution, "changed-paths", record.changed_paths);
    }
    if (record.oper_down_reason) {
      add(execution, "oper-down-reason", *record.oper_down_reason);
      add(execution, "oper-down-reason-detail", record.oper_down_reason_detail);
    }
    add(execution, "start-time", record.start_time);
    add(execution, "end-time", record.end_time);
    add(execution, "upython-duration", std::to_string(record.upython_duration_us));
    add(execution, "input", record.input);
    add(execution, "output", record.output);
    add(execution, "stdout-stderr", record.stdout_stderr);
    for (std::size_t i = 0; i < record.actions.size(); ++i) {
      const auto& action = record.actions[i];
      auto entry = childOf(schema, execution, "action", {std::to_string(i)});
      nlohmann::json parameters = {{"target", action.target}};
      if (!action.value.empty()) {
        parameters["value"] = action.value;
      }
      add(entry, "name", action.action);
      add(entry, "parameters", parameters.dump());
      add(entry, "result", actionResultName(action.result));
      add(entry, "detail", action.detail);
      add(entry, "duration", std::to_string(action.duration_us));
    }
  }
  return leaves;
}

}  // namespace eventmgr::engine
