#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Turns search_bench's and pgbench's figures into the ratio table of RESULTS.md.
import sys
zt, pt, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = {}
meta = {}
for path in (zt, pt):
    for line in open(path):
        f = line.rstrip('\n').split('\t')
        if f[0].startswith('#'):
            meta[f[0]] = dict(zip(f[1::2], f[2::2])); continue
        if f[0] == 'engine': continue
        if f[0] == 'pg_index_bytes':
            meta['pg'] = dict(zip(f[0::2], f[1::2])); continue
        eng, cls = f[0], f[1]
        mean, p50 = float(f[3]), float(f[4])
        p99 = float(f[-2]) if eng != 'postgres' else float(f[6])
        rows[(eng, cls)] = (mean, p50, p99)
def r(a, b):
    return f"{rows[b][0] / rows[a][0]:.1f}×" if a in rows and b in rows and rows[a][0] > 0 else 'n/a'
print(f"N = {n:,} generated POIs + the bundled real names\n")
print("| class | engine | mean ms | p50 ms | p99 ms |")
print("|---|---|---|---|---|")
for (eng, cls), (m, p50, p99) in sorted(rows.items(), key=lambda x: (x[0][1], x[0][0])):
    print(f"| {cls} | {eng} | {m:.4f} | {p50:.4f} | {p99:.4f} |")
print("\nRatios (mean latency of the peer / zhitu's, same run):\n")
z = lambda c: ('zhitu', c)
print(f"- three characters: {r(z('three_char'), ('sqlite_fts5_trigram', 'three_char'))} SQLite FTS5 (target ≥ 3×), {r(z('three_char'), ('postgres', 'three_char'))} PostgreSQL")
print(f"- two characters: {r(z('two_char'), ('sqlite_table_scan', 'two_char'))} SQLite table scan (target ≥ 10×), {r(z('two_char'), ('postgres', 'two_char'))} PostgreSQL (target ≥ 1000×); FTS5 finds nothing")
print(f"- pinyin two words: {r(z('pinyin_two_words'), ('postgres', 'pinyin_two_words'))} PostgreSQL (target ≥ 20×)")
print(f"- pinyin typo: {r(z('pinyin_typo'), ('postgres', 'pinyin_typo'))} PostgreSQL word_similarity (target ≥ 100×)")
idx = meta.get('#index', {})
pg = meta.get('pg', {})
if idx and pg:
    zb = float(idx['bytes_per_poi']); pb = float(pg['pg_index_bytes']) / n
    print(f"\nIndex memory: zhitu {zb:.0f} B/POI (all names, grams, pinyin keys and spellings, words); PostgreSQL pg_trgm GIN on name + name_py {pb:.0f} B/POI (indexes only, table {float(pg['pg_table_bytes'])/n:.0f} B/POI more) → ratio {zb/pb:.2f} (target ≤ 0.33)")
    print(f"zhitu index build: {idx['build_ms']} ms for {idx['names']} names")
chk = meta.get('#check', {})
if chk:
    print(f"\nCorrectness ({chk['queries']} queries per class, counts of generated POIs vs a brute-force scan; numbers are queries that differ): "
          f"zhitu 3-char {chk['zhitu3']}, FTS5 3-char {chk['fts3']}, zhitu 2-char {chk['zhitu2']}, zhitu pinyin {chk['zhitu_py']}, zhitu typo {chk['zhitu_typo']}; "
          f"FTS5 found nothing for {chk['fts2_found_nothing']} of the two-character queries; "
          f"zhitu's timed top 20 differs from ranking every match for {chk.get('zhitu_top20', '?')} of the checked queries (each query's two and three characters, pinyin typed four more ways — run together, initials, mixed, cut short — and typo).")
