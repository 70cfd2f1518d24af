#include "runtime/script_runner.h"

#include <sys/stat.h>

#include <system_error>

#include "common/error.h"

namespace eventmgr::runtime {

const char* executionStatusName(ExecutionStatus status) {
  switch (status) {
    case ExecutionStatus::kSuccess:
      return "success";
    case ExecutionStatus::kScriptUnavailable:
      return "script-unavailable";
    case ExecutionStatus::kFailedToCompile:
      return "failed-to-compile";
    case ExecutionStatus::kMissingFunction:
      return "missing-function";
    case ExecutionStatus::kException:
      return "exception";
    case ExecutionStatus::kTimeout:
      return "timeout";
    case ExecutionStatus::kScriptError:
      return "script-error";
    case ExecutionStatus::kSystemError:
      return "system-error";
  }
  return "system-error";
}

std::optional<std::filesystem::path> findScript(std::string_view script_name,
                                                const std::vector<std::filesystem::path>& dirs,
                                                struct stat* info) {
  for (const auto& dir : dirs) {
    std::filesystem::path candidate = dir / script_name;
    struct stat found {};
    if (::stat(candidate.c_str(), &found) == 0 && S_ISREG(found.st_mode)) {
      if (info != nullptr) {
        *info = found;
      }
      if (candidate.is_absolute()) {
        return candidate;
      }
      std::error_code error;
      return std::filesystem::absolute(candidate, error);
    }
  }
  return std::nullopt;
}

void validateRequest(const ExecutionRequest& request) {
  const std::string& name = request.script_name;
  if (name.empty() || name.find('/') != std::string::npos || name.front() == '.') {
    throw Error(ErrorKind::kInvalidArgument,
                "invalid script name \"" + name +
                    "\": expected a bare file name without '/' that does not start with '.'");
  }
  if (request.heap_bytes < kMinHeapBytes || request.heap_bytes > kMaxHeapBytes) {
    throw Error(ErrorKind::kInvalidArgument,
                "invalid heap size " + std::to_string(request.heap_bytes) + " bytes: expected " +
                    std::to_string(kMinHeapBytes) + ".." + std::to_string(kMaxHeapBytes));
  }
  if (request.timeout.count() <= 0) {
    throw Error(ErrorKind::kInvalidArgument, "invalid timeout " +
                                                 std::to_string(request.timeout.count()) +
                                                 " ms: expected a positive number of milliseconds");
  }
}

}  // namespace eventmgr::runtime
