#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/space: zhitu's packed R-tree side by side with PostGIS (loopback, pgbench) and SQLite
# R*Tree (in-process) on the same 1,000,000 points and 10,000 query points; plus point-in-polygon
# counts per county (data/admin/counties.geojson) and the combined text + bbox + time query
# (zhitu's planner against the same query in SQL), answers compared between the engines.
#   bench/space/run.sh [build-dir]          (needs postgresql-15, postgresql-15-postgis-3, sqlite3)
# Writes $OUTDIR (default /tmp/zhitu-space-bench): peers' results.md, pg_extra.tsv, space_bench.txt
# and compare.txt; with HTTP=1 or ZHITU_BIN set also http.tsv (zhitu serve /api/features?bbox=
# under wrk against the same boxes in SQL, both over loopback; HTTP=1 builds the zhitu target).
# Env: COMBINED_SUBSETS (POI counts for the combined query, default "1000000 100000"),
# COMBINED_QN (default 1000), QN (default 10000), DURATION, DURATION2, JOBS, HTTP, ZHITU_BIN.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${1:-build}
OUTDIR=${OUTDIR:-/tmp/zhitu-space-bench}
export COUNTIES=${COUNTIES:-$ROOT/data/admin/counties.geojson}
export COMBINED_SUBSETS=${COMBINED_SUBSETS:-1000000 100000}
export COMBINED_QN=${COMBINED_QN:-1000}
cmake -S "$ROOT" -B "$BUILD" -DZHITU_BUILD_BENCHMARKS=ON -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-Release} >/dev/null
cmake --build "$BUILD" --target space_bench -j"${JOBS:-$(nproc)}"
AFTER="$HERE/pg_extra.sh"
if [ "${HTTP:-0}" = 1 ] && [ -z "${ZHITU_BIN:-}" ]; then
  cmake --build "$BUILD" --target zhitu -j"${JOBS:-$(nproc)}"
  ZHITU_BIN=$(cd "$BUILD" && pwd)/zhitu
fi
if [ -n "${ZHITU_BIN:-}" ]; then
  export ZHITU_BIN HTTP_DB=${HTTP_DB:-$OUTDIR/zhitu-http.db}
  rm -f "$HTTP_DB"  # imported afresh from this run's poi.csv
  AFTER="$AFTER && $HERE/http_compare.sh"
fi
N=${N:-1000000} DURATION=${DURATION:-5} DURATION2=${DURATION2:-2} OUTDIR="$OUTDIR" \
  PG_TESTS="bbox_5km bbox_50km_count knn10" SQLITE_TESTS="rtree_5km rtree_50km_count" \
  PEER_AFTER="$AFTER" "$HERE/../peers/setup_postgis.sh"
"$BUILD/bench/space/space_bench" "$OUTDIR/poi.csv" "$OUTDIR/queries.csv" "${QN:-10000}" \
  "$COUNTIES" "$OUTDIR" | tee "$OUTDIR/space_bench.txt"

# Answers, zhitu against PostGIS (zhitu's point-in-polygon counts; for the combined query the
# box-scan reference that space_bench checked the planner against).
{
  awk -F'\t' 'NR==FNR {z[$1]=$2; next} {p[$1]=$2}
    END {n=0; d=0; for (k in z) {n++; pv=(k in p)?p[k]:0; if (z[k]!=pv) {d++; printf "  %s zhitu %d PostGIS %d\n", k, z[k], pv}}
         for (k in p) if (!(k in z)) {d++; print "  PostGIS only: " k}
         printf "pip_counties: %d counties, %d differ\n", n, d}' \
    "$OUTDIR/zhitu_pip.tsv" "$OUTDIR/pg_pip.tsv"
  for n in $COMBINED_SUBSETS; do for v in t2 t3; do
    d=$(diff "$OUTDIR/zhitu_combined_${v}_$n.tsv" "$OUTDIR/pg_combined_${v}_$n.tsv" | grep -c '^<' || true)
    echo "combined_${v}_$n: $(wc -l < "$OUTDIR/pg_combined_${v}_$n.tsv") queries, $d differ (count or sum of ids)"
  done; done
} | tee "$OUTDIR/compare.txt"
