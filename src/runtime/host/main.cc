// eventmgr-upython-host: runs SR Linux event-handler scripts in an embedded MicroPython VM.
//
// The daemon's runtime pool starts this program with posix_spawn and sends execute requests on
// standard input; responses go to standard output (framing in runtime/protocol.h). Standard
// error carries diagnostics only. The program ends at end of input.

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

#include "runtime/host/hal.h"
#include "runtime/host/sandbox.h"
#include "runtime/host/vm.h"
#include "runtime/protocol.h"

namespace {

namespace protocol = eventmgr::runtime::protocol;
using Clock = std::chrono::steady_clock;

// Print output kept per call; the rest is replaced by kTruncationMarker.
constexpr std::size_t kCaptureLimitBytes = 64 * 1024;
constexpr const char* kTruncationMarker = "\n[eventmgr: output truncated at 65536 bytes]\n";

// C stack the VM may use for recursion, at most; less when the stack limit is smaller.
constexpr std::size_t kStackLimitBytes = 1024 * 1024;

// A script may catch the first KeyboardInterrupt, so the watchdog raises it again at this
// interval until the call ends or the pool kills the process.
constexpr auto kInterruptRepeat = std::chrono::milliseconds(50);

// Raises KeyboardInterrupt in the VM when a call runs past its timeout.
class Watchdog {
 public:
  Watchdog() : thread_([this] { run(); }) {}

  ~Watchdog() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      changed_.notify_one();
    }
    thread_.join();
  }

  void arm(std::chrono::milliseconds timeout) {
    std::lock_guard lock(mutex_);
    armed_ = true;
    fired_ = false;
    deadline_ = Clock::now() + timeout;
    // The thread wakes by itself before the new deadline unless it sleeps longer (or without
    // end): waking it only then saves a thread switch on every call.
    if (deadline_ < sleeping_until_) {
      changed_.notify_one();
    }
  }

  // Stops watching the call. Returns true when the timeout fired during it.
  bool disarm() {
    std::lock_guard lock(mutex_);
    armed_ = false;
    return fired_;
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      if (!armed_) {
        sleeping_until_ = Clock::time_point::max();
        changed_.wait(lock);
        continue;
      }
      if (Clock::now() >= deadline_) {
        // The lock is held, so the call cannot end and the next one cannot start in between.
        evm_interrupt();
        fired_ = true;
        deadline_ = Clock::now() + kInterruptRepeat;
        continue;
      }
      sleeping_until_ = deadline_;
      changed_.wait_until(lock, deadline_);
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  bool armed_ = false;
  bool fired_ = false;
  bool stopping_ = false;
  Clock::time_point deadline_;
  Clock::time_point sleeping_until_ = Clock::time_point::max();
  std::thread thread_;
};

std::size_t stackLimitBytes() {
  rlimit limit{};
  if (getrlimit(RLIMIT_STACK, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      limit.rlim_cur < 2 * kStackLimitBytes) {
    return static_cast<std::size_t>(limit.rlim_cur) / 2;
  }
  return kStackLimitBytes;
}

protocol::HostStatus toHostStatus(evm_status status) {
  switch (status) {
    case EVM_OK:
      return protocol::HostStatus::kOk;
    case EVM_SCRIPT_UNAVAILABLE:
      return protocol::HostStatus::kScriptUnavailable;
    case EVM_FAILED_TO_COMPILE:
      return protocol::HostStatus::kFailedToCompile;
    case EVM_MISSING_FUNCTION:
      return protocol::HostStatus::kMissingFunction;
    case EVM_EXCEPTION:
      return protocol::HostStatus::kException;
    case EVM_OUTPUT_NOT_STRING:
      return protocol::HostStatus::kOutputNotString;
    case EVM_INTERRUPTED:
      // Without the watchdog's interrupt, the script raised KeyboardInterrupt itself.
      return protocol::HostStatus::kException;
  }
  return protocol::HostStatus::kSystemError;
}

class Host {
 public:
  explicit Host(void* stack_top) : stack_top_(stack_top) {}

  ~Host() {
    if (vm_ready_) {
      evm_deinit();
    }
  }

  protocol::ExecuteResponse execute(const protocol::ExecuteRequest& request) {
    protocol::ExecuteResponse response;
    response.call_id = request.call_id;

    // A different heap size needs a new VM, which also drops the compile cache.
    if (!vm_ready_ || evm_heap_bytes() != request.heap_bytes) {
      if (vm_ready_) {
        evm_deinit();
        vm_ready_ = false;
      }
      if (evm_init(request.heap_bytes, stack_top_, stackLimitBytes()) != 0) {
        response.status = protocol::HostStatus::kSystemError;
        response.detail = "cannot allocate a MicroPython heap of " +
                          std::to_string(request.heap_bytes) + " bytes";
        return response;
      }
      vm_ready_ = true;
    }

    if (evm_sandbox_begin(request.script_dir.c_str()) != 0) {
      response.status = protocol::HostStatus::kScriptUnavailable;
      response.detail = "cannot enter the script directory " + request.script_dir;
      return response;
    }
    evm_capture_begin(kCaptureLimitBytes);
    evm_clock_begin(request.virtual_clock ? 1 : 0, request.virtual_now_us);

    evm_call call{request.script_path.c_str(), request.module_name.c_str(), request.script_mtime_ns,
                  request.script_size,         request.input.data(),        request.input.size()};
    evm_result result{};

    auto start = Clock::now();
    watchdog_.arm(std::chrono::milliseconds(request.timeout_ms));
    evm_execute(&call, &result);
    bool timed_out = watchdog_.disarm();
    auto end = Clock::now();
    evm_clear_interrupt();
    evm_sandbox_end();

    response.duration_us = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(end - start).count());
    response.virtual_slept_us = evm_clock_slept_us();
    response.status = timed_out ? protocol::HostStatus::kTimeout : toHostStatus(result.status);
    if (result.output != nullptr) {
      response.output.assign(result.output, result.output_length);
    }
    if (result.detail != nullptr) {
      response.detail = result.detail;
    }
    if (timed_out) {
      response.output.clear();
      response.detail = "event_handler_main ran longer than " + std::to_string(request.timeout_ms) +
                        " ms and was interrupted";
    }
    std::free(result.output);
    std::free(result.detail);

    std::size_t printed_length = 0;
    int truncated = 0;
    const char* printed = evm_capture_data(&printed_length, &truncated);
    response.stdout_stderr.assign(printed, printed_length);
    if (truncated != 0) {
      response.stdout_stderr += kTruncationMarker;
    }
    return response;
  }

 private:
  void* stack_top_;
  bool vm_ready_ = false;
  Watchdog watchdog_;
};

int serve(void* stack_top) {
  Host host(stack_top);
  protocol::FrameReader requests(STDIN_FILENO);
  std::string payload;
  for (;;) {
    protocol::ReadStatus status = requests.read(payload);
    if (status == protocol::ReadStatus::kEndOfFile) {
      return 0;
    }
    if (status != protocol::ReadStatus::kOk) {
      std::fprintf(stderr, "eventmgr-upython-host: reading a request failed\n");
      return 1;
    }
    protocol::ExecuteResponse response = host.execute(protocol::decodeRequest(payload));
    if (!protocol::writeFrame(STDOUT_FILENO, protocol::encodeResponse(response))) {
      std::fprintf(stderr, "eventmgr-upython-host: writing a response failed\n");
      return 1;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) {
    std::fprintf(stderr,
                 "usage: %s\n"
                 "Runs event-handler scripts for eventmgr's runtime pool; requests are read from\n"
                 "standard input. Not meant to be started by hand.\n",
                 argv[0]);
    return 2;
  }
  int stack_top = 0;
  try {
    return serve(&stack_top);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "eventmgr-upython-host: %s\n", error.what());
    return 1;
  }
}
