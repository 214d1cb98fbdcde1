#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/space's HTTP comparison: zhitu serve's GET /api/features?bbox= (wrk, 1 connection) against
# the same ≈5 km boxes in SQL on the live peer cluster (pgbench, 1 client), both over loopback, one
# after the other. Run by setup_postgis.sh through PEER_AFTER (poi, qpts loaded) or PEER_RUN (then
# it loads them from $OUTDIR/poi.csv, queries.csv).
# Env: ZHITU_BIN (zhitu executable), OUTDIR, HTTP_DB (store, default $OUTDIR/zhitu-http.db; the
#      POIs are imported when it is missing), HTTP_PORT (default 18093), DURATION (default 5).
# Writes $OUTDIR/http.tsv.
set -euo pipefail
: "${OUTDIR:?}" "${ZHITU_BIN:?}"
HERE=$(cd "$(dirname "$0")" && pwd)
DB=${HTTP_DB:-$OUTDIR/zhitu-http.db}
PORT=${HTTP_PORT:-18093}
DUR=${DURATION:-5}
W=$(mktemp -d "${TMPDIR:-/tmp}/httpcmp.XXXXXX")
SERVE_PID=""
cleanup() { [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
PSQL=(psql -X -q -v ON_ERROR_STOP=1)
log() { printf '[%(%H:%M:%S)T] http: %s\n' -1 "$*" >&2; }

if [ "$("${PSQL[@]}" -At -c "SELECT to_regclass('poi') IS NULL")" = t ]; then
  log "loading poi and qpts from $OUTDIR"
  "${PSQL[@]}" -c "CREATE UNLOGGED TABLE poi(id int PRIMARY KEY, lon float8, lat float8, name text, name_py text, cat int, start_year int, end_year int)" \
    -c "\copy poi FROM '$OUTDIR/poi.csv' WITH CSV HEADER" -c "ALTER TABLE poi ADD COLUMN geom geometry(Point,4326)" \
    -c "UPDATE poi SET geom = ST_SetSRID(ST_MakePoint(lon,lat),4326)" -c "CREATE INDEX poi_geom_gist ON poi USING gist(geom)" \
    -c "CREATE TABLE qpts(qid int PRIMARY KEY, lon float8, lat float8, term3 text, term2 text, termpy text, termtypo text, z8x int, z8y int, z12x int, z12y int, z14x int, z14y int)" \
    -c "\copy qpts FROM '$OUTDIR/queries.csv' WITH CSV HEADER" -c "ALTER TABLE qpts ADD COLUMN geom geometry(Point,4326)" \
    -c "UPDATE qpts SET geom = ST_SetSRID(ST_MakePoint(lon,lat),4326)" -c "VACUUM ANALYZE poi" -c "VACUUM ANALYZE qpts"
fi

if [ ! -f "$DB" ]; then
  log "importing $OUTDIR/poi.csv into $DB"
  ln -sf "$OUTDIR/poi.csv" "$W/poi.csv"
  "$ZHITU_BIN" import --db "$DB" --kind poi --licence "generated (bench)" --dataset bench_poi \
    --title "bench POIs" "$W/poi.csv" >&2
fi
log "zhitu serve on 127.0.0.1:$PORT"
"$ZHITU_BIN" serve --db "$DB" --port "$PORT" --web "$W/no-web" > "$W/serve.log" 2>&1 &
SERVE_PID=$!
for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/features?bbox=0,0,1,1" && break; sleep 0.5; done
QN=$(($(wc -l < "$OUTDIR/queries.csv") - 1))
RES="$OUTDIR/http.tsv"
printf 'engine\ttest\tn\tmean_ms\tp50_ms\tp99_ms\tbytes_per_query\n' > "$RES"
# Check: feature counts of zhitu equal PostGIS's rows for the first 20 query boxes.
NBAD=0; NSUM=0
while IFS=, read -r qid lon lat _; do
  bb=$(awk -v a="$lon" -v b="$lat" 'BEGIN{printf "%.6f,%.6f,%.6f,%.6f", a-0.025, b-0.025, a+0.025, b+0.025}')
  zn=$(curl -s "http://127.0.0.1:$PORT/api/features?bbox=$bb&limit=1000" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["features"]))')
  pn=$("${PSQL[@]}" -At -c "SELECT count(*) FROM poi p WHERE ST_Intersects(p.geom, ST_MakeEnvelope($bb, 4326))")
  NSUM=$((NSUM + zn)); [ "$zn" = "$pn" ] || { NBAD=$((NBAD + 1)); log "query $qid: zhitu $zn, PostGIS $pn"; }
done < <(awk 'NR>1 && NR<=21' "$OUTDIR/queries.csv")
log "check: first 20 boxes, $NSUM features, $NBAD differ"
echo "# check: first 20 query boxes (same 6-decimal box text), $NSUM features in all, $NBAD counts differ" >> "$RES"
for half in 0.025; do
  QUERIES=$OUTDIR/queries.csv HALF=$half wrk -t1 -c1 -d2s -s "$HERE/http_bbox.lua" "http://127.0.0.1:$PORT" > /dev/null 2>&1
  QUERIES=$OUTDIR/queries.csv HALF=$half wrk -t1 -c1 -d"${DUR}s" -s "$HERE/http_bbox.lua" "http://127.0.0.1:$PORT" > "$W/wrk.out" 2>&1
  awk '/^http_bbox:/ {gsub(",", ""); printf "zhitu_http\tfeatures_bbox_5km\t%s\t%s\t%s\t%s\t%s\n", $2, $8, $11, $14, $16}' "$W/wrk.out" >> "$RES"
done
# PostGIS: the rows as in the spatial run (id, name), and a GeoJSON FeatureCollection with every
# column, as zhitu answers.
SQL_ROWS="SELECT p.id, p.name FROM poi p, qpts q WHERE q.qid = :q AND ST_Intersects(p.geom, ST_Expand(q.geom, 0.025));"
SQL_GJ="SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(ST_AsGeoJSON(t.*, 'geom', 7)::json), '[]'::json)) FROM (SELECT p.id, p.name, p.name_py, p.cat, p.start_year, p.end_year, p.geom FROM poi p, qpts q WHERE q.qid = :q AND ST_Intersects(p.geom, ST_Expand(q.geom, 0.025))) t;"
for t in rows geojson; do
  sql=$SQL_ROWS; [ "$t" = geojson ] && sql=$SQL_GJ
  printf '\\set q random(1, %s)\n%s\n' "$QN" "$sql" > "$W/p.sql"
  pgbench -n -M prepared -c 1 -T 2 -f "$W/p.sql" > /dev/null 2>&1
  rm -f "$W"/lg.*
  pgbench -n -M prepared -c 1 -T "$DUR" -f "$W/p.sql" -l --log-prefix="$W/lg" > "$W/pgb.out" 2>&1
  cat "$W"/lg.* | awk '{print $3/1000.0}' | sort -g |
    awk -v t="bbox_5km_$t" '{a[NR]=$1; s+=$1} END {printf "postgis\t%s\t%d\t%.3f\t%.3f\t%.3f\t\n", t, NR, s/NR, a[int(NR*0.5)+1], a[int(NR*0.99)+1]}' >> "$RES"
done
cat "$RES"
