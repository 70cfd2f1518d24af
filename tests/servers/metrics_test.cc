#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "../e2e/daemon_process.h"

namespace eventmgr::servers::metrics {
namespace {

// The real daemon running the oper-group example, scraped over HTTP like Prometheus does.
class MetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ =
        std::filesystem::temp_directory_path() / ("eventmgr-metrics-" + std::to_string(::getpid()));
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

  std::string scrape() const {
    httplib::Client client("127.0.0.1", daemon_->port());
    auto response = client.Get("/metrics");
    if (!response) {
      return "";
    }
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->get_header_value("Content-Type"),
              "text/plain; version=0.0.4; charset=utf-8");
    return response->body;
  }

  //! Scrapes until the text contains LINE, for at most 20 seconds.
  bool waitForLine(const std::string& line) const {
    for (int attempt = 0; attempt < 200; ++attempt) {
      if (scrape().find(line + "\n") != std::string::npos) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  std::filesystem::path directory_;
  std::unique_ptr<e2e::DaemonProcess> daemon_;
};

TEST_F(MetricsTest, InstanceCountersAndHistogram) {
  ASSERT_TRUE(waitForLine("eventmgr_instance_executions_total{instance=\"opergroup\"} 1"))
      << scrape() << daemon_->log();
  auto [status, output] = daemon_->cli({"state set interface ethernet-1/49 oper-state down"});
  ASSERT_EQ(status, 0) << output;
  EXPECT_TRUE(waitForLine("eventmgr_instance_executions_total{instance=\"opergroup\"} 2"))
      << scrape();
  EXPECT_TRUE(waitForLine("eventmgr_execution_duration_seconds_count{instance=\"opergroup\"} 2"))
      << scrape();

  std::string text = scrape();
  for (const std::string line : {
           "# TYPE eventmgr_instance_executions_total counter",
           "# TYPE eventmgr_execution_duration_seconds histogram",
           "eventmgr_instance_up{instance=\"opergroup\"} 1",
           "eventmgr_execution_duration_seconds_bucket{instance=\"opergroup\",le=\"+Inf\"} 2",
           "# TYPE eventmgr_busy_executions gauge",
           "# TYPE eventmgr_runtime_pool_size gauge",
           "eventmgr_gnmi_subscriptions 0",
       }) {
    EXPECT_NE(text.find(line + "\n"), std::string::npos) << line << "\n" << text;
  }
}

}  // namespace
}  // namespace eventmgr::servers::metrics
