#include "runtime/host_pool.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <system_error>

#include "common/error.h"

namespace eventmgr::runtime {
namespace {

ExecutionStatus toExecutionStatus(protocol::HostStatus status) {
  switch (status) {
    case protocol::HostStatus::kOk:
      return ExecutionStatus::kSuccess;
    case protocol::HostStatus::kScriptUnavailable:
      return ExecutionStatus::kScriptUnavailable;
    case protocol::HostStatus::kFailedToCompile:
      return ExecutionStatus::kFailedToCompile;
    case protocol::HostStatus::kMissingFunction:
      return ExecutionStatus::kMissingFunction;
    case protocol::HostStatus::kException:
      return ExecutionStatus::kException;
    case protocol::HostStatus::kOutputNotString:
      return ExecutionStatus::kScriptError;
    case protocol::HostStatus::kTimeout:
      return ExecutionStatus::kTimeout;
    case protocol::HostStatus::kSystemError:
      return ExecutionStatus::kSystemError;
  }
  return ExecutionStatus::kSystemError;
}

std::string joinDirs(const std::vector<std::filesystem::path>& dirs) {
  std::string joined;
  for (const auto& dir : dirs) {
    joined += (joined.empty() ? "" : ", ") + dir.string();
  }
  return joined.empty() ? "(no script directory)" : joined;
}

}  // namespace

std::filesystem::path defaultHostExecutable() {
  if (const char* configured = std::getenv("EVENTMGR_UPYTHON_HOST");
      configured != nullptr && *configured != '\0') {
    return configured;
  }
  std::error_code error;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) {
    return kHostExecutableName;
  }
  return self.parent_path() / kHostExecutableName;
}

HostPool::HostPool(HostPoolOptions options) : options_(std::move(options)) {
  if (options_.max_hosts == 0) {
    throw Error(ErrorKind::kInvalidArgument, "invalid pool size 0: expected at least 1 host");
  }
}

HostPool::~HostPool() = default;

std::unique_ptr<HostProcess> HostPool::acquire() {
  {
    std::unique_lock lock(mutex_);
    slot_free_.wait(lock, [this] { return !idle_.empty() || hosts_ < options_.max_hosts; });
    if (!idle_.empty()) {
      auto host = std::move(idle_.back());
      idle_.pop_back();
      return host;
    }
    ++hosts_;
  }
  try {
    auto host = HostProcess::spawn(options_.host_executable);
    hosts_started_.fetch_add(1);
    spdlog::debug("runtime: started script host pid {} ({})", host->pid(),
                  options_.host_executable.string());
    return host;
  } catch (...) {
    release(nullptr);
    throw;
  }
}

void HostPool::release(std::unique_ptr<HostProcess> host) {
  {
    std::lock_guard lock(mutex_);
    if (host) {
      idle_.push_back(std::move(host));
    } else {
      --hosts_;
    }
  }
  slot_free_.notify_one();
}

ExecutionResult HostPool::execute(const ExecutionRequest& request) {
  validateRequest(request);
  ExecutionResult result;

  struct stat info {};
  std::optional<std::filesystem::path> script =
      findScript(request.script_name, request.script_dirs, &info);
  if (!script) {
    result.status = ExecutionStatus::kScriptUnavailable;
    result.detail =
        "script " + request.script_name + " not found in " + joinDirs(request.script_dirs);
    return result;
  }
  result.script_path = *script;

  protocol::ExecuteRequest call;
  call.call_id = next_call_id_.fetch_add(1);
  // Plain string operations: std::filesystem's decomposition showed up in profiles of P1.
  call.script_path = script->native();
  call.script_dir = call.script_path.substr(0, call.script_path.rfind('/'));
  std::size_t extension = request.script_name.rfind('.');
  call.module_name = request.script_name.substr(0, extension == 0 ? std::string::npos : extension);
  call.script_mtime_ns = static_cast<std::uint64_t>(info.st_mtim.tv_sec) * 1000000000u +
                         static_cast<std::uint64_t>(info.st_mtim.tv_nsec);
  call.script_size = static_cast<std::uint64_t>(info.st_size);
  call.heap_bytes = request.heap_bytes;
  call.timeout_ms = static_cast<std::uint64_t>(request.timeout.count());
  call.virtual_clock = request.virtual_now_us.has_value();
  call.virtual_now_us = request.virtual_now_us.value_or(0);
  call.input = request.input;

  std::unique_ptr<HostProcess> host;
  try {
    host = acquire();
  } catch (const Error& error) {
    spdlog::error("runtime: {} for script {}", error.what(), call.script_path);
    result.status = ExecutionStatus::kSystemError;
    result.detail = error.what();
    return result;
  }

  auto deadline = std::chrono::steady_clock::now() + request.timeout + options_.kill_grace;
  protocol::ExecuteResponse response;
  switch (host->call(call, deadline, response)) {
    case HostProcess::CallOutcome::kAnswered:
      release(std::move(host));
      result.status = toExecutionStatus(response.status);
      result.detail = std::move(response.detail);
      result.output = std::move(response.output);
      result.stdout_stderr = std::move(response.stdout_stderr);
      result.duration_us = response.duration_us;
      result.slept_us = response.virtual_slept_us;
      return result;

    case HostProcess::CallOutcome::kTimedOut:
      spdlog::warn(
          "runtime: script {} did not stop {} ms after its timeout of {} ms; killing "
          "script host pid {}",
          call.script_path, options_.kill_grace.count(), request.timeout.count(), host->pid());
      host->kill();
      release(nullptr);
      result.status = ExecutionStatus::kTimeout;
      result.detail = "event_handler_main ran longer than " +
                      std::to_string(request.timeout.count()) +
                      " ms and ignored the interrupt; its interpreter process was replaced";
      result.duration_us =
          static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                         request.timeout + options_.kill_grace)
                                         .count());
      return result;

    case HostProcess::CallOutcome::kDied:
      spdlog::error("runtime: script host pid {} {} while running {}", host->pid(),
                    host->failureDescription(), call.script_path);
      result.status = ExecutionStatus::kSystemError;
      result.detail = "the interpreter process (pid " + std::to_string(host->pid()) + ") " +
                      host->failureDescription() + " during the call";
      release(nullptr);
      return result;
  }
  release(nullptr);
  result.status = ExecutionStatus::kSystemError;
  result.detail = "unknown outcome of a script host call";
  return result;
}

}  // namespace eventmgr::runtime
