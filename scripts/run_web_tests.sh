#!/usr/bin/env bash
# Starts `zhitu serve` on a free loopback port with the demo store, writes a PMTiles archive of
# it (zoom 0-6), and runs the browser and client tests (web/tests, node's test runner +
# playwright-core + Debian's chromium) against both.
#   scripts/run_web_tests.sh build/zhitu var/zhitu.db
set -euo pipefail
zhitu=$(realpath "$1")
db=$(realpath "$2")
log=$(mktemp)
pmtiles=$(mktemp --suffix=.pmtiles)
"$zhitu" export --db "$db" --pmtiles "$pmtiles" --maxzoom 6 2>/dev/null
"$zhitu" serve --db "$db" --port 0 --web "$(pwd)/web/dist" 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log" "$pmtiles"' EXIT
url=""
for _ in $(seq 1 300); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*/ (Ctrl-C stops)' "$log" | grep -o 'http://[0-9.:]*' || true)
  [[ -n "$url" ]] && break
  kill -0 $pid 2>/dev/null || { cat "$log" >&2; exit 2; }
  sleep 0.1
done
[[ -n "$url" ]] || { echo "zhitu serve did not start" >&2; cat "$log" >&2; exit 2; }
echo "web tests against $url"
cd web && ZHITU_URL="$url" ZHITU_PMTILES="$pmtiles" npm test
