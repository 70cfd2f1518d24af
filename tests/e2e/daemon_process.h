#pragma once

#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace eventmgr::e2e {

//! Runs the shell command LINE with its standard error joined to its output. Returns the exit
//! status (-1 when it did not exit normally) and the output.
inline std::pair<int, std::string> runShell(const std::string& line) {
  std::string output;
  FILE* pipe = ::popen((line + " 2>&1").c_str(), "r");
  char buffer[4096];
  std::size_t count;
  while ((count = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) {
    output.append(buffer, count);
  }
  int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

//! The real `eventmgr run` daemon as a child process listening on a free loopback port, with
//! helpers to send JSON-RPC requests and to run `eventmgr cli`.
class DaemonProcess {
 public:
  DaemonProcess(const std::filesystem::path& work_dir, const std::vector<std::string>& extra)
      : work_dir_(work_dir) {
    std::filesystem::create_directories(work_dir);
    log_path_ = work_dir / "daemon.log";
    // --log-level is an option of the main command, so it goes before "run".
    std::vector<std::string> words = {binary(),   "--log-level", "debug",
                                      "run",      "--data-dir",  (work_dir / "data").string(),
                                      "--listen", "127.0.0.1:0"};
    words.insert(words.end(), extra.begin(), extra.end());
    start(words);
  }

  ~DaemonProcess() { stop(SIGKILL); }

  static std::string binary() { return EVENTMGR_BINARY_DIR "/eventmgr"; }

  //! Sends SIGNAL and waits for the process; returns its exit status (128 + signal if killed).
  int stop(int signal_number = SIGTERM) {
    if (pid_ <= 0) {
      return exit_status_;
    }
    ::kill(pid_, signal_number);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return exit_status_;
  }

  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

  std::string log() const {
    std::ifstream file(log_path_);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
  }

  //! Sends a JSON-RPC request and returns the parsed response.
  nlohmann::json rpc(const std::string& method, const nlohmann::json& params) const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(30, 0);
    nlohmann::json request = {
        {"jsonrpc", "2.0"}, {"id", 7}, {"method", method}, {"params", params}};
    auto response = client.Post("/jsonrpc", request.dump(), "application/json");
    if (!response) {
      throw std::runtime_error("JSON-RPC request failed: " + httplib::to_string(response.error()));
    }
    return nlohmann::json::parse(response->body);
  }

  //! Runs `eventmgr cli` with COMMANDS against this daemon; returns exit status and output.
  std::pair<int, std::string> cli(const std::vector<std::string>& commands,
                                  bool json = false) const {
    std::string line = binary() + " cli --address " + address();
    if (json) {
      line += " --json";
    }
    for (const auto& command : commands) {
      line += " -c '" + command + "'";
    }
    return runShell(line);
  }

 private:
  void start(const std::vector<std::string>& words) {
    std::vector<char*> argv;
    std::vector<std::string> copy = words;
    for (auto& word : copy) {
      argv.push_back(word.data());
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    if (::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
      throw std::runtime_error("cannot start " + words[0]);
    }
    posix_spawn_file_actions_destroy(&actions);

    // The daemon logs the port it bound; wait for that line (bounded).
    std::regex listening("listening on http://127\\.0\\.0\\.1:([0-9]+)/jsonrpc");
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      std::smatch match;
      std::string text = log();
      if (std::regex_search(text, match, listening)) {
        port_ = std::stoi(match[1]);
        return;
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("the daemon exited at start:\n" + text);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("the daemon did not start listening:\n" + log());
  }

  std::filesystem::path work_dir_;
  std::filesystem::path log_path_;
  pid_t pid_ = -1;
  int port_ = 0;
  int exit_status_ = -1;
};

}  // namespace eventmgr::e2e
