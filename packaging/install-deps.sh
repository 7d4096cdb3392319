#!/usr/bin/env bash
# Installs every Debian 12 package the Waddle Region Console needs to build,
# test and run. Idempotent: packages already present are left as they are.
# Usage: packaging/install-deps.sh [--ci | --with-tools | --postgresql | --sanitizers]
#   --ci          also installs clang-format (format check), appstream and
#                 desktop-file-utils (package metadata checks), python3,
#                 clang with its libFuzzer/sanitizer runtime (tests/fuzz) and
#                 PostgreSQL's server (the tests' throw-away cluster).
#   --postgresql  also installs PostgreSQL's server (packaging/pg-cluster.sh).
#   --sanitizers  also installs clang with its sanitizer runtime (the asan
#                 preset: packaging/test.sh --preset asan).
#   --with-tools  also installs the developer tools (Xvfb, wrk, imagemagick,
#                 clang-format, curl) for screenshots, load tests and formatting.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libsqlite3-dev libqt6sql6-psql
  qt6-charts-dev qt6-positioning-dev qt6-websockets-dev libboost-dev
  qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libgl-dev qcoro-qt6-dev qtkeychain-qt6-dev
  qt6-qpa-plugins libqt6svg6 fonts-dejavu-core
)
case "${1:-}" in
  --ci) packages+=(clang-format git appstream desktop-file-utils python3 clang libclang-rt-14-dev
                   postgresql) ;;
  --postgresql) packages+=(postgresql python3) ;;
  --sanitizers) packages+=(clang libclang-rt-14-dev) ;;
  --with-tools) packages+=(clang-format git xvfb x11-apps wrk imagemagick curl) ;;
  "") ;;
  *) echo "usage: $0 [--ci | --with-tools | --postgresql | --sanitizers]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
