#pragma once

#include <sys/stat.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eventmgr::runtime {

//! Default MicroPython heap of one call (the upython-heap default), in bytes.
inline constexpr std::size_t kDefaultHeapBytes = 4 * 1024 * 1024;
//! Smallest and largest heap a request may ask for, in bytes.
inline constexpr std::size_t kMinHeapBytes = 64 * 1024;
inline constexpr std::size_t kMaxHeapBytes = 1024 * 1024 * 1024;
//! Default wall-clock limit of one call (the upython-timeout default).
inline constexpr std::chrono::milliseconds kDefaultTimeout{10000};

//! One execution of a script's event_handler_main.
struct ExecutionRequest {
  //! Bare file name such as "opergroup.py": no '/', not starting with '.'.
  std::string script_name;
  //! Folders searched in order for script_name; the first one holding it is the script
  //! directory, which open() and os may reach.
  std::vector<std::filesystem::path> script_dirs;
  //! Argument of event_handler_main: the input JSON string.
  std::string input;
  std::size_t heap_bytes = kDefaultHeapBytes;
  std::chrono::milliseconds timeout = kDefaultTimeout;
  //! Virtual clock for offline tests: when set, time.time() and friends start at this many
  //! microseconds since the Unix epoch and time.sleep() advances the clock without sleeping.
  //! The total requested sleep comes back in ExecutionResult::slept_us.
  std::optional<std::int64_t> virtual_now_us;
};

//! Classification of an execution. Every value except kSuccess is an oper-down reason.
enum class ExecutionStatus {
  kSuccess,            //!< event_handler_main returned a string (not yet parsed)
  kScriptUnavailable,  //!< the file is in none of the script directories or cannot be read
  kFailedToCompile,    //!< syntax error; detail "line N: SyntaxError: message"
  kMissingFunction,    //!< no callable event_handler_main
  kException,          //!< an exception escaped; detail is the traceback ending "Type: message"
  kTimeout,            //!< the call ran past the timeout and was interrupted or killed
  kScriptError,        //!< the return value is not a str (parseOutput() finds the other cases)
  kSystemError,        //!< the host process could not start or died during the call
};

//! Returns the oper-down reason name of STATUS ("script-unavailable", ...), or "success".
const char* executionStatusName(ExecutionStatus status);

struct ExecutionResult {
  ExecutionStatus status = ExecutionStatus::kSystemError;
  std::string detail;                 //!< human-readable error detail; empty on success
  std::string output;                 //!< the returned string; empty unless kSuccess
  std::string stdout_stderr;          //!< printed text, at most 64 KiB plus a truncation marker
  std::uint64_t duration_us = 0;      //!< time in the VM: module body and event_handler_main
  std::uint64_t slept_us = 0;         //!< sleeps requested by the script
  std::filesystem::path script_path;  //!< the file that ran, when it was found
};

//! Runs event-handler scripts. Implementations are safe to call from several threads at once;
//! each call blocks its thread until the execution ends.
class ScriptRunner {
 public:
  virtual ~ScriptRunner() = default;

  //! Execute REQUEST and classify the outcome. Script failures of every kind, a crashed or hung
  //! interpreter process included, come back as a result, never as an exception. Throws
  //! Error(kInvalidArgument) only for a malformed request: a script name with '/' or a leading
  //! '.', heap_bytes outside kMinHeapBytes..kMaxHeapBytes, or a timeout that is not positive.
  virtual ExecutionResult execute(const ExecutionRequest& request) = 0;
};

//! Find SCRIPT_NAME in DIRS, in order. Returns the absolute path of the first regular file
//! found, and stores its stat() data in INFO when INFO is not null.
std::optional<std::filesystem::path> findScript(std::string_view script_name,
                                                const std::vector<std::filesystem::path>& dirs,
                                                struct stat* info = nullptr);

//! Throw Error(kInvalidArgument) when REQUEST breaks the rules listed at ScriptRunner::execute.
void validateRequest(const ExecutionRequest& request);

}  // namespace eventmgr::runtime
