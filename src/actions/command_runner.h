#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace eventmgr::actions {

//! A shell command line to run for a run-script action.
struct CommandRequest {
  std::string cmdline;                //!< passed to `/bin/sh -c`
  std::filesystem::path working_dir;  //!< the script directory
  std::chrono::milliseconds timeout{10000};
  //! Local user to run as. Honoured only when eventmgr runs as root and the user exists;
  //! otherwise the command runs as eventmgr's own user.
  std::optional<std::string> user;
  std::size_t max_output_bytes = 64 * 1024;  //!< output beyond this is counted, not kept
};

//! Outcome of a command: exit status or timeout, and its bounded output.
struct CommandResult {
  bool started = false;           //!< false when the shell could not be spawned (see error)
  bool timed_out = false;         //!< killed, with its whole process group, after the timeout
  int exit_status = -1;           //!< exit code, or 128 + signal number when killed by a signal
  std::string output;             //!< standard output and standard error together, bounded
  std::size_t dropped_bytes = 0;  //!< output bytes beyond max_output_bytes
  std::string error;              //!< why it could not start, when started is false
  std::chrono::microseconds duration{0};

  //! Returns true when the command exited with status 0 in time.
  bool succeeded() const { return started && !timed_out && exit_status == 0; }
};

//! Runs REQUEST with posix_spawn (never fork, because the daemon is multi-threaded) in a new
//! process group, and waits for the shell to exit or the timeout to pass. Background children
//! that keep the output pipe open do not delay the result: once the shell exits, output that is
//! already buffered is read and the pipe is closed. On timeout the whole process group is killed
//! with SIGKILL. Thread-safe; blocks the calling thread for at most about the timeout.
CommandResult runCommand(const CommandRequest& request);

//! Returns true when NAME is a user of this system that runCommand can switch to, meaning that
//! this process runs as root and NAME is not root.
bool canRunAsUser(const std::string& name);

}  // namespace eventmgr::actions
