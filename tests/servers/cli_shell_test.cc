#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include "../e2e/daemon_process.h"
#include "cli/shell/shell.h"

namespace eventmgr::cli::shell {
namespace {

TEST(ShellCompletion, CommandsAndPaths) {
  auto schema = schema::Schema::builtin();
  struct Case {
    std::string line;  // the text before the cursor; the last word is completed
    std::vector<std::string> expected;
  };
  for (const Case& c : {
           Case{"ent", {"enter"}},
           Case{"enter c", {"candidate"}},
           Case{"commit v", {"validate"}},
           Case{"show event-h", {"event-handler"}},
           Case{"set interface ethernet-1/1 desc", {"description"}},
           Case{"set / interface ethernet-1/1 desc", {"description"}},
           Case{"info from state interface ethernet-1/1 oper-s", {"oper-state"}},
           Case{"state set interface ethernet-1/1 oper-s", {"oper-state"}},
           Case{"set interface ethern", {}},
           Case{"set nosuchnode x", {}},
       }) {
    auto space = c.line.rfind(' ');
    std::size_t start = space == std::string::npos ? 0 : space + 1;
    EXPECT_EQ(completeWord(*schema, c.line, start, c.line.substr(start)), c.expected) << c.line;
  }
}

TEST(ShellCompletion, ToolsTree) {
  auto schema = schema::Schema::builtin();
  auto names = completeWord(*schema, "tools sys", 6, "sys");
  EXPECT_EQ(names, std::vector<std::string>{"system"});
}

// The interactive shell in tmux, driven by key presses as a user types them.
class ShellInTmux : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v tmux >/dev/null") != 0) {
      GTEST_FAIL() << "tmux is missing; install it with scripts/install-deps.sh";
    }
    directory_ =
        std::filesystem::temp_directory_path() / ("eventmgr-shell-" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    daemon_ = std::make_unique<e2e::DaemonProcess>(
        directory_, std::vector<std::string>{"--gnmi-listen", "off"});
    socket_ = "eventmgr-shell-test-" + std::to_string(::getpid());
    tmux("new-session -d -s shell -x 160 -y 60 'HOME=" + directory_.string() + " " +
         e2e::DaemonProcess::binary() + " cli --address " + daemon_->address() + "'");
    waitForScreen("A:eventmgr#");
  }
  void TearDown() override {
    tmux("kill-server");
    daemon_.reset();
    std::filesystem::remove_all(directory_);
  }

  std::string tmux(const std::string& arguments) const {
    std::string output;
    FILE* pipe = ::popen(("tmux -L " + socket_ + " " + arguments + " 2>&1").c_str(), "r");
    char buffer[4096];
    std::size_t count;
    while ((count = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) {
      output.append(buffer, count);
    }
    ::pclose(pipe);
    return output;
  }
  //! Types KEYS (tmux send-keys syntax: literal text in single quotes, Tab, Enter).
  void type(const std::string& keys) const { tmux("send-keys -t shell " + keys); }
  std::string screen() const { return tmux("capture-pane -t shell -p -S -100"); }
  //! Waits up to 10 seconds until the screen contains TEXT; returns whether it did.
  bool waitForScreen(const std::string& text) const {
    for (int attempt = 0; attempt < 100; ++attempt) {
      if (screen().find(text) != std::string::npos) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  std::filesystem::path directory_;
  std::unique_ptr<e2e::DaemonProcess> daemon_;
  std::string socket_;
};

TEST_F(ShellInTmux, EditCommitAndInfo) {
  type("'enter candidate' Enter");
  ASSERT_TRUE(waitForScreen("--{ candidate }--")) << screen();
  type("'set interface ethernet-1/1 desc' Tab");
  ASSERT_TRUE(waitForScreen("ethernet-1/1 description")) << screen();
  type("'\"typed in tmux\"' Enter");
  type("'diff' Enter");
  ASSERT_TRUE(waitForScreen("+ set / interface ethernet-1/1 description \"typed in tmux\""))
      << screen();
  type("'commit now' Enter");
  ASSERT_TRUE(waitForScreen("All changes have been committed.")) << screen();
  type("'info interface ethernet-1/1 description' Enter");
  EXPECT_TRUE(waitForScreen("description \"typed in tmux\"")) << screen();
  EXPECT_TRUE(waitForScreen("--{ running }--\nA:eventmgr# info")) << screen();

  auto reply = daemon_->rpc(
      "get", {{"commands", {{{"path", "/interface[name=ethernet-1/1]/description"}}}}});
  EXPECT_EQ(reply["result"][0], "typed in tmux") << reply.dump();
}

TEST_F(ShellInTmux, ErrorsKeepTheSession) {
  type("'set interface ethernet-1/1 nosuchleaf 1' Enter");
  ASSERT_TRUE(waitForScreen("Error:")) << screen();
  type("'show event-handler' Enter");
  EXPECT_TRUE(waitForScreen("No event-handler instances are configured.")) << screen();
}

TEST_F(ShellInTmux, HistoryIsSaved) {
  type("'diff' Enter");
  type("'quit' Enter");
  for (int attempt = 0; attempt < 100 && !std::filesystem::exists(directory_ / ".eventmgr_history");
       ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::ifstream history(directory_ / ".eventmgr_history");
  std::string text((std::istreambuf_iterator<char>(history)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("diff"), std::string::npos) << text;
}

}  // namespace
}  // namespace eventmgr::cli::shell
