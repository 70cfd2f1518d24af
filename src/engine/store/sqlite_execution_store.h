#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <mutex>

#include "engine/store/execution_store.h"

namespace eventmgr::engine {

//! ExecutionStore in one SQLite database in write-ahead-log mode. A single connection serialised
//! by a mutex: writes are small (one row per execution) and far fewer than reads of memory state.
class SqliteExecutionStore : public ExecutionStore {
 public:
  //! Opens or creates the database file at PATH and its tables. Throws Error (kUnavailable) when
  //! the file cannot be opened or is not an eventmgr database.
  explicit SqliteExecutionStore(const std::filesystem::path& path);
  ~SqliteExecutionStore() override;
  SqliteExecutionStore(const SqliteExecutionStore&) = delete;
  SqliteExecutionStore& operator=(const SqliteExecutionStore&) = delete;

  std::optional<std::string> persistentData(const std::string& instance) override;
  void setPersistentData(const std::string& instance,
                         const std::optional<std::string>& json_text) override;
  std::int64_t appendExecution(const ExecutionRecord& record, std::size_t keep) override;
  std::vector<ExecutionRecord> executions(const std::string& instance, std::size_t limit) override;
  std::optional<ExecutionRecord> lastExecution(const std::string& instance) override;
  std::optional<ExecutionRecord> lastErroredExecution(const std::string& instance) override;
  void removeInstance(const std::string& instance) override;
  std::vector<std::string> instances() override;

 private:
  void execute(const char* sql);
  std::vector<ExecutionRecord> selectRecords(const char* sql, const std::string& instance,
                                             std::int64_t limit);

  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
  std::mutex mutex_;
};

}  // namespace eventmgr::engine
