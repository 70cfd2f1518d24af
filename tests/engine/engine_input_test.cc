// Conformance cases for the script input, run through the whole engine.

#include "engine_fixture.h"

namespace eventmgr::engine::testing {
namespace {

constexpr const char* kEmptyOutput = R"('{"actions":[]}')";

TEST_F(EngineTest, StartInputWithValues) {
  writeReturning("og.py", kEmptyOutput);
  addInstance("og", "og.py", {"interface ethernet-1/{49..50} oper-state"},
              {"options object required-up-uplinks value 1",
               "options object down-links values [ ethernet-1/2 ethernet-1/1 ]"});
  ASSERT_TRUE(waitForExecutions("og", 1));
  EXPECT_EQ(
      lastInput("og"),
      R"({"paths":[{"path":"interface ethernet-1/49 oper-state","value":"up"},)"
      R"({"path":"interface ethernet-1/50 oper-state","value":"up"}],)"
      R"("schemas":[{"path":"interface ethernet-1/{49..50} oper-state"}],)"
      R"("options":{"down-links":["ethernet-1/2","ethernet-1/1"],"required-up-uplinks":"1"}})");
  EXPECT_EQ(status("og").oper_state, "up");
  EXPECT_EQ(executions("og"), 1u);
}

TEST_F(EngineTest, NoPathsRunsOnce) {
  writeReturning("once.py", kEmptyOutput);
  addInstance("once", "once.py", {});
  ASSERT_TRUE(waitForExecutions("once", 1));
  EXPECT_EQ(lastInput("once"), R"({"paths":[],"schemas":[],"options":{}})");
  setState("interface ethernet-1/1 oper-state down");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(executions("once"), 1u);
}

TEST_F(EngineTest, NaturalOrderOfKeys) {
  commitLines({"interface ethernet-1/10 admin-state enable", "interface mgmt0 admin-state enable"});
  writeReturning("og.py", kEmptyOutput);
  addInstance("og", "og.py", {"interface * oper-state"});
  ASSERT_TRUE(waitForExecutions("og", 1));
  auto input = lastInput("og");
  auto position = [&](const std::string& name) {
    return input.find("\"interface " + name + " oper-state\"");
  };
  EXPECT_LT(position("ethernet-1/1"), position("ethernet-1/2"));
  EXPECT_LT(position("ethernet-1/2"), position("ethernet-1/10"));
  EXPECT_LT(position("ethernet-1/10"), position("ethernet-1/49"));
  EXPECT_LT(position("ethernet-1/50"), position("mgmt0"));
  EXPECT_NE(position("mgmt0"), std::string::npos);
}

TEST_F(EngineTest, LeafMatchedTwiceAppearsOnce) {
  writeReturning("og.py", kEmptyOutput);
  addInstance("og", "og.py", {"interface ethernet-1/50 oper-state", "interface * oper-state"});
  ASSERT_TRUE(waitForExecutions("og", 1));
  auto input = lastInput("og");
  const std::string entry = R"({"path":"interface ethernet-1/50 oper-state","value")";
  auto first = input.find(entry);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(input.find(entry, first + 1), std::string::npos);
  EXPECT_LT(first, input.find(R"({"path":"interface ethernet-1/1 oper-state","value")"));
  EXPECT_NE(input.find(R"("schemas":[{"path":"interface ethernet-1/50 oper-state"},)"
                       R"({"path":"interface * oper-state"}])"),
            std::string::npos);
}

TEST_F(EngineTest, LeafListValueIsArray) {
  commitLines({"system event-handler instance other upython-script x.py",
               "system event-handler instance other paths [ 10 20 ]",
               "system event-handler instance empty upython-script x.py"});
  writeReturning("ll.py", kEmptyOutput);
  addInstance("ll", "ll.py", {"system event-handler instance {other,empty} paths"});
  ASSERT_TRUE(waitForExecutions("ll", 1));
  EXPECT_NE(
      lastInput("ll").find(
          R"({"paths":[{"path":"system event-handler instance other paths","value":["10","20"]}])"),
      std::string::npos)
      << lastInput("ll");
}

TEST_F(EngineTest, AbsentValuesComeAndGo) {
  writeReturning("lldp.py", kEmptyOutput);
  addInstance("lldp", "lldp.py", {"system lldp interface * neighbor * system-name"});
  ASSERT_TRUE(waitForExecutions("lldp", 1));
  EXPECT_NE(lastInput("lldp").find(R"("paths":[])"), std::string::npos);

  setState("system lldp interface ethernet-1/1 neighbor 00:11:22:33:44:55 system-name spine1");
  ASSERT_TRUE(waitForExecutions("lldp", 2));
  EXPECT_NE(
      lastInput("lldp").find(
          R"({"path":"system lldp interface ethernet-1/1 neighbor 00:11:22:33:44:55 system-name","value":"spine1"})"),
      std::string::npos);

  deleteState("system lldp interface ethernet-1/1 neighbor 00:11:22:33:44:55");
  ASSERT_TRUE(waitForExecutions("lldp", 3));
  EXPECT_NE(lastInput("lldp").find(R"("paths":[])"), std::string::npos);
}

TEST_F(EngineTest, PersistentDataLifecycle) {
  writeScript("pd.py", R"(import json

def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    n = data.get("options", {}).get("mode", "set")
    if n == "set":
        return json.dumps({"actions": [], "persistent-data": {"n": 1}})
    if n == "keep":
        return json.dumps({"actions": []})
    return json.dumps({"actions": [], "persistent-data": None})
)");
  addInstance("pd", "pd.py", {"interface ethernet-1/1 oper-state"},
              {"options object mode value set"});
  ASSERT_TRUE(waitForExecutions("pd", 1));
  commitLines({"system event-handler instance pd options object mode value keep"});
  ASSERT_TRUE(waitForExecutions("pd", 2));
  EXPECT_NE(lastInput("pd").find(R"(,"persistent-data":{"n":1}})"), std::string::npos)
      << lastInput("pd");
  setState("interface ethernet-1/1 oper-state down");
  ASSERT_TRUE(waitForExecutions("pd", 3));
  EXPECT_NE(lastInput("pd").find(R"(,"persistent-data":{"n":1}})"), std::string::npos);
  commitLines({"system event-handler instance pd options object mode value clear"});
  ASSERT_TRUE(waitForExecutions("pd", 4));
  setState("interface ethernet-1/1 oper-state up");
  ASSERT_TRUE(waitForExecutions("pd", 5));
  EXPECT_EQ(lastInput("pd").find("persistent-data"), std::string::npos) << lastInput("pd");
}

TEST_F(EngineTest, PersistentDataKeepsKeyOrder) {
  writeReturning("order.py", R"('{"actions":[],"persistent-data":{"z":1,"a":{"y":2,"b":3}}}')");
  addInstance("order", "order.py", {"interface ethernet-1/1 oper-state"});
  ASSERT_TRUE(waitForExecutions("order", 1));
  setState("interface ethernet-1/1 oper-state down");
  ASSERT_TRUE(waitForExecutions("order", 2));
  EXPECT_NE(lastInput("order").find(R"("persistent-data":{"z":1,"a":{"y":2,"b":3}}})"),
            std::string::npos)
      << lastInput("order");
}

TEST_F(EngineTest, NonAsciiRoundTrip) {
  const std::string text = "caf\xc3\xa9 \xf0\x9f\x98\x80";
  commitLines({"interface ethernet-1/1 description \"" + text + "\""});
  writeScript("echo.py", R"(import json

def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    text = data["paths"][0]["value"]
    return json.dumps({"actions": [{"set-cfg-path": {
        "path": "interface ethernet-1/2 description", "value": text}}]})
)");
  addInstance("echo", "echo.py", {"interface ethernet-1/1 description"});
  ASSERT_TRUE(waitForExecutions("echo", 1));
  EXPECT_NE(lastInput("echo").find(text), std::string::npos);
  EXPECT_EQ(stringValue("interface ethernet-1/2 description"), text);
}

TEST_F(EngineTest, QuotedKeyInInputAndAction) {
  commitLines({"system event-handler instance \"my backup\" upython-script x.py"});
  writeScript("quote.py", R"(import json

def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    return json.dumps({"actions": [{"set-cfg-path": {
        "path": "system event-handler instance \"my backup\" upython-script",
        "value": "y.py"}}]})
)");
  addInstance("quote", "quote.py", {"system event-handler instance * upython-script"});
  // The action changes a watched value, so the instance runs a second time.
  ASSERT_TRUE(waitForExecutions("quote", 2));
  auto history = store_->executions("quote", 10);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_NE(
      history.back().input.find(
          R"({"path":"system event-handler instance \"my backup\" upython-script","value":"x.py"})"),
      std::string::npos)
      << history.back().input;
  EXPECT_EQ(stringValue("system event-handler instance \"my backup\" upython-script"), "y.py");
}

}  // namespace
}  // namespace eventmgr::engine::testing
