// `eventmgr test SCENARIO.yaml ...`: offline scenario tests on a virtual clock.

#include "cli/scenario_mode.h"

#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.h"
#include "common/error.h"
#include "runtime/host_pool.h"
#include "scenario/junit_report.h"
#include "scenario/scenario_parser.h"
#include "scenario/scenario_runner.h"

namespace eventmgr::cli {

bool areScenarioFiles(const std::vector<std::string>& files) {
  if (files.empty()) {
    return false;
  }
  for (const auto& file : files) {
    auto dot = file.rfind('.');
    std::string extension = dot == std::string::npos ? "" : file.substr(dot);
    if (extension != ".yaml" && extension != ".yml") {
      return false;
    }
  }
  return true;
}

int runScenarioMode(const ScenarioModeOptions& options) {
  std::vector<scenario::Scenario> scenarios;
  for (const auto& file : options.files) {
    try {
      scenarios.push_back(scenario::parseScenarioFile(file));
    } catch (const Error& error) {
      std::cerr << "eventmgr test: " << error.what() << '\n';
      return kExitUsage;
    }
  }

  // Scenario runs print their own timeline; routine log lines would only interleave with it.
  if (spdlog::get_level() == spdlog::level::info) {
    spdlog::set_level(spdlog::level::warn);
  }

  runtime::HostPoolOptions pool_options;
  if (!options.host_executable.empty()) {
    pool_options.host_executable = options.host_executable;
  }
  pool_options.max_hosts = 1;
  runtime::HostPool runner(pool_options);

  scenario::RunnerOptions runner_options;
  runner_options.allow_run_script = options.allow_run_script;
  std::vector<scenario::ScenarioResult> results;
  for (const auto& item : scenarios) {
    results.push_back(scenario::runScenario(item, runner, runner_options, std::cout));
  }

  std::size_t failed = 0;
  for (const auto& result : results) {
    if (!result.passed) {
      ++failed;
      std::cout << "FAILED " << result.name << " (" << result.file << ")\n";
      for (const auto& failure : result.failures) {
        std::cout << "  " << failure << '\n';
      }
    }
  }
  if (!options.junit_file.empty()) {
    scenario::writeJunitReport(results, options.junit_file);
  }
  std::cout << "scenarios: " << results.size() - failed << " passed, " << failed << " failed\n";
  return failed == 0 ? kExitOk : kExitFailed;
}

}  // namespace eventmgr::cli
