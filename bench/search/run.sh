#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Side-by-side search benchmark, one run, same data: zhitu (in-process), SQLite FTS5 trigram and
# a SQLite table scan (in-process, inside search_bench), and PostgreSQL 15 pg_trgm on loopback
# (pgbench, prepared statements, one client). Adapted from ../shared/bench-peers/setup_postgis.sh:
# a throwaway cluster in a temp dir, run as user postgres when root, stopped by its own pid.
#
#   bench/search/run.sh [build dir]          env: N (1000000), QN (1000), NCHECK (200),
#                                                  DURATION (s per pgbench run, 10), OUTDIR
# Needs: a build with -DZHITU_BUILD_BENCHMARKS=ON; Debian postgresql-15 (pg_trgm is in core
# contrib), python3. Writes $OUTDIR/zhitu.tsv, pg.tsv and results.md.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${1:-$ROOT/build-search}
N=${N:-1000000}
QN=${QN:-1000}
NCHECK=${NCHECK:-200}
DURATION=${DURATION:-10}
PORT=${PGPORT_BENCH:-55433}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
OUTDIR=${OUTDIR:-$PWD/search-bench-out}
mkdir -p "$OUTDIR"
OUTDIR=$(cd "$OUTDIR" && pwd)
log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/searchbench.XXXXXX")
chmod 755 "$WORK"
PG_PID=""
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$WORK"; AS_PG=(runuser -u postgres --); else AS_PG=(); fi
cleanup() {
  local rc=$?
  if [ -n "$PG_PID" ] && kill -0 "$PG_PID" 2>/dev/null; then
    log "stopping postgres (pid $PG_PID)"
    kill -INT "$PG_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT INT TERM

log "generating $N POIs and $QN queries"
python3 "$HERE/gen.py" "$N" "$QN" "$WORK"
chmod 644 "$WORK"/*.csv

log "zhitu + SQLite (in-process)"
"$BUILD/bench/search/search_bench" "$WORK/poi.csv" "$WORK/queries.csv" "$ROOT/data" "$NCHECK" > "$OUTDIR/zhitu.tsv" 2> "$OUTDIR/zhitu.log"
cat "$OUTDIR/zhitu.log" >&2

log "PostgreSQL cluster in $WORK"
PSQL=("${AS_PG[@]}" "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U bench -d bench)
"${AS_PG[@]}" "$PGBIN/initdb" -D "$WORK/data" -U bench -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$WORK/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$WORK'
shared_buffers = 2GB
work_mem = 64MB
maintenance_work_mem = 1GB
jit = off
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/postgres.log" -w start >/dev/null
PG_PID=$(head -1 "$WORK/data/postmaster.pid")
"${AS_PG[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U bench bench
"${PSQL[@]}" <<SQL
CREATE EXTENSION pg_trgm;
CREATE TABLE poi(id int PRIMARY KEY, lon float8, lat float8, name text, name_py text);
\copy poi FROM '$WORK/poi.csv' WITH CSV HEADER
CREATE TABLE q(qid int PRIMARY KEY, term3 text, term2 text, termpy text, termtypo text);
\copy q FROM '$WORK/queries.csv' WITH CSV HEADER
CREATE INDEX poi_name_trgm ON poi USING gin(name gin_trgm_ops);
CREATE INDEX poi_py_trgm ON poi USING gin(name_py gin_trgm_ops);
VACUUM ANALYZE poi; VACUUM ANALYZE q;
SQL
PG_BYTES=$("${PSQL[@]}" -At -c "SELECT pg_relation_size('poi_name_trgm') + pg_relation_size('poi_py_trgm')")
PG_TABLE=$("${PSQL[@]}" -At -c "SELECT pg_relation_size('poi')")

declare -A QUERY
ORDER=(three_char two_char pinyin_two_words pinyin_typo)
QUERY[three_char]="SELECT id, name FROM poi WHERE name LIKE (SELECT '%' || term3 || '%' FROM q WHERE qid = :q) LIMIT 20;"
QUERY[two_char]="SELECT id, name FROM poi WHERE name LIKE (SELECT '%' || term2 || '%' FROM q WHERE qid = :q) LIMIT 20;"
QUERY[pinyin_two_words]="SELECT id, name FROM poi WHERE name_py LIKE (SELECT '%' || termpy || '%' FROM q WHERE qid = :q) LIMIT 20;"
QUERY[pinyin_typo]="SELECT id, name FROM poi WHERE (SELECT termtypo FROM q WHERE qid = :q) <% name_py ORDER BY word_similarity((SELECT termtypo FROM q WHERE qid = :q), name_py) DESC LIMIT 20;"
printf 'engine\tclass\tqueries\tmean_ms\tp50_ms\tp95_ms\tp99_ms\n' > "$OUTDIR/pg.tsv"
for t in "${ORDER[@]}"; do
  printf '\\set q random(1, %s)\n%s\n' "$QN" "${QUERY[$t]}" > "$WORK/$t.sql"
  chmod 644 "$WORK/$t.sql"
  log "pgbench $t"
  ( cd "$WORK" && "${AS_PG[@]}" "$PGBIN/pgbench" -n -h 127.0.0.1 -p "$PORT" -U bench -M prepared -c 1 -j 1 \
      -T "$DURATION" -f "$WORK/$t.sql" -l --log-prefix="$WORK/pgb_$t" bench > "$WORK/pgb.out" 2>&1 )
  cat "$WORK"/pgb_"$t"* | awk -v t="$t" '{print $3/1000.0}' | sort -n | awk -v t="$t" '
    {v[NR]=$1; s+=$1} END {if (NR==0) {print "postgres\t" t "\t0\t\t\t\t"; exit}
      i50=int(NR*0.5)+1; i95=int(NR*0.95)+1; if (i95>NR) i95=NR; i99=int(NR*0.99)+1; if (i99>NR) i99=NR
      printf "postgres\t%s\t%d\t%.4f\t%.4f\t%.4f\t%.4f\n", t, NR, s/NR, v[i50], v[i95], v[i99]}' >> "$OUTDIR/pg.tsv"
  rm -f "$WORK"/pgb_"$t"*
done
# Correctness of the peer: PostgreSQL's two-character counts equal a scan (LIKE is exact).
echo "pg_index_bytes	$PG_BYTES	pg_table_bytes	$PG_TABLE	n	$N" >> "$OUTDIR/pg.tsv"

python3 "$HERE/report.py" "$OUTDIR/zhitu.tsv" "$OUTDIR/pg.tsv" "$N" > "$OUTDIR/results.md"
cat "$OUTDIR/results.md"
