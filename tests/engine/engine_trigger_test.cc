// Conformance cases for triggers and scheduling, run through the whole engine.

#include "engine_fixture.h"

namespace eventmgr::engine::testing {
namespace {

using std::chrono::milliseconds;

constexpr const char* kEmptyOutput = R"('{"actions":[]}')";

TEST_F(EngineTest, SameValueIsNoChange) {
  writeReturning("og.py", kEmptyOutput);
  addInstance("og", "og.py", {"interface ethernet-1/{49..50} oper-state"});
  ASSERT_TRUE(waitForExecutions("og", 1));
  setState("interface ethernet-1/49 oper-state up");
  std::this_thread::sleep_for(milliseconds(200));
  EXPECT_EQ(executions("og"), 1u);
}

TEST_F(EngineTest, ChangeRunsOnceWithSnapshot) {
  writeReturning("og.py", kEmptyOutput);
  addInstance("og", "og.py", {"interface ethernet-1/{49..50} oper-state"});
  ASSERT_TRUE(waitForExecutions("og", 1));
  setState("interface ethernet-1/50 oper-state down");
  ASSERT_TRUE(waitForExecutions("og", 2));
  std::this_thread::sleep_for(milliseconds(100));
  EXPECT_EQ(executions("og"), 2u);
  auto input = lastInput("og");
  EXPECT_NE(input.find(R"({"path":"interface ethernet-1/49 oper-state","value":"up"})"),
            std::string::npos);
  EXPECT_NE(input.find(R"({"path":"interface ethernet-1/50 oper-state","value":"down"})"),
            std::string::npos);
  auto history = store_->executions("og", 1);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].trigger, "change");
  EXPECT_EQ(history[0].changed_paths,
            std::vector<std::string>{"interface ethernet-1/50 oper-state"});
}

TEST_F(EngineTest, BurstDuringSlowExecutionCoalesced) {
  writeScript("slow.py", R"(import json
import time

def event_handler_main(in_json_str):
    time.sleep(0.2)
    return '{"actions":[]}'
)");
  commitLines({"interface ethernet-1/3 admin-state enable"});
  addInstance("slow", "slow.py", {"interface ethernet-1/3 description"});
  ASSERT_TRUE(waitFor([&] { return engine_->busyExecutions() > 0 || executions("slow") > 0; }));
  for (int i = 0; i < 50; ++i) {
    commitLines({"interface ethernet-1/3 description d" + std::to_string(i)});
  }
  ASSERT_TRUE(waitForExecutions("slow", 2));
  std::this_thread::sleep_for(milliseconds(400));
  EXPECT_EQ(executions("slow"), 2u);
  EXPECT_NE(lastInput("slow").find(R"("value":"d49")"), std::string::npos);
  EXPECT_EQ(status("slow").statistics.events_coalesced, 49u);
}

TEST_F(EngineTest, ReinvokeWaitsThenRuns) {
  writeScript("re.py", R"(import json

def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    if data.get("persistent-data") is None:
        return json.dumps({"actions": [{"reinvoke-with-delay": 500}], "persistent-data": 1})
    return json.dumps({"actions": []})
)");
  addInstance("re", "re.py", {});
  ASSERT_TRUE(waitForExecutions("re", 1));
  EXPECT_EQ(status("re").oper_state, "waiting");
  EXPECT_EQ(stringValue("system event-handler instance re oper-state"), "waiting");
  ASSERT_TRUE(waitForExecutions("re", 2));
  EXPECT_EQ(status("re").oper_state, "up");
  EXPECT_EQ(status("re").statistics.reinvocations, 1u);
  EXPECT_EQ(store_->executions("re", 1).at(0).trigger, "reinvoke");
}

TEST_F(EngineTest, ReinvokeKeptAcrossChange) {
  writeScript("re.py", R"(import json

def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    if data.get("persistent-data") is None:
        return json.dumps({"actions": [{"reinvoke-with-delay": 1000}], "persistent-data": 1})
    return json.dumps({"actions": []})
)");
  addInstance("re", "re.py", {"interface ethernet-1/1 oper-state"});
  ASSERT_TRUE(waitForExecutions("re", 1));
  setState("interface ethernet-1/1 oper-state down");
  ASSERT_TRUE(waitForExecutions("re", 2));
  EXPECT_EQ(status("re").oper_state, "waiting");
  ASSERT_TRUE(waitForExecutions("re", 3));
  std::this_thread::sleep_for(milliseconds(1200));
  EXPECT_EQ(executions("re"), 3u);
  EXPECT_EQ(status("re").statistics.reinvocations, 1u);
}

TEST_F(EngineTest, DisableCancelsTimerAndOverrides) {
  writeScript("dis.py", R"(import json

def event_handler_main(in_json_str):
    return json.dumps({"actions": [
        {"set-ephemeral-path": {"path": "interface ethernet-1/1 oper-state", "value": "down"}},
        {"reinvoke-with-delay": 300}]})
)");
  addInstance("dis", "dis.py", {});
  ASSERT_TRUE(waitForExecutions("dis", 1));
  EXPECT_EQ(stringValue("interface ethernet-1/1 oper-state"), "down");
  commitLines({"system event-handler instance dis admin-state disable"});
  ASSERT_TRUE(waitFor([&] { return status("dis").oper_state == "down"; }));
  std::this_thread::sleep_for(milliseconds(600));
  EXPECT_EQ(executions("dis"), 1u);
  EXPECT_EQ(stringValue("interface ethernet-1/1 oper-state"), "up");
  EXPECT_EQ(stringValue("system event-handler instance dis last-execution oper-down-reason"),
            "admin-disabled");
}

TEST_F(EngineTest, MinIntervalHoldsDown) {
  writeReturning("mi.py", kEmptyOutput);
  addInstance("mi", "mi.py", {"interface ethernet-1/1 description"}, {"min-interval 1000"});
  ASSERT_TRUE(waitForExecutions("mi", 1));
  std::this_thread::sleep_for(milliseconds(1100));
  commitLines({"interface ethernet-1/1 description first"});
  ASSERT_TRUE(waitForExecutions("mi", 2));
  for (int i = 0; i < 9; ++i) {
    commitLines({"interface ethernet-1/1 description d" + std::to_string(i)});
    std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_EQ(executions("mi"), 2u);
  ASSERT_TRUE(waitForExecutions("mi", 3));
  std::this_thread::sleep_for(milliseconds(300));
  EXPECT_EQ(executions("mi"), 3u);
  EXPECT_NE(lastInput("mi").find(R"("value":"d8")"), std::string::npos);
}

TEST_F(EngineTest, ConfigChangeRestartsInstance) {
  writeReturning("og.py", kEmptyOutput);
  addInstance("og", "og.py", {"interface ethernet-1/1 oper-state"});
  ASSERT_TRUE(waitForExecutions("og", 1));
  commitLines({"system event-handler instance og options object x value 1"});
  ASSERT_TRUE(waitForExecutions("og", 2));
  EXPECT_EQ(store_->executions("og", 1).at(0).trigger, "start");
  EXPECT_NE(lastInput("og").find(R"("options":{"x":"1"})"), std::string::npos);
}

TEST_F(EngineTest, ReloadRunsOnceAndRereadsScript) {
  writeScript("rl.py",
              "def event_handler_main(in_json_str):\n    print('v1')\n"
              "    return '{\"actions\":[]}'\n");
  addInstance("rl", "rl.py", {"interface ethernet-1/1 oper-state"});
  ASSERT_TRUE(waitForExecutions("rl", 1));
  std::this_thread::sleep_for(milliseconds(20));
  writeScript("rl.py",
              "def event_handler_main(in_json_str):\n    print('v2 longer')\n"
              "    return '{\"actions\":[]}'\n");
  datastore_->tools().run("system event-handler instance rl reload", "");
  ASSERT_TRUE(waitForExecutions("rl", 2));
  auto last = status("rl").last_execution;
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->trigger, "reload");
  EXPECT_EQ(last->stdout_stderr, "v2 longer\n");
}

TEST_F(EngineTest, DeleteRemovesHistoryAndData) {
  writeReturning("del.py", R"('{"actions":[],"persistent-data":{"a":1}}')");
  addInstance("del", "del.py", {});
  ASSERT_TRUE(waitForExecutions("del", 1));
  EXPECT_TRUE(store_->persistentData("del").has_value());
  deletePath("system event-handler instance del");
  ASSERT_TRUE(waitFor([&] { return !engine_->status("del").has_value(); }));
  EXPECT_FALSE(store_->persistentData("del").has_value());
  EXPECT_TRUE(store_->executions("del", 10).empty());
  ASSERT_TRUE(waitFor(
      [&] { return stringValue("system event-handler instance del oper-state") == "<absent>"; }));
  EXPECT_EQ(stringValue("system event-handler instance del statistics execution-count"),
            "<absent>");
}

TEST_F(EngineTest, InstancesBeyondLimitStayDown) {
  writeReturning("ok.py", kEmptyOutput);
  for (int i = 1; i <= 20; ++i) {
    addInstance("i" + std::to_string(i), "ok.py", {});
  }
  // Instances created by one reconciliation take their slots in name order, so the twenty must
  // exist before the extra one arrives.
  for (int i = 1; i <= 20; ++i) {
    ASSERT_TRUE(waitForExecutions("i" + std::to_string(i), 1));
  }
  addInstance("extra", "ok.py", {});
  ASSERT_TRUE(waitFor([&] {
    auto extra = engine_->status("extra");
    return extra && extra->oper_down_reason.has_value();
  }));
  EXPECT_EQ(status("extra").oper_state, "down");
  EXPECT_EQ(status("extra").oper_down_reason, "system-error");
  EXPECT_NE(status("extra").oper_down_reason_detail.find("limited to 20"), std::string::npos);
  EXPECT_EQ(executions("extra"), 0u);
  EXPECT_EQ(stringValue("system event-handler instance extra last-execution oper-down-reason"),
            "system-error");

  deletePath("system event-handler instance i3");
  ASSERT_TRUE(waitForExecutions("extra", 1));
  EXPECT_EQ(status("extra").oper_state, "up");
}

TEST_F(EngineTest, RestartKeepsDataResetsStatistics) {
  writeScript("rs.py", R"(import json

def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    n = (data.get("persistent-data") or 0) + 1
    return json.dumps({"actions": [], "persistent-data": n})
)");
  addInstance("rs", "rs.py", {"interface ethernet-1/1 oper-state"});
  ASSERT_TRUE(waitForExecutions("rs", 1));
  setState("interface ethernet-1/1 oper-state down");
  ASSERT_TRUE(waitForExecutions("rs", 2));
  datastore_->saveStartup();
  closeNode();

  openNode();
  ASSERT_TRUE(waitForExecutions("rs", 1));
  EXPECT_EQ(executions("rs"), 1u);
  EXPECT_EQ(store_->persistentData("rs"), "3");
  EXPECT_EQ(store_->executions("rs", 10).size(), 3u);
  EXPECT_NE(lastInput("rs").find(R"("persistent-data":2)"), std::string::npos);
}

}  // namespace
}  // namespace eventmgr::engine::testing
