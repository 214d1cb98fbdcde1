#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/space: zhitu's packed R-tree side by side with PostGIS (loopback, pgbench) and SQLite
# R*Tree (in-process) on the same 1,000,000 points and 10,000 query points.
#   bench/space/run.sh [build-dir]          (needs postgresql-15, postgresql-15-postgis-3, sqlite3)
# Writes $OUTDIR (default /tmp/zhitu-space-bench): peers' results.md and space_bench.txt.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-build}
OUTDIR=${OUTDIR:-/tmp/zhitu-space-bench}
cmake -S "$HERE/../.." -B "$BUILD" -DZHITU_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$BUILD" --target space_bench -j"$(nproc)"
N=${N:-1000000} DURATION=${DURATION:-5} DURATION2=${DURATION2:-2} OUTDIR="$OUTDIR" \
  PG_TESTS="bbox_5km bbox_50km_count knn10" SQLITE_TESTS="rtree_5km rtree_50km_count" \
    "$HERE/../peers/setup_postgis.sh"
"$BUILD/bench/space/space_bench" "$OUTDIR/poi.csv" "$OUTDIR/queries.csv" "${QN:-10000}" \
  | tee "$OUTDIR/space_bench.txt"
