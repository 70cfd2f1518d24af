#pragma once

#include <string>
#include <vector>

namespace eventmgr::cli {

//! Settings of `eventmgr test SCENARIO.yaml ...`.
struct ScenarioModeOptions {
  std::vector<std::string> files;
  std::string junit_file;  //!< write JUnit XML here when not empty
  bool allow_run_script = false;
  std::string host_executable;  //!< empty: next to eventmgr
};

//! Returns true when every file of FILES names a scenario (.yaml or .yml).
bool areScenarioFiles(const std::vector<std::string>& files);

//! Runs the scenario files, prints each timeline and a summary, and returns the exit status:
//! 0 when all passed, 1 when one failed, 2 when a file is malformed.
int runScenarioMode(const ScenarioModeOptions& options);

}  // namespace eventmgr::cli
