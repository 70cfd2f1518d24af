#!/usr/bin/env bash
# P5 and P9: start the real daemon with N enabled instances and measure the time from start to
# the first execution of every instance, and the daemon's resident memory (the MicroPython host
# processes are separate processes and reported apart).
#
# Usage: bench/daemon/startup_memory.sh [BUILD_DIR] [N ...]   (default: build 20 120)
set -euo pipefail

build_dir="${1:-build}"
shift || true
counts=("$@")
[[ ${#counts[@]} -gt 0 ]] || counts=(20 120)
eventmgr="$(cd "$build_dir" && pwd)/eventmgr"
port=18393

measure() {
  local count=$1
  local work
  work="$(mktemp -d /tmp/eventmgr-p5.XXXXXX)"
  mkdir -p "$work/scripts"
  printf 'def event_handler_main(in_json_str):\n    return "{}"\n' > "$work/scripts/noop.py"
  for i in $(seq 1 "$count"); do
    echo "set / system event-handler instance i$i upython-script noop.py"
    echo "set / system event-handler instance i$i paths [ \"interface ethernet-1/$i oper-state\" ]"
    echo "set / system event-handler instance i$i admin-state enable"
  done > "$work/config.flat"

  local start end
  start=$(date +%s%N)
  "$eventmgr" --log-level warning run --config "$work/config.flat" --data-dir "$work/data" \
    --script-dir "$work/scripts" --listen "127.0.0.1:$port" --max-instances "$count" \
    > "$work/log" 2>&1 &
  local daemon=$!
  local request='{"jsonrpc":"2.0","id":1,"method":"cli","params":{"commands":["info from state system event-handler instance * statistics execution-count"]}}'
  for _ in $(seq 1 3000); do
    local done_count
    done_count=$(curl -s -d "$request" "http://127.0.0.1:$port/jsonrpc" 2> /dev/null |
      grep -o 'execution-count [1-9]' | wc -l || true)
    if [[ "$done_count" -ge "$count" ]]; then
      break
    fi
    sleep 0.002
  done
  end=$(date +%s%N)
  sleep 0.5
  local rss hosts
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$daemon/status")
  hosts=$(pgrep -P "$daemon" | xargs -r -I{} awk '/VmRSS/ {print $2}' /proc/{}/status | paste -sd+ | bc)
  echo "instances=$count first_execution_of_all_ms=$(((end - start) / 1000000)) daemon_rss_kib=$rss host_processes_rss_kib=${hosts:-0}"
  kill "$daemon"
  wait "$daemon" 2> /dev/null || true
  rm -rf "$work"
}

for count in "${counts[@]}"; do
  measure "$count"
done
