#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/error.h"
#include "runtime/host_pool.h"
#include "scenario/scenario_parser.h"
#include "scenario/scenario_runner.h"

namespace eventmgr::scenario {
namespace {

const std::filesystem::path kExamples = std::filesystem::path(EVENTMGR_SOURCE_DIR) / "examples";

class ScenarioTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    runtime::HostPoolOptions options;
    options.host_executable = EVENTMGR_BINARY_DIR "/eventmgr-upython-host";
    options.max_hosts = 1;
    runner_ = new runtime::HostPool(options);
  }
  static void TearDownTestSuite() {
    delete runner_;
    runner_ = nullptr;
  }

  ScenarioResult run(const std::string& text, std::string* timeline = nullptr) {
    auto scenario = parseScenario(text, kExamples / "opergroup" / "inline.yaml");
    std::ostringstream out;
    auto result = runScenario(scenario, *runner_, RunnerOptions{}, out);
    if (timeline != nullptr) {
      *timeline = out.str();
    }
    return result;
  }

  static runtime::HostPool* runner_;
};

runtime::HostPool* ScenarioTest::runner_ = nullptr;

const char* kWrongExpectation = R"(name: wrong on purpose
config-file: config.flat
steps:
  - at: 2s
    state-set:
      - interface ethernet-1/49 oper-state down
      - interface ethernet-1/50 oper-state down
    expect:
      actions:
        opergroup:
          - set-ephemeral-path: {path: interface ethernet-1/1 oper-state, value: up}
)";

TEST_F(ScenarioTest, WrongExpectationNamesStepAndActions) {
  auto result = run(kWrongExpectation);
  EXPECT_FALSE(result.passed);
  ASSERT_EQ(result.failures.size(), 1u);
  const auto& message = result.failures[0];
  EXPECT_NE(message.find("step at 2.000s (line 4)"), std::string::npos) << message;
  EXPECT_NE(message.find("expected:\n        set-ephemeral-path"), std::string::npos) << message;
  EXPECT_NE(message.find(R"("value":"up")"), std::string::npos) << message;
  EXPECT_NE(message.find("actual:\n        set-ephemeral-path"), std::string::npos) << message;
  EXPECT_NE(message.find("set-ephemeral-path interface ethernet-1/1 oper-state = down"),
            std::string::npos)
      << message;
}

TEST_F(ScenarioTest, RunsAreDeterministic) {
  std::string first;
  std::string second;
  auto scenario = parseScenarioFile(kExamples / "bgp-isolation" / "scenario.yaml");
  std::ostringstream out_first;
  std::ostringstream out_second;
  EXPECT_TRUE(runScenario(scenario, *runner_, RunnerOptions{}, out_first).passed)
      << out_first.str();
  EXPECT_TRUE(runScenario(scenario, *runner_, RunnerOptions{}, out_second).passed);
  // Timings in the last line differ; everything before it must be identical.
  first = out_first.str();
  second = out_second.str();
  first = first.substr(0, first.rfind("PASS"));
  second = second.substr(0, second.rfind("PASS"));
  EXPECT_EQ(first, second);
}

TEST_F(ScenarioTest, HourOfHoldDownInVirtualTime) {
  auto scenario = parseScenarioFile(kExamples / "bgp-isolation" / "scenario.yaml");
  std::ostringstream out;
  auto result = runScenario(scenario, *runner_, RunnerOptions{}, out);
  EXPECT_TRUE(result.passed) << out.str();
  EXPECT_GE(result.virtual_time, std::chrono::hours(1));
}

TEST_F(ScenarioTest, FailingStepReportedNotThrown) {
  auto result = run(R"(config-file: config.flat
steps:
  - at: 1s
    state-set: interface ethernet-1/1 oper-sate down
)");
  EXPECT_FALSE(result.passed);
  ASSERT_FALSE(result.failures.empty());
  EXPECT_NE(result.failures[0].find("inline.yaml:4:"), std::string::npos) << result.failures[0];
  EXPECT_NE(result.failures[0].find("oper-sate"), std::string::npos) << result.failures[0];
}

TEST_F(ScenarioTest, EndlessZeroDelayReinvokeStops) {
  auto directory = std::filesystem::temp_directory_path() / "eventmgr-zero-reinvoke";
  std::filesystem::create_directories(directory);
  std::ofstream(directory / "zero.py")
      << "def event_handler_main(in_json_str):\n"
         "    return '{\"actions\":[{\"reinvoke-with-delay\":0}]}'\n";
  auto scenario = parseScenario(R"(config: |
  set / system event-handler instance zero admin-state enable
  set / system event-handler instance zero upython-script zero.py
steps:
  - at: 1s
)",
                                directory / "zero.yaml");
  std::ostringstream out;
  auto result = runScenario(scenario, *runner_, RunnerOptions{}, out);
  EXPECT_FALSE(result.passed);
  ASSERT_FALSE(result.failures.empty());
  EXPECT_NE(result.failures[0].find("without time moving on"), std::string::npos)
      << result.failures[0];
  std::filesystem::remove_all(directory);
}

TEST(ScenarioParser, FileInCurrentFolder) {
  auto previous = std::filesystem::current_path();
  std::filesystem::current_path(kExamples / "opergroup");
  Scenario scenario;
  EXPECT_NO_THROW(scenario = parseScenarioFile("scenario.yaml"));
  std::filesystem::current_path(previous);
  ASSERT_EQ(scenario.script_dirs.size(), 1u);
  EXPECT_EQ(scenario.script_dirs[0], std::filesystem::path("."));
}

struct BadFile {
  const char* text;
  const char* expected;  // part of the message
};

TEST(ScenarioParser, MalformedFilesNameLineAndProblem) {
  const BadFile cases[] = {
      {"steps: [", "inline.yaml:1: invalid YAML"},
      {"- just a list", "must be a mapping"},
      {"name: x\nbogus: 1\nsteps: []\n", "inline.yaml:2: unknown key \"bogus\""},
      {"name: x\n", "steps must be a list"},
      {"steps:\n  - state-set: a b\n", "inline.yaml:2: a step needs a time"},
      {"steps:\n  - at: soon\n", "invalid time \"soon\""},
      {"steps:\n  - at: 2s\n  - at: 1s\n", "inline.yaml:3: steps must be in time order"},
      {"steps:\n  - at: 1s\n    expect:\n      executions: {og: many}\n",
       "inline.yaml:4: executions of og must be a whole number"},
      {"steps:\n  - at: 1s\n    expect:\n      actions-match: some\n",
       "actions-match must be exact or subset"},
      {"steps:\n  - at: 1s\n    expect:\n      actions: {og: [{a: 1, b: 2}]}\n",
       "an expected action is a mapping with one key"},
      {"config-file: missing.flat\nsteps: []\n", "missing.flat cannot be read"},
  };
  for (const auto& item : cases) {
    try {
      parseScenario(item.text, kExamples / "opergroup" / "inline.yaml");
      ADD_FAILURE() << "accepted: " << item.text;
    } catch (const Error& error) {
      EXPECT_NE(std::string(error.what()).find(item.expected), std::string::npos)
          << "text: " << item.text << "\nmessage: " << error.what();
    }
  }
}

TEST(ScenarioParser, Durations) {
  EXPECT_EQ(parseDuration("2.5s"), std::chrono::milliseconds(2500));
  EXPECT_EQ(parseDuration("500ms"), std::chrono::milliseconds(500));
  EXPECT_EQ(parseDuration("10m"), std::chrono::minutes(10));
  EXPECT_EQ(parseDuration("1h"), std::chrono::hours(1));
  EXPECT_EQ(parseDuration("3"), std::chrono::seconds(3));
  EXPECT_THROW(parseDuration("-1s"), Error);
  EXPECT_THROW(parseDuration("1d"), Error);
  EXPECT_THROW(parseDuration(""), Error);
  EXPECT_THROW(parseDuration("1e30"), Error);
  EXPECT_THROW(parseDuration("99999999999999999999h"), Error);
}

}  // namespace
}  // namespace eventmgr::scenario
