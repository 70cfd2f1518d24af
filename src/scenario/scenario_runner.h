#pragma once

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "runtime/script_runner.h"
#include "scenario/scenario.h"

namespace eventmgr::scenario {

//! Outcome of one scenario.
struct ScenarioResult {
  std::string name;
  std::string file;
  bool passed = true;
  std::vector<std::string> failures;  //!< one message per failed expectation, naming the step
  std::chrono::microseconds wall_time{0};
  std::chrono::milliseconds virtual_time{0};
};

//! Settings of a scenario run.
struct RunnerOptions {
  bool allow_run_script = false;  //!< run run-script commands instead of recording them
};

//! Runs SCENARIO on a fresh simulated node with the real engine and RUNNER, on a virtual clock:
//! timers and hold-downs fire at their virtual times without waiting, executions run one at a
//! time in a deterministic order, and scripts see the virtual time. Prints a readable timeline to
//! OUT. Never throws for a failing expectation or a bad step; both become failures.
ScenarioResult runScenario(const Scenario& scenario, runtime::ScriptRunner& runner,
                           const RunnerOptions& options, std::ostream& out);

}  // namespace eventmgr::scenario
