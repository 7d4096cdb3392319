#!/usr/bin/env bash
# Builds the fuzz targets (clang, ASan + UBSan, libFuzzer) and runs each over
# its seed corpus for a bounded time. A crash, leak or sanitizer report fails
# the run and leaves the reproducer in build/fuzz/findings/<target>/.
# Usage: tests/fuzz/run.sh [SECONDS per target, default 20]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for target in build/fuzz/bin/fuzz_*; do
    name=$(basename "$target")
    corpus="tests/fuzz/corpus/${name#fuzz_}"
    work="build/fuzz/corpus/${name#fuzz_}"
    findings="build/fuzz/findings/${name#fuzz_}"
    mkdir -p "$work" "$findings"
    echo "== $name: ${seconds}s over $corpus"
    # New inputs go to the scratch corpus; the committed seeds stay as they are.
    if ! "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$findings/" -print_final_stats=1 "$work" "$corpus" \
        >"build/fuzz/$name.log" 2>&1; then
        tail -40 "build/fuzz/$name.log"
        echo "$name: FAILED (reproducer in $findings/)"
        status=1
    else
        grep -E 'stat::number_of_executed_units|cov:' "build/fuzz/$name.log" | tail -2
        echo "$name: no crash"
    fi
done
exit $status
