#include "runtime/host_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include "common/error.h"

extern char** environ;

namespace eventmgr::runtime {
namespace {

// Writing to a pipe whose reader died raises SIGPIPE, which would end the daemon. The pool
// checks write errors itself, so the signal is ignored process-wide, as daemons usually do.
void ignoreSigpipe() {
  static std::once_flag once;
  std::call_once(once, [] { ::signal(SIGPIPE, SIG_IGN); });
}

std::string describeWaitStatus(int status) {
  if (WIFEXITED(status)) {
    return "exited with status " + std::to_string(WEXITSTATUS(status));
  }
  if (WIFSIGNALED(status)) {
    return "killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
           ::strsignal(WTERMSIG(status)) + ")";
  }
  return "stopped with wait status " + std::to_string(status);
}

}  // namespace

std::unique_ptr<HostProcess> HostProcess::spawn(const std::filesystem::path& executable) {
  ignoreSigpipe();
  int request_pipe[2];
  int response_pipe[2];
  if (::pipe2(request_pipe, O_CLOEXEC) != 0) {
    throw Error(ErrorKind::kUnavailable,
                std::string("cannot create a pipe for the script host: ") + std::strerror(errno));
  }
  if (::pipe2(response_pipe, O_CLOEXEC) != 0) {
    int saved = errno;
    ::close(request_pipe[0]);
    ::close(request_pipe[1]);
    throw Error(ErrorKind::kUnavailable,
                std::string("cannot create a pipe for the script host: ") + std::strerror(saved));
  }

  // dup2 onto 0 and 1 clears close-on-exec there. The original pipe descriptors are O_CLOEXEC
  // and close in the child, as do the daemon's other descriptors that have O_CLOEXEC set.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, request_pipe[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, response_pipe[1], STDOUT_FILENO);
  // The daemon's threads may block signals and the pool ignores SIGPIPE; the host starts with
  // no blocked signals and default dispositions instead.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t signals;
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&attributes, &signals);
  sigfillset(&signals);
  posix_spawnattr_setsigdefault(&attributes, &signals);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::string path = executable.string();
  char* argv[] = {path.data(), nullptr};
  pid_t pid = 0;
  int spawned = ::posix_spawn(&pid, path.c_str(), &actions, &attributes, argv, environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  ::close(request_pipe[0]);
  ::close(response_pipe[1]);
  if (spawned != 0) {
    ::close(request_pipe[1]);
    ::close(response_pipe[0]);
    throw Error(ErrorKind::kUnavailable,
                "cannot start the script host " + path + ": " + std::strerror(spawned));
  }
  return std::unique_ptr<HostProcess>(new HostProcess(pid, request_pipe[1], response_pipe[0]));
}

HostProcess::HostProcess(pid_t pid, int request_fd, int response_fd)
    : pid_(pid), request_fd_(request_fd), response_fd_(response_fd), responses_(response_fd) {}

HostProcess::~HostProcess() {
  // Closing the request pipe lets an idle host end by itself; kill() covers a busy one.
  ::close(request_fd_);
  ::close(response_fd_);
  kill();
}

void HostProcess::kill() {
  if (!reaped_) {
    ::kill(pid_, SIGKILL);
    reap();
  }
}

void HostProcess::reap() {
  int status = 0;
  pid_t waited;
  do {
    waited = ::waitpid(pid_, &status, 0);
  } while (waited < 0 && errno == EINTR);
  reaped_ = true;
  if (waited == pid_) {
    failure_ = describeWaitStatus(status);
  } else {
    // For example when the daemon ignores SIGCHLD, which reaps children automatically.
    failure_ = std::string("ended, with no exit status available (") + std::strerror(errno) + ")";
  }
}

HostProcess::CallOutcome HostProcess::call(const protocol::ExecuteRequest& request,
                                           std::chrono::steady_clock::time_point deadline,
                                           protocol::ExecuteResponse& response) {
  if (reaped_) {
    return CallOutcome::kDied;
  }
  if (!protocol::writeFrame(request_fd_, protocol::encodeRequest(request))) {
    kill();
    return CallOutcome::kDied;
  }
  switch (responses_.read(buffer_, deadline)) {
    case protocol::ReadStatus::kOk:
      break;
    case protocol::ReadStatus::kTimedOut:
      return CallOutcome::kTimedOut;
    case protocol::ReadStatus::kEndOfFile:
      // SIGKILL first, so that waiting cannot block on a host that closed its output but still
      // runs. The exit status of a host that already ended stays as it was.
      kill();
      return CallOutcome::kDied;
    case protocol::ReadStatus::kError:
      kill();
      failure_ = "sent an unreadable response frame";
      return CallOutcome::kDied;
  }
  try {
    response = protocol::decodeResponse(buffer_);
  } catch (const Error& error) {
    kill();
    failure_ = std::string("sent a malformed response: ") + error.what();
    return CallOutcome::kDied;
  }
  if (response.call_id != request.call_id) {
    kill();
    failure_ = "answered call " + std::to_string(response.call_id) + " instead of call " +
               std::to_string(request.call_id);
    return CallOutcome::kDied;
  }
  return CallOutcome::kAnswered;
}

}  // namespace eventmgr::runtime
