#pragma once

#include <string>
#include <vector>

#include "datastore/datastore.h"
#include "engine/state/instance_status.h"
#include "schema/schema.h"

namespace eventmgr::engine {

//! Builds the state writes that publish an instance's status in the node's state tree, so that
//! reads, gNMI subscriptions and other instances see it like any other state.
class StateWriter {
 public:
  explicit StateWriter(const schema::Schema& schema) : schema_(schema) {}

  //! Returns the operations that make the state of instance NAME equal STATUS: oper-state,
  //! last-execution, last-errored-execution and statistics. Leaves that STATUS lacks (an
  //! oper-down-reason of a successful execution) are deleted.
  std::vector<datastore::Operation> write(const std::string& name,
                                          const InstanceStatus& status) const;

  //! Returns the operations that remove every state leaf of instance NAME.
  std::vector<datastore::Operation> remove(const std::string& name) const;

  //! Returns the concrete path `system event-handler instance NAME`.
  path::ConcretePath instancePath(const std::string& name) const;

 private:
  path::ConcretePath childPath(const path::ConcretePath& parent, const std::string& name) const;
  // Writes RECORD into CONTAINER. A REASON outside any execution (admin-disabled,
  // subscription-failed) replaces the record's oper-down-reason and detail.
  void writeExecution(std::vector<datastore::Operation>& operations,
                      const path::ConcretePath& container,
                      const std::optional<ExecutionRecord>& record,
                      const std::optional<std::string>& reason, const std::string& detail) const;

  const schema::Schema& schema_;
};

}  // namespace eventmgr::engine
