#!/usr/bin/env bash
# Installs what the build needs, builds with the ci preset (warnings are
# errors) and runs the whole test suite headless. The README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
./packaging/install-deps.sh
export QT_QPA_PLATFORM=offscreen
cmake --preset ci
cmake --build --preset ci -j "$(nproc)"
ctest --preset ci
