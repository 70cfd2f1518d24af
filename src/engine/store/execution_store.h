#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/store/execution_record.h"

namespace eventmgr::engine {

//! Durable storage of each instance's persistent-data and execution history.
//!
//! Implementations are safe to call from several threads at once. Every write is durable when
//! the call returns, in the sense that a kill -9 of the process right after it loses nothing.
//! Errors of the underlying storage are thrown as eventmgr::Error with kind kUnavailable.
class ExecutionStore {
 public:
  virtual ~ExecutionStore() = default;

  //! Returns the stored persistent-data of INSTANCE as compact JSON text, or nullopt if none.
  virtual std::optional<std::string> persistentData(const std::string& instance) = 0;

  //! Replaces INSTANCE's persistent-data with JSON_TEXT; nullopt removes it.
  virtual void setPersistentData(const std::string& instance,
                                 const std::optional<std::string>& json_text) = 0;

  //! Appends RECORD to its instance's history, assigns and returns its id, and removes the oldest
  //! records beyond KEEP (at least one record is always kept). A failed record also becomes the
  //! instance's last errored execution, which is kept even when trimmed from the history.
  virtual std::int64_t appendExecution(const ExecutionRecord& record, std::size_t keep) = 0;

  //! Returns up to LIMIT most recent executions of INSTANCE, newest first.
  virtual std::vector<ExecutionRecord> executions(const std::string& instance,
                                                  std::size_t limit) = 0;

  //! Returns the newest execution of INSTANCE, if any.
  virtual std::optional<ExecutionRecord> lastExecution(const std::string& instance) = 0;

  //! Returns the newest failed execution of INSTANCE, if any.
  virtual std::optional<ExecutionRecord> lastErroredExecution(const std::string& instance) = 0;

  //! Removes everything stored for INSTANCE (history and persistent-data), as when it is deleted.
  virtual void removeInstance(const std::string& instance) = 0;

  //! Returns the names of all instances with stored data.
  virtual std::vector<std::string> instances() = 0;
};

}  // namespace eventmgr::engine
