#pragma once

#include <filesystem>
#include <vector>

#include "scenario/scenario_runner.h"

namespace eventmgr::scenario {

//! Writes RESULTS as JUnit XML (one testsuite, one testcase per scenario, a failure element with
//! every failed expectation) to FILE. Throws Error(kUnavailable) naming FILE when it cannot be
//! written.
void writeJunitReport(const std::vector<ScenarioResult>& results,
                      const std::filesystem::path& file);

}  // namespace eventmgr::scenario
