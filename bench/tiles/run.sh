#!/usr/bin/env bash
# Vector tiles side by side, in one run on the same data: PostGIS ST_AsMVT (loopback, pgbench)
# against zhitu's tile renderer (in-process, uncached), for z8, z12 and z14 tiles around the
# same query points; then zhitu's cluster index build against supercluster (npm, node) on the
# same points, zooms 0–9, supercluster's radius the radius of a circle as large as one of
# zhitu's grid cells (128 of 4096 units: 72). Prints the figures and the ratios; writes them to
# $OUTDIR/tiles.md.
#   bench/tiles/run.sh                 # 1,000,000 POIs (about 6 minutes on 2 cores)
#   N=200000 bench/tiles/run.sh        # quicker
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export N=${N:-1000000}
export OUTDIR=${OUTDIR:-$root/build-bench/peer-out}
export PGPORT_BENCH=${PGPORT_BENCH:-55499}
build=$root/build-bench

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DZHITU_BUILD_BENCHMARKS=ON -DZHITU_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target tiles_bench -j2 >/dev/null
PG_TESTS="mvt_z8 mvt_z12 mvt_z14" SQLITE_TESTS="" "$root/bench/peers/setup_postgis.sh"
"$build/bench/tiles/tiles_bench" "$OUTDIR/poi.csv" "$OUTDIR/queries.csv" 1000 | tee "$OUTDIR/zhitu_tiles.txt"

{
  echo "| tile | PostGIS ST_AsMVT mean ms (pgbench, loopback) | zhitu mean ms (in-process, uncached) | ratio |"
  echo "| --- | --- | --- | --- |"
  for z in 8 12 14; do
    pg=$(awk -F'\t' -v t="mvt_z$z" '$1=="postgis" && $2==t {print $5}' "$OUTDIR/results.tsv")
    ours=$(grep "^mvt_z$z " "$OUTDIR/zhitu_tiles.txt" | sed 's/.*mean_ms=\([0-9.]*\).*/\1/')
    echo "| z$z | $pg | $ours | $(awk -v a="$pg" -v b="$ours" 'BEGIN{printf "%.1f×", a/b}') |"
  done
} | tee "$OUTDIR/tiles.md"

# supercluster's radius is relative to its extent: 72 of 4096 is a circle of one 128-unit cell's area.
npm ci --prefix "$root/bench/tiles/supercluster" --no-audit --no-fund >/dev/null
node "$root/bench/tiles/supercluster/build.mjs" "$OUTDIR/poi.csv" 5 72 4096 9 | tee "$OUTDIR/supercluster.txt"
{
  echo
  echo "| cluster index build, 10 zooms | supercluster mean ms | zhitu mean ms | ratio |"
  echo "| --- | --- | --- | --- |"
  theirs=$(sed 's/.*mean_ms=\([0-9.]*\).*/\1/' "$OUTDIR/supercluster.txt")
  ours=$(grep "^cluster_build " "$OUTDIR/zhitu_tiles.txt" | sed 's/.*mean_ms=\([0-9.]*\).*/\1/')
  echo "| $N points | $theirs | $ours | $(awk -v a="$theirs" -v b="$ours" 'BEGIN{printf "%.1f×", a/b}') |"
  echo
  echo "cells (clusters and lone points) a zoom:"
  echo "- supercluster: $(sed 's/.*cells=//' "$OUTDIR/supercluster.txt")"
  echo "- zhitu: $(grep "^cluster_build " "$OUTDIR/zhitu_tiles.txt" | sed 's/.*cells=//')"
} | tee -a "$OUTDIR/tiles.md"
