#include "datastore/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/error.h"

namespace eventmgr::datastore {
namespace {

[[noreturn]] void throwSystemError(const std::string& what, const std::filesystem::path& path,
                                   int error_number) {
  throw Error(ErrorKind::kUnavailable,
              what + " " + path.string() + " failed: " + std::strerror(error_number));
}

// Closes a file descriptor when the scope ends, so error paths cannot leak it.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  //! Closes now and returns close()'s errno, 0 on success.
  int close() {
    int result = ::close(fd_);
    fd_ = -1;
    return result == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

void writeAll(int fd, const std::string& content, const std::filesystem::path& path) {
  std::size_t written = 0;
  while (written < content.size()) {
    ssize_t count = ::write(fd, content.data() + written, content.size() - written);
    if (count < 0) {
      if (errno == EINTR) {
        continue;
      }
      throwSystemError("writing", path, errno);
    }
    written += static_cast<std::size_t>(count);
  }
}

void syncFolder(const std::filesystem::path& folder) {
  FileDescriptor fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) {
    throwSystemError("opening folder", folder, errno);
  }
  if (::fsync(fd.get()) != 0) {
    throwSystemError("syncing folder", folder, errno);
  }
}

}  // namespace

void writeFileAtomically(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::path folder = path.parent_path().empty() ? "." : path.parent_path();
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    throw Error(ErrorKind::kUnavailable,
                "creating folder " + folder.string() + " failed: " + error.message());
  }

  // The process id in the name keeps two processes saving into one folder from sharing a file.
  std::filesystem::path temporary =
      folder / ("." + path.filename().string() + ".tmp." + std::to_string(::getpid()));
  FileDescriptor fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (fd.get() < 0) {
    throwSystemError("creating", temporary, errno);
  }
  try {
    writeAll(fd.get(), content, temporary);
    if (::fsync(fd.get()) != 0) {
      throwSystemError("syncing", temporary, errno);
    }
    if (int close_error = fd.close(); close_error != 0) {
      throwSystemError("closing", temporary, close_error);
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
      throwSystemError("renaming " + temporary.string() + " to", path, errno);
    }
  } catch (...) {
    ::unlink(temporary.c_str());
    throw;
  }
  syncFolder(folder);
}

std::optional<std::string> readFileIfExists(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    if (!std::filesystem::exists(path)) {
      return std::nullopt;
    }
    throwSystemError("opening", path, errno);
  }
  std::ostringstream content;
  content << file.rdbuf();
  if (file.bad()) {
    throwSystemError("reading", path, errno);
  }
  return content.str();
}

}  // namespace eventmgr::datastore
