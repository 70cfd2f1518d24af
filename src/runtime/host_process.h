#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "runtime/protocol.h"

namespace eventmgr::runtime {

//! One running eventmgr-upython-host process and the two pipes to it. Not thread-safe: one
//! thread uses a process at a time (HostPool hands it out).
class HostProcess {
 public:
  //! Outcome of HostProcess::call.
  enum class CallOutcome {
    kAnswered,  //!< the host sent a response
    kTimedOut,  //!< no response before the deadline; the process is still running
    kDied,      //!< the process exited or broke the protocol; see failureDescription()
  };

  //! Start EXECUTABLE with posix_spawn (safe in a multi-threaded process). Throws
  //! Error(kUnavailable) naming the executable when it cannot be started.
  static std::unique_ptr<HostProcess> spawn(const std::filesystem::path& executable);

  //! Kills the process if it still runs and reaps it.
  ~HostProcess();

  HostProcess(const HostProcess&) = delete;
  HostProcess& operator=(const HostProcess&) = delete;

  //! Send REQUEST and wait for its response until DEADLINE.
  CallOutcome call(const protocol::ExecuteRequest& request,
                   std::chrono::steady_clock::time_point deadline,
                   protocol::ExecuteResponse& response);

  //! Kill the process (SIGKILL) and reap it. Safe to call more than once.
  void kill();

  //! Describes why the last call returned kDied: "exited with status 1", "killed by signal 9",
  //! or the protocol error.
  const std::string& failureDescription() const { return failure_; }

  pid_t pid() const { return pid_; }

 private:
  HostProcess(pid_t pid, int request_fd, int response_fd);
  void reap();

  pid_t pid_;
  int request_fd_;
  int response_fd_;
  bool reaped_ = false;
  std::string failure_;
  protocol::FrameReader responses_;
  std::string buffer_;
};

}  // namespace eventmgr::runtime
