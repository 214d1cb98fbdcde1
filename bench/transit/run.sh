#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/transit: RAPTOR on the real feed (data/rail/gtfs), alone (the issue's latency targets)
# and side by side with pgRouting's Dijkstra on the equivalent time-expanded graph in PostgreSQL
# on loopback, in one run on the same seeded queries; fails if any earliest arrival differs.
#   bench/transit/run.sh                   # N=1000 RAPTOR-only queries, PGR_N=200 compared
#   PGR_N=50 bench/transit/run.sh          # quicker
# Needs Debian postgresql-15 and postgresql-15-pgrouting (the cluster comes from
# bench/peers/setup_postgis.sh, PEER_RUN mode) and python3 (standard library only).
# Writes $OUTDIR (default build-bench/transit-bench): gtfs/ (the feed snapshot both sides read),
# raptor_bench.txt, pgr_compare.md (figures), pgr_compare.tsv (per query), queries.txt,
# pgr_example.sql.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$root/build-bench}
export OUTDIR=${OUTDIR:-$build/transit-bench}
export PGPORT_BENCH=${PGPORT_BENCH:-55498}
export PGR_N=${PGR_N:-200} SEED=${SEED:-1}
mkdir -p "$OUTDIR"
# Both sides read one snapshot of the feed: data/rail/gtfs as committed at FEED_REV (default
# HEAD; the working tree's copy may be regenerated while the benchmark runs), or FEED=<dir>.
rm -rf "$OUTDIR/gtfs" "$OUTDIR/feed-rev"
if [ -n "${FEED:-}" ]; then
  cp -r "$FEED" "$OUTDIR/gtfs"
  feed_desc="$FEED"
else
  rev=${FEED_REV:-HEAD}
  mkdir -p "$OUTDIR/feed-rev"
  git -C "$root" archive "$rev" data/rail/gtfs | tar -x -C "$OUTDIR/feed-rev"
  mv "$OUTDIR/feed-rev/data/rail/gtfs" "$OUTDIR/gtfs" && rm -rf "$OUTDIR/feed-rev"
  feed_desc="data/rail/gtfs at $rev ($(git -C "$root" rev-parse --short "$rev"))"
fi
export FEED=$OUTDIR/gtfs

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DZHITU_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$build" --target raptor_bench itinerary_bench -j"${JOBS:-1}" >/dev/null
cp "$build/bench/transit/raptor_bench" "$OUTDIR/raptor_bench"  # and one binary (shared build dir)
export RAPTOR_BENCH=$OUTDIR/raptor_bench PGR_COMPARE=$root/bench/transit/pgr_compare.py

{ echo "== $(date -u '+%F %T') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "== feed $feed_desc, sha256 of its files $(cat "$FEED"/*.txt | sha256sum | cut -c1-16)"
  echo "== code $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src || echo ' + uncommitted changes in src/')"
} | tee "$OUTDIR/raptor_bench.txt"
"$RAPTOR_BENCH" "$FEED" "${N:-1000}" "$SEED" | tee -a "$OUTDIR/raptor_bench.txt"
# The itinerary designer: 50 tours over 8 random cities (+ start), planned from scratch.
"$build/bench/transit/itinerary_bench" "$FEED" 50 8 "$SEED" | tee -a "$OUTDIR/raptor_bench.txt"

PG_EXTENSIONS="postgis pgrouting" \
PEER_RUN='python3 "$PGR_COMPARE" --raptor-bench "$RAPTOR_BENCH" --feed "$FEED" --n "$PGR_N" \
  --seed "$SEED" --out "$OUTDIR" ${PGR_ARGS:-}' \
  "$root/bench/peers/setup_postgis.sh"
