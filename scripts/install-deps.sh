#!/usr/bin/env bash
# Install the Debian packages eventmgr needs to build and test, skipping those already present.
# Safe to run again: when everything is installed it only checks and returns.
set -euo pipefail

packages=(
  build-essential cmake pkg-config python3 xz-utils ca-certificates
  clang clang-format clang-tidy libclang-rt-14-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libyang2-dev libyang2-tools
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libsqlite3-dev libspdlog-dev libfmt-dev libcli11-dev libcpp-httplib-dev
  libnats-dev nats-server libyaml-cpp-dev nlohmann-json3-dev libreadline-dev
  python3-grpcio python3-protobuf nodejs chromium tmux curl
)
# The gNMI interop test installs its Node.js client with npm, which some nodejs builds bundle.
if ! command -v npm >/dev/null; then
  packages+=(npm)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing Debian packages: ${missing[*]}" >&2
  echo "install-deps: run as root, or install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
