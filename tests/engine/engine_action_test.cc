// Conformance cases for actions and failures, run through the whole engine.

#include "engine_fixture.h"

namespace eventmgr::engine::testing {
namespace {

using std::chrono::milliseconds;

constexpr const char* kOpergroup = R"(import json

def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    options = data["options"]
    required = int(options.get("required-up-uplinks", "1"))
    up = 0
    for item in data["paths"]:
        if item["value"] == "up":
            up += 1
    state = "up" if up >= required else "down"
    actions = []
    for name in options.get("down-links", []):
        actions.append({"set-ephemeral-path": {
            "path": "interface %s oper-state" % name, "value": state}})
    return json.dumps({"actions": actions})
)";

TEST_F(EngineTest, OpergroupForcesDownlinks) {
  writeScript("og.py", kOpergroup);
  addInstance("og", "og.py", {"interface ethernet-1/{49..50} oper-state"},
              {"options object required-up-uplinks value 1",
               "options object down-links values [ ethernet-1/1 ethernet-1/2 ]"});
  ASSERT_TRUE(waitForExecutions("og", 1));
  setState("interface ethernet-1/49 oper-state down");
  ASSERT_TRUE(waitForExecutions("og", 2));
  EXPECT_EQ(stringValue("interface ethernet-1/1 oper-state"), "up");
  setState("interface ethernet-1/50 oper-state down");
  ASSERT_TRUE(waitForExecutions("og", 3));
  EXPECT_EQ(stringValue("interface ethernet-1/1 oper-state"), "down");
  EXPECT_EQ(stringValue("interface ethernet-1/1 oper-down-reason"), "event-handler");
  EXPECT_EQ(stringValue("interface ethernet-1/2 oper-state"), "down");
  setState("interface ethernet-1/49 oper-state up");
  ASSERT_TRUE(waitForExecutions("og", 4));
  EXPECT_EQ(stringValue("interface ethernet-1/1 oper-state"), "up");
  EXPECT_EQ(status("og").oper_state, "up");
}

TEST_F(EngineTest, EphemeralRestrictedToOperState) {
  writeReturning(
      "eph.py",
      R"('{"actions":[{"set-ephemeral-path":{"path":"interface ethernet-1/1 description","value":"x"}}]}')");
  addInstance("eph", "eph.py", {});
  ASSERT_TRUE(waitForExecutions("eph", 1));
  auto last = status("eph").last_execution;
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->oper_down_reason, "ephemeral-action-failed");
  EXPECT_NE(last->oper_down_reason_detail.find("interface ethernet-1/1 description"),
            std::string::npos);
  EXPECT_NE(last->oper_down_reason_detail.find("interface <name> oper-state"), std::string::npos);
  EXPECT_EQ(status("eph").oper_state, "down");
}

TEST_F(EngineTest, OneTransactionForAllConfigActions) {
  writeReturning("tx.py", R"(json.dumps({"actions":[
    {"set-cfg-path":{"path":"network-instance blue interface ethernet-1/1.0","value":""}},
    {"set-cfg-path":{"path":"interface ethernet-1/1 subinterface 0 admin-state","value":"enable"}}]}))");
  addInstance("tx", "tx.py", {});
  ASSERT_TRUE(waitForExecutions("tx", 1));
  EXPECT_EQ(status("tx").oper_state, "up") << status("tx").last_execution->oper_down_reason_detail;
  EXPECT_EQ(stringValue("interface ethernet-1/1 subinterface 0 admin-state"), "enable");
}

TEST_F(EngineTest, FailedTransactionAppliesNothing) {
  commitLines({"interface ethernet-1/1 description before"});
  writeReturning("tx.py", R"(json.dumps({"actions":[
    {"set-cfg-path":{"path":"interface ethernet-1/1 description","value":"after"}},
    {"set-cfg-path":{"path":"interface ethernet-1/1 mtu","value":70000}}]}))");
  addInstance("tx", "tx.py", {});
  ASSERT_TRUE(waitForExecutions("tx", 1));
  EXPECT_EQ(stringValue("interface ethernet-1/1 description"), "before");
  auto last = status("tx").last_execution;
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->oper_down_reason, "cfg-action-failed");
  EXPECT_NE(last->oper_down_reason_detail.find("mtu"), std::string::npos)
      << last->oper_down_reason_detail;
  EXPECT_NE(last->oper_down_reason_detail.find("70000"), std::string::npos)
      << last->oper_down_reason_detail;
}

TEST_F(EngineTest, FirstFailureStopsTheRest) {
  auto marker = directory_ / "scripts" / "ran";
  writeReturning("stop.py", R"(json.dumps({"actions":[
    {"set-tools-path":{"path":"system no-such-command","value":""}},
    {"run-script":{"cmdline":"touch ran"}}]}))");
  addInstance("stop", "stop.py", {});
  ASSERT_TRUE(waitForExecutions("stop", 1));
  EXPECT_FALSE(std::filesystem::exists(marker));
  auto last = status("stop").last_execution;
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->oper_down_reason, "tools-action-failed");
  ASSERT_EQ(last->actions.size(), 2u);
  EXPECT_EQ(last->actions[0].result, ActionResult::kFailed);
  EXPECT_EQ(last->actions[1].result, ActionResult::kNotExecuted);
}

TEST_F(EngineTest, AlwaysExecuteMemory) {
  writeScript("ae.py", R"(import json

def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    always = data["options"].get("always") == "true"
    return json.dumps({"actions": [{"run-script": {
        "cmdline": "echo x >> runs.txt", "always-execute": always}}]})
)");
  auto runs = [&] {
    std::ifstream file(directory_ / "scripts" / "runs.txt");
    std::string line;
    int count = 0;
    while (std::getline(file, line)) {
      ++count;
    }
    return count;
  };
  addInstance("ae", "ae.py", {"interface ethernet-1/1 oper-state"});
  ASSERT_TRUE(waitForExecutions("ae", 1));
  setState("interface ethernet-1/1 oper-state down");
  ASSERT_TRUE(waitForExecutions("ae", 2));
  EXPECT_EQ(runs(), 1);
  EXPECT_EQ(status("ae").statistics.actions_skipped, 1u);

  datastore_->tools().run("system event-handler instance ae reload", "");
  ASSERT_TRUE(waitForExecutions("ae", 3));
  EXPECT_EQ(runs(), 2);

  commitLines({"system event-handler instance ae options object always value true"});
  ASSERT_TRUE(waitForExecutions("ae", 4));
  setState("interface ethernet-1/1 oper-state up");
  ASSERT_TRUE(waitForExecutions("ae", 5));
  EXPECT_EQ(runs(), 4);
}

TEST_F(EngineTest, LeadingSlashSamePath) {
  writeReturning("sl.py", R"(json.dumps({"actions":[
    {"set-cfg-path":{"path":"/interface ethernet-1/1 description","value":"one"}},
    {"set-cfg-path":{"path":"interface ethernet-1/2 description","value":"two"}}]}))");
  addInstance("sl", "sl.py", {});
  ASSERT_TRUE(waitForExecutions("sl", 1));
  EXPECT_EQ(stringValue("interface ethernet-1/1 description"), "one");
  EXPECT_EQ(stringValue("interface ethernet-1/2 description"), "two");
}

TEST_F(EngineTest, DeleteMissingSucceeds) {
  writeReturning("dm.py", R"(json.dumps({"actions":[
    {"delete-cfg-path":{"path":"interface ethernet-1/1 subinterface 99"}}]}))");
  addInstance("dm", "dm.py", {});
  ASSERT_TRUE(waitForExecutions("dm", 1));
  EXPECT_EQ(status("dm").oper_state, "up");
}

TEST_F(EngineTest, RunScriptTimeoutFails) {
  writeReturning("rs.py",
                 R"(json.dumps({"actions":[{"run-script":{"cmdline":"sleep 30.0751"}}]}))");
  addInstance("rs", "rs.py", {}, {"run-script-timeout 1000"});
  ASSERT_TRUE(waitForExecutions("rs", 1));
  auto last = status("rs").last_execution;
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->oper_down_reason, "script-action-failed");
  EXPECT_NE(last->oper_down_reason_detail.find("timed out"), std::string::npos);
  EXPECT_NE(std::system("pgrep -f '[s]leep 30.0751' > /dev/null"), 0);
}

TEST_F(EngineTest, RunScriptLargeOutputTruncated) {
  writeReturning(
      "big.py",
      R"(json.dumps({"actions":[{"run-script":{"cmdline":"head -c 1048576 /dev/zero | tr '\\0' a"}}]}))");
  addInstance("big", "big.py", {});
  ASSERT_TRUE(waitForExecutions("big", 1));
  auto last = status("big").last_execution;
  ASSERT_TRUE(last.has_value());
  ASSERT_EQ(last->actions.size(), 1u);
  EXPECT_EQ(last->actions[0].result, ActionResult::kExecuted);
  EXPECT_LT(last->actions[0].detail.size(), 20000u);
  EXPECT_NE(last->actions[0].detail.find("output truncated"), std::string::npos);
}

struct ReasonCase {
  const char* name;
  const char* script;  // null: no file
  const char* reason;
  const char* detail_part;
};

TEST_F(EngineTest, EachFailureReason) {
  const ReasonCase cases[] = {
      {"missing", nullptr, "script-unavailable", "missing.py"},
      {"syntax", "def event_handler_main(x):\n    return (\n", "failed-to-compile", "line"},
      {"nofunc", "x = 1\n", "missing-function", "event_handler_main"},
      {"raises", "def event_handler_main(x):\n    raise ValueError('x')\n", "exception",
       "ValueError: x"},
      {"number", "def event_handler_main(x):\n    return 42\n", "script-error", ""},
      {"brace", "def event_handler_main(x):\n    return '{'\n", "script-error", ""},
      {"bogus", "def event_handler_main(x):\n    return '{\"actions\":[{\"bogus\":{}}]}'\n",
       "script-error", "bogus"},
  };
  for (const auto& item : cases) {
    if (item.script != nullptr) {
      writeScript(std::string(item.name) + ".py", item.script);
    }
    addInstance(item.name, std::string(item.name) + ".py", {});
  }
  for (const auto& item : cases) {
    ASSERT_TRUE(waitForExecutions(item.name, 1)) << item.name;
    auto last = status(item.name).last_execution;
    ASSERT_TRUE(last.has_value()) << item.name;
    EXPECT_EQ(last->oper_down_reason.value_or("none"), item.reason) << item.name;
    EXPECT_NE(last->oper_down_reason_detail.find(item.detail_part), std::string::npos)
        << item.name << ": " << last->oper_down_reason_detail;
    EXPECT_EQ(status(item.name).oper_state, "down") << item.name;
    EXPECT_EQ(status(item.name).statistics.execution_errors, 1u) << item.name;
  }
}

TEST_F(EngineTest, TimeoutCountedAndOthersUnaffected) {
  writeScript("loop.py",
              "def event_handler_main(x):\n    while True:\n        try:\n"
              "            pass\n        except:\n            pass\n");
  writeReturning("ok.py", R"('{"actions":[]}')");
  addInstance("loop", "loop.py", {}, {"upython-timeout 300"});
  ASSERT_TRUE(waitForExecutions("loop", 1));
  addInstance("ok", "ok.py", {});
  ASSERT_TRUE(waitForExecutions("ok", 1));
  EXPECT_EQ(status("loop").last_execution->oper_down_reason, "timeout");
  EXPECT_EQ(status("loop").statistics.execution_timeouts, 1u);
  EXPECT_EQ(status("ok").oper_state, "up");
}

TEST_F(EngineTest, RecoveryKeepsLastErrored) {
  writeScript("rec.py", R"(import json

def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    if data["paths"][0]["value"] == "down":
        raise ValueError("link down")
    return '{"actions":[]}'
)");
  addInstance("rec", "rec.py", {"interface ethernet-1/1 oper-state"});
  ASSERT_TRUE(waitForExecutions("rec", 1));
  setState("interface ethernet-1/1 oper-state down");
  ASSERT_TRUE(waitForExecutions("rec", 2));
  EXPECT_EQ(status("rec").oper_state, "down");
  setState("interface ethernet-1/1 oper-state up");
  ASSERT_TRUE(waitForExecutions("rec", 3));
  auto current = status("rec");
  EXPECT_EQ(current.oper_state, "up");
  EXPECT_FALSE(current.last_execution->oper_down_reason.has_value());
  ASSERT_TRUE(current.last_errored_execution.has_value());
  EXPECT_EQ(current.last_errored_execution->oper_down_reason, "exception");
  const auto& counters = current.statistics;
  EXPECT_EQ(counters.execution_count,
            counters.execution_successes + counters.execution_errors + counters.execution_timeouts);
  EXPECT_EQ(stringValue("system event-handler instance rec last-execution oper-down-reason"),
            "<absent>");
  EXPECT_EQ(
      stringValue("system event-handler instance rec last-errored-execution oper-down-reason"),
      "exception");
  EXPECT_EQ(stringValue("system event-handler instance rec statistics execution-count"), "3");
}

TEST_F(EngineTest, PrintedTextCapturedAndBounded) {
  writeScript("pr.py", R"(import sys

def event_handler_main(in_json_str):
    print("a")
    sys.stderr.write("b")
    return '{"actions":[]}'
)");
  writeScript("flood.py", R"(
def event_handler_main(in_json_str):
    for i in range(2000):
        print("x" * 60)
    return '{"actions":[]}'
)");
  addInstance("pr", "pr.py", {});
  addInstance("flood", "flood.py", {});
  ASSERT_TRUE(waitForExecutions("pr", 1));
  ASSERT_TRUE(waitForExecutions("flood", 1));
  auto printed = status("pr").last_execution->stdout_stderr;
  EXPECT_NE(printed.find("a\n"), std::string::npos);
  EXPECT_NE(printed.find("b"), std::string::npos);
  auto flood = status("flood").last_execution->stdout_stderr;
  EXPECT_LE(flood.size(), 64u * 1024u + 200u);
  EXPECT_NE(flood.find("truncated"), std::string::npos);
}

TEST_F(EngineTest, ExtensionRangeErrorsNameRange) {
  try {
    commitLines({"system event-handler instance x upython-heap 1"});
    FAIL() << "an out-of-range upython-heap was accepted";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("in the range 64..1048576 KiB"), std::string::npos)
        << error.what();
  }
}

TEST_F(EngineTest, InvalidUtf8FromScriptSanitised) {
  writeScript("sur.py",
              "def event_handler_main(in_json_str):\n    print('bad: \\ud800')\n"
              "    return '{\"actions\":[]}'\n");
  addInstance("sur", "sur.py", {});
  ASSERT_TRUE(waitForExecutions("sur", 1));
  auto printed = status("sur").last_execution->stdout_stderr;
  EXPECT_EQ(printed, "bad: \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\n");
  // The state tree prints as JSON without failing.
  auto json_text =
      datastore_->getSubtree(path::parseConcretePath(*schema_, "system event-handler"),
                             datastore::DataView::kMerged, datastore::ConfigFormat::kJson);
  nlohmann::json parsed;
  EXPECT_NO_THROW(parsed = nlohmann::json::parse(json_text));
  EXPECT_TRUE(parsed.is_object());
}

TEST_F(EngineTest, LoopProtectionStopsSelfTrigger) {
  closeNode();
  loop_budget_ = 10;
  openNode();
  writeScript("flip.py", R"(import json

def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    value = "a"
    if data["paths"] and data["paths"][0]["value"] == "a":
        value = "b"
    return json.dumps({"actions": [{"set-cfg-path": {
        "path": "interface ethernet-1/1 description", "value": value}}]})
)");
  addInstance("flip", "flip.py", {"interface ethernet-1/1 description"});
  ASSERT_TRUE(waitFor([&] {
    auto current = engine_->status("flip");
    return current && current->oper_state == "down" && current->oper_down_reason.has_value();
  }));
  auto current = status("flip");
  EXPECT_EQ(current.oper_down_reason, "system-error");
  EXPECT_NE(current.oper_down_reason_detail.find("re-triggered"), std::string::npos);
  auto count = executions("flip");
  std::this_thread::sleep_for(milliseconds(300));
  EXPECT_EQ(executions("flip"), count);
  EXPECT_LE(count, 12u);
}

}  // namespace
}  // namespace eventmgr::engine::testing
