#include "actions/command_runner.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace eventmgr::actions {
namespace {

using std::chrono::milliseconds;

CommandRequest request(const std::string& cmdline, milliseconds timeout = milliseconds(10000)) {
  CommandRequest result;
  result.cmdline = cmdline;
  result.working_dir = std::filesystem::temp_directory_path();
  result.timeout = timeout;
  return result;
}

// Returns true while a process whose command line contains MARKER exists. The first character
// goes in brackets so that the pattern does not match the pgrep command line itself.
bool processRunning(const std::string& marker) {
  std::string command =
      "pgrep -f -- '[" + marker.substr(0, 1) + "]" + marker.substr(1) + "' > /dev/null";
  return std::system(command.c_str()) == 0;
}

TEST(CommandRunner, SuccessAndOutput) {
  auto result = runCommand(request("echo out; echo err >&2"));
  EXPECT_TRUE(result.succeeded());
  EXPECT_EQ(result.output, "out\nerr\n");
}

TEST(CommandRunner, ExitStatusReported) {
  auto result = runCommand(request("exit 3"));
  EXPECT_TRUE(result.started);
  EXPECT_FALSE(result.succeeded());
  EXPECT_EQ(result.exit_status, 3);
}

TEST(CommandRunner, RunsInWorkingDirectory) {
  auto directory =
      std::filesystem::temp_directory_path() / ("eventmgr-cwd-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  auto command = request("pwd");
  command.working_dir = directory;
  auto result = runCommand(command);
  EXPECT_EQ(result.output, directory.string() + "\n");
  std::filesystem::remove_all(directory);
}

TEST(CommandRunner, BackgroundChildDoesNotDelayResult) {
  auto result = runCommand(request("sleep 30.0417 &", milliseconds(5000)));
  EXPECT_TRUE(result.succeeded());
  EXPECT_LT(result.duration, std::chrono::seconds(4));
  std::system("pkill -f -- 'sleep 30.0417'");
}

TEST(CommandRunner, TimeoutKillsProcessGroup) {
  auto result = runCommand(request("sleep 30.0419; echo never", milliseconds(500)));
  EXPECT_TRUE(result.timed_out);
  EXPECT_FALSE(result.succeeded());
  EXPECT_EQ(result.output.find("never"), std::string::npos);
  EXPECT_FALSE(processRunning("sleep 30.0419"));
}

TEST(CommandRunner, LargeOutputBounded) {
  auto command = request("head -c 1048576 /dev/zero | tr '\\0' a");
  command.max_output_bytes = 4096;
  auto result = runCommand(command);
  EXPECT_TRUE(result.succeeded());
  EXPECT_EQ(result.output.size(), 4096u);
  EXPECT_EQ(result.dropped_bytes, 1048576u - 4096u);
}

TEST(CommandRunner, MissingWorkingDirectoryFailsToStart) {
  auto command = request("true");
  command.working_dir = "/nonexistent/eventmgr";
  auto result = runCommand(command);
  EXPECT_FALSE(result.succeeded());
}

TEST(CommandRunner, UnknownUserRunsAsSelf) {
  auto command = request("id -u");
  command.user = "no-such-user-eventmgr";
  auto result = runCommand(command);
  EXPECT_TRUE(result.succeeded());
  EXPECT_EQ(result.output, std::to_string(::geteuid()) + "\n");
}

TEST(CommandRunner, RunsAsConfiguredUser) {
  if (!canRunAsUser("nobody")) {
    GTEST_SKIP() << "switching users needs root and setpriv";
  }
  auto command = request("id -un");
  command.user = "nobody";
  command.working_dir = "/";
  auto result = runCommand(command);
  EXPECT_TRUE(result.succeeded()) << result.output;
  EXPECT_EQ(result.output, "nobody\n");
}

}  // namespace
}  // namespace eventmgr::actions
