#!/usr/bin/env bash
# Builds the Debian packages from an already built tree, checks their
# metadata, installs them on this machine and runs the installed programs:
# waddle-regiond --demo must answer the region API, and the installed
# waddle-regions must measure latency against it. CI runs this after the
# tests (it installs packages, so it is not part of the README test command).
# Usage: packaging/package-smoke.sh [BUILD_DIR]   (default build/ci)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build/ci}
out_dir=build/packages

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi

echo "== packages: validate metadata"
appstreamcli validate --no-net packaging/linux/org.waddle.RegionConsole.metainfo.xml
desktop-file-validate packaging/linux/org.waddle.RegionConsole.desktop

echo "== packages: build"
rm -rf "$out_dir"
cpack --config "$build_dir/CPackConfig.cmake" -B "$out_dir"
debs=("$out_dir"/waddle-regions_*.deb "$out_dir"/waddle-regiond_*.deb)

echo "== packages: install"
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${debs[@]/#/./}" >/dev/null
for f in /usr/bin/waddle-regions /usr/bin/waddle-regiond \
         /usr/share/applications/org.waddle.RegionConsole.desktop \
         /usr/share/metainfo/org.waddle.RegionConsole.metainfo.xml \
         /usr/share/icons/hicolor/scalable/apps/org.waddle.RegionConsole.svg \
         /usr/lib/systemd/system/waddle-regiond.service \
         /usr/share/man/man1/waddle-regions.1.gz /usr/share/man/man8/waddle-regiond.8.gz; do
    [[ -e $f ]] || { echo "package-smoke: $f is missing after install" >&2; exit 1; }
done

echo "== packages: run the installed waddle-regiond --demo"
work=$(mktemp -d)
log="$work/regiond.log"
/usr/bin/waddle-regiond --demo --data-dir "$work/data" --listen 127.0.0.1:0 >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
url=
for _ in $(seq 1 100); do
    url=$(sed -n 's#^waddle-regiond .* serving \(http://[^ ]*\)/api/v1$#\1#p' "$log")
    [[ -n $url ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "package-smoke: waddle-regiond exited" >&2; exit 1; }
    sleep 0.1
done
[[ -n $url ]] || { cat "$log" >&2; echo "package-smoke: waddle-regiond did not start" >&2; exit 1; }
body=$(python3 - "$url/api/v1/regions" <<'PY'
import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=10) as r:
    doc = json.load(r)
regions = doc if isinstance(doc, list) else doc.get("regions", doc.get("data", []))
print(len(regions))
PY
)
[[ $body -ge 1 ]] || { echo "package-smoke: /api/v1/regions listed no region" >&2; exit 1; }
echo "installed waddle-regiond at $url lists $body regions"
[[ $(stat -c %a "$work/data/admin.key") == 600 ]] || { echo "package-smoke: admin.key is not 0600" >&2; exit 1; }

echo "== packages: installed waddle-regions probe against it"
/usr/bin/waddle-regions probe --server "$url" --samples 2 --json >"$work/probe.json"
python3 - "$work/probe.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
assert isinstance(rows, list) and rows, "probe printed no rows"
print(f"installed waddle-regions probed {len(rows)} regions")
PY
echo "package-smoke: passed"
