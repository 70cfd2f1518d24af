#include "actions/command_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

extern char** environ;

namespace eventmgr::actions {
namespace {

constexpr const char* kShell = "/bin/sh";
constexpr const char* kSetpriv = "/usr/bin/setpriv";

// Closes a file descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd = -1) : fd_(fd) {}
  ~FileDescriptor() { reset(); }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = fd;
  }

 private:
  int fd_;
};

int pidfdOpen(pid_t pid) {
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
}

void appendOutput(CommandResult& result, const char* data, std::size_t size,
                  std::size_t max_bytes) {
  std::size_t room = result.output.size() < max_bytes ? max_bytes - result.output.size() : 0;
  std::size_t kept = size < room ? size : room;
  result.output.append(data, kept);
  result.dropped_bytes += size - kept;
}

// Reads what is available without blocking, at most MAX_READS chunks so that a background child
// that keeps writing cannot hold the caller. Returns false at end of file.
bool drain(int fd, CommandResult& result, std::size_t max_bytes, int max_reads = 64) {
  std::array<char, 16384> buffer{};
  for (int reads = 0; reads < max_reads; ++reads) {
    ssize_t count = ::read(fd, buffer.data(), buffer.size());
    if (count > 0) {
      appendOutput(result, buffer.data(), static_cast<std::size_t>(count), max_bytes);
      continue;
    }
    if (count == 0) {
      return false;
    }
    return errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK;
  }
  return true;
}

int statusToExitCode(int status) {
  if (WIFEXITED(status)) {
    return WEXITSTATUS(status);
  }
  if (WIFSIGNALED(status)) {
    return 128 + WTERMSIG(status);
  }
  return -1;
}

std::optional<passwd> lookupUser(const std::string& name) {
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 ||
      found == nullptr) {
    return std::nullopt;
  }
  return entry;
}

}  // namespace

bool canRunAsUser(const std::string& name) {
  if (::geteuid() != 0 || name == "root") {
    return false;
  }
  return lookupUser(name).has_value() && ::access(kSetpriv, X_OK) == 0;
}

CommandResult runCommand(const CommandRequest& request) {
  CommandResult result;
  auto start = std::chrono::steady_clock::now();

  std::array<int, 2> pipe_fds{};
  if (::pipe2(pipe_fds.data(), O_CLOEXEC) != 0) {
    result.error = std::string("creating the output pipe failed: ") + std::strerror(errno);
    return result;
  }
  FileDescriptor read_end(pipe_fds[0]);
  FileDescriptor write_end(pipe_fds[1]);

  // Arguments: optionally setpriv to drop to the configured user, then the shell.
  std::vector<std::string> words;
  if (request.user && canRunAsUser(*request.user)) {
    auto user = lookupUser(*request.user);
    words = {kSetpriv,
             "--reuid=" + std::to_string(user->pw_uid),
             "--regid=" + std::to_string(user->pw_gid),
             "--init-groups",
             "--reset-env",
             "--"};
  }
  words.insert(words.end(), {kShell, "-c", request.cmdline});
  std::vector<char*> argv;
  for (auto& word : words) {
    argv.push_back(word.data());
  }
  argv.push_back(nullptr);

  posix_spawn_file_actions_t file_actions;
  posix_spawn_file_actions_init(&file_actions);
  posix_spawn_file_actions_addopen(&file_actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&file_actions, write_end.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&file_actions, write_end.get(), STDERR_FILENO);
  if (!request.working_dir.empty()) {
    posix_spawn_file_actions_addchdir_np(&file_actions, request.working_dir.c_str());
  }

  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t no_signals;
  sigemptyset(&no_signals);
  sigset_t default_signals;
  sigfillset(&default_signals);
  posix_spawnattr_setsigmask(&attributes, &no_signals);
  posix_spawnattr_setsigdefault(&attributes, &default_signals);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                            POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_USEVFORK);

  pid_t pid = -1;
  int spawn_error = ::posix_spawn(&pid, argv[0], &file_actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&file_actions);
  posix_spawnattr_destroy(&attributes);
  write_end.reset();
  if (spawn_error != 0) {
    result.error = std::string("starting ") + argv[0] + " failed: " + std::strerror(spawn_error);
    return result;
  }
  result.started = true;

  ::fcntl(read_end.get(), F_SETFL, ::fcntl(read_end.get(), F_GETFL) | O_NONBLOCK);
  FileDescriptor pid_fd(pidfdOpen(pid));
  auto deadline = start + request.timeout;
  bool pipe_open = true;
  bool exited = false;
  int status = 0;

  while (!exited) {
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      result.timed_out = true;
      ::kill(-pid, SIGKILL);
      break;
    }
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    std::array<pollfd, 2> fds{};
    fds[0] = {pipe_open ? read_end.get() : -1, POLLIN, 0};
    fds[1] = {pid_fd.get(), POLLIN, 0};
    // Without a pidfd (kernels before 5.3) the child is checked every 10 ms instead.
    int wait_ms = pid_fd.get() >= 0 ? static_cast<int>(remaining.count()) + 1 : 10;
    int ready = ::poll(fds.data(), fds.size(), wait_ms);
    if (ready < 0 && errno != EINTR) {
      break;
    }
    if (pipe_open && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      pipe_open = drain(read_end.get(), result, request.max_output_bytes);
    }
    pid_t waited = ::waitpid(pid, &status, WNOHANG);
    exited = waited == pid;
  }

  if (exited) {
    // Output the shell wrote before exiting is in the pipe already; background children that
    // still hold the pipe open are not waited for.
    if (pipe_open) {
      drain(read_end.get(), result, request.max_output_bytes);
    }
    result.exit_status = statusToExitCode(status);
  } else {
    ::waitpid(pid, &status, 0);
    if (pipe_open) {
      drain(read_end.get(), result, request.max_output_bytes);
    }
    result.exit_status = statusToExitCode(status);
  }
  result.duration = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  return result;
}

}  // namespace eventmgr::actions
