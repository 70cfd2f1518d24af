#pragma once

// Framed request/response protocol between the runtime pool (the daemon) and one
// eventmgr-upython-host process, over two pipes: requests on the host's standard input,
// responses on its standard output.
//
// A frame is a 4-byte little-endian payload length followed by the payload. A payload is a
// sequence of fields in a fixed order: integers as 8-byte little-endian values, booleans and
// enums as one byte, strings as a 4-byte little-endian length and the bytes. Both ends are built
// from the same source, so the protocol has no version negotiation; a malformed frame ends the
// connection.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace eventmgr::runtime::protocol {

//! Largest payload either side accepts. Inputs of large snapshots and outputs can be several MiB.
inline constexpr std::uint32_t kMaxFrameBytes = 256u * 1024u * 1024u;

//! One call of event_handler_main.
struct ExecuteRequest {
  std::uint64_t call_id = 0;          //!< echoed in the response
  std::string script_path;            //!< absolute path of the .py file
  std::string script_dir;             //!< folder that open() and os may reach
  std::string module_name;            //!< __name__ of the module
  std::uint64_t script_mtime_ns = 0;  //!< with script_size, the version key of the compile cache
  std::uint64_t script_size = 0;
  std::uint64_t heap_bytes = 0;     //!< MicroPython heap of the call
  std::uint64_t timeout_ms = 0;     //!< the host raises KeyboardInterrupt after this time
  bool virtual_clock = false;       //!< time.* reads virtual_now_us and sleeps do not sleep
  std::int64_t virtual_now_us = 0;  //!< virtual time at the start of the call, µs since epoch
  std::string input;                //!< argument of event_handler_main
};

//! Classification of a call by the host.
enum class HostStatus : std::uint8_t {
  kOk = 0,
  kScriptUnavailable = 1,
  kFailedToCompile = 2,
  kMissingFunction = 3,
  kException = 4,
  kOutputNotString = 5,
  kTimeout = 6,
  kSystemError = 7,
};

//! Result of one call.
struct ExecuteResponse {
  std::uint64_t call_id = 0;
  HostStatus status = HostStatus::kSystemError;
  std::string output;             //!< the string returned by event_handler_main (kOk only)
  std::string detail;             //!< error detail: compile error with line, traceback, ...
  std::string stdout_stderr;      //!< captured print output, truncated with a marker at the cap
  std::uint64_t duration_us = 0;  //!< time spent in the VM for this call
  std::uint64_t virtual_slept_us = 0;  //!< sleeps requested by the script (virtual or real)
};

std::string encodeRequest(const ExecuteRequest& request);
std::string encodeResponse(const ExecuteResponse& response);

//! Decode a payload. Throw Error(kInvalidArgument) naming the field when the payload is
//! truncated, too long or contains an unknown status.
ExecuteRequest decodeRequest(std::string_view payload);
ExecuteResponse decodeResponse(std::string_view payload);

//! Outcome of reading a frame.
enum class ReadStatus { kOk, kEndOfFile, kTimedOut, kError };

//! Write one frame to FD, blocking until it is written. Returns false when the other end is
//! gone or the write failed (errno is set).
bool writeFrame(int fd, std::string_view payload);

//! Reads frames from one file descriptor. It reads as much as is available at once, so that a
//! frame usually costs one read() whatever its size. Not thread-safe.
class FrameReader {
 public:
  explicit FrameReader(int fd) : fd_(fd) {}

  //! Read the next frame into PAYLOAD, waiting at most until DEADLINE. kError covers a read
  //! error and a length above kMaxFrameBytes; kEndOfFile includes an end in mid-frame.
  ReadStatus read(std::string& payload, std::chrono::steady_clock::time_point deadline);

  //! Read the next frame into PAYLOAD with no deadline.
  ReadStatus read(std::string& payload);

 private:
  ReadStatus readImpl(std::string& payload, bool has_deadline,
                      std::chrono::steady_clock::time_point deadline);

  int fd_;
  // Bytes read but not yet returned are buffer_[start_, end_). The vector only grows, so reads
  // do not pay for zero-filling.
  std::vector<char> buffer_;
  std::size_t start_ = 0;
  std::size_t end_ = 0;
};

}  // namespace eventmgr::runtime::protocol
