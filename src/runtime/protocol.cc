#include "runtime/protocol.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/error.h"

namespace eventmgr::runtime::protocol {
namespace {

class Writer {
 public:
  void u8(std::uint8_t value) { data_.push_back(static_cast<char>(value)); }

  void u64(std::uint64_t value) {
    for (int i = 0; i < 8; ++i) {
      data_.push_back(static_cast<char>((value >> (8 * i)) & 0xffu));
    }
  }

  void str(std::string_view value) {
    auto length = static_cast<std::uint32_t>(value.size());
    for (int i = 0; i < 4; ++i) {
      data_.push_back(static_cast<char>((length >> (8 * i)) & 0xffu));
    }
    data_.append(value);
  }

  void reserve(std::size_t size) { data_.reserve(size); }

  std::string take() { return std::move(data_); }

 private:
  std::string data_;
};

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  std::uint8_t u8(const char* field) {
    need(1, field);
    return static_cast<std::uint8_t>(data_[position_++]);
  }

  std::uint64_t u64(const char* field) {
    need(8, field);
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i) {
      value |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(data_[position_ + i]))
               << (8 * i);
    }
    position_ += 8;
    return value;
  }

  std::string str(const char* field) {
    need(4, field);
    std::uint32_t length = 0;
    for (int i = 0; i < 4; ++i) {
      length |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(data_[position_ + i]))
                << (8 * i);
    }
    position_ += 4;
    need(length, field);
    std::string value(data_.substr(position_, length));
    position_ += length;
    return value;
  }

  void finish() const {
    if (position_ != data_.size()) {
      throw Error(ErrorKind::kInvalidArgument, "protocol frame has " +
                                                   std::to_string(data_.size() - position_) +
                                                   " unexpected bytes after the last field");
    }
  }

 private:
  void need(std::size_t count, const char* field) const {
    if (data_.size() - position_ < count) {
      throw Error(ErrorKind::kInvalidArgument,
                  std::string("protocol frame is truncated in field ") + field);
    }
  }

  std::string_view data_;
  std::size_t position_ = 0;
};

bool writeAll(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

}  // namespace

std::string encodeRequest(const ExecuteRequest& request) {
  Writer writer;
  writer.reserve(128 + request.script_path.size() + request.script_dir.size() +
                 request.module_name.size() + request.input.size());
  writer.u64(request.call_id);
  writer.str(request.script_path);
  writer.str(request.script_dir);
  writer.str(request.module_name);
  writer.u64(request.script_mtime_ns);
  writer.u64(request.script_size);
  writer.u64(request.heap_bytes);
  writer.u64(request.timeout_ms);
  writer.u8(request.virtual_clock ? 1 : 0);
  writer.u64(static_cast<std::uint64_t>(request.virtual_now_us));
  writer.str(request.input);
  return writer.take();
}

ExecuteRequest decodeRequest(std::string_view payload) {
  Reader reader(payload);
  ExecuteRequest request;
  request.call_id = reader.u64("call_id");
  request.script_path = reader.str("script_path");
  request.script_dir = reader.str("script_dir");
  request.module_name = reader.str("module_name");
  request.script_mtime_ns = reader.u64("script_mtime_ns");
  request.script_size = reader.u64("script_size");
  request.heap_bytes = reader.u64("heap_bytes");
  request.timeout_ms = reader.u64("timeout_ms");
  request.virtual_clock = reader.u8("virtual_clock") != 0;
  request.virtual_now_us = static_cast<std::int64_t>(reader.u64("virtual_now_us"));
  request.input = reader.str("input");
  reader.finish();
  return request;
}

std::string encodeResponse(const ExecuteResponse& response) {
  Writer writer;
  writer.reserve(64 + response.output.size() + response.detail.size() +
                 response.stdout_stderr.size());
  writer.u64(response.call_id);
  writer.u8(static_cast<std::uint8_t>(response.status));
  writer.str(response.output);
  writer.str(response.detail);
  writer.str(response.stdout_stderr);
  writer.u64(response.duration_us);
  writer.u64(response.virtual_slept_us);
  return writer.take();
}

ExecuteResponse decodeResponse(std::string_view payload) {
  Reader reader(payload);
  ExecuteResponse response;
  response.call_id = reader.u64("call_id");
  std::uint8_t status = reader.u8("status");
  if (status > static_cast<std::uint8_t>(HostStatus::kSystemError)) {
    throw Error(ErrorKind::kInvalidArgument,
                "protocol frame has unknown status " + std::to_string(status));
  }
  response.status = static_cast<HostStatus>(status);
  response.output = reader.str("output");
  response.detail = reader.str("detail");
  response.stdout_stderr = reader.str("stdout_stderr");
  response.duration_us = reader.u64("duration_us");
  response.virtual_slept_us = reader.u64("virtual_slept_us");
  reader.finish();
  return response;
}

bool writeFrame(int fd, std::string_view payload) {
  if (payload.size() > kMaxFrameBytes) {
    errno = EMSGSIZE;
    return false;
  }
  auto length = static_cast<std::uint32_t>(payload.size());
  char header[4] = {
      static_cast<char>(length & 0xffu),
      static_cast<char>((length >> 8) & 0xffu),
      static_cast<char>((length >> 16) & 0xffu),
      static_cast<char>((length >> 24) & 0xffu),
  };
  // One write for small frames keeps a call at one system call per direction.
  if (payload.size() <= 4096) {
    char buffer[4 + 4096];
    std::memcpy(buffer, header, 4);
    std::memcpy(buffer + 4, payload.data(), payload.size());
    return writeAll(fd, buffer, 4 + payload.size());
  }
  return writeAll(fd, header, 4) && writeAll(fd, payload.data(), payload.size());
}

ReadStatus FrameReader::read(std::string& payload, std::chrono::steady_clock::time_point deadline) {
  return readImpl(payload, true, deadline);
}

ReadStatus FrameReader::read(std::string& payload) {
  return readImpl(payload, false, {});
}

ReadStatus FrameReader::readImpl(std::string& payload, bool has_deadline,
                                 std::chrono::steady_clock::time_point deadline) {
  constexpr std::size_t kChunkBytes = 64 * 1024;
  for (;;) {
    std::size_t available = end_ - start_;
    std::uint32_t length = 0;
    if (available >= 4) {
      const auto* header = reinterpret_cast<const unsigned char*>(buffer_.data() + start_);
      length = static_cast<std::uint32_t>(header[0]) |
               (static_cast<std::uint32_t>(header[1]) << 8) |
               (static_cast<std::uint32_t>(header[2]) << 16) |
               (static_cast<std::uint32_t>(header[3]) << 24);
      if (length > kMaxFrameBytes) {
        return ReadStatus::kError;
      }
      if (available >= 4 + static_cast<std::size_t>(length)) {
        payload.assign(buffer_.data() + start_ + 4, length);
        start_ += 4 + length;
        if (start_ == end_) {
          start_ = 0;
          end_ = 0;
        }
        return ReadStatus::kOk;
      }
    }

    if (has_deadline) {
      auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      // Round up so that a remaining 0.4 ms does not become a busy poll of 0 ms.
      int wait_ms = remaining.count() < 0 ? 0 : static_cast<int>(remaining.count()) + 1;
      pollfd ready{fd_, POLLIN, 0};
      int polled = ::poll(&ready, 1, wait_ms);
      if (polled < 0) {
        if (errno == EINTR) {
          continue;
        }
        return ReadStatus::kError;
      }
      if (polled == 0) {
        if (std::chrono::steady_clock::now() >= deadline) {
          return ReadStatus::kTimedOut;
        }
        continue;
      }
    }

    // Move the unread bytes to the front and make room for a whole frame or one more chunk.
    if (start_ > 0) {
      std::copy(buffer_.begin() + static_cast<std::ptrdiff_t>(start_),
                buffer_.begin() + static_cast<std::ptrdiff_t>(end_), buffer_.begin());
      end_ -= start_;
      start_ = 0;
    }
    std::size_t wanted = std::max(end_ + kChunkBytes, static_cast<std::size_t>(length) + 4);
    if (buffer_.size() < wanted) {
      buffer_.resize(wanted);
    }
    ssize_t got = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
    if (got > 0) {
      end_ += static_cast<std::size_t>(got);
    }
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) {
        continue;
      }
      return ReadStatus::kError;
    }
    if (got == 0) {
      return ReadStatus::kEndOfFile;
    }
  }
}

}  // namespace eventmgr::runtime::protocol
