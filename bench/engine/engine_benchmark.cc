// Event-handler engine benchmarks on the simulated node with real MicroPython host processes:
// P2 event-to-action latency against one interpreter process started per event, P4 big
// snapshots (interface * oper-state over N interfaces, one flap), P6 an event storm.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "common/real_clock.h"
#include "datastore/cli_text.h"
#include "datastore/local_datastore.h"
#include "engine/engine.h"
#include "engine/execution/thread_pool.h"
#include "engine/store/sqlite_execution_store.h"
#include "path/parser.h"
#include "runtime/host_pool.h"
#include "runtime/output.h"
#include "targets/local/local_target.h"

namespace {

namespace fs = std::filesystem;
using namespace eventmgr;

constexpr const char* kHost = EVENTMGR_BINARY_DIR "/eventmgr-upython-host";

// A whole event handler in this process: datastore, host pool, store, engine.
class Node {
 public:
  explicit Node(const std::string& name) {
    directory_ = fs::temp_directory_path() / ("eventmgr-bench-" + name + "-" +
                                              std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_ / "scripts");
    fs::copy_file(fs::path(EVENTMGR_SOURCE_DIR) / "examples/opergroup/opergroup.py",
                  directory_ / "scripts/opergroup.py");
    std::ofstream(directory_ / "scripts/count.py")
        << "import json\n\ndef event_handler_main(in_json_str):\n"
           "    data = json.loads(in_json_str)\n"
           "    return json.dumps({'actions': [], 'persistent-data': len(data['paths'])})\n";
    schema_ = schema::Schema::builtin();
    datastore_ = std::make_unique<datastore::LocalDatastore>(schema_);
    target_ = std::make_unique<targets::LocalTarget>("local", *datastore_);
    runtime::HostPoolOptions options;
    options.host_executable = kHost;
    options.max_hosts = 1;
    runner_ = std::make_unique<runtime::HostPool>(options);
    store_ = std::make_unique<engine::SqliteExecutionStore>(directory_ / "eventmgr.db");
    pool_ = std::make_unique<engine::ThreadPool>(1);
    engine::EngineOptions engine_options;
    engine_options.script_dirs = {directory_ / "scripts"};
    engine_ = std::make_unique<engine::Engine>(engine_options, *datastore_, *target_, *runner_,
                                               *store_, clock_, *pool_);
    engine_->start();
  }

  ~Node() {
    engine_->stop();
    engine_.reset();
    pool_.reset();
    fs::remove_all(directory_);
  }

  datastore::Operation set(const std::string& line) {
    auto parsed = path::parsePathWithValue(*schema_, line);
    return datastore::Operation::set(parsed.path,
                                     datastore::valueFromTokens(parsed.value, line.size()));
  }

  std::uint64_t executions(const std::string& name) {
    auto status = engine_->status(name);
    return status ? status->statistics.execution_count : 0;
  }

  void waitForExecutions(const std::string& name, std::uint64_t count) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while ((executions(name) < count || !engine_->idle()) &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
  }

  fs::path directory_;
  std::shared_ptr<const schema::Schema> schema_;
  RealClock clock_;
  std::unique_ptr<datastore::LocalDatastore> datastore_;
  std::unique_ptr<targets::LocalTarget> target_;
  std::unique_ptr<runtime::HostPool> runner_;
  std::unique_ptr<engine::SqliteExecutionStore> store_;
  std::unique_ptr<engine::ThreadPool> pool_;
  std::unique_ptr<engine::Engine> engine_;
};

void addOpergroup(Node& node) {
  std::vector<datastore::Operation> operations;
  for (const char* name : {"ethernet-1/1", "ethernet-1/2", "ethernet-1/49", "ethernet-1/50"}) {
    operations.push_back(node.set(std::string("interface ") + name + " admin-state enable"));
  }
  const std::string prefix = "system event-handler instance og ";
  operations.push_back(node.set(prefix + "upython-script opergroup.py"));
  operations.push_back(node.set(prefix + "paths [ \"interface ethernet-1/{49..50} oper-state\" ]"));
  operations.push_back(node.set(prefix + "options object required-up-uplinks value 2"));
  operations.push_back(node.set(prefix + "options object down-links values [ ethernet-1/1 ethernet-1/2 ]"));
  operations.push_back(node.set(prefix + "admin-state enable"));
  node.datastore_->commit(operations);
  node.waitForExecutions("og", 1);
}

// P2: a state change committed, until the resulting override of ethernet-1/1 is visible. The
// benchmark thread waits on the datastore's change notification instead of polling, so that it
// does not take CPU from the engine on a small machine.
void BM_EventToAction(benchmark::State& state) {
  Node node("p2");
  addOpergroup(node);
  auto uplink = path::parseConcretePath(*node.schema_, "interface ethernet-1/49 oper-state");
  auto downlink = path::parseConcretePath(*node.schema_, "interface ethernet-1/1 oper-state");
  std::mutex mutex;
  std::condition_variable changed;
  std::string seen;
  auto registration = node.datastore_->subscribe([&](const datastore::ChangeBatch& batch) {
    for (const auto& change : batch.changes) {
      if (change.path == downlink && change.new_value) {
        std::lock_guard lock(mutex);
        seen = std::get<std::string>(*change.new_value);
        changed.notify_all();
      }
    }
  });
  bool down = true;
  for (auto _ : state) {
    std::string value = down ? "down" : "up";
    node.datastore_->writeState({datastore::Operation::set(uplink, value)});
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return seen == value; });
    }
    // The rest of the execution (history, instance state) is not part of the latency, but it
    // must end before the next event so that events do not queue behind it.
    state.PauseTiming();
    while (!node.engine_->idle()) {
      std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
    state.ResumeTiming();
    down = !down;
  }
}
BENCHMARK(BM_EventToAction)->UseRealTime()->Unit(benchmark::kMicrosecond)->MinTime(2.0);

// P2 baseline: the naive handler, one interpreter process started for every event.
void BM_ProcessPerEvent(benchmark::State& state) {
  fs::path scripts = fs::path(EVENTMGR_SOURCE_DIR) / "examples/opergroup";
  std::ifstream file(scripts / "one-uplink-down.json");
  std::string input((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  for (auto _ : state) {
    runtime::HostPoolOptions options;
    options.host_executable = kHost;
    options.max_hosts = 1;
    runtime::HostPool fresh(options);
    runtime::ExecutionRequest request;
    request.script_name = "opergroup.py";
    request.script_dirs = {scripts};
    request.input = input;
    auto result = fresh.execute(request);
    auto parsed = runtime::parseOutput(result.output);
    benchmark::DoNotOptimize(parsed);
  }
}
BENCHMARK(BM_ProcessPerEvent)->UseRealTime()->Unit(benchmark::kMicrosecond)->MinTime(2.0);

// P4: `interface * oper-state` over N interfaces; one flap, until the execution has finished.
void BM_BigSnapshot(benchmark::State& state) {
  Node node("p4");
  const auto count = static_cast<int>(state.range(0));
  std::vector<datastore::Operation> interfaces;
  for (int i = 1; i <= count; ++i) {
    // SR Linux's interface names allow ports 1..999 per slot.
    interfaces.push_back(node.set("interface ethernet-" + std::to_string(1 + (i - 1) / 999) +
                                  "/" + std::to_string((i - 1) % 999 + 1) + " admin-state enable"));
  }
  node.datastore_->commit(interfaces);
  const std::string prefix = "system event-handler instance big ";
  node.datastore_->commit({node.set(prefix + "upython-script count.py"),
                           node.set(prefix + "paths [ \"interface * oper-state\" ]"),
                           node.set(prefix + "upython-heap 65536"),
                           node.set(prefix + "admin-state enable")});
  node.waitForExecutions("big", 1);
  auto flapped = path::parseConcretePath(*node.schema_, "interface ethernet-1/2 oper-state");
  bool down = true;
  for (auto _ : state) {
    auto before = node.executions("big");
    node.datastore_->writeState({datastore::Operation::set(flapped, down ? "down" : "up")});
    node.waitForExecutions("big", before + 1);
    down = !down;
  }
  auto last = node.engine_->status("big")->last_execution;
  state.counters["input_bytes"] = last ? static_cast<double>(last->input.size()) : 0;
  state.counters["script_us"] = last ? static_cast<double>(last->upython_duration_us) : 0;
}
BENCHMARK(BM_BigSnapshot)->Arg(1000)->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond)
    ->Iterations(20);

// P6: a storm of changes on watched paths, then until the instance has seen the final values.
void BM_EventStorm(benchmark::State& state) {
  Node node("p6");
  addOpergroup(node);
  auto uplink = path::parseConcretePath(*node.schema_, "interface ethernet-1/50 description");
  node.datastore_->commit({node.set("system event-handler instance og paths [ \"interface ethernet-1/{49..50} oper-state\" \"interface ethernet-1/50 description\" ]")});
  node.waitForExecutions("og", 2);
  const auto changes = state.range(0);
  for (auto _ : state) {
    for (std::int64_t i = 0; i < changes; ++i) {
      node.datastore_->commit({datastore::Operation::set(uplink, "d" + std::to_string(i))});
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      auto last = node.engine_->status("og")->last_execution;
      if (node.engine_->idle() && last &&
          last->input.find("\"d" + std::to_string(changes - 1) + "\"") != std::string::npos) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  auto status = node.engine_->status("og");
  state.counters["executions"] = static_cast<double>(status->statistics.execution_count);
  state.counters["coalesced"] = static_cast<double>(status->statistics.events_coalesced);
  state.counters["changes_per_s"] =
      benchmark::Counter(static_cast<double>(changes * state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EventStorm)->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
