// P3: concrete changes matched against 1,000 configured patterns (a mix of exact paths, `*`
// wildcards, globs and ranges) on the simulated node's schema. PatternIndex is measured next
// to a full scan of the same patterns, so the ratio holds on a noisy machine.
//
// Run reliably with: build/bench/path/path_matching_benchmark --benchmark_repetitions=5
//   --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "path/matcher.h"
#include "path/parser.h"

namespace eventmgr::path {
namespace {

constexpr std::size_t kPatternCount = 1000;
constexpr std::size_t kChangeCount = 4096;  // a power of two, so the loop can mask the index

const std::vector<std::string>& interfaceLeaves() {
  static const std::vector<std::string> leaves = {
      "oper-state",
      "admin-state",
      "description",
      "mtu",
      "oper-down-reason",
      "last-change",
      "ethernet forward-error-correction",
      "ethernet port-speed",
      "statistics in-packets",
      "statistics in-octets",
      "statistics in-unicast-packets",
      "statistics in-broadcast-packets",
      "statistics in-multicast-packets",
      "statistics in-discarded-packets",
      "statistics in-error-packets",
      "statistics in-fcs-error-packets",
      "statistics out-packets",
      "statistics out-octets",
      "statistics out-unicast-packets",
      "statistics out-broadcast-packets",
      "statistics out-multicast-packets",
      "statistics out-discarded-packets",
      "statistics out-error-packets",
      "statistics carrier-transitions",
      "subinterface 0 oper-state",
  };
  return leaves;
}

// The 1,000 patterns: 40% exact, 20% ranges, 20% globs, 20% `*`, spread over the interface
// leaves, subinterfaces and BGP neighbours the way many instances' `paths` would be.
std::vector<std::string> patternTexts() {
  const auto& leaves = interfaceLeaves();
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < kPatternCount; ++i) {
    const std::string& leaf = leaves[i % leaves.size()];
    std::string slot = std::to_string(i % 4 + 1);
    std::string port = std::to_string((i * 7) % 32 + 1);
    switch (i % 10) {
      case 0:
      case 1:
      case 2:
        texts.push_back("interface ethernet-" + slot + "/" + port + " " + leaf);
        break;
      case 3:
        texts.push_back("network-instance vrf" + std::to_string(i % 16) +
                        " protocols bgp neighbor 10.0." + std::to_string(i % 16) + "." +
                        std::to_string(i % 50 + 1) + " session-state");
        break;
      case 4:
      case 5: {
        std::size_t first = (i * 13) % 28 + 1;
        texts.push_back("interface ethernet-" + slot + "/{" + std::to_string(first) + ".." +
                        std::to_string(first + 3) + "} " + leaf);
        break;
      }
      case 6:
        texts.push_back("interface ethernet-" + slot + "/* " + leaf);
        break;
      case 7:
        texts.push_back("interface ethernet-" + slot + "/" + std::to_string(i % 3 + 1) + "* " +
                        leaf);
        break;
      case 8:
        texts.push_back("interface * " + leaf);
        break;
      default:
        texts.push_back(i % 20 == 9
                            ? "network-instance * protocols bgp neighbor * session-state"
                            : "interface * subinterface " + std::to_string(i % 4) + " oper-state");
        break;
    }
  }
  return texts;
}

// Changes on 128 interfaces (each of the leaves), subinterfaces and BGP neighbours, in a
// fixed random order.
std::vector<ConcretePath> changes(const schema::Schema& schema) {
  const auto& leaves = interfaceLeaves();
  std::vector<std::string> texts;
  for (int slot = 1; slot <= 4; ++slot) {
    for (int port = 1; port <= 32; ++port) {
      for (const std::string& leaf : leaves) {
        texts.push_back("interface ethernet-" + std::to_string(slot) + "/" + std::to_string(port) +
                        " " + leaf);
      }
    }
  }
  for (int vrf = 0; vrf < 16; ++vrf) {
    for (int peer = 1; peer <= 50; ++peer) {
      texts.push_back("network-instance vrf" + std::to_string(vrf) +
                      " protocols bgp neighbor 10.0." + std::to_string(vrf) + "." +
                      std::to_string(peer) + " session-state");
    }
  }
  std::mt19937 random(7);
  std::shuffle(texts.begin(), texts.end(), random);
  std::vector<ConcretePath> paths;
  for (std::size_t i = 0; i < kChangeCount; ++i) {
    paths.push_back(parseConcretePath(schema, texts[i % texts.size()]));
  }
  return paths;
}

void BM_PatternIndexMatch(benchmark::State& state) {
  const auto& schema = *schema::Schema::builtin();
  PatternIndex index;
  std::vector<std::string> texts = patternTexts();
  for (std::size_t i = 0; i < texts.size(); ++i) {
    index.add(i, parsePattern(schema, texts[i]));
  }
  std::vector<ConcretePath> paths = changes(schema);
  std::vector<PatternId> ids;
  std::size_t matched = 0;
  std::size_t next = 0;
  for (auto _ : state) {
    index.match(paths[next++ & (kChangeCount - 1)], ids);
    matched += ids.size();
    benchmark::DoNotOptimize(ids.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["matches_per_change"] =
      static_cast<double>(matched) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_PatternIndexMatch);

// Baseline: every pattern checked against every change.
void BM_FullScanMatch(benchmark::State& state) {
  const auto& schema = *schema::Schema::builtin();
  std::vector<Pattern> patterns;
  for (const std::string& text : patternTexts()) {
    patterns.push_back(parsePattern(schema, text));
  }
  std::vector<ConcretePath> paths = changes(schema);
  std::vector<PatternId> ids;
  std::size_t next = 0;
  for (auto _ : state) {
    ids.clear();
    const ConcretePath& path = paths[next++ & (kChangeCount - 1)];
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      if (patterns[i].matches(path)) {
        ids.push_back(i);
      }
    }
    benchmark::DoNotOptimize(ids.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_FullScanMatch);

void BM_ParsePattern(benchmark::State& state) {
  const auto& schema = *schema::Schema::builtin();
  std::vector<std::string> texts = patternTexts();
  std::size_t next = 0;
  for (auto _ : state) {
    Pattern pattern = parsePattern(schema, texts[next++ % texts.size()]);
    benchmark::DoNotOptimize(pattern.elements().data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_ParsePattern);

void BM_RenderCli(benchmark::State& state) {
  const auto& schema = *schema::Schema::builtin();
  std::vector<ConcretePath> paths = changes(schema);
  std::size_t next = 0;
  for (auto _ : state) {
    std::string text = paths[next++ & (kChangeCount - 1)].toCli();
    benchmark::DoNotOptimize(text.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_RenderCli);

}  // namespace
}  // namespace eventmgr::path
