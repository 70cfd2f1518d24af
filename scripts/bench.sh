#!/usr/bin/env bash
# Run every benchmark built under BUILD_DIR/bench (Google Benchmark programs) with 5 repetitions
# and print the median, mean and spread of each. docs/performance.md records the figures.
#
# Usage: scripts/bench.sh [BUILD_DIR]   (default: build)
set -euo pipefail

build_dir="${1:-build}"
if [[ ! -d "$build_dir/bench" ]]; then
  echo "bench.sh: $build_dir/bench does not exist; build first (make build)" >&2
  exit 1
fi

mapfile -t programs < <(find "$build_dir/bench" -type f -executable -name '*bench*' | sort)
if [[ ${#programs[@]} -eq 0 ]]; then
  echo "bench.sh: no benchmark programs under $build_dir/bench" >&2
  exit 1
fi

for program in "${programs[@]}"; do
  echo "== $program"
  "$program" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
  echo
done

# Driver scripts that measure the daemon as a whole (start-up time and memory).
for driver in bench/daemon/*.sh; do
  echo "== $driver"
  "$driver" "$build_dir"
  echo
done
