#!/usr/bin/env bash
# Demo: run the example oper-group script once per example input with `eventmgr test`.
# With one of two uplinks up and two required, both down-links are forced down; with both
# uplinks up, they are set up.
#
# Usage: scripts/demo.sh [BUILD_DIR]   (default: build)
set -euo pipefail

build_dir="${1:-build}"
cd "$(dirname "$0")/.."
eventmgr="$build_dir/eventmgr"
if [[ ! -x "$eventmgr" ]]; then
  echo "demo.sh: $eventmgr does not exist; build first (make build)" >&2
  exit 1
fi

for input in examples/opergroup/one-uplink-down.json examples/opergroup/all-uplinks-up.json; do
  echo "\$ $eventmgr test examples/opergroup/opergroup.py --input $input"
  "$eventmgr" test examples/opergroup/opergroup.py --input "$input"
  echo
done
