#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <vector>

namespace eventmgr::engine {

//! Settings of the engine that come from the daemon's command line, not from YANG config.
struct EngineOptions {
  //! Folders searched in order for upython-script: the user folder, then the system folder.
  std::vector<std::filesystem::path> script_dirs;
  //! SR Linux's limits, enforced by default because scripts are often developed here for
  //! deployment there. Raise them for off-box and scaled-out use.
  std::size_t max_instances = 20;
  std::size_t max_paths = 36;
  //! Loop protection: an instance whose own actions re-trigger it more than this many times
  //! within loop_window is put down with reason system-error.
  std::size_t loop_budget = 100;
  std::chrono::milliseconds loop_window{10000};
  //! When true, time.* in scripts follows the engine's Clock (offline tests on a virtual clock).
  bool virtual_script_time = false;
  //! When false, run-script actions are recorded as executed without running (offline tests).
  bool run_scripts = true;
  //! Maximum wait for running executions when the engine stops.
  std::chrono::milliseconds stop_timeout{5000};
};

}  // namespace eventmgr::engine
