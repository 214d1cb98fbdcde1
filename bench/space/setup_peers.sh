#!/usr/bin/env bash
# Adapted for zhitu bench/space from ../shared/bench-peers/setup_postgis.sh: only the spatial
# workloads (bbox 5 km, bbox 50 km count, 10-nearest) are timed; data and queries are unchanged.
# Peer baseline: throwaway PostgreSQL 15 + PostGIS 3 + pg_trgm cluster and SQLite FTS5/R*Tree,
# loaded with the SAME generated POI set (default 1M points inside China's bounding box,
# Chinese names + pinyin), measured with the SAME query set.
#
# The generated data (poi.csv) and query set (queries.csv) are written to $OUTDIR so that
# our engine can be run on identical inputs in the same session (see README.md beside this script).
#
# Usage:  setup_postgis.sh            (defaults: N=1000000, DURATION=10)
#         N=200000 DURATION=3 setup_postgis.sh   (quick smoke run)
# Env:    N          number of POIs                      (default 1000000)
#         QN         number of query points/terms        (default 10000)
#         DURATION   seconds per single-client pgbench run (default 10)
#         DURATION2  seconds per 2-client throughput run   (default 5)
#         PGPORT_BENCH  loopback TCP port                  (default 55432)
#         OUTDIR     where results + shared CSVs go        (default ./peer-out in the current directory)
#         KEEP=1     keep the temp cluster directory (server is still stopped)
# Needs:  postgresql-15 postgresql-15-postgis-3 sqlite3 (Debian packages). Runs as root
#         (cluster is owned by user postgres via runuser) or as any non-root user.
set -euo pipefail

N=${N:-1000000}
QN=${QN:-10000}
DURATION=${DURATION:-10}
DURATION2=${DURATION2:-5}
PORT=${PGPORT_BENCH:-55432}
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUTDIR=${OUTDIR:-$PWD/peer-out}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
mkdir -p "$OUTDIR"
OUTDIR=$(cd "$OUTDIR" && pwd)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/peerbench.XXXXXX")
chmod 755 "$WORK"
PGDATA="$WORK/data"
PG_PID=""

if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$WORK"
  AS_PG=(runuser -u postgres --)
else
  AS_PG=()
fi

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.2f", b-a}'; }

cleanup() {
  local rc=$?
  if [ -n "$PG_PID" ] && kill -0 "$PG_PID" 2>/dev/null; then
    log "stopping postgres (pid $PG_PID)"
    kill -INT "$PG_PID" 2>/dev/null || true          # fast shutdown of OUR postmaster only
    for _ in $(seq 1 60); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$PG_PID" 2>/dev/null; then kill -QUIT "$PG_PID" 2>/dev/null || true; fi
  fi
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; else log "kept $WORK"; fi
  exit $rc
}
trap cleanup EXIT INT TERM

PSQL=("${AS_PG[@]}" "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U bench -d bench)
psql_val() { "${PSQL[@]}" -At -c "$1"; }

# ---------------------------------------------------------------- cluster
log "initdb in $WORK"
"${AS_PG[@]}" "$PGBIN/initdb" -D "$PGDATA" -U bench -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$PGDATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$WORK'
shared_buffers = 4GB
work_mem = 64MB
maintenance_work_mem = 2GB
effective_cache_size = 16GB
random_page_cost = 1.1
jit = off
fsync = off
synchronous_commit = off
full_page_writes = off
max_wal_size = 8GB
max_parallel_workers_per_gather = 2
max_parallel_maintenance_workers = 2
EOF
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/postgres.log" -w start >/dev/null
PG_PID=$(head -1 "$PGDATA/postmaster.pid")
log "postgres running, pid $PG_PID, 127.0.0.1:$PORT"
"${AS_PG[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U bench bench
"${PSQL[@]}" -c "CREATE EXTENSION postgis; CREATE EXTENSION pg_trgm;"
PGVER=$(psql_val "SELECT current_setting('server_version')")
POSTGISVER=$(psql_val "SELECT postgis_lib_version()")

# ---------------------------------------------------------------- data
# 80% of points clustered (Gaussian, sigma ~0.15 deg) around 30 real Chinese cities,
# 20% uniform in the China bounding box. Names = [city] + place word + core word + category,
# with parallel pinyin. Deterministic (setseed).
log "generating $N POIs"
T0=$(now)
"${PSQL[@]}" <<SQL
SELECT setseed(0.4242) AS seed \gset
CREATE TABLE city(cid int PRIMARY KEY, zh text, py text, lon float8, lat float8);
INSERT INTO city VALUES
 (0,'北京','beijing',116.397,39.909),(1,'上海','shanghai',121.474,31.230),(2,'广州','guangzhou',113.264,23.129),
 (3,'深圳','shenzhen',114.058,22.543),(4,'杭州','hangzhou',120.155,30.274),(5,'南京','nanjing',118.797,32.060),
 (6,'西安','xian',108.940,34.341),(7,'成都','chengdu',104.066,30.572),(8,'重庆','chongqing',106.551,29.563),
 (9,'武汉','wuhan',114.305,30.593),(10,'苏州','suzhou',120.585,31.299),(11,'天津','tianjin',117.201,39.084),
 (12,'长沙','changsha',112.939,28.228),(13,'郑州','zhengzhou',113.625,34.747),(14,'沈阳','shenyang',123.431,41.806),
 (15,'青岛','qingdao',120.383,36.067),(16,'厦门','xiamen',118.089,24.480),(17,'昆明','kunming',102.833,24.880),
 (18,'哈尔滨','haerbin',126.535,45.803),(19,'济南','jinan',117.000,36.675),(20,'福州','fuzhou',119.296,26.074),
 (21,'合肥','hefei',117.227,31.821),(22,'南昌','nanchang',115.858,28.683),(23,'太原','taiyuan',112.549,37.870),
 (24,'兰州','lanzhou',103.834,36.061),(25,'贵阳','guiyang',106.630,26.647),(26,'南宁','nanning',108.366,22.817),
 (27,'洛阳','luoyang',112.454,34.620),(28,'拉萨','lasa',91.117,29.647),(29,'乌鲁木齐','wulumuqi',87.617,43.826);

CREATE TEMP TABLE w(kind int, i int, zh text, py text);
INSERT INTO w SELECT 1, ord-1, zh, py FROM unnest(
 ARRAY['西湖','东山','南湖','北海','龙华','金华','长安','天河','白云','青山','翠屏','凤凰','玉泉','紫金','灵隐','清水','黄河','长江','碧水','石门'],
 ARRAY['xihu','dongshan','nanhu','beihai','longhua','jinhua','changan','tianhe','baiyun','qingshan','cuiping','fenghuang','yuquan','zijin','lingyin','qingshui','huanghe','changjiang','bishui','shimen'])
 WITH ORDINALITY AS t(zh, py, ord);
INSERT INTO w SELECT 2, ord-1, zh, py FROM unnest(
 ARRAY['人民','解放','中山','朝阳','和平','建设','文化','新华','光明','胜利','友谊','复兴','太平','永安','兴隆','广济','万寿','观音','文昌','关帝'],
 ARRAY['renmin','jiefang','zhongshan','chaoyang','heping','jianshe','wenhua','xinhua','guangming','shengli','youyi','fuxing','taiping','yongan','xinglong','guangji','wanshou','guanyin','wenchang','guandi'])
 WITH ORDINALITY AS t(zh, py, ord);
INSERT INTO w SELECT 3, ord-1, zh, py FROM unnest(
 ARRAY['公园','寺','博物馆','大厦','小区','路','站','酒店','餐厅','故居','遗址','古镇','学校','医院','广场','塔','桥','书院','祠堂','纪念馆'],
 ARRAY['gongyuan','si','bowuguan','dasha','xiaoqu','lu','zhan','jiudian','canting','guju','yizhi','guzhen','xuexiao','yiyuan','guangchang','ta','qiao','shuyuan','citang','jinianguan'])
 WITH ORDINALITY AS t(zh, py, ord);

CREATE UNLOGGED TABLE poi AS
WITH r AS (
  SELECT g AS id, random() AS u1, random() AS u2, random() AS u3, random() AS u4,
         floor(random()*30)::int AS cid, floor(random()*20)::int AS a,
         floor(random()*20)::int AS b, floor(random()*20)::int AS c,
         random() AS withcity, random() AS y1, random() AS y2
  FROM generate_series(1, $N) g)
SELECT r.id,
  CASE WHEN r.u1 < 0.8 THEN ci.lon + 0.15*sqrt(-2*ln(1-r.u2))*cos(2*pi()*r.u3) ELSE 73.5 + 61.5*r.u2 END AS lon,
  CASE WHEN r.u1 < 0.8 THEN ci.lat + 0.15*sqrt(-2*ln(1-r.u2))*sin(2*pi()*r.u3) ELSE 18.2 + 35.3*r.u4 END AS lat,
  CASE WHEN r.withcity < 0.5 THEN ci.zh ELSE '' END || wa.zh || wb.zh || wc.zh AS name,
  ltrim(CASE WHEN r.withcity < 0.5 THEN ci.py ELSE '' END || ' ' || wa.py || ' ' || wb.py || ' ' || wc.py) AS name_py,
  r.c AS cat,
  (-500 + floor(r.y1*2520))::int AS start_year,
  CASE WHEN r.y2 < 0.7 THEN NULL ELSE (-500 + floor(r.y1*2520) + floor(r.y2*300))::int END AS end_year
FROM r JOIN city ci ON ci.cid = r.cid
JOIN w wa ON wa.kind=1 AND wa.i=r.a JOIN w wb ON wb.kind=2 AND wb.i=r.b JOIN w wc ON wc.kind=3 AND wc.i=r.c;
ALTER TABLE poi ADD PRIMARY KEY (id);
SQL
T_GEN=$(elapsed "$T0")

T0=$(now)
"${PSQL[@]}" -c "ALTER TABLE poi ADD COLUMN geom geometry(Point,4326), ADD COLUMN geom3857 geometry(Point,3857);
 UPDATE poi SET geom = ST_SetSRID(ST_MakePoint(lon,lat),4326), geom3857 = ST_Transform(ST_SetSRID(ST_MakePoint(lon,lat),4326),3857);"
T_GEOM=$(elapsed "$T0")

idx() { local t0; t0=$(now); "${PSQL[@]}" -c "$1"; elapsed "$t0"; }
log "building indexes"
T_GIST=$(idx "CREATE INDEX poi_geom_gist ON poi USING gist(geom)")
T_GIST3857=$(idx "CREATE INDEX poi_geom3857_gist ON poi USING gist(geom3857)")
T_TRGM=$(idx "CREATE INDEX poi_name_trgm ON poi USING gin(name gin_trgm_ops)")
T_TRGMPY=$(idx "CREATE INDEX poi_py_trgm ON poi USING gin(name_py gin_trgm_ops)")
T_TSV=$(idx "CREATE INDEX poi_py_tsv ON poi USING gin(to_tsvector('simple', name_py))")
"${PSQL[@]}" -c "VACUUM ANALYZE poi"

# ---------------------------------------------------------------- query set
# QN query points = random POIs jittered by +-0.01 deg; terms cut from those POIs' names.
log "generating $QN queries"
"${PSQL[@]}" <<SQL
SELECT setseed(0.777) AS seed \gset
CREATE TABLE qpts AS
WITH s AS (SELECT q, 1 + floor(random()*$N)::int AS pid, random() AS j1, random() AS j2,
                  random() AS k3, random() AS k2, random() AS kp, random() AS kt FROM generate_series(1,$QN) q),
b AS (
SELECT s.q AS qid, p.lon + (s.j1-0.5)*0.02 AS lon, p.lat + (s.j2-0.5)*0.02 AS lat, p.name, p.name_py,
  substr(p.name, 1 + floor(s.k3*(char_length(p.name)-2))::int, 3) AS term3,
  substr(p.name, 1 + floor(s.k2*(char_length(p.name)-1))::int, 2) AS term2,
  string_to_array(p.name_py, ' ') AS pw, s.kp, s.kt
FROM s JOIN poi p ON p.id = s.pid)
SELECT qid, lon, lat, term3, term2,
  pw[1 + floor(kp*(array_length(pw,1)-1))::int] || ' ' || pw[2 + floor(kp*(array_length(pw,1)-1))::int] AS termpy,
  -- the core pinyin word (5-9 letters) with letters 2 and 3 swapped = transposition typo
  (SELECT substr(x,1,1) || substr(x,3,1) || substr(x,2,1) || substr(x,4)
     FROM (SELECT pw[array_length(pw,1) - 1] AS x) z) AS termtypo
FROM b;
ALTER TABLE qpts ADD PRIMARY KEY (qid);
ALTER TABLE qpts ADD COLUMN geom geometry(Point,4326);
UPDATE qpts SET geom = ST_SetSRID(ST_MakePoint(lon,lat),4326);
ALTER TABLE qpts ADD COLUMN z8x int, ADD COLUMN z8y int, ADD COLUMN z12x int, ADD COLUMN z12y int, ADD COLUMN z14x int, ADD COLUMN z14y int;
UPDATE qpts SET
  z8x  = floor((lon+180)/360*256),   z8y  = floor((1 - ln(tan(radians(lat)) + 1/cos(radians(lat)))/pi())/2*256),
  z12x = floor((lon+180)/360*4096),  z12y = floor((1 - ln(tan(radians(lat)) + 1/cos(radians(lat)))/pi())/2*4096),
  z14x = floor((lon+180)/360*16384), z14y = floor((1 - ln(tan(radians(lat)) + 1/cos(radians(lat)))/pi())/2*16384);
VACUUM ANALYZE qpts;
SQL

log "exporting shared CSVs to $OUTDIR"
"${PSQL[@]}" -c "\copy (SELECT id, lon, lat, name, name_py, cat, start_year, end_year FROM poi ORDER BY id) TO STDOUT WITH CSV HEADER" > "$OUTDIR/poi.csv"
"${PSQL[@]}" -c "\copy (SELECT qid, lon, lat, term3, term2, termpy, termtypo, z8x, z8y, z12x, z12y, z14x, z14y FROM qpts ORDER BY qid) TO STDOUT WITH CSV HEADER" > "$OUTDIR/queries.csv"

SIZES=$("${PSQL[@]}" -At -F $'\t' -c "SELECT relname, pg_relation_size(oid) FROM pg_class WHERE relname IN
 ('poi','poi_pkey','poi_geom_gist','poi_geom3857_gist','poi_name_trgm','poi_py_trgm','poi_py_tsv') ORDER BY relname")

# ---------------------------------------------------------------- pg workloads
mkdir -p "$WORK/q"
QPRE="\\set q random(1, $QN)"
declare -A QUERY DESC
ORDER=(bbox_5km bbox_50km_count knn10)  # zhitu bench/space: the spatial workloads only
QUERY[bbox_5km]="SELECT p.id, p.name FROM poi p, qpts q WHERE q.qid = :q AND p.geom && ST_Expand(q.geom, 0.025);"
DESC[bbox_5km]="rows in 0.05x0.05 deg box (GiST &&)"
QUERY[bbox_50km_count]="SELECT count(*) FROM poi p, qpts q WHERE q.qid = :q AND p.geom && ST_Expand(q.geom, 0.25);"
DESC[bbox_50km_count]="count in 0.5x0.5 deg box (GiST &&)"
QUERY[knn10]="SELECT p.id, p.name FROM poi p ORDER BY p.geom <-> (SELECT geom FROM qpts WHERE qid = :q) LIMIT 10;"
DESC[knn10]="10 nearest (GiST <-> KNN)"
for z in 8 12 14; do
QUERY[mvt_z$z]="SELECT ST_AsMVT(t, 'poi', 4096, 'geom') FROM (SELECT p.id, p.name, p.cat, ST_AsMVTGeom(p.geom3857, e.env, 4096, 64, true) AS geom FROM (SELECT ST_TileEnvelope($z, z${z}x, z${z}y) AS env, ST_TileEnvelope($z, z${z}x, z${z}y, margin => (64.0/4096)) AS benv FROM qpts WHERE qid = :q) e JOIN poi p ON p.geom3857 && e.benv) t;"
DESC[mvt_z$z]="ST_AsMVT tile z$z containing query point (all POIs)"
done
QUERY[like3_zh]="SELECT id, name FROM poi WHERE name LIKE (SELECT '%' || term3 || '%' FROM qpts WHERE qid = :q) LIMIT 20;"
DESC[like3_zh]="3-char Chinese substring, LIKE + pg_trgm GIN, top 20"
QUERY[like2_zh]="SELECT id, name FROM poi WHERE name LIKE (SELECT '%' || term2 || '%' FROM qpts WHERE qid = :q) LIMIT 20;"
DESC[like2_zh]="2-char Chinese substring, LIKE (trigram cannot help), top 20"
QUERY[fts_pinyin]="SELECT id, name FROM poi WHERE to_tsvector('simple', name_py) @@ plainto_tsquery('simple', (SELECT termpy FROM qpts WHERE qid = :q)) LIMIT 20;"
DESC[fts_pinyin]="2 pinyin words, tsvector GIN, top 20"
QUERY[trgm_typo_py]="SELECT id, name FROM poi WHERE name_py % (SELECT termtypo FROM qpts WHERE qid = :q) LIMIT 20;"
DESC[trgm_typo_py]="1 pinyin word with transposition typo, pg_trgm similarity GIN, top 20"

: > "$WORK/plans.txt"
for t in "${ORDER[@]}"; do
  printf '%s\n%s\n' "$QPRE" "${QUERY[$t]}" > "$WORK/q/$t.sql"
  { echo "== $t"; "${PSQL[@]}" -c "PREPARE x(int) AS ${QUERY[$t]//:q/\$1}" -c "EXPLAIN (COSTS OFF) EXECUTE x(1)"; } >> "$WORK/plans.txt" 2>&1 || true
done
cp "$WORK/plans.txt" "$OUTDIR/pg_plans.txt"

# tile statistics (features, bytes) over the first 300 query tiles
TILESTATS=""
for z in 8 12 14; do
  s=$(psql_val "SELECT round(avg(n)), round(avg(b)) FROM (SELECT (SELECT count(*) FROM poi p WHERE p.geom3857 && ST_TileEnvelope($z, z${z}x, z${z}y)) AS n,
     (SELECT length(ST_AsMVT(t,'poi',4096,'geom')) FROM (SELECT p.id, p.name, p.cat, ST_AsMVTGeom(p.geom3857, ST_TileEnvelope($z, z${z}x, z${z}y), 4096, 64, true) AS geom FROM poi p WHERE p.geom3857 && ST_TileEnvelope($z, z${z}x, z${z}y, margin => (64.0/4096))) t) AS b
     FROM qpts WHERE qid <= 300) s")
  TILESTATS+="z$z|$s"$'\n'
done
ROWSTATS=$(psql_val "SELECT round(avg((SELECT count(*) FROM poi p WHERE p.geom && ST_Expand(q.geom, 0.025)))), round(avg((SELECT count(*) FROM poi p WHERE p.geom && ST_Expand(q.geom, 0.25)))) FROM qpts q WHERE qid <= 300")

PGB=("${AS_PG[@]}" "$PGBIN/pgbench" -n -h 127.0.0.1 -p "$PORT" -U bench -M prepared)
RES="$OUTDIR/results.tsv"
printf 'engine\ttest\tdescription\tqueries\tmean_ms\tp50_ms\tp95_ms\tp99_ms\tqps_1client\tqps_2clients\n' > "$RES"
for t in "${ORDER[@]}"; do
  log "pgbench $t"
  rm -f "$WORK"/pgb_*
  "${PGB[@]}" -c 1 -j 1 -T "$DURATION" -f "$WORK/q/$t.sql" -l --log-prefix="$WORK/pgb_$t" bench > "$WORK/pgb1.out" 2>&1
  tps1=$(awk '/^tps/ {print $3; exit}' "$WORK/pgb1.out")
  "${PGB[@]}" -c 2 -j 2 -T "$DURATION2" -f "$WORK/q/$t.sql" bench > "$WORK/pgb2.out" 2>&1
  tps2=$(awk '/^tps/ {print $3; exit}' "$WORK/pgb2.out")
  cat "$WORK"/pgb_"$t".* | awk '{print $3/1000.0}' | sort -g > "$WORK/lat.txt"
  awk -v e=postgis -v t="$t" -v d="${DESC[$t]}" -v t1="$tps1" -v t2="$tps2" '
    {a[NR]=$1; s+=$1}
    END { if (NR==0) {print e"\t"t"\t"d"\t0\tNA\tNA\tNA\tNA\t"t1"\t"t2; exit}
          p50=a[int(NR*0.50)+1]; p95=a[int(NR*0.95)+1]; p99=a[int(NR*0.99)+1]; if (NR<100) p99=a[NR];
          printf "%s\t%s\t%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.0f\t%.0f\n", e,t,d,NR,s/NR,p50,p95,p99,t1,t2 }' \
    "$WORK/lat.txt" >> "$RES"
done

# ---------------------------------------------------------------- SQLite FTS5 trigram + R*Tree
SQ="$WORK/poi.sqlite"
log "SQLite load"
T0=$(now)
sqlite3 "$SQ" <<SQL
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
CREATE TABLE poi(id INTEGER PRIMARY KEY, lon REAL, lat REAL, name TEXT, name_py TEXT, cat INT, start_year INT, end_year INT);
.import --csv --skip 1 $OUTDIR/poi.csv poi
SQL
SQ_LOAD=$(elapsed "$T0"); T0=$(now)
sqlite3 "$SQ" "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
 CREATE VIRTUAL TABLE poi_fts USING fts5(name, name_py, content='poi', content_rowid='id', tokenize='trigram');
 INSERT INTO poi_fts(poi_fts) VALUES('rebuild');" >/dev/null
SQ_FTS=$(elapsed "$T0"); T0=$(now)
sqlite3 "$SQ" "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
 CREATE VIRTUAL TABLE poi_rt USING rtree(id, minx, maxx, miny, maxy);
 INSERT INTO poi_rt SELECT id, lon, lon, lat, lat FROM poi;" >/dev/null
SQ_RT=$(elapsed "$T0")
SQ_SIZE=$(stat -c %s "$SQ")
T2=$(awk -F, 'NR==2 {print $5}' "$OUTDIR/queries.csv")
SQ_2CHAR=$(sqlite3 "$SQ" "SELECT (SELECT count(*) FROM poi WHERE name LIKE '%$T2%') || ' rows in base table, ' || (SELECT count(*) FROM poi_fts WHERE name LIKE '%$T2%') || ' via FTS5-trigram LIKE, ' || (SELECT count(*) FROM poi_fts WHERE poi_fts MATCH '\"$T2\"') || ' via FTS5 MATCH'")

SQN=${SQN:-2000}
awk -v n="$SQN" 'NR>1 && NR<=n+1' "$OUTDIR/queries.csv" > "$WORK/q.csv"
gen_sql() { # $1 = awk program producing one statement per query row
  { echo "PRAGMA cache_size=-2000000;"; echo "SELECT count(*) FROM poi_fts; SELECT count(*) FROM poi_rt;";
    awk -F, "$1" "$WORK/q.csv"; } > "$WORK/sq_$2.sql"
}
gen_sql '{printf "SELECT rowid, name FROM poi_fts WHERE poi_fts MATCH %c\"%s\"%c LIMIT 20;\n", 39, $4, 39}' match3_zh
gen_sql '{printf "SELECT rowid, name FROM poi_fts WHERE name LIKE %c%%%s%%%c LIMIT 20;\n", 39, $4, 39}' like3_zh
gen_sql '{printf "SELECT id, name FROM poi WHERE name LIKE %c%%%s%%%c LIMIT 20;\n", 39, $5, 39}' like2_zh
gen_sql '{printf "SELECT id FROM poi_rt WHERE minx >= %f AND maxx <= %f AND miny >= %f AND maxy <= %f;\n", $2-0.025, $2+0.025, $3-0.025, $3+0.025}' rtree_5km
gen_sql '{printf "SELECT count(*) FROM poi_rt WHERE minx >= %f AND maxx <= %f AND miny >= %f AND maxy <= %f;\n", $2-0.25, $2+0.25, $3-0.25, $3+0.25}' rtree_50km_count
{ echo "PRAGMA cache_size=-2000000;"; echo "SELECT count(*) FROM poi_fts; SELECT count(*) FROM poi_rt;"; } > "$WORK/sq_empty.sql"
run_sq() { local t0; t0=$(now); sqlite3 "$SQ" < "$WORK/sq_$1.sql" > /dev/null; elapsed "$t0"; }
run_sq empty >/dev/null; TE=$(run_sq empty)
declare -A SDESC=([match3_zh]="3-char Chinese substring, FTS5 trigram MATCH, top 20" \
  [like3_zh]="3-char Chinese substring, LIKE via FTS5 trigram, top 20" \
  [like2_zh]="2-char Chinese substring, LIKE on base table (table scan), top 20" \
  [rtree_5km]="ids in 0.05x0.05 deg box (R*Tree)" [rtree_50km_count]="count in 0.5x0.5 deg box (R*Tree)")
for t in rtree_5km rtree_50km_count; do  # zhitu bench/space: spatial only
  log "sqlite $t"
  run_sq "$t" >/dev/null       # warm
  tt=$(run_sq "$t")
  awk -v e=sqlite -v t="$t" -v d="${SDESC[$t]}" -v n="$SQN" -v tt="$tt" -v te="$TE" \
    'BEGIN{m=(tt-te)*1000/n; printf "%s\t%s\t%s\t%d\t%.3f\tNA\tNA\tNA\t%.0f\tNA\n", e,t,d,n,m,(m>0?1000/m:0)}' >> "$RES"
done

# ---------------------------------------------------------------- report
{
echo "# Peer baseline results"
echo
echo "- host: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "- PostgreSQL $PGVER, PostGIS $POSTGISVER, SQLite $(sqlite3 --version | cut -d' ' -f1)"
echo "- N=$N POIs, QN=$QN query points; pgbench over TCP loopback, prepared statements, ${DURATION}s (1 client) / ${DURATION2}s (2 clients)"
echo
echo "## Load (PostGIS)"
echo "| step | seconds |"; echo "|---|---|"
echo "| generate $N rows (SQL) | $T_GEN |"; echo "| add geom + geom3857 columns | $T_GEOM |"
echo "| GiST geom(4326) | $T_GIST |"; echo "| GiST geom(3857) | $T_GIST3857 |"
echo "| GIN trgm name | $T_TRGM |"; echo "| GIN trgm name_py | $T_TRGMPY |"; echo "| GIN tsvector name_py | $T_TSV |"
echo
echo "## Sizes (bytes)"
echo "| relation | bytes | bytes/POI |"; echo "|---|---|---|"
echo "$SIZES" | awk -F'\t' -v n="$N" '{printf "| %s | %d | %.1f |\n", $1, $2, $2/n}'
echo "| sqlite file (table + FTS5 trigram + R*Tree) | $SQ_SIZE | $(awk -v s="$SQ_SIZE" -v n="$N" 'BEGIN{printf "%.1f", s/n}') |"
echo
echo "## Load (SQLite)"
echo "| step | seconds |"; echo "|---|---|"
echo "| .import CSV | $SQ_LOAD |"; echo "| FTS5 trigram rebuild | $SQ_FTS |"; echo "| R*Tree insert | $SQ_RT |"
echo
echo "2-character probe '$T2': $SQ_2CHAR"
echo
echo "## Result sizes"
echo "| workload | avg features | avg MVT bytes |"; echo "|---|---|---|"
echo "$TILESTATS" | awk -F'|' 'NF>=2 {printf "| tile %s | %s | %s |\n", $1, $2, $3}'
echo "$ROWSTATS" | awk -F'|' '{printf "| bbox 0.05 deg | %s | - |\n| bbox 0.5 deg | %s | - |\n", $1, $2}'
echo
echo "## Query latency"
echo "| engine | test | description | n | mean ms | p50 | p95 | p99 | qps 1c | qps 2c |"
echo "|---|---|---|---|---|---|---|---|---|---|"
tail -n +2 "$RES" | awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1,$2,$3,$4,$5,$6,$7,$8,$9,$10}'
} > "$OUTDIR/results.md"
cat "$OUTDIR/results.md"
log "done; results in $OUTDIR/results.md and $OUTDIR/results.tsv"
