// Runs `eventmgr path resolve` as a user would and checks its output and exit status.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace {

const std::string kEventmgr = std::string(EVENTMGR_BINARY_DIR) + "/eventmgr";

struct CommandResult {
  int exit_status = -1;
  std::string output;  // stdout and stderr together
};

CommandResult runCommand(const std::string& arguments) {
  CommandResult result;
  FILE* pipe = ::popen((kEventmgr + " " + arguments + " 2>&1").c_str(), "r");
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

TEST(PathResolve, PrintsExpansion) {
  CommandResult result = runCommand("path resolve 'interface ethernet-1/{49..50} oper-state'");
  EXPECT_EQ(result.exit_status, 0) << result.output;
  EXPECT_NE(result.output.find("ends at:    leaf /srl_nokia-interfaces:interface/oper-state"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("expansion:  2\n"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("gnmi:       /interface[name=ethernet-1/49]/oper-state\n"
                               "            /interface[name=ethernet-1/50]/oper-state\n"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("concrete:   interface ethernet-1/49 oper-state\n"),
            std::string::npos)
      << result.output;
}

TEST(PathResolve, ResolvesToolsTree) {
  CommandResult result =
      runCommand("path resolve --tools 'system event-handler instance backup reload'");
  EXPECT_EQ(result.exit_status, 0) << result.output;
  EXPECT_NE(result.output.find("srl_nokia-tools-event-handler:event-handler"), std::string::npos)
      << result.output;
}

TEST(PathResolve, InvalidPathExitsWithTwo) {
  CommandResult result = runCommand("path resolve 'interface ethernet-1/1 oper-sate'");
  EXPECT_EQ(result.exit_status, 2) << result.output;
  EXPECT_NE(result.output.find("did you mean oper-state?"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("  interface ethernet-1/1 oper-sate\n"
                               "                         ^\n"),
            std::string::npos)
      << result.output;
}

TEST(PathResolve, MissingYangDirFails) {
  CommandResult result =
      runCommand("path resolve --yang-dir /nonexistent/eventmgr-yang 'interface * oper-state'");
  EXPECT_NE(result.exit_status, 0) << result.output;
  EXPECT_NE(result.output.find("/nonexistent/eventmgr-yang"), std::string::npos) << result.output;
}

}  // namespace
