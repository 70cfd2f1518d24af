// Tests of `eventmgr test` through the built eventmgr binary: printed result, JSON result and
// exit status.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace {

namespace fs = std::filesystem;

const std::string kEventmgr = EVENTMGR_BINARY_DIR "/eventmgr";
const std::string kExample = EVENTMGR_SOURCE_DIR "/examples/opergroup";

struct CommandResult {
  int exit_status = -1;
  std::string output;  // standard output; standard error goes to the test's own
};

CommandResult runCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return result;
  }
  std::array<char, 4096> buffer{};
  std::size_t got = 0;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.output.append(buffer.data(), got);
  }
  int status = ::pclose(pipe);
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

class TestCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/eventmgr-test-command-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }

  void TearDown() override { fs::remove_all(dir_); }

  std::string writeScript(const std::string& name, const std::string& body) {
    std::ofstream(dir_ / name) << "def event_handler_main(in_json_str):\n" << body;
    return (dir_ / name).string();
  }

  fs::path dir_;
};

TEST_F(TestCommand, OpergroupPrintsTwoDownActions) {
  CommandResult result = runCommand(kEventmgr + " test " + kExample + "/opergroup.py --input - < " +
                                    kExample + "/one-uplink-down.json");
  EXPECT_EQ(result.exit_status, 0) << result.output;
  EXPECT_NE(result.output.find("status: success\n"), std::string::npos) << result.output;
  EXPECT_NE(
      result.output.find("actions: 2\n"
                         "  set-ephemeral-path \"interface ethernet-1/1 oper-state\" value down\n"
                         "  set-ephemeral-path \"interface ethernet-1/2 oper-state\" value down\n"),
      std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("uplinks up: 1 of 2, required: 2 -> down-links down"),
            std::string::npos);
  EXPECT_NE(result.output.find("upython-duration: "), std::string::npos);
}

TEST_F(TestCommand, JsonHasEveryField) {
  CommandResult result =
      runCommand(kEventmgr + " test " + kExample + "/opergroup.py --json --input " + kExample +
                 "/all-uplinks-up.json");
  ASSERT_EQ(result.exit_status, 0) << result.output;
  nlohmann::json report = nlohmann::json::parse(result.output);
  EXPECT_EQ(report["status"], "success");
  EXPECT_TRUE(report["oper-down-reason"].is_null());
  EXPECT_EQ(report["detail"], "");
  EXPECT_TRUE(report["output"].is_string());
  ASSERT_EQ(report["actions"].size(), 2u);
  EXPECT_EQ(report["actions"][0]["set-ephemeral-path"]["value"], "up");
  EXPECT_TRUE(report["persistent-data"].is_null());
  EXPECT_EQ(report["persistent-data-change"], "keep");
  EXPECT_EQ(report["stdout-stderr"], "");
  EXPECT_TRUE(report["upython-duration-us"].is_number_unsigned());
}

TEST_F(TestCommand, PersistentDataShown) {
  std::string script =
      writeScript("keep.py", "    return '{\"actions\":[],\"persistent-data\":{\"n\":1}}'\n");
  CommandResult text = runCommand("echo '{}' | " + kEventmgr + " test " + script + " --input -");
  EXPECT_EQ(text.exit_status, 0) << text.output;
  EXPECT_NE(text.output.find("persistent-data: {\"n\":1}\n"), std::string::npos) << text.output;

  CommandResult json =
      runCommand("echo '{}' | " + kEventmgr + " test " + script + " --json --input -");
  nlohmann::json report = nlohmann::json::parse(json.output);
  EXPECT_EQ(report["persistent-data"], nlohmann::json({{"n", 1}}));
  EXPECT_EQ(report["persistent-data-change"], "replace");
}

TEST_F(TestCommand, ExceptionExitsOne) {
  std::string script = writeScript("raise.py", "    raise ValueError('x')\n");
  CommandResult result = runCommand("echo '{}' | " + kEventmgr + " test " + script + " --input -");
  EXPECT_EQ(result.exit_status, 1);
  EXPECT_NE(result.output.find("oper-down-reason: exception\n"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("ValueError: x"), std::string::npos);
}

TEST_F(TestCommand, InvalidOutputIsScriptError) {
  std::string script = writeScript("bogus.py", "    return '{\"actions\":[{\"bogus\":{}}]}'\n");
  CommandResult result =
      runCommand("echo '{}' | " + kEventmgr + " test " + script + " --json --input -");
  EXPECT_EQ(result.exit_status, 1);
  nlohmann::json report = nlohmann::json::parse(result.output);
  EXPECT_EQ(report["status"], "failed");
  EXPECT_EQ(report["oper-down-reason"], "script-error");
  EXPECT_NE(report["detail"].get<std::string>().find("unknown action \"bogus\""),
            std::string::npos);
  EXPECT_TRUE(report["actions"].empty());
}

TEST_F(TestCommand, ScriptDirOptionSearchesInOrder) {
  fs::create_directory(dir_ / "first");
  std::ofstream(dir_ / "first" / "s.py") << "def event_handler_main(s):\n    return '{}'\n";
  CommandResult result = runCommand("echo '{}' | " + kEventmgr + " test s.py --script-dir " +
                                    (dir_ / "none").string() + " --script-dir " +
                                    (dir_ / "first").string() + " --input -");
  EXPECT_EQ(result.exit_status, 0) << result.output;
}

TEST_F(TestCommand, MissingScriptExitsOne) {
  CommandResult result = runCommand("echo '{}' | " + kEventmgr + " test " +
                                    (dir_ / "absent.py").string() + " --input -");
  EXPECT_EQ(result.exit_status, 1);
  EXPECT_NE(result.output.find("oper-down-reason: script-unavailable"), std::string::npos)
      << result.output;
}

TEST_F(TestCommand, UsageErrorsExitTwo) {
  std::string script = writeScript("ok.py", "    return '{}'\n");
  const std::string commands[] = {
      kEventmgr + " test " + script + " --input " + (dir_ / "absent.json").string(),
      kEventmgr + " test " + script,
      kEventmgr + " test " + script + " --input - --timeout-ms 0",
      kEventmgr + " test " + script + " --input - --heap 10",
  };
  for (const auto& command : commands) {
    SCOPED_TRACE(command);
    CommandResult result = runCommand(command + " < /dev/null");
    EXPECT_EQ(result.exit_status, 2) << result.output;
  }
}

}  // namespace
