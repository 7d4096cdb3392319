#!/usr/bin/env bash
# Issue 16 benchmark (printed figures, never a pass/fail): the control plane
# on SQLite (one instance) next to two instances sharing one PostgreSQL
# store, in the same run on this machine:
#   1. GET /api/v1/waddles?limit=50 under wrk
#   2. a mixed load (tests/bench/wrk/mixed.lua: 90 % reads, 10 % voice-region
#      updates with If-Match), against one instance and against both at once
#   3. how long the second instance takes to lead after the leader is killed
# Needs wrk and PostgreSQL (packaging/install-deps.sh --with-tools and
# --postgresql) and a built waddle-regiond.
# The per-key rate limit is lifted (one key makes all the load).
# Usage: tests/bench/cluster_bench.sh [BUILD_DIR (build/ci)] [SECONDS (10)]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/ci}
seconds=${2:-10}
regiond=$build/bin/waddle-regiond
waddles=1000
threads=4
key=wrk_bench_cluster_key_00001
work=$(mktemp -d /tmp/waddle-cluster-bench.XXXXXX)
pg=$(mktemp -d /tmp/waddle-pg.XXXXXX) # its own: the server's user must reach it
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  ./packaging/pg-cluster.sh stop "$pg" || true
  rm -rf "$work"
}
trap cleanup EXIT

server=$(./packaging/pg-cluster.sh start "$pg")
store="${server%/postgres}/postgres"

start() { # NAME PORT [DATABASE]
  local name=$1 port=$2 database=${3:-}
  WADDLE_ADMIN_KEY=$key WADDLE_DATABASE=$database "$regiond" --demo --demo-waddles $waddles \
    --rate-limit 1000000000 --data-dir "$work/$name" --listen 127.0.0.1:$port \
    >"$work/$name.log" 2>&1 &
  pids+=($!)
  until grep -q serving "$work/$name.log"; do
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$work/$name.log"; exit 1; }
    sleep 0.5
  done
}
start sqlite 18801
start pg-a 18802 "$store"
start pg-b 18803 "$store"
# Warm-up (and past the demo's first live-usage round), unmeasured.
for port in 18801 18802 18803; do
  wrk -t2 -c2 -d3s -H "Authorization: Bearer $key" \
    "http://127.0.0.1:$port/api/v1/waddles?limit=50" >/dev/null
done

rate() { # wrk output → requests/s
  grep -E '^Requests/sec' | awk '{printf "%.0f", $2}'
}
echo "== GET /api/v1/waddles?limit=50, wrk -t$threads -c$threads, ${seconds} s"
for target in "SQLite, one instance:18801" "PostgreSQL, instance A:18802"; do
  port=${target##*:}
  r=$(wrk -t$threads -c$threads -d${seconds}s -H "Authorization: Bearer $key" \
    "http://127.0.0.1:$port/api/v1/waddles?limit=50" | rate)
  echo "  ${target%:*}: $r requests/s"
done
a=$(mktemp); b=$(mktemp)
wrk -t2 -c2 -d${seconds}s -H "Authorization: Bearer $key" \
  "http://127.0.0.1:18802/api/v1/waddles?limit=50" >"$a" &
other=$!
wrk -t2 -c2 -d${seconds}s -H "Authorization: Bearer $key" \
  "http://127.0.0.1:18803/api/v1/waddles?limit=50" >"$b"
wait $other
echo "  PostgreSQL, A and B at once (2 + 2 connections): $(($(rate <"$a") + $(rate <"$b"))) requests/s"

echo "== mixed: 90 % GET /api/v1/waddles/{id}, 10 % PUT …/voice-region with If-Match, ${seconds} s"
mixed() { # PORT THREADS [FIRST_THREAD of $threads]
  KEY=$key WADDLES=$waddles THREADS=$threads FIRST_THREAD=${3:-0} wrk -t$2 -c$2 -d${seconds}s \
    -s tests/bench/wrk/mixed.lua "http://127.0.0.1:$1" | grep -E '^Requests/sec|^MIXED'
}
echo "  SQLite, one instance:"; mixed 18801 $threads | sed 's/^/    /'
echo "  PostgreSQL, instance A:"; mixed 18802 $threads | sed 's/^/    /'
echo "  PostgreSQL, A and B at once (2 + 2 connections; each thread its own waddles):"
mixed 18802 2 | sed 's/^/    A: /' &
other=$!
mixed 18803 2 2 | sed 's/^/    B: /'
wait $other

echo "== take-over: the leader is killed (kill -9); the other leads after"
leader_of() { curl -s -H "Authorization: Bearer $key" "http://127.0.0.1:$1/api/v1/cluster" |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["leader"] or "", d["self"])'; }
read -r leader self_a < <(leader_of 18802)
read -r _ self_b < <(leader_of 18803)
if [[ $leader == "$self_a" ]]; then victim=${pids[1]}; survivor=18803; next=$self_b
else victim=${pids[2]}; survivor=18802; next=$self_a; fi
start_ns=$(date +%s%N)
kill -9 "$victim"
until [[ $(leader_of $survivor | cut -d' ' -f1) == "$next" ]]; do sleep 0.02; done
echo "  leads after $(( ($(date +%s%N) - start_ns) / 1000000 )) ms (health interval 5 s: at most one tick)"
