#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Cached tiles over HTTP against nginx serving the same bytes as static files, in one run
# (issue 5: zhitu ≥ 50% of nginx's requests per second; wrk, keep-alive).
#   bench/tiles/rps.sh                           # about 1 minute
#   DURATION=30 CONNS="1 16 64" bench/tiles/rps.sh
# Knobs: ZHITU_BIN, ZHITU_DB, DURATION (s per timed run), WARMUP (s), CONNS (wrk connection
# counts), THREADS (zhitu worker threads; default: zhitu's own), RADIUS (tiles each side of
# Luoyang per zoom), OUTDIR. Writes $OUTDIR/rps.md and the raw wrk output beside it.
#
# Fairness choices:
# - Both servers get the same requests: `Accept-Encoding: gzip`, as MapLibre in a browser sends.
#   zhitu then answers from the gzip form in its tile cache; nginx sends the very bytes zhitu
#   returned, stored as files, with `Content-Encoding: gzip` added (no compression at request
#   time on either side). The bodies are compared byte for byte before timing.
# - nginx gets the response headers zhitu sends for tiles (Cache-Control, Vary), the keep-alive
#   limits zhitu sets (5 s, 1000 requests a connection) and Debian's stock static-file settings
#   (sendfile, tcp_nopush); open_file_cache stays off, as in Debian's nginx.conf.
# - Both may use every core: nginx `worker_processes auto` (one event loop per core); zhitu its
#   default pool (cpp-httplib holds one thread per keep-alive connection, so the pool must be at
#   least the connection count; threads beyond the cores only wait). wrk runs on the same cores
#   as both servers, so each pays the same for sharing them.
# - The two servers are timed alternately at each connection count, after a warm-up of each.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
zhitu=$(realpath "${ZHITU_BIN:-$root/build/zhitu}")
db=$(realpath "${ZHITU_DB:-$root/var/zhitu.db}")
duration=${DURATION:-10}
warmup=${WARMUP:-3}
conns=${CONNS:-1 16}
radius=${RADIUS:-2}
outdir=${OUTDIR:-/tmp/zhitu-rps-bench}
threads=${THREADS:-$("$zhitu" serve --help | sed -n 's/.*--threads UINT=\([0-9]*\).*/\1/p')}
lon=112.45
lat=34.62
mkdir -p "$outdir"

if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
  apt-get install -y nginx >/dev/null
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)

tmp=$(mktemp -d)
chmod 755 "$tmp"  # nginx workers run as nobody when started by root
pids=()
cleanup() {
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average before: $load_before"

# An empty web root: the mount point stays, as in production, but holds no tiles.
mkdir -p "$tmp/web"
"$zhitu" serve --db "$db" --port 0 --threads "$threads" --web "$tmp/web" --gtfs "" --themes "" \
  2>"$tmp/zhitu.log" &
zhitu_pid=$!
pids+=("$zhitu_pid")
zhitu_url=""
for _ in $(seq 1 300); do
  zhitu_url=$(grep -o 'http://127.0.0.1:[0-9]*/ (Ctrl-C stops)' "$tmp/zhitu.log" | grep -o 'http://[0-9.:]*' || true)
  [[ -n "$zhitu_url" ]] && break
  kill -0 "$zhitu_pid" 2>/dev/null || { cat "$tmp/zhitu.log" >&2; exit 2; }
  sleep 0.1
done
[[ -n "$zhitu_url" ]] || { echo "zhitu serve did not start" >&2; cat "$tmp/zhitu.log" >&2; exit 2; }

# Every tile of both sets within $radius tiles of Luoyang at z5–z12 (slippy-map numbering).
awk -v lon="$lon" -v lat="$lat" -v r="$radius" 'BEGIN {
  pi = atan2(0, -1); phi = lat * pi / 180
  for (z = 5; z <= 12; z++) {
    n = 2 ^ z
    cx = int((lon + 180) / 360 * n)
    cy = int((1 - log(sin(phi) / cos(phi) + 1 / cos(phi)) / pi) / 2 * n)
    for (x = cx - r; x <= cx + r; x++)
      for (y = cy - r; y <= cy + r; y++)
        if (x >= 0 && y >= 0 && x < n && y < n)
          printf "/tiles/entities/%d/%d/%d.mvt\n/tiles/basemap/%d/%d/%d.mvt\n", z, x, y, z, x, y
  }
}' >"$tmp/candidates.txt"

# One fetch each renders and caches the tile in zhitu; its bytes become nginx's file. Empty
# tiles (an empty body before gzip) are left out: they would measure only header overhead.
: >"$tmp/urls.txt"
while read -r path; do
  file=$tmp/www$path
  mkdir -p "$(dirname "$file")"
  code=$(curl -sS -H 'Accept-Encoding: gzip' -D "$tmp/headers" -o "$file" -w '%{http_code}' "$zhitu_url$path")
  [[ "$code" == 200 ]] || { echo "zhitu: HTTP $code for $path" >&2; exit 1; }
  grep -qi '^Content-Encoding: gzip' "$tmp/headers" || { echo "zhitu: no gzip body for $path" >&2; exit 1; }
  if [[ $(gzip -dc <"$file" | wc -c) -gt 0 ]]; then
    echo "$path" >>"$tmp/urls.txt"
  else
    rm "$file"
  fi
done <"$tmp/candidates.txt"
n_urls=$(wc -l <"$tmp/urls.txt")
mean_bytes=$(find "$tmp/www" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s / NR }')
echo "$n_urls tile URLs (of $(wc -l <"$tmp/candidates.txt") candidates), mean gzip body $mean_bytes bytes"

nginx_port=$(free_port)
mkdir -p "$tmp/nginx-temp"
cat >"$tmp/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 5s;
  keepalive_requests 1000;
  gzip off;
  client_body_temp_path $tmp/nginx-temp/body;
  proxy_temp_path $tmp/nginx-temp/proxy;
  fastcgi_temp_path $tmp/nginx-temp/fastcgi;
  uwsgi_temp_path $tmp/nginx-temp/uwsgi;
  scgi_temp_path $tmp/nginx-temp/scgi;
  types { }
  default_type application/vnd.mapbox-vector-tile;
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/www;
    location /tiles/ {
      add_header Content-Encoding gzip;
      add_header Cache-Control no-cache;
      add_header Vary Accept-Encoding;
    }
  }
}
EOF
"$nginx" -p "$tmp" -e "$tmp/nginx-error.log" -c "$tmp/nginx.conf" &
pids+=($!)
nginx_url=http://127.0.0.1:$nginx_port
first=$(head -n1 "$tmp/urls.txt")
for _ in $(seq 1 100); do
  curl -sf -o /dev/null "$nginx_url$first" && break
  sleep 0.1
done
curl -sf -o /dev/null "$nginx_url$first" || { echo "nginx did not start" >&2; cat "$tmp/nginx-error.log" >&2; exit 2; }
nginx_workers=$(pgrep -c -P "${pids[-1]}" || true)

# Same headers in, same bytes out, for every URL, before any timing.
while read -r path; do
  for side in zhitu nginx; do
    base=$zhitu_url
    [[ $side == nginx ]] && base=$nginx_url
    code=$(curl -sS -H 'Accept-Encoding: gzip' -D "$tmp/h.$side" -o "$tmp/b.$side" -w '%{http_code}' "$base$path")
    [[ "$code" == 200 ]] || { echo "$side: HTTP $code for $path" >&2; exit 1; }
    grep -qi '^Content-Encoding: gzip' "$tmp/h.$side" || { echo "$side: no gzip for $path" >&2; exit 1; }
    grep -qi '^Content-Type: application/vnd.mapbox-vector-tile' "$tmp/h.$side" ||
      { echo "$side: wrong Content-Type for $path" >&2; exit 1; }
  done
  cmp -s "$tmp/b.zhitu" "$tmp/b.nginx" || { echo "bodies differ for $path" >&2; exit 1; }
done <"$tmp/urls.txt"
echo "identical bodies and headers Content-Type/Content-Encoding for all $n_urls URLs"

# Prints wrk's output and leaves it in $outdir/wrk-<name>-c<conns>.txt. Non-2xx answers fail
# the run: a fast error page is not a tile.
run_wrk() {
  local name=$1 url=$2 c=$3 secs=$4
  local t=$((c < 2 ? c : 2))
  local out=$outdir/wrk-$name-c$c.txt
  wrk -t"$t" -c"$c" -d"${secs}s" --latency -s "$here/rps_urls.lua" "$url" -- "$tmp/urls.txt" >"$out"
  if grep -q 'Non-2xx' "$out"; then
    cat "$out" >&2
    echo "$name answered non-2xx under load" >&2
    exit 1
  fi
}
field() {  # field FILE: requests/s, p50, p99, socket errors
  awk '/^Requests\/sec:/ { rps = $2 }
       $1 == "50.000%" || $1 == "50%" { p50 = $2 }
       $1 == "99.000%" || $1 == "99%" { p99 = $2 }
       /Socket errors/ { err = $0; sub(/.*Socket errors: */, "", err) }
       END { printf "%s\t%s\t%s\t%s\n", rps, p50, p99, (err == "" ? "none" : err) }' "$1"
}

max_c=$(tr ' ' '\n' <<<"$conns" | sort -n | tail -n1)
echo "warm-up: ${warmup}s each at -c$max_c"
run_wrk warmup-zhitu "$zhitu_url" "$max_c" "$warmup"
run_wrk warmup-nginx "$nginx_url" "$max_c" "$warmup"

rows=()
for c in $conns; do
  run_wrk zhitu "$zhitu_url" "$c" "$duration"
  run_wrk nginx "$nginx_url" "$c" "$duration"
  IFS=$'\t' read -r z_rps z_p50 z_p99 z_err <<<"$(field "$outdir/wrk-zhitu-c$c.txt")"
  IFS=$'\t' read -r n_rps n_p50 n_p99 n_err <<<"$(field "$outdir/wrk-nginx-c$c.txt")"
  ratio=$(awk -v a="$z_rps" -v b="$n_rps" 'BEGIN { printf "%.0f%%", 100 * a / b }')
  met=$(awk -v a="$z_rps" -v b="$n_rps" 'BEGIN { print (a >= 0.5 * b ? "met" : "not met") }')
  rows+=("| $c | $z_rps | $n_rps | $ratio | $met | $z_p50 / $z_p99 | $n_p50 / $n_p99 | $z_err / $n_err |")
  echo "c$c: zhitu $z_rps req/s, nginx $n_rps req/s, $ratio"
done

{
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average before $load_before;"
  echo "$n_urls tile URLs (entities + basemap, z5–z12 around Luoyang), mean gzip body $mean_bytes B;"
  echo "zhitu --threads $threads; nginx $("$nginx" -v 2>&1 | sed 's/.*nginx\///'), $nginx_workers workers;"
  echo "wrk -t2 (-t1 for one connection) -d${duration}s, Accept-Encoding: gzip, keep-alive."
  echo
  echo "| connections | zhitu req/s | nginx req/s | zhitu / nginx | target ≥ 50% | zhitu p50 / p99 | nginx p50 / p99 | socket errors zhitu / nginx |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} | tee "$outdir/rps.md"
