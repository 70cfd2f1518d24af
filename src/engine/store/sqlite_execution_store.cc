#include "engine/store/sqlite_execution_store.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <string>

#include "common/error.h"

namespace eventmgr::engine {
namespace {

constexpr int kSchemaVersion = 1;
constexpr int kBusyTimeoutMs = 5000;

// A prepared statement that is finalised when it goes out of scope.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) {
      throw Error(ErrorKind::kUnavailable,
                  std::string("preparing SQLite statement failed: ") + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int index, const std::string& text) {
    check(sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                            SQLITE_TRANSIENT));
  }
  void bind(int index, std::int64_t number) {
    check(sqlite3_bind_int64(statement_, index, number));
  }
  void bindNull(int index) { check(sqlite3_bind_null(statement_, index)); }

  //! Steps once; returns true while a row is available.
  bool step() {
    int status = sqlite3_step(statement_);
    if (status == SQLITE_ROW) {
      return true;
    }
    if (status == SQLITE_DONE) {
      return false;
    }
    const char* file = sqlite3_db_filename(db_, "main");
    throw Error(ErrorKind::kUnavailable,
                std::string("execution database ") + (file != nullptr ? file : "") + ": " +
                    sqlite3_errmsg(db_) +
                    (status == SQLITE_CORRUPT || status == SQLITE_NOTADB
                         ? "; stop eventmgr and move the file away to start with an empty "
                           "history and persistent-data"
                         : ""));
  }

  std::string text(int column) const {
    const auto* data = sqlite3_column_text(statement_, column);
    int size = sqlite3_column_bytes(statement_, column);
    return data == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(data), size);
  }
  bool isNull(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  std::int64_t number(int column) const { return sqlite3_column_int64(statement_, column); }

 private:
  void check(int status) {
    if (status != SQLITE_OK) {
      throw Error(ErrorKind::kUnavailable,
                  std::string("binding SQLite parameter failed: ") + sqlite3_errmsg(db_));
    }
  }

  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

nlohmann::json actionsToJson(const std::vector<ActionRecord>& actions) {
  auto array = nlohmann::json::array();
  for (const auto& action : actions) {
    array.push_back({{"action", action.action},
                     {"target", action.target},
                     {"value", action.value},
                     {"result", actionResultName(action.result)},
                     {"detail", action.detail},
                     {"duration-us", action.duration_us}});
  }
  return array;
}

std::vector<ActionRecord> actionsFromJson(const nlohmann::json& array) {
  std::vector<ActionRecord> actions;
  for (const auto& item : array) {
    ActionRecord action;
    action.action = item.value("action", "");
    action.target = item.value("target", "");
    action.value = item.value("value", "");
    action.result = parseActionResult(item.value("result", "not-executed"));
    action.detail = item.value("detail", "");
    action.duration_us = item.value("duration-us", std::int64_t{0});
    actions.push_back(std::move(action));
  }
  return actions;
}

// Columns, in order, of every SELECT that reads a record.
constexpr const char* kRecordColumns =
    "id, instance, record_trigger, changed_paths, start_time, end_time, upython_duration_us, "
    "input, output, stdout_stderr, oper_down_reason, oper_down_reason_detail, actions";

ExecutionRecord readRecord(const Statement& statement) {
  ExecutionRecord record;
  record.id = statement.number(0);
  record.instance = statement.text(1);
  record.trigger = statement.text(2);
  record.changed_paths = nlohmann::json::parse(statement.text(3)).get<std::vector<std::string>>();
  record.start_time = statement.text(4);
  record.end_time = statement.text(5);
  record.upython_duration_us = statement.number(6);
  record.input = statement.text(7);
  record.output = statement.text(8);
  record.stdout_stderr = statement.text(9);
  if (!statement.isNull(10)) {
    record.oper_down_reason = statement.text(10);
  }
  record.oper_down_reason_detail = statement.text(11);
  record.actions = actionsFromJson(nlohmann::json::parse(statement.text(12)));
  return record;
}

// Binds RECORD to parameters 1..12 in the order of kRecordColumns without the id.
void bindRecord(Statement& statement, const ExecutionRecord& record) {
  statement.bind(1, record.instance);
  statement.bind(2, record.trigger);
  statement.bind(3, nlohmann::json(record.changed_paths).dump());
  statement.bind(4, record.start_time);
  statement.bind(5, record.end_time);
  statement.bind(6, record.upython_duration_us);
  statement.bind(7, record.input);
  statement.bind(8, record.output);
  statement.bind(9, record.stdout_stderr);
  if (record.oper_down_reason) {
    statement.bind(10, *record.oper_down_reason);
  } else {
    statement.bindNull(10);
  }
  statement.bind(11, record.oper_down_reason_detail);
  statement.bind(12, actionsToJson(record.actions).dump());
}

}  // namespace

SqliteExecutionStore::SqliteExecutionStore(const std::filesystem::path& path) : path_(path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(ErrorKind::kUnavailable,
                "opening execution database " + path.string() + " failed: " + message);
  }
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  try {
    // WAL with synchronous=NORMAL keeps every committed transaction across a crash of the
    // process (kill -9); only a power loss may drop the last transactions.
    execute("PRAGMA journal_mode=WAL");
    execute("PRAGMA synchronous=NORMAL");
    execute(
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE IF NOT EXISTS persistent_data (instance TEXT PRIMARY KEY, "
        "  json TEXT NOT NULL);"
        "CREATE TABLE IF NOT EXISTS execution (id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "  instance TEXT NOT NULL, record_trigger TEXT NOT NULL, changed_paths TEXT NOT NULL, "
        "  start_time TEXT NOT NULL, end_time TEXT NOT NULL, upython_duration_us INTEGER, "
        "  input TEXT NOT NULL, output TEXT NOT NULL, stdout_stderr TEXT NOT NULL, "
        "  oper_down_reason TEXT, oper_down_reason_detail TEXT NOT NULL, actions TEXT NOT NULL);"
        "CREATE INDEX IF NOT EXISTS execution_by_instance ON execution (instance, id);"
        "CREATE TABLE IF NOT EXISTS last_errored (instance TEXT PRIMARY KEY, "
        "  id INTEGER NOT NULL, record_trigger TEXT NOT NULL, changed_paths TEXT NOT NULL, "
        "  start_time TEXT NOT NULL, end_time TEXT NOT NULL, upython_duration_us INTEGER, "
        "  input TEXT NOT NULL, output TEXT NOT NULL, stdout_stderr TEXT NOT NULL, "
        "  oper_down_reason TEXT, oper_down_reason_detail TEXT NOT NULL, actions TEXT NOT NULL);");
    Statement version(db_, "SELECT value FROM meta WHERE key = 'schema-version'");
    if (version.step()) {
      if (version.text(0) != std::to_string(kSchemaVersion)) {
        throw Error(ErrorKind::kUnavailable, "execution database " + path.string() +
                                                 " has schema version " + version.text(0) +
                                                 "; this eventmgr expects " +
                                                 std::to_string(kSchemaVersion));
      }
    } else {
      Statement insert(db_, "INSERT INTO meta (key, value) VALUES ('schema-version', ?)");
      insert.bind(1, std::to_string(kSchemaVersion));
      insert.step();
    }
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
  spdlog::info("execution store opened at {}", path.string());
}

SqliteExecutionStore::~SqliteExecutionStore() {
  sqlite3_close(db_);
}

void SqliteExecutionStore::execute(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw Error(ErrorKind::kUnavailable, "execution database " + path_.string() + ": " + text);
  }
}

std::optional<std::string> SqliteExecutionStore::persistentData(const std::string& instance) {
  std::lock_guard lock(mutex_);
  Statement select(db_, "SELECT json FROM persistent_data WHERE instance = ?");
  select.bind(1, instance);
  if (select.step()) {
    return select.text(0);
  }
  return std::nullopt;
}

void SqliteExecutionStore::setPersistentData(const std::string& instance,
                                             const std::optional<std::string>& json_text) {
  std::lock_guard lock(mutex_);
  if (json_text) {
    Statement upsert(db_,
                     "INSERT INTO persistent_data (instance, json) VALUES (?, ?) "
                     "ON CONFLICT (instance) DO UPDATE SET json = excluded.json");
    upsert.bind(1, instance);
    upsert.bind(2, *json_text);
    upsert.step();
  } else {
    Statement remove(db_, "DELETE FROM persistent_data WHERE instance = ?");
    remove.bind(1, instance);
    remove.step();
  }
}

std::int64_t SqliteExecutionStore::appendExecution(const ExecutionRecord& record,
                                                   std::size_t keep) {
  std::lock_guard lock(mutex_);
  execute("BEGIN IMMEDIATE");
  try {
    Statement insert(db_,
                     "INSERT INTO execution (instance, record_trigger, changed_paths, start_time, "
                     "end_time, upython_duration_us, input, output, stdout_stderr, "
                     "oper_down_reason, oper_down_reason_detail, actions) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bindRecord(insert, record);
    insert.step();
    std::int64_t id = sqlite3_last_insert_rowid(db_);

    if (record.oper_down_reason) {
      Statement errored(db_,
                        "INSERT OR REPLACE INTO last_errored (instance, record_trigger, "
                        "changed_paths, start_time, end_time, upython_duration_us, input, output, "
                        "stdout_stderr, oper_down_reason, oper_down_reason_detail, actions, id) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      bindRecord(errored, record);
      errored.bind(13, id);
      errored.step();
    }

    Statement trim(db_,
                   "DELETE FROM execution WHERE instance = ?1 AND id NOT IN "
                   "(SELECT id FROM execution WHERE instance = ?1 ORDER BY id DESC LIMIT ?2)");
    trim.bind(1, record.instance);
    trim.bind(2, static_cast<std::int64_t>(keep == 0 ? 1 : keep));
    trim.step();
    execute("COMMIT");
    return id;
  } catch (...) {
    char* ignored = nullptr;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, &ignored);
    sqlite3_free(ignored);
    throw;
  }
}

std::vector<ExecutionRecord> SqliteExecutionStore::selectRecords(const char* sql,
                                                                 const std::string& instance,
                                                                 std::int64_t limit) {
  Statement select(db_, sql);
  select.bind(1, instance);
  select.bind(2, limit);
  std::vector<ExecutionRecord> records;
  while (select.step()) {
    records.push_back(readRecord(select));
  }
  return records;
}

std::vector<ExecutionRecord> SqliteExecutionStore::executions(const std::string& instance,
                                                              std::size_t limit) {
  std::lock_guard lock(mutex_);
  std::string sql = std::string("SELECT ") + kRecordColumns +
                    " FROM execution WHERE instance = ? ORDER BY id DESC LIMIT ?";
  return selectRecords(sql.c_str(), instance, static_cast<std::int64_t>(limit));
}

std::optional<ExecutionRecord> SqliteExecutionStore::lastExecution(const std::string& instance) {
  auto records = executions(instance, 1);
  if (records.empty()) {
    return std::nullopt;
  }
  return records.front();
}

std::optional<ExecutionRecord> SqliteExecutionStore::lastErroredExecution(
    const std::string& instance) {
  std::lock_guard lock(mutex_);
  std::string sql =
      std::string("SELECT ") + kRecordColumns + " FROM last_errored WHERE instance = ? LIMIT ?";
  auto records = selectRecords(sql.c_str(), instance, 1);
  if (records.empty()) {
    return std::nullopt;
  }
  return records.front();
}

void SqliteExecutionStore::removeInstance(const std::string& instance) {
  std::lock_guard lock(mutex_);
  execute("BEGIN IMMEDIATE");
  try {
    for (const char* sql :
         {"DELETE FROM execution WHERE instance = ?", "DELETE FROM last_errored WHERE instance = ?",
          "DELETE FROM persistent_data WHERE instance = ?"}) {
      Statement remove(db_, sql);
      remove.bind(1, instance);
      remove.step();
    }
    execute("COMMIT");
  } catch (...) {
    char* ignored = nullptr;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, &ignored);
    sqlite3_free(ignored);
    throw;
  }
}

std::vector<std::string> SqliteExecutionStore::instances() {
  std::lock_guard lock(mutex_);
  Statement select(db_,
                   "SELECT instance FROM execution UNION SELECT instance FROM persistent_data "
                   "UNION SELECT instance FROM last_errored ORDER BY 1");
  std::vector<std::string> names;
  while (select.step()) {
    names.push_back(select.text(0));
  }
  return names;
}

}  // namespace eventmgr::engine
