#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include "../e2e/daemon_process.h"

namespace eventmgr::servers::status {
namespace {

// Runs COMMAND and returns its standard output.
std::string capture(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return output;
  }
  char buffer[4096];
  std::size_t count;
  while ((count = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) {
    output.append(buffer, count);
  }
  ::pclose(pipe);
  return output;
}

// The status page of the real daemon running the oper-group example, rendered by headless
// Chromium (Debian package chromium), which executes the page's script.
class StatusPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ =
        std::filesystem::temp_directory_path() / ("eventmgr-status-" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_ / "scripts");
    std::filesystem::copy_file(EVENTMGR_SOURCE_DIR "/examples/opergroup/opergroup.py",
                               directory_ / "scripts" / "opergroup.py");
    daemon_ = std::make_unique<e2e::DaemonProcess>(
        directory_, std::vector<std::string>{
                        "--gnmi-listen", "off", "--script-dir", (directory_ / "scripts").string(),
                        "--config", EVENTMGR_SOURCE_DIR "/examples/opergroup/config.flat"});
  }
  void TearDown() override {
    daemon_.reset();
    std::filesystem::remove_all(directory_);
  }

  //! Returns the DOM after the page's script ran, or "" without Chromium. Keeps a screenshot
  //! in the build folder for a person to look at.
  std::string renderedDom() const {
    std::string chromium =
        "chromium --headless=new --no-sandbox --disable-gpu "
        "--user-data-dir=" +
        (directory_ / "chromium").string() + " --virtual-time-budget=3000 --window-size=1200,700 ";
    std::string url = "http://" + daemon_->address() + "/";
    capture(chromium + "--screenshot=" EVENTMGR_BINARY_DIR "/status-page.png " + url +
            " 2>/dev/null");
    return capture(chromium + "--dump-dom " + url + " 2>/dev/null");
  }

  std::filesystem::path directory_;
  std::unique_ptr<e2e::DaemonProcess> daemon_;
};

TEST_F(StatusPageTest, ServesHtml) {
  httplib::Client client("127.0.0.1", daemon_->port());
  auto response = client.Get("/");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(response->body.find("<title>eventmgr status</title>"), std::string::npos);
}

TEST_F(StatusPageTest, ChromiumShowsInstanceAndExecutions) {
  ASSERT_EQ(std::system("command -v chromium >/dev/null"), 0)
      << "chromium is missing; install it with scripts/install-deps.sh";
  auto [status, output] = daemon_->cli({"state set interface ethernet-1/49 oper-state down"});
  ASSERT_EQ(status, 0) << output;
  std::this_thread::sleep_for(std::chrono::milliseconds(500));

  std::string dom = renderedDom();
  EXPECT_NE(dom.find("id=\"instance-opergroup\""), std::string::npos) << dom;
  EXPECT_NE(dom.find("badge up"), std::string::npos) << dom;
  EXPECT_NE(dom.find("interface ethernet-1/49 oper-state"), std::string::npos) << dom;
  EXPECT_NE(dom.find("set-ephemeral-path"), std::string::npos) << dom;
  EXPECT_NE(dom.find("<div id=\"error\"></div>"), std::string::npos) << dom;
}

}  // namespace
}  // namespace eventmgr::servers::status
