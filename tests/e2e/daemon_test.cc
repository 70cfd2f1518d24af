// End-to-end tests: the real `eventmgr run` daemon driven through JSON-RPC and `eventmgr cli`.

#include <gtest/gtest.h>

#include "daemon_process.h"

namespace eventmgr::e2e {
namespace {

using nlohmann::json;

const char* kOpergroupConfig = R"(set / interface ethernet-1/1 admin-state enable
set / interface ethernet-1/2 admin-state enable
set / interface ethernet-1/49 admin-state enable
set / interface ethernet-1/50 admin-state enable
set / system event-handler instance opergroup admin-state enable
set / system event-handler instance opergroup upython-script opergroup.py
set / system event-handler instance opergroup paths [ "interface ethernet-1/{49..50} oper-state" ]
set / system event-handler instance opergroup options object required-up-uplinks value 2
set / system event-handler instance opergroup options object down-links values [ ethernet-1/1 ethernet-1/2 ]
)";

class DaemonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("eventmgr-e2e-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_ / "scripts");
    std::filesystem::copy_file(EVENTMGR_SOURCE_DIR "/examples/opergroup/opergroup.py",
                               directory_ / "scripts" / "opergroup.py");
    writeFile("config.flat", kOpergroupConfig);
  }

  void TearDown() override {
    daemon_.reset();
    std::filesystem::remove_all(directory_);
  }

  void writeFile(const std::string& name, const std::string& text) {
    std::ofstream file(directory_ / name);
    file << text;
  }

  void startDaemon(std::vector<std::string> extra = {}) {
    std::vector<std::string> arguments = {"--script-dir", (directory_ / "scripts").string()};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    daemon_ = std::make_unique<DaemonProcess>(directory_, arguments);
  }

  void startWithConfig() { startDaemon({"--config", (directory_ / "config.flat").string()}); }

  //! Returns the state value at the gNMI path, or null.
  json stateValue(const std::string& gnmi_path) {
    auto reply =
        daemon_->rpc("get", {{"commands", {{{"path", gnmi_path}, {"datastore", "state"}}}}});
    if (!reply.contains("result")) {
      return nullptr;
    }
    return reply["result"][0];
  }

  bool waitForState(const std::string& gnmi_path, const json& expected) {
    for (int i = 0; i < 500; ++i) {
      if (stateValue(gnmi_path) == expected) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  std::filesystem::path directory_;
  std::unique_ptr<DaemonProcess> daemon_;
};

TEST_F(DaemonTest, OpergroupThroughCli) {
  startWithConfig();
  ASSERT_TRUE(waitForState("/system/event-handler/instance[name=opergroup]/oper-state", "up"))
      << daemon_->log();
  auto [status, output] = daemon_->cli({"state set interface ethernet-1/49 oper-state down"});
  ASSERT_EQ(status, 0) << output;
  ASSERT_TRUE(waitForState("/interface[name=ethernet-1/1]/oper-state", "down"));

  auto [info_status, info] = daemon_->cli({"info from state interface ethernet-1/1 oper-state"});
  EXPECT_EQ(info_status, 0);
  EXPECT_NE(info.find("oper-state down"), std::string::npos) << info;

  auto [eh_status, eh] = daemon_->cli({"info from state system event-handler instance opergroup"});
  EXPECT_EQ(eh_status, 0);
  EXPECT_NE(eh.find("oper-state up"), std::string::npos) << eh;
  EXPECT_NE(eh.find(R"(\"path\":\"interface ethernet-1/49 oper-state\",\"value\":\"down\")"),
            std::string::npos)
      << eh;
  EXPECT_NE(eh.find("execution-count 2"), std::string::npos) << eh;

  // The execution history is state too, with its state leaf-list of changed paths.
  auto [history_status, history] = daemon_->cli({"show event-handler opergroup history"});
  EXPECT_EQ(history_status, 0) << history;
  EXPECT_NE(history.find("changed: interface ethernet-1/49 oper-state"), std::string::npos)
      << history;
  EXPECT_NE(
      history.find("executed     set-ephemeral-path interface ethernet-1/1 oper-state = down"),
      std::string::npos)
      << history;
  auto [table_status, table] = daemon_->cli({"show event-handler"});
  EXPECT_EQ(table_status, 0);
  EXPECT_NE(table.find("opergroup"), std::string::npos) << table;
}

TEST_F(DaemonTest, SetThroughJsonRpc) {
  startWithConfig();
  auto reply = daemon_->rpc("set", {{"commands",
                                     {{{"action", "update"},
                                       {"path", "/interface[name=ethernet-1/1]/description"},
                                       {"value", "uplink to spine"}}}}});
  ASSERT_TRUE(reply.contains("result")) << reply.dump();
  auto get = daemon_->rpc(
      "get", {{"commands", {{{"path", "/interface[name=ethernet-1/1]/description"}}}}});
  EXPECT_EQ(get["result"][0], "uplink to spine");
}

TEST_F(DaemonTest, InvalidSetChangesNothing) {
  startWithConfig();
  auto reply = daemon_->rpc("set", {{"commands",
                                     {{{"action", "update"},
                                       {"path", "/interface[name=ethernet-1/1]/description"},
                                       {"value", "changed"}},
                                      {{"action", "update"},
                                       {"path", "/interface[name=ethernet-1/1]/mtu"},
                                       {"value", 70000}}}}});
  ASSERT_TRUE(reply.contains("error")) << reply.dump();
  EXPECT_EQ(reply["error"]["code"], -1);
  EXPECT_NE(reply["error"]["message"].get<std::string>().find("mtu"), std::string::npos)
      << reply.dump();
  auto get = daemon_->rpc(
      "get", {{"commands", {{{"path", "/interface[name=ethernet-1/1]/description"}}}}});
  EXPECT_TRUE(get["result"][0].is_null()) << get.dump();

  auto validate = daemon_->rpc("validate", {{"commands",
                                             {{{"action", "update"},
                                               {"path", "/interface[name=ethernet-1/1]/mtu"},
                                               {"value", 70000}}}}});
  EXPECT_TRUE(validate.contains("error")) << validate.dump();
  auto valid = daemon_->rpc(
      "validate",
      {{"commands",
        {{{"action", "update"}, {"path", "/interface[name=ethernet-1/1]/mtu"}, {"value", 9000}}}}});
  EXPECT_TRUE(valid.contains("result")) << valid.dump();
  auto mtu = daemon_->rpc("get", {{"commands", {{{"path", "/interface[name=ethernet-1/1]/mtu"}}}}});
  EXPECT_NE(mtu["result"][0], "9000");
}

TEST_F(DaemonTest, MalformedRequestsRejected) {
  startWithConfig();
  httplib::Client client("127.0.0.1", daemon_->port());
  auto not_json = client.Post("/jsonrpc", "{not json", "application/json");
  ASSERT_TRUE(not_json);
  auto parsed = json::parse(not_json->body);
  EXPECT_EQ(parsed["error"]["code"], -32700);

  auto bad_utf8 =
      client.Post("/jsonrpc", "{\"jsonrpc\":\"2.0\",\"method\":\"get\xff\"}", "application/json");
  ASSERT_TRUE(bad_utf8);
  EXPECT_EQ(bad_utf8->status, 200);
  EXPECT_EQ(json::parse(bad_utf8->body)["error"]["code"], -32700) << bad_utf8->body;

  auto unknown = daemon_->rpc("frobnicate", json::object());
  EXPECT_EQ(unknown["error"]["code"], -32601);
  auto no_commands = daemon_->rpc("get", json::object());
  EXPECT_EQ(no_commands["error"]["code"], -32602);
  auto bad_path =
      daemon_->rpc("get", {{"commands", {{{"path", "/interface[name=e1/oper-state"}}}}});
  EXPECT_TRUE(bad_path.contains("error"));
  auto bad_store =
      daemon_->rpc("get", {{"commands", {{{"path", "/interface"}, {"datastore", "tools"}}}}});
  EXPECT_TRUE(bad_store.contains("error"));
  auto unknown_node =
      daemon_->rpc("get", {{"commands", {{{"path", "/interface[name=ethernet-1/1]/oper-sate"}}}}});
  ASSERT_TRUE(unknown_node.contains("error"));
  EXPECT_NE(unknown_node["error"]["message"].get<std::string>().find("oper-sate"),
            std::string::npos);
  // The daemon is still serving.
  EXPECT_TRUE(waitForState("/system/event-handler/instance[name=opergroup]/oper-state", "up"));
}

TEST_F(DaemonTest, ToolsAndStateDatastores) {
  startWithConfig();
  auto state = daemon_->rpc("set", {{"datastore", "state"},
                                    {"commands",
                                     {{{"action", "update"},
                                       {"path", "/interface[name=ethernet-1/50]/oper-state"},
                                       {"value", "down"}}}}});
  ASSERT_TRUE(state.contains("result")) << state.dump();
  EXPECT_TRUE(waitForState("/interface[name=ethernet-1/2]/oper-state", "down"));

  auto tools = daemon_->rpc(
      "set", {{"datastore", "tools"},
              {"commands",
               {{{"action", "update"},
                 {"path", "/system/event-handler/instance[name=opergroup]/statistics/clear"}}}}});
  ASSERT_TRUE(tools.contains("result")) << tools.dump();
  EXPECT_TRUE(waitForState(
      "/system/event-handler/instance[name=opergroup]/statistics/execution-count", "0"));
}

TEST_F(DaemonTest, CliReportsErrors) {
  startWithConfig();
  auto [status, output] = daemon_->cli({"info from state interface ethernet-1/1 oper-sate"});
  EXPECT_EQ(status, 1);
  EXPECT_NE(output.find("oper-sate"), std::string::npos) << output;

  auto [history_status, history] = daemon_->cli({"show event-handler nonexistent history"});
  EXPECT_EQ(history_status, 1);
  EXPECT_NE(history.find("\"nonexistent\" is not configured"), std::string::npos) << history;

  auto [unknown_status, unknown] = daemon_->cli({"frobnicate"});
  EXPECT_EQ(unknown_status, 1);
  EXPECT_NE(unknown.find("unknown command"), std::string::npos) << unknown;

  auto [unreachable_status, unreachable] =
      runShell(DaemonProcess::binary() + " cli --address 127.0.0.1:1 -c 'info'");
  EXPECT_EQ(unreachable_status, 1);
  EXPECT_NE(unreachable.find("cannot reach"), std::string::npos) << unreachable;
}

TEST_F(DaemonTest, RestartKeepsHistoryAndPersistentData) {
  writeFile("scripts/count.py", R"(import json

def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    n = (data.get("persistent-data") or 0) + 1
    return json.dumps({"actions": [], "persistent-data": n})
)");
  writeFile("config.flat",
            std::string(kOpergroupConfig) +
                "set / system event-handler instance count admin-state enable\n"
                "set / system event-handler instance count upython-script count.py\n");
  startWithConfig();
  ASSERT_TRUE(waitForState("/system/event-handler/instance[name=count]/oper-state", "up"));
  auto [save_status, save] = daemon_->cli({"tools system configuration save"});
  ASSERT_EQ(save_status, 0) << save;
  EXPECT_EQ(daemon_->stop(SIGTERM), 0);

  startDaemon();
  ASSERT_TRUE(
      waitForState("/system/event-handler/instance[name=count]/statistics/execution-count", "1"))
      << daemon_->log();
  auto input = stateValue("/system/event-handler/instance[name=count]/last-execution/input");
  EXPECT_NE(input.get<std::string>().find(R"("persistent-data":1)"), std::string::npos)
      << input.dump();
}

TEST_F(DaemonTest, KillDuringExecutionLosesNothingStored) {
  writeFile("scripts/slow.py", R"(import json
import time

def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    n = (data.get("persistent-data") or 0) + 1
    if data["paths"]:
        time.sleep(5)
    return json.dumps({"actions": [], "persistent-data": n})
)");
  writeFile("config.flat", std::string(kOpergroupConfig) +
                               "set / system event-handler instance slow admin-state enable\n"
                               "set / system event-handler instance slow upython-script slow.py\n"
                               "set / system event-handler instance slow paths [ \"interface "
                               "ethernet-1/1 description\" ]\n");
  startWithConfig();
  ASSERT_TRUE(waitForState("/system/event-handler/instance[name=slow]/oper-state", "up"));
  daemon_->cli({"tools system configuration save"});
  daemon_->cli({"set / interface ethernet-1/1 description x", "commit now"});
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  daemon_->stop(SIGKILL);

  startDaemon();
  ASSERT_TRUE(waitForState("/system/event-handler/instance[name=opergroup]/oper-state", "up"))
      << daemon_->log();
  // The saved startup config has no description, so the start execution is quick. It must see
  // the first execution's persistent-data (1): the killed execution stored nothing.
  const std::string input_path = "/system/event-handler/instance[name=slow]/last-execution/input";
  json input;
  for (int i = 0; i < 400; ++i) {
    input = stateValue(input_path);
    if (input.is_string() &&
        input.get<std::string>().find("persistent-data") != std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(input.is_string()) << daemon_->log();
  EXPECT_NE(input.get<std::string>().find(R"("persistent-data":1)"), std::string::npos)
      << input.dump();
}

TEST_F(DaemonTest, BasicAuthenticationRequired) {
  ::setenv("EVENTMGR_PASSWORD", "s3cret", 1);
  startDaemon({"--config", (directory_ / "config.flat").string(), "--username", "admin"});
  ::unsetenv("EVENTMGR_PASSWORD");
  httplib::Client client("127.0.0.1", daemon_->port());
  auto anonymous = client.Post(
      "/jsonrpc", R"({"jsonrpc":"2.0","id":1,"method":"cli","params":{"commands":["info"]}})",
      "application/json");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  client.set_basic_auth("admin", "s3cret");
  auto authorised = client.Post(
      "/jsonrpc", R"({"jsonrpc":"2.0","id":1,"method":"cli","params":{"commands":["info"]}})",
      "application/json");
  ASSERT_TRUE(authorised);
  EXPECT_EQ(authorised->status, 200);
  EXPECT_EQ(daemon_->log().find("s3cret"), std::string::npos);
}

TEST_F(DaemonTest, RecordAndReplay) {
  startWithConfig();
  ASSERT_TRUE(waitForState("/system/event-handler/instance[name=opergroup]/oper-state", "up"));
  auto recording = directory_ / "changes.jsonl";
  std::string record = DaemonProcess::binary() + " record --address " + daemon_->address() +
                       " --duration 1.5 -o " + recording.string() + " 2>/dev/null";
  FILE* recorder = ::popen(record.c_str(), "r");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  daemon_->cli({"state set interface ethernet-1/49 oper-state down"});
  daemon_->cli({"state set interface ethernet-1/49 oper-state up"});
  ASSERT_EQ(WEXITSTATUS(::pclose(recorder)), 0);

  std::ifstream file(recording);
  std::vector<json> batches;
  std::string line;
  while (std::getline(file, line)) {
    batches.push_back(json::parse(line));
  }
  // Only the two external changes: the opergroup overrides are the event handler's own.
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_EQ(batches[0]["changes"][0]["path"], "interface ethernet-1/49 oper-state");
  EXPECT_EQ(batches[0]["changes"][0]["value"], "down");
  EXPECT_EQ(batches[1]["origin"], "external");

  auto [replay_status, output] =
      runShell(DaemonProcess::binary() + " --log-level warning replay --virtual " +
               recording.string() + " --config " + (directory_ / "config.flat").string() +
               " --script-dir " + (directory_ / "scripts").string());
  EXPECT_EQ(replay_status, 0) << output;
  EXPECT_NE(output.find("state set interface ethernet-1/49 oper-state down"), std::string::npos)
      << output;
  EXPECT_NE(output.find("set-ephemeral-path interface ethernet-1/1 oper-state = down  [executed]"),
            std::string::npos)
      << output;
}

TEST_F(DaemonTest, StopIsBoundedDuringLongExecution) {
  writeFile("scripts/slow40.py",
            "import time\n\ndef event_handler_main(in_json_str):\n"
            "    time.sleep(40)\n    return '{}'\n");
  writeFile("config.flat",
            "set / system event-handler instance slow admin-state enable\n"
            "set / system event-handler instance slow upython-script slow40.py\n"
            "set / system event-handler instance slow upython-timeout 60000\n");
  startWithConfig();
  ASSERT_TRUE(waitForState("/system/event-handler/instance[name=slow]/oper-state", "starting"));
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(daemon_->stop(SIGTERM), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
}

TEST_F(DaemonTest, WorkerCountBounded) {
  for (const char* count : {"0", "100000"}) {
    std::string line = DaemonProcess::binary() + " run --workers " + count + " > /dev/null 2>&1";
    int status = std::system(line.c_str());
    EXPECT_EQ(WEXITSTATUS(status), 2) << count;
  }
}

TEST_F(DaemonTest, InvalidConfigFileFailsStart) {
  writeFile("bad.flat", "set / interface ethernet-1/1 mtu 70000\n");
  try {
    startDaemon({"--config", (directory_ / "bad.flat").string()});
    FAIL() << "the daemon started with an invalid config file";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("bad.flat: "), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("1500..9500"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace eventmgr::e2e

namespace eventmgr::e2e {
namespace {

TEST(Replay, MalformedRecordingNamesLine) {
  auto file = std::filesystem::temp_directory_path() /
              ("eventmgr-replay-" + std::to_string(::getpid()) + ".jsonl");
  const std::pair<const char*, const char*> cases[] = {
      {"{\"time-ms\":1,\"changes\":\"x\"}\n",
       ":1: not a recorded change batch: \"changes\" must be a list"},
      {"{\"time-ms\":5,\"changes\":[]}\n{\"time-ms\":1,\"changes\":[]}\n",
       ":2: not a recorded change batch: time-ms 1 is before"},
      {"not json\n", ":1: not a recorded change batch"},
      {"{\"time-ms\":1,\"changes\":[{\"path\":\"x\"}]}\n", "needs a string or list \"value\""},
  };
  for (const auto& [text, expected] : cases) {
    std::ofstream(file) << text;
    auto [status, output] =
        runShell(DaemonProcess::binary() + " replay --virtual " + file.string());
    EXPECT_EQ(status, 2) << text;
    EXPECT_NE(output.find(expected), std::string::npos) << output;
  }
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace eventmgr::e2e
