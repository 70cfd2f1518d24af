// P1: executions per second through the runtime path that the daemon uses (a pooled
// eventmgr-upython-host process, then the output parsed), compared with the same script called
// in-process in an embedded MicroPython VM in the same run. The script is the opergroup example
// with its example input (one of two uplinks up, two down-links). The process and its host run
// on one CPU.

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "runtime/host/hal.h"
#include "runtime/host/sandbox.h"
#include "runtime/host/vm.h"
#include "runtime/host_pool.h"
#include "runtime/output.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using eventmgr::runtime::ExecutionRequest;
using eventmgr::runtime::ExecutionResult;
using eventmgr::runtime::ExecutionStatus;

const fs::path kExampleDir = fs::path(EVENTMGR_SOURCE_DIR) / "examples" / "opergroup";

std::string exampleInput() {
  std::ifstream file(kExampleDir / "one-uplink-down.json");
  std::stringstream content;
  content << file.rdbuf();
  std::string input = content.str();
  while (!input.empty() && input.back() == '\n') {
    input.pop_back();
  }
  return input;
}

// The floor: event_handler_main called in this process through the VM API that the host uses,
// with no process boundary and no output parsing.
void BM_InProcessCall(benchmark::State& state) {
  int stack_top = 0;
  if (evm_init(eventmgr::runtime::kDefaultHeapBytes, &stack_top, 256 * 1024) != 0) {
    state.SkipWithError("cannot allocate the MicroPython heap");
    return;
  }

  std::string input = exampleInput();
  std::string path = fs::absolute(kExampleDir / "opergroup.py").string();
  struct stat info {};
  ::stat(path.c_str(), &info);
  evm_call call{path.c_str(),
                "opergroup",
                static_cast<std::uint64_t>(info.st_mtim.tv_sec),
                static_cast<std::uint64_t>(info.st_size),
                input.data(),
                input.size()};
  evm_sandbox_begin(kExampleDir.c_str());

  for (auto _ : state) {
    evm_capture_begin(64 * 1024);
    evm_clock_begin(0, 0);
    evm_result result{};
    evm_execute(&call, &result);
    if (result.status != EVM_OK) {
      state.SkipWithError("the in-process call failed");
    }
    std::free(result.output);
    std::free(result.detail);
  }

  evm_sandbox_end();
  evm_deinit();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_InProcessCall)->MinTime(1.0)->UseRealTime();

// The production path: HostPool::execute on one host process, then parseOutput.
void BM_PooledExecution(benchmark::State& state) {
  eventmgr::runtime::HostPoolOptions options;
  options.host_executable = EVENTMGR_BINARY_DIR "/eventmgr-upython-host";
  options.max_hosts = 1;
  eventmgr::runtime::HostPool pool(options);
  ExecutionRequest request;
  request.script_name = "opergroup.py";
  request.script_dirs = {kExampleDir};
  request.input = exampleInput();
  for (auto _ : state) {
    ExecutionResult result = pool.execute(request);
    auto parsed = eventmgr::runtime::parseOutput(result.output);
    if (result.status != ExecutionStatus::kSuccess || !parsed.ok() ||
        parsed.output->actions.size() != 2) {
      state.SkipWithError("the pooled execution failed");
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PooledExecution)->MinTime(1.0)->UseRealTime();

// parseOutput on the example's output alone: the part of BM_PooledExecution spent in the daemon
// after the host has answered.
void BM_ParseOutput(benchmark::State& state) {
  const std::string output =
      R"({"actions": [{"set-ephemeral-path": {"path": "interface ethernet-1/1 oper-state", )"
      R"("value": "down"}}, {"set-ephemeral-path": {"path": "interface ethernet-1/2 oper-state", )"
      R"("value": "down"}}]})";
  for (auto _ : state) {
    auto parsed = eventmgr::runtime::parseOutput(output);
    benchmark::DoNotOptimize(parsed);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseOutput)->UseRealTime();

// The fixed cost of the host path: a script that returns "{}" at once, through the pool.
void BM_PooledEmptyScript(benchmark::State& state) {
  char pattern[] = "/tmp/eventmgr-p1-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) {
    state.SkipWithError("cannot create a temporary folder");
    return;
  }
  fs::path dir = pattern;
  std::ofstream(dir / "empty.py") << "def event_handler_main(in_json_str):\n    return '{}'\n";

  eventmgr::runtime::HostPoolOptions options;
  options.host_executable = EVENTMGR_BINARY_DIR "/eventmgr-upython-host";
  options.max_hosts = 1;
  {
    eventmgr::runtime::HostPool pool(options);
    ExecutionRequest request;
    request.script_name = "empty.py";
    request.script_dirs = {dir};
    request.input = exampleInput();
    for (auto _ : state) {
      ExecutionResult result = pool.execute(request);
      if (result.status != ExecutionStatus::kSuccess) {
        state.SkipWithError("the pooled execution failed");
      }
    }
  }
  fs::remove_all(dir);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PooledEmptyScript)->MinTime(1.0)->UseRealTime();

// The floor of any process round trip on this machine: 400 bytes to /bin/cat through a pipe and
// back, with the same poll-then-read wait as the pool. No eventmgr code runs.
void BM_PipeRoundTripFloor(benchmark::State& state) {
  int to_child[2];
  int from_child[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0) {
    state.SkipWithError("cannot create pipes");
    return;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
  char program[] = "/bin/cat";
  char* argv[] = {program, nullptr};
  pid_t pid = 0;
  int spawned = ::posix_spawn(&pid, program, &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(to_child[0]);
  ::close(from_child[1]);
  if (spawned != 0) {
    state.SkipWithError("cannot start /bin/cat");
    return;
  }

  char buffer[400] = {};
  for (auto _ : state) {
    if (::write(to_child[1], buffer, sizeof(buffer)) != static_cast<ssize_t>(sizeof(buffer))) {
      state.SkipWithError("write to /bin/cat failed");
      break;
    }
    std::size_t received = 0;
    while (received < sizeof(buffer)) {
      pollfd ready{from_child[0], POLLIN, 0};
      ::poll(&ready, 1, 1000);
      ssize_t got = ::read(from_child[0], buffer + received, sizeof(buffer) - received);
      if (got <= 0) {
        state.SkipWithError("read from /bin/cat failed");
        break;
      }
      received += static_cast<std::size_t>(got);
    }
  }

  ::close(to_child[1]);
  ::close(from_child[0]);
  ::waitpid(pid, nullptr, 0);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PipeRoundTripFloor)->MinTime(1.0)->UseRealTime();

// Keeps this process, and the host processes it starts (they inherit the mask), on the first CPU
// it may use: the P1 target is a rate on one core.
void pinToOneCpu() {
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0) {
    return;
  }
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (CPU_ISSET(cpu, &allowed)) {
      cpu_set_t one;
      CPU_ZERO(&one);
      CPU_SET(cpu, &one);
      sched_setaffinity(0, sizeof(one), &one);
      return;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  pinToOneCpu();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
