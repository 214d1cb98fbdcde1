#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# PostGIS side of bench/space's point-in-polygon and combined text + bbox + time workloads.
# Runs against the live peer cluster: setup_postgis.sh calls it through PEER_AFTER (poi and qpts
# loaded), or PEER_RUN (then it loads poi and qpts itself from $OUTDIR/poi.csv, queries.csv).
# Env: PGHOST/PGPORT/PGUSER/PGDATABASE (set by setup_postgis.sh), OUTDIR, COUNTIES (geojson),
#      COMBINED_QN (queries 1..COMBINED_QN, default 1000), DURATION (pgbench seconds, default 5),
#      COMBINED_SUBSETS (POI ids 1..n queried, one run each, default "1000000").
# Writes $OUTDIR/pg_pip.tsv (county, count), pg_combined_t2_<n>.tsv / _t3_<n>.tsv (qid, count, sum
# of ids), pg_extra.tsv (timings) and pg_extra_plans.txt.
# The box test is ST_Intersects (GiST && then the exact test): a bare && compares the index's
# float32 boxes and admits points up to ~1e-6 degrees outside the box.
set -euo pipefail
: "${OUTDIR:?}" "${COUNTIES:?}"
CQN=${COMBINED_QN:-1000}
DUR=${DURATION:-5}
W=$(mktemp -d "${TMPDIR:-/tmp}/pgextra.XXXXXX")
trap 'rm -rf "$W"' EXIT
PSQL=(psql -X -q -v ON_ERROR_STOP=1)
log() { printf '[%(%H:%M:%S)T] pg_extra: %s\n' -1 "$*" >&2; }

if [ "$("${PSQL[@]}" -At -c "SELECT to_regclass('poi') IS NULL")" = t ]; then
  log "loading poi from $OUTDIR/poi.csv"
  "${PSQL[@]}" -c "CREATE UNLOGGED TABLE poi(id int PRIMARY KEY, lon float8, lat float8, name text, name_py text, cat int, start_year int, end_year int)"
  "${PSQL[@]}" -c "\copy poi FROM '$OUTDIR/poi.csv' WITH CSV HEADER"
  "${PSQL[@]}" -c "ALTER TABLE poi ADD COLUMN geom geometry(Point,4326)" \
    -c "UPDATE poi SET geom = ST_SetSRID(ST_MakePoint(lon,lat),4326)" \
    -c "CREATE INDEX poi_geom_gist ON poi USING gist(geom)" \
    -c "CREATE INDEX poi_name_trgm ON poi USING gin(name gin_trgm_ops)" -c "VACUUM ANALYZE poi"
fi
if [ "$("${PSQL[@]}" -At -c "SELECT to_regclass('qpts') IS NULL")" = t ]; then
  "${PSQL[@]}" -c "CREATE TABLE qpts(qid int PRIMARY KEY, lon float8, lat float8, term3 text, term2 text, termpy text, termtypo text, z8x int, z8y int, z12x int, z12y int, z14x int, z14y int)"
  "${PSQL[@]}" -c "\copy qpts FROM '$OUTDIR/queries.csv' WITH CSV HEADER"
  "${PSQL[@]}" -c "ALTER TABLE qpts ADD COLUMN geom geometry(Point,4326)" \
    -c "UPDATE qpts SET geom = ST_SetSRID(ST_MakePoint(lon,lat),4326)" -c "VACUUM ANALYZE qpts"
fi

log "loading counties from $COUNTIES"
python3 - "$COUNTIES" > "$W/counties.csv" <<'PY'
import csv, json, sys
w = csv.writer(sys.stdout)
for f in json.load(open(sys.argv[1]))["features"]:
    w.writerow([f["id"], json.dumps(f["geometry"], separators=(",", ":"))])
PY
T0=$(date +%s.%N)
"${PSQL[@]}" -c "DROP TABLE IF EXISTS counties" \
  -c "CREATE TABLE counties(id text PRIMARY KEY, gj text)"
"${PSQL[@]}" -c "\copy counties FROM '$W/counties.csv' WITH CSV"
"${PSQL[@]}" -c "ALTER TABLE counties ADD COLUMN geom geometry(Geometry,4326)" \
  -c "UPDATE counties SET geom = ST_SetSRID(ST_GeomFromGeoJSON(gj),4326)" \
  -c "CREATE INDEX counties_gist ON counties USING gist(geom)" -c "VACUUM ANALYZE counties"
T_COUNTIES=$(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}')

# The query span of query qid, as space_bench computes it.
"${PSQL[@]}" -c "ALTER TABLE qpts ADD COLUMN IF NOT EXISTS t_from int, ADD COLUMN IF NOT EXISTS t_to int" \
  -c "UPDATE qpts SET t_from = -500 + (qid * 97) % 2400, t_to = -500 + (qid * 97) % 2400 + 200" \
  -c "VACUUM ANALYZE qpts"

PIP_SQL="SELECT c.id, count(*) FROM counties c JOIN poi p ON ST_Contains(c.geom, p.geom) GROUP BY c.id"
SUBSETS=${COMBINED_SUBSETS:-1000000}
# Variants: t2, t3 — name LIKE '%term2%' / '%term3%' as written (PostgreSQL picks its plan: for
# t2 it ANDs the pg_trgm GIN bitmap, which a 2-character pattern cannot narrow, ~1M entries);
# t2x — the same answers with the GIN index kept out ((name || '') LIKE), so the GiST box drives.
SUBSETS=${COMBINED_SUBSETS:-1000000}
comb_sql() { # $1 = variant, $2 = largest POI id
  local col=term${1:1:1} name=p.name
  [ "$1" = t2x ] && name="(p.name || '')"
  echo "SELECT p.id, p.name FROM poi p, qpts q WHERE q.qid = :q AND ST_Intersects(p.geom, ST_Expand(q.geom, 0.25)) AND $name LIKE '%' || q.$col || '%' AND p.start_year <= q.t_to AND coalesce(p.end_year, 2026) >= q.t_from AND p.id <= $2"
}

log "answers for the comparison"
"${PSQL[@]}" -At -F $'\t' -c "$PIP_SQL ORDER BY 1" > "$OUTDIR/pg_pip.tsv"
for n in $SUBSETS; do for v in t2x t3; do
  "${PSQL[@]}" -At -F $'\t' -c "SELECT q.qid, count(x.id), coalesce(sum(x.id), 0) FROM qpts q LEFT JOIN LATERAL ($(comb_sql "$v" "$n" | sed 's/q.qid = :q AND //; s/FROM poi p, qpts q/FROM poi p/')) x ON true WHERE q.qid <= $CQN GROUP BY q.qid ORDER BY q.qid" > "$OUTDIR/pg_combined_${v%x}_$n.tsv"
done; done

{
  echo "== pip_counties"; "${PSQL[@]}" -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) $PIP_SQL"
  for n in $SUBSETS; do for v in t2 t2x t3; do
    echo "== combined_${v}_$n (qid 1)"
    "${PSQL[@]}" -c "PREPARE x(int) AS $(comb_sql "$v" "$n" | sed 's/:q/$1/')" -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) EXECUTE x(1)"
  done; done
} > "$OUTDIR/pg_extra_plans.txt" 2>&1 || true

PGB=(pgbench -n -M prepared)
RES="$OUTDIR/pg_extra.tsv"
printf 'test\tn\tmean_ms\tp50_ms\n' > "$RES"
stats() { # $1 test name; reads the pgbench log lines from $W/pgb_*
  cat "$W"/pgb_* | awk '{print $3/1000.0}' | sort -g |
    awk -v t="$1" '{a[NR]=$1; s+=$1} END {printf "%s\t%d\t%.3f\t%.3f\n", t, NR, s/NR, a[int(NR*0.5)+1]}' >> "$RES"
  rm -f "$W"/pgb_*
}
log "pgbench pip_counties (3 runs after 1 warm-up)"
echo "$PIP_SQL;" > "$W/pip.sql"
"${PGB[@]}" -t 1 -f "$W/pip.sql" > /dev/null 2>&1
"${PGB[@]}" -t 3 -f "$W/pip.sql" -l --log-prefix="$W/pgb_pip" > "$W/pgb.out" 2>&1
stats pip_counties
for n in $SUBSETS; do for v in t2 t2x t3; do
  log "pgbench combined_${v}_$n (${DUR}s)"
  printf '\\set q random(1, %s)\n%s;\n' "$CQN" "$(comb_sql "$v" "$n")" > "$W/c.sql"
  "${PGB[@]}" -T "$DUR" -f "$W/c.sql" -l --log-prefix="$W/pgb_c" > "$W/pgb.out" 2>&1
  stats "combined_${v}_$n"
done; done
printf 'counties_load_s\t%s\t\t\n' "$T_COUNTIES" >> "$RES"
cat "$RES"
