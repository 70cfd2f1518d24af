// Benchmarks of the datastore's write path: a state write on a node with N configured
// interfaces, each with oper-state and two counters in state, as a link flap on a big node.
// Run: build/bench/datastore/datastore_benchmark --benchmark_repetitions=5
//      --benchmark_report_aggregates_only=true

#include <benchmark/benchmark.h>
#include <spdlog/spdlog.h>

#include "datastore/local_datastore.h"
#include "path/parser.h"

namespace eventmgr::datastore {
namespace {

std::unique_ptr<LocalDatastore> makeNode(std::int64_t interfaces) {
  auto schema = schema::Schema::builtin();
  auto store = std::make_unique<LocalDatastore>(schema);
  std::vector<Operation> config;
  std::vector<Operation> state;
  for (std::int64_t i = 1; i <= interfaces; ++i) {
    std::string name =
        "ethernet-" + std::to_string(1 + (i - 1) / 128) + "/" + std::to_string(1 + (i - 1) % 128);
    config.push_back(
        Operation::set(path::parseConcretePath(*schema, "interface " + name + " description"),
                       std::string("port ") + name));
    state.push_back(Operation::set(
        path::parseConcretePath(*schema, "interface " + name + " statistics in-packets"),
        std::string("1")));
    state.push_back(Operation::set(
        path::parseConcretePath(*schema, "interface " + name + " statistics out-packets"),
        std::string("2")));
  }
  store->commit(config);
  store->writeState(state);
  return store;
}

// One oper-state flap per iteration: down, then up, so every write changes a value.
void stateWriteFlap(benchmark::State& state) {
  spdlog::set_level(spdlog::level::warn);
  auto store = makeNode(state.range(0));
  auto oper = path::parseConcretePath(store->schema(), "interface ethernet-1/1 oper-state");
  bool down = true;
  for (auto _ : state) {
    store->writeState({Operation::set(oper, std::string(down ? "down" : "up"))});
    down = !down;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(stateWriteFlap)->Arg(4)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

// The ephemeral override a script's set-ephemeral-path action makes.
void ephemeralFlap(benchmark::State& state) {
  spdlog::set_level(spdlog::level::warn);
  auto store = makeNode(state.range(0));
  auto oper = path::parseConcretePath(store->schema(), "interface ethernet-1/1 oper-state");
  bool down = true;
  for (auto _ : state) {
    store->setEphemeral("og", oper, std::string(down ? "down" : "up"));
    down = !down;
  }
}
BENCHMARK(ephemeralFlap)->Arg(4)->Arg(1000)->Unit(benchmark::kMicrosecond);

// getMatching of `interface * oper-state`, which the engine does for every execution.
void matchingRead(benchmark::State& state) {
  spdlog::set_level(spdlog::level::warn);
  auto store = makeNode(state.range(0));
  auto pattern = path::parsePattern(store->schema(), "interface * oper-state");
  for (auto _ : state) {
    benchmark::DoNotOptimize(store->getMatching(pattern));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(matchingRead)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace eventmgr::datastore
