#!/usr/bin/env bash
# Installs what the build needs, builds with the ci preset (warnings are
# errors) and runs the whole test suite headless. The README's test command.
# The store and service tests run twice, on SQLite and on PostgreSQL
# (`<name>-postgresql`): a throw-away cluster is started for them
# (packaging/pg-cluster.sh) and stopped at the end. Where PostgreSQL cannot
# be installed, that half is skipped and says so.
#
# `packaging/test.sh --preset asan` does the same with the asan preset: the
# core and control plane tests (not the desktop app's) built by clang with
# AddressSanitizer and UndefinedBehaviorSanitizer (CI runs both).
set -euo pipefail
cd "$(dirname "$0")/.."
preset=ci
case "${1:-}" in
  --preset) preset=${2:?--preset needs a name: ci or asan} ;;
  "") ;;
  *) echo "usage: $0 [--preset ci|asan]" >&2; exit 2 ;;
esac
./packaging/install-deps.sh
if [[ $preset == asan ]]; then ./packaging/install-deps.sh --sanitizers; fi
export QT_QPA_PLATFORM=offscreen
cmake --preset "$preset"
cmake --build --preset "$preset" -j "$(nproc)"

cluster=$(mktemp -d /tmp/waddle-pg.XXXXXX)
stop_cluster() { ./packaging/pg-cluster.sh stop "$cluster"; }
if ./packaging/install-deps.sh --postgresql >/dev/null 2>&1 &&
   url=$(./packaging/pg-cluster.sh start "$cluster"); then
  trap stop_cluster EXIT
  export WADDLE_TEST_POSTGRESQL=$url
  echo "== PostgreSQL for the tests: $url"
else
  rm -rf "$cluster"
  unset WADDLE_TEST_POSTGRESQL
  echo "== PostgreSQL cannot be installed or started here: the PostgreSQL half of the tests is skipped"
fi
ctest --preset "$preset"
