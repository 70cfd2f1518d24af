#!/usr/bin/env bash
# Fetch MicroPython's Debian source tarball into a cache folder and check its SHA-256.
#
# Debian bookworm has no micropython package, so the trixie *source* package is used. apt's own
# client downloads it with a private source list and private list folder, so the machine's apt
# configuration is never changed. The archive address is read from the machine's apt sources.
#
# Usage: fetch-micropython.sh CACHE_DIR
# Prints the path of the verified tarball on standard output.
set -euo pipefail

readonly VERSION="1.25.0+ds-1"
readonly TARBALL="micropython_1.25.0+ds.orig.tar.xz"
readonly SHA256="7b25be99a502f070b2de81dafc08da7051d992325d6e67daa9045a918fffdbea"

cache_dir="${1:?usage: fetch-micropython.sh CACHE_DIR}"
mkdir -p "$cache_dir"
cache_dir="$(cd "$cache_dir" && pwd)"
target="$cache_dir/$TARBALL"

verify() {
  echo "$SHA256  $1" | sha256sum --check --status
}

if [[ -f "$target" ]] && verify "$target"; then
  echo "$target"
  exit 0
fi

# Find the Debian archive that the machine already uses, from deb822 or one-line sources.
archive=""
for file in /etc/apt/sources.list.d/*.sources; do
  [[ -f "$file" ]] || continue
  archive="$(awk '/^URIs:/ {print $2; exit}' "$file")"
  [[ -n "$archive" && "$archive" != *security* ]] && break
  archive=""
done
if [[ -z "$archive" ]]; then
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$file" ]] || continue
    archive="$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' "$file")"
    [[ -n "$archive" ]] && break
  done
fi
if [[ -z "$archive" ]]; then
  echo "fetch-micropython: no Debian archive found in the machine's apt sources" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/download"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $archive trixie main" > "$work/sources.list"
apt_options=(
  -o "Dir::Etc::SourceList=$work/sources.list"
  -o "Dir::Etc::SourceParts=/nonexistent"
  -o "Dir::State::Lists=$work/lists"
  -o "APT::Sandbox::User=root"
)

echo "fetch-micropython: downloading source package micropython=$VERSION" >&2
apt-get "${apt_options[@]}" -qq update >&2
(cd "$work/download" && apt-get "${apt_options[@]}" -qq source --download-only "micropython=$VERSION" >&2)

downloaded="$work/download/$TARBALL"
if [[ ! -f "$downloaded" ]]; then
  echo "fetch-micropython: apt-get did not produce $TARBALL" >&2
  exit 1
fi
if ! verify "$downloaded"; then
  echo "fetch-micropython: SHA-256 of $TARBALL does not match the pinned $SHA256" >&2
  exit 1
fi
mv "$downloaded" "$target.tmp"
mv "$target.tmp" "$target"
echo "$target"
