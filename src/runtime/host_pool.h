#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "runtime/host_process.h"
#include "runtime/script_runner.h"

namespace eventmgr::runtime {

//! Name of the script host executable, installed next to the eventmgr binary.
inline constexpr const char* kHostExecutableName = "eventmgr-upython-host";

//! Returns the host executable: $EVENTMGR_UPYTHON_HOST when set, otherwise
//! eventmgr-upython-host in the folder of the running executable (/proc/self/exe).
std::filesystem::path defaultHostExecutable();

struct HostPoolOptions {
  std::filesystem::path host_executable = defaultHostExecutable();
  //! Host processes running at most; also the number of executions that run in parallel.
  std::size_t max_hosts = 2;
  //! After the timeout the host raises KeyboardInterrupt. A host that has not responded this
  //! much later is killed and replaced.
  std::chrono::milliseconds kill_grace{1000};
};

//! ScriptRunner that runs each execution in one of a pool of eventmgr-upython-host processes.
//! Hosts start on first use and are replaced when they die or are killed. Each host caches
//! compiled scripts by path, modification time and size, so a script is compiled once per
//! version and host. Thread-safe: a call waits while all hosts are busy.
class HostPool final : public ScriptRunner {
 public:
  //! Throws Error(kInvalidArgument) when options.max_hosts is 0. Starts no process yet.
  explicit HostPool(HostPoolOptions options = {});
  //! Kills the idle hosts. No execute() call may still be running.
  ~HostPool() override;

  HostPool(const HostPool&) = delete;
  HostPool& operator=(const HostPool&) = delete;

  ExecutionResult execute(const ExecutionRequest& request) override;

  //! Host processes started so far, replacements included.
  std::size_t hostsStarted() const { return hosts_started_.load(); }

 private:
  //! Takes an idle host, or starts one when fewer than max_hosts exist. Throws Error when a
  //! new host cannot be started.
  std::unique_ptr<HostProcess> acquire();
  //! Returns HOST to the idle list; a null HOST frees its slot for a replacement.
  void release(std::unique_ptr<HostProcess> host);

  HostPoolOptions options_;
  std::mutex mutex_;
  std::condition_variable slot_free_;
  std::vector<std::unique_ptr<HostProcess>> idle_;
  std::size_t hosts_ = 0;  // idle and busy hosts, guarded by mutex_
  std::atomic<std::uint64_t> next_call_id_{1};
  std::atomic<std::size_t> hosts_started_{0};
};

}  // namespace eventmgr::runtime
