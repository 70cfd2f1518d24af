#!/usr/bin/env bash
# Demo of eventmgr's main job: the daemon runs the example event-handler instances on its
# simulated node, this script drives changes through the JSON-RPC API with `eventmgr cli` and
# shows what each instance did. The daemon then keeps running until Ctrl-C.
#
# Usage: scripts/demo.sh [BUILD_DIR]   (default: build)
# Environment: DEMO_ADDRESS (default 127.0.0.1:8090), DEMO_KEEP_RUNNING=0 to stop at the end.
set -euo pipefail

build_dir="${1:-build}"
cd "$(dirname "$0")/.."
case "$build_dir" in
  /*) eventmgr="$build_dir/eventmgr" ;;
  *) eventmgr="$(pwd)/$build_dir/eventmgr" ;;
esac
if [[ ! -x "$eventmgr" ]]; then
  echo "demo.sh: $eventmgr does not exist; build first (make build)" >&2
  exit 1
fi
address="${DEMO_ADDRESS:-127.0.0.1:8090}"
keep_running="${DEMO_KEEP_RUNNING:-1}"

bold() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() {
  echo "\$ eventmgr cli -c \"$*\""
  "$eventmgr" cli --address "$address" -c "$*"
}
# Prints the newest execution of an instance from its history.
last_execution() {
  "$eventmgr" cli --address "$address" -c "show event-handler $1 history" |
    awk '/^#/ { block = "" } { block = block $0 "\n" } END { printf "%s", block }'
}
settle() { sleep "${1:-0.5}"; }

bold "Offline check of a script: eventmgr test (no daemon)"
echo "\$ eventmgr test examples/opergroup/opergroup.py --input examples/opergroup/one-uplink-down.json"
"$eventmgr" test examples/opergroup/opergroup.py --input examples/opergroup/one-uplink-down.json

# A node of its own: every example's config and scripts in one temporary folder.
work="$(mktemp -d /tmp/eventmgr-demo.XXXXXX)"
mkdir -p "$work/scripts"
cp examples/*/*.py "$work/scripts/"
{
  cat examples/*/config.flat
  # Shorter hold-down so that the demo shows the whole BGP isolation cycle.
  echo "set / system event-handler instance bgp-isolation options object hold-down-seconds value 3"
  echo "set / system event-handler instance periodic options object interval-ms value 5000"
} > "$work/config.flat"

bold "Starting the daemon: eventmgr run --config $work/config.flat --listen $address"
"$eventmgr" run --config "$work/config.flat" --data-dir "$work/data" \
  --script-dir "$work/scripts" --listen "$address" > "$work/daemon.log" 2>&1 &
daemon=$!
cleanup() {
  kill "$daemon" 2> /dev/null || true
  wait "$daemon" 2> /dev/null || true
}
trap cleanup EXIT
trap 'echo; echo "Stopping."; exit 0' INT TERM

for _ in $(seq 1 100); do
  if "$eventmgr" cli --address "$address" -c "show event-handler" > /dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$daemon" 2> /dev/null; then
    echo "demo.sh: the daemon stopped at start; its log:" >&2
    cat "$work/daemon.log" >&2
    exit 1
  fi
  sleep 0.1
done
settle 1
run "show event-handler"

bold "1. Uplink flaps: opergroup forces the down-links down when no uplink is up"
run "state set interface ethernet-1/49 oper-state down"
settle
run "info from state interface ethernet-1/{1,2,49,50} oper-state"
run "state set interface ethernet-1/50 oper-state down"
settle
run "info from state interface ethernet-1/{1,2,49,50} oper-state"
last_execution opergroup
run "state set interface ethernet-1/49 oper-state up"
settle
run "info from state interface ethernet-1/{1,2} oper-state"
last_execution opergroup

bold "2. A BGP session drop isolates the node; it returns after a stable hold-down"
run "state set network-instance default protocols bgp neighbor 10.0.0.1 session-state established"
run "state set network-instance default protocols bgp neighbor 10.0.0.2 session-state established"
echo "(the node starts isolated because no session was up; waiting for the 3 s hold-down)"
settle 3.5
run "info from state interface ethernet-1/{3,4} oper-state"
run "state set network-instance default protocols bgp neighbor 10.0.0.1 session-state idle"
run "state set network-instance default protocols bgp neighbor 10.0.0.2 session-state idle"
settle
run "info from state interface ethernet-1/{3,4} oper-state"
last_execution bgp-isolation
run "state set network-instance default protocols bgp neighbor 10.0.0.1 session-state established"
settle
run "show event-handler bgp-isolation"
echo "(waiting for the 3 s hold-down)"
settle 3.5
run "info from state interface ethernet-1/{3,4} oper-state"
last_execution bgp-isolation

bold "3. An LLDP neighbour appears: lldp-descriptions sets the interface description"
run "state set system lldp interface ethernet-1/49 neighbor 00:00:5e:00:53:01 system-name spine1"
run "state set system lldp interface ethernet-1/49 neighbor 00:00:5e:00:53:01 port-id ethernet-1/3"
settle
run "info interface ethernet-1/49 description"
last_execution lldp-descriptions

bold "4. Subinterfaces created in batches, and a backup after every commit"
run "info from state interface ethernet-1/10 subinterface * admin-state"
last_execution config-backup
echo "\$ cat $work/scripts/backups/backup.log"
cat "$work/scripts/backups/backup.log" 2> /dev/null || echo "(no backup yet)"

bold "All instances"
run "show event-handler"

if [[ "$keep_running" == "0" ]]; then
  exit 0
fi
echo
echo "The node keeps running at $address. Try, in another terminal:"
echo "  EVENTMGR_ADDRESS=$address $eventmgr cli -c 'show event-handler'"
echo "  EVENTMGR_ADDRESS=$address $eventmgr cli -c 'state set interface ethernet-1/50 oper-state up'"
echo "Press Ctrl-C to stop. Daemon log: $work/daemon.log"
wait "$daemon"
