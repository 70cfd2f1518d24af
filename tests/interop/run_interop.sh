#!/bin/bash
# Runs one gNMI interoperability client against a freshly started eventmgr daemon.
#
# Usage: run_interop.sh node|python SOURCE_DIR BUILD_DIR
# The daemon runs the oper-group example on free loopback ports. `npm ci` installs the Node.js
# client from the committed lock file into BUILD_DIR/interop/node. The Python client uses
# /usr/bin/python3 with python3-grpcio and message classes that protoc compiles.
set -euo pipefail

client="$1"
source_dir="$2"
build_dir="$3"
work="$build_dir/interop/$client"
rm -rf "$work/data" "$work/scripts"
mkdir -p "$work/scripts"
cp "$source_dir/examples/opergroup/opergroup.py" "$work/scripts/"

"$build_dir/eventmgr" --log-level debug run --data-dir "$work/data" --listen 127.0.0.1:0 \
  --gnmi-listen 127.0.0.1:0 --config "$source_dir/examples/opergroup/config.flat" \
  --script-dir "$work/scripts" >"$work/daemon.log" 2>&1 &
daemon=$!
trap 'kill $daemon 2>/dev/null || true; wait $daemon 2>/dev/null || true' EXIT

jsonrpc_port=""
gnmi_port=""
for _ in $(seq 1 200); do
  jsonrpc_port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/jsonrpc.*|\1|p' "$work/daemon.log" | head -1)
  gnmi_port=$(sed -n 's|.*gNMI server listening on 127.0.0.1:\([0-9]*\) .*|\1|p' "$work/daemon.log" | head -1)
  if [[ -n "$jsonrpc_port" && -n "$gnmi_port" ]]; then
    break
  fi
  if ! kill -0 $daemon 2>/dev/null; then
    echo "the daemon exited early; its log:" >&2
    cat "$work/daemon.log" >&2
    exit 1
  fi
  sleep 0.1
done
if [[ -z "$jsonrpc_port" || -z "$gnmi_port" ]]; then
  echo "the daemon did not report its ports within 20 s; its log:" >&2
  cat "$work/daemon.log" >&2
  exit 1
fi

status=0
case "$client" in
  node)
    # Reinstall only when the committed lock file changed since the last install.
    if ! cmp -s "$source_dir/tests/interop/package-lock.json" "$work/package-lock.json" ||
      [[ ! -d "$work/node_modules/@grpc/grpc-js" ]]; then
      cp "$source_dir/tests/interop/package.json" "$source_dir/tests/interop/package-lock.json" \
        "$work/"
      (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund >"$work/npm.log" 2>&1) || {
        echo "npm ci failed; its output:" >&2
        cat "$work/npm.log" >&2
        exit 1
      }
    fi
    NODE_PATH="$work/node_modules" node "$source_dir/tests/interop/gnmi_client.js" \
      "127.0.0.1:$gnmi_port" "$source_dir/proto" "$build_dir/eventmgr" \
      "127.0.0.1:$jsonrpc_port" || status=$?
    ;;
  python)
    protoc -I "$source_dir/proto" -I /usr/include --python_out="$work" \
      "$source_dir/proto/gnmi.proto" "$source_dir/proto/gnmi_ext.proto"
    /usr/bin/python3 "$source_dir/tests/interop/gnmi_client.py" "127.0.0.1:$gnmi_port" "$work" \
      "$build_dir/eventmgr" "127.0.0.1:$jsonrpc_port" || status=$?
    ;;
  *)
    echo "unknown client \"$client\"; expected node or python" >&2
    exit 2
    ;;
esac
if [[ $status -ne 0 ]]; then
  echo "the $client client failed; the daemon's log:" >&2
  tail -n 60 "$work/daemon.log" >&2
fi
exit $status
