#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "engine/store/sqlite_execution_store.h"

namespace eventmgr::engine {
namespace {

class ExecutionStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("eventmgr-store-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::filesystem::path databasePath() const { return directory_ / "eventmgr.db"; }

  static ExecutionRecord record(const std::string& instance, const std::string& input,
                                bool failed = false) {
    ExecutionRecord result;
    result.instance = instance;
    result.trigger = "change";
    result.changed_paths = {"interface ethernet-1/49 oper-state"};
    result.start_time = "2026-12-04T20:00:00.000Z";
    result.end_time = "2026-12-04T20:00:00.002Z";
    result.upython_duration_us = 120;
    result.input = input;
    result.output = R"({"actions":[]})";
    result.stdout_stderr = "hello\n";
    if (failed) {
      result.oper_down_reason = "exception";
      result.oper_down_reason_detail = "ValueError: x";
    }
    ActionRecord action;
    action.action = "run-script";
    action.target = "touch /tmp/x";
    action.result = ActionResult::kSkipped;
    result.actions.push_back(action);
    return result;
  }

  std::filesystem::path directory_;
};

TEST_F(ExecutionStoreTest, PersistentDataRoundTrip) {
  SqliteExecutionStore store(databasePath());
  EXPECT_FALSE(store.persistentData("og").has_value());
  store.setPersistentData("og", R"({"n":1})");
  EXPECT_EQ(store.persistentData("og"), R"({"n":1})");
  store.setPersistentData("og", R"({"n":2})");
  EXPECT_EQ(store.persistentData("og"), R"({"n":2})");
  store.setPersistentData("og", std::nullopt);
  EXPECT_FALSE(store.persistentData("og").has_value());
}

TEST_F(ExecutionStoreTest, SurvivesReopen) {
  {
    SqliteExecutionStore store(databasePath());
    store.setPersistentData("og", R"({"é":"😀"})");
    store.appendExecution(record("og", "first"), 64);
  }
  SqliteExecutionStore store(databasePath());
  EXPECT_EQ(store.persistentData("og"), R"({"é":"😀"})");
  auto last = store.lastExecution("og");
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->input, "first");
  ASSERT_EQ(last->actions.size(), 1u);
  EXPECT_EQ(last->actions[0].result, ActionResult::kSkipped);
  EXPECT_EQ(last->changed_paths, std::vector<std::string>{"interface ethernet-1/49 oper-state"});
}

TEST_F(ExecutionStoreTest, HistoryTrimmedToSize) {
  SqliteExecutionStore store(databasePath());
  for (int i = 0; i < 10; ++i) {
    store.appendExecution(record("og", std::to_string(i)), 3);
  }
  auto records = store.executions("og", 100);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].input, "9");
  EXPECT_EQ(records[2].input, "7");
}

TEST_F(ExecutionStoreTest, LastErroredKeptAfterTrim) {
  SqliteExecutionStore store(databasePath());
  store.appendExecution(record("og", "bad", true), 2);
  for (int i = 0; i < 5; ++i) {
    store.appendExecution(record("og", "good"), 2);
  }
  auto errored = store.lastErroredExecution("og");
  ASSERT_TRUE(errored.has_value());
  EXPECT_EQ(errored->input, "bad");
  EXPECT_EQ(errored->oper_down_reason, "exception");
  EXPECT_EQ(store.lastExecution("og")->oper_down_reason, std::nullopt);
}

TEST_F(ExecutionStoreTest, InstancesAreSeparate) {
  SqliteExecutionStore store(databasePath());
  store.appendExecution(record("a", "for a"), 64);
  store.appendExecution(record("b", "for b"), 64);
  store.setPersistentData("b", "[1]");
  EXPECT_EQ(store.lastExecution("a")->input, "for a");
  EXPECT_EQ(store.instances(), (std::vector<std::string>{"a", "b"}));
  store.removeInstance("b");
  EXPECT_FALSE(store.lastExecution("b").has_value());
  EXPECT_FALSE(store.persistentData("b").has_value());
  EXPECT_EQ(store.lastExecution("a")->input, "for a");
}

TEST_F(ExecutionStoreTest, CorruptFileRejectedWithPath) {
  {
    std::ofstream file(databasePath());
    file << "this is not a database, just text that is long enough to fill a header page";
  }
  try {
    SqliteExecutionStore store(databasePath());
    FAIL() << "opening a corrupt database succeeded";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kUnavailable);
    EXPECT_NE(std::string(error.what()).find(databasePath().string()), std::string::npos)
        << error.what();
  }
}

TEST_F(ExecutionStoreTest, UnwritableFolderRejected) {
  EXPECT_THROW(SqliteExecutionStore(directory_ / "missing" / "eventmgr.db"), Error);
}

}  // namespace
}  // namespace eventmgr::engine
