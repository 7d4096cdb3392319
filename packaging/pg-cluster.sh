#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests (issue 16): initdb in a
# fresh folder, owned by a non-root user (PostgreSQL refuses to run as
# root: the `postgres` user Debian's package makes), listening on loopback
# only, trust authentication for that loopback, C collation (text order is
# byte order, as in SQLite), fsync off (a throw-away cluster: the tests kill
# control planes, never the server).
#
# Usage: packaging/pg-cluster.sh start DIR   prints the server's URL
#        packaging/pg-cluster.sh stop DIR    stops it and deletes DIR
# Exits 3 when PostgreSQL's programs are not installed.
set -euo pipefail

action=${1:-}
dir=${2:-}
if [[ -z $action || -z $dir ]]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

bin=""
for candidate in /usr/lib/postgresql/*/bin; do
  [[ -x $candidate/initdb ]] && bin=$candidate
done
if [[ -z $bin ]]; then
  echo "pg-cluster: PostgreSQL is not installed (no initdb under /usr/lib/postgresql)" >&2
  exit 3
fi

as_owner=()
if [[ $(id -u) -eq 0 ]]; then
  as_owner=(runuser -u postgres --)
fi

case "$action" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U waddle -A trust -E UTF8 --locale=C \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # A free loopback port: the kernel's choice for a socket bound to port 0.
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=off" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "$port" >"$dir/port"
    echo "postgresql://waddle@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [[ -d $dir/data ]]; then
      "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
