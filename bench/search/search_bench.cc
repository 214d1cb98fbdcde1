// SPDX-License-Identifier: Apache-2.0
// Side-by-side search benchmark, in-process part: zhitu's name index against SQLite FTS5
// (trigram tokenizer) and a SQLite table scan, on the same generated POIs (gen.py) plus the
// bundled real names, for four query classes. Correctness first: for the first `n_check`
// queries of each class, the number of generated POIs each engine finds is compared with a
// brute-force scan, and any difference is printed and counted.
//
//   search_bench poi.csv queries.csv <data dir> [n_check]  > zhitu.tsv
//
// Output: one TSV line per (engine, class): mean/p50/p99 ms and mismatches; and a line with the
// index's build time and bytes per POI. run.sh adds PostgreSQL and writes RESULTS.md.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "index/catalog.h"
#include "index/text/han.h"
#include "io/import.h"
#include "query/search.h"

namespace {

using namespace zhitu;

std::vector<std::string> split_csv(std::string const& line) {  // no quoted commas in our data
  std::vector<std::string> out;
  std::stringstream ss{line.ends_with('\r') ? line.substr(0, line.size() - 1) : line};
  for (std::string f; std::getline(ss, f, ',');) {
    out.push_back(f);
  }
  return out;
}

struct poi {
  std::string name_, py_;
};

struct query_row {
  std::string term3_, term2_, termpy_, termtypo_;
};

double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct timing {
  std::vector<double> ms_;
  void print(char const* engine, char const* cls, std::size_t mismatches) {
    std::sort(ms_.begin(), ms_.end());
    double sum = 0;
    for (auto const m : ms_) sum += m;
    auto const pct = [&](double p) { return ms_[std::min(ms_.size() - 1, static_cast<std::size_t>(p * ms_.size()))]; };
    std::printf("%s\t%s\t%zu\t%.4f\t%.4f\t%.4f\t%zu\n", engine, cls, ms_.size(), sum / ms_.size(), pct(0.5),
                pct(0.99), mismatches);
    std::fflush(stdout);
  }
};

// Other ways people type the pinyin of two words ("xihu renmin"): run together, initials, the
// first word whole and the rest as initials, the second word cut short. Words are cut into
// syllables greedily, the longest first.
std::vector<std::string> typed_forms(std::string const& spaced) {
  std::string joined;
  std::string initials;
  std::string mixed;
  std::stringstream in{spaced};
  std::size_t word = 0;
  for (std::string w; in >> w; ++word) {
    joined += w;
    for (std::size_t i = 0; i < w.size();) {
      auto len = std::min<std::size_t>(6, w.size() - i);
      while (len > 1 && !index::is_syllable(w.substr(i, len))) --len;
      initials += w[i];
      mixed += word == 0 ? w.substr(i, len) : w.substr(i, 1);
      i += len;
    }
  }
  return {joined, initials, mixed, spaced.substr(0, spaced.size() - 2)};
}

int osa(std::string_view a, std::string_view b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: search_bench poi.csv queries.csv <data dir> [n_check]\n";
    return 2;
  }
  auto const n_check = argc > 4 ? static_cast<std::size_t>(std::stoul(argv[4])) : 200;
  std::vector<poi> pois;
  std::vector<query_row> queries;
  {
    std::ifstream in{argv[1]};
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      auto const f = split_csv(line);
      pois.push_back({f[3], f[4]});
    }
    std::ifstream qin{argv[2]};
    std::getline(qin, line);
    while (std::getline(qin, line)) {
      auto const f = split_csv(line);
      queries.push_back({f[1], f[2], f[3], f[4]});
    }
  }
  auto const n = pois.size();
  std::vector<model::entity> entities;
  entities.reserve(n + 20000);
  for (std::size_t i = 0; i < n; ++i) {
    model::entity e;
    e.id_ = "g" + std::to_string(i + 1);
    e.kind_ = "poi";
    e.names_.zh_ = pois[i].name_;
    entities.push_back(std::move(e));
  }
  std::vector<std::filesystem::path> files;
  for (auto const* f : {"heritage/national_heritage_sites.csv", "rail/stations.csv", "admin/provinces.geojson",
                        "admin/prefectures.geojson", "admin/counties.geojson"}) {
    files.push_back(std::filesystem::path{argv[3]} / f);
  }
  auto real = io::read_files(files, {});
  for (auto& e : real.batch_.entities_) {
    e.geometry_.reset();  // names are what this benchmark is about
    entities.push_back(std::move(e));
  }
  auto const n_all = entities.size();
  std::vector<std::string> all_names;
  for (auto const& e : entities) all_names.push_back(e.names_.zh_);

  auto const t0 = now_ms();
  auto const cat = index::catalog::build(std::move(entities), {}, {});
  std::fprintf(stderr, "catalog with %zu entities built in %.0f ms\n", n_all, now_ms() - t0);
  auto const& st = cat->stats();
  std::printf("#index\tpois\t%zu\tnames\t%zu\tbuild_ms\t%.0f\tbytes\t%zu\tbytes_per_poi\t%.1f\n", n_all, st.n_names_,
              st.name_index_build_ms_, st.name_index_bytes_,
              static_cast<double>(st.name_index_bytes_) / static_cast<double>(n_all));

  // SQLite in memory: a plain table and an FTS5 trigram index over the same names.
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  auto const exec = [&](char const* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::cerr << "sqlite: " << err << "\n";
      std::exit(1);
    }
  };
  auto const t1 = now_ms();
  exec("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT); "
       "CREATE VIRTUAL TABLE fts USING fts5(name, tokenize='trigram');");
  exec("BEGIN");
  {
    sqlite3_stmt* ins = nullptr;
    sqlite3_stmt* ins2 = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO t VALUES(?,?)", -1, &ins, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO fts(rowid, name) VALUES(?,?)", -1, &ins2, nullptr);
    for (std::size_t i = 0; i < n_all; ++i) {
      for (auto* s : {ins, ins2}) {
        sqlite3_bind_int64(s, 1, static_cast<sqlite3_int64>(i + 1));
        sqlite3_bind_text(s, 2, all_names[i].c_str(), -1, SQLITE_STATIC);
        sqlite3_step(s);
        sqlite3_reset(s);
      }
    }
    sqlite3_finalize(ins);
    sqlite3_finalize(ins2);
  }
  exec("COMMIT");
  std::fprintf(stderr, "sqlite loaded in %.0f ms\n", now_ms() - t1);
  sqlite3_stmt* fts20 = nullptr;
  sqlite3_stmt* ftscount = nullptr;
  sqlite3_stmt* scan20 = nullptr;
  sqlite3_stmt* scancount = nullptr;
  sqlite3_prepare_v2(db, "SELECT rowid, name FROM fts WHERE fts MATCH ?1 LIMIT 20", -1, &fts20, nullptr);
  sqlite3_prepare_v2(db, "SELECT count(*) FROM fts WHERE fts MATCH ?1 AND rowid <= ?2", -1, &ftscount, nullptr);
  sqlite3_prepare_v2(db, "SELECT id, name FROM t WHERE name LIKE '%' || ?1 || '%' LIMIT 20", -1, &scan20, nullptr);
  sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE name LIKE '%' || ?1 || '%' AND id <= ?2", -1, &scancount,
                     nullptr);
  auto const sql_run = [&](sqlite3_stmt* s, std::string const& arg, bool count) {
    sqlite3_bind_text(s, 1, arg.c_str(), -1, SQLITE_TRANSIENT);
    if (count) sqlite3_bind_int64(s, 2, static_cast<sqlite3_int64>(n));
    std::size_t rows = 0;
    std::int64_t c = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
      ++rows;
      c = sqlite3_column_int64(s, 0);
    }
    sqlite3_reset(s);
    return count ? static_cast<std::size_t>(c) : rows;
  };

  // Distinct generated POIs that zhitu finds in a class (via `want` ways of matching).
  std::vector<index::name_match> hits;
  auto const zhitu_count = [&](std::string const& q, index::match_via want) {
    hits.clear();
    cat->names().match(q, hits, SIZE_MAX);
    std::unordered_set<std::uint32_t> ents;
    for (auto const& h : hits) {
      if (h.entity_ < n && (h.via_ == want || (want == index::match_via::kTypo && h.via_ == index::match_via::kPinyin))) {
        ents.insert(h.entity_);
      }
    }
    return ents.size();
  };
  auto const nq = queries.size();
  auto const nc = std::min(n_check, nq);

  // Pinyin words of each generated POI, as ids into a small vocabulary, for the typo oracle.
  std::vector<std::string> vocab;
  std::vector<std::vector<std::uint16_t>> poi_words(n);
  {
    std::unordered_map<std::string, std::uint16_t> ids;
    for (std::size_t k = 0; k < n; ++k) {
      std::stringstream ws{pois[k].py_};
      for (std::string w; ws >> w;) {
        auto const [it, inserted] = ids.try_emplace(w, static_cast<std::uint16_t>(vocab.size()));
        if (inserted) vocab.push_back(w);
        poi_words[k].push_back(it->second);
      }
    }
  }

  // ---- correctness
  std::size_t mis3 = 0, mis3_fts = 0, mis2 = 0, mis2_fts_zero = 0, mispy = 0, mistypo = 0, mis_top = 0;
  // The timed search's top 20 against ranking every match (a filter listing every kind forces
  // that): ranked heads and pinyin read best first must not change the answer.
  std::vector<index::kind_idx> every_kind;
  for (std::size_t k = 0; k < cat->kinds().size(); ++k) every_kind.push_back(static_cast<index::kind_idx>(k));
  auto const same_top = [&](std::string const& q) {
    auto const a = query::search(*cat, {.text_ = q, .limit_ = 20});
    auto const b = query::search(*cat, {.text_ = q, .kinds_ = every_kind, .limit_ = 20});
    if (!a || !b || a->size() != b->size()) return false;
    for (std::size_t i = 0; i < a->size(); ++i) {
      if ((*a)[i].entity_ != (*b)[i].entity_ || (*a)[i].match_.begin_ != (*b)[i].match_.begin_) return false;
    }
    return true;
  };
  for (std::size_t i = 0; i < nc; ++i) {
    auto const& q = queries[i];
    std::size_t b3 = 0, b2 = 0, bpy = 0, btypo = 0;
    auto const pyq = " " + q.termpy_ + " ";
    std::vector<bool> near_typo(vocab.size());
    for (std::size_t w = 0; w < vocab.size(); ++w) near_typo[w] = osa(vocab[w], q.termtypo_) <= 1;
    for (std::size_t k = 0; k < n; ++k) {
      b3 += pois[k].name_.find(q.term3_) != std::string::npos ? 1 : 0;
      b2 += pois[k].name_.find(q.term2_) != std::string::npos ? 1 : 0;
      bpy += (" " + pois[k].py_ + " ").find(pyq) != std::string::npos ? 1 : 0;
      btypo += std::any_of(poi_words[k].begin(), poi_words[k].end(), [&](std::uint16_t w) { return near_typo[w]; }) ? 1 : 0;
    }
    auto const z3 = zhitu_count(q.term3_, index::match_via::kText);
    auto const f3 = sql_run(ftscount, "\"" + q.term3_ + "\"", true);
    auto const z2 = zhitu_count(q.term2_, index::match_via::kText);
    auto const f2 = sql_run(ftscount, "\"" + q.term2_ + "\"", true);
    auto const zpy = zhitu_count(q.termpy_, index::match_via::kPinyin);
    auto const ztypo = zhitu_count(q.termtypo_, index::match_via::kTypo);
    auto const report = [&](char const* what, std::string const& term, std::size_t got, std::size_t want, std::size_t& m) {
      if (got != want) {
        ++m;
        if (m <= 5) std::fprintf(stderr, "mismatch %s \"%s\": %zu, brute force %zu\n", what, term.c_str(), got, want);
      }
    };
    report("zhitu 3-char", q.term3_, z3, b3, mis3);
    report("fts5 3-char", q.term3_, f3, b3, mis3_fts);
    report("zhitu 2-char", q.term2_, z2, b2, mis2);
    mis2_fts_zero += f2 == 0 && b2 > 0 ? 1 : 0;
    auto terms = typed_forms(q.termpy_);
    terms.insert(terms.end(), {q.term2_, q.term3_, q.termpy_, q.termtypo_});
    for (auto const& term : terms) {
      if (!same_top(term)) {
        ++mis_top;
        if (mis_top <= 5) std::fprintf(stderr, "mismatch zhitu top 20 \"%s\": the timed search differs from ranking every match\n", term.c_str());
      }
    }
    report("zhitu pinyin", q.termpy_, zpy, bpy, mispy);
    report("zhitu typo", q.termtypo_, ztypo, btypo, mistypo);
  }
  std::printf("#check\tqueries\t%zu\tzhitu3\t%zu\tfts3\t%zu\tzhitu2\t%zu\tfts2_found_nothing\t%zu\tzhitu_py\t%zu\tzhitu_typo\t%zu\tzhitu_top20\t%zu\n",
              nc, mis3, mis3_fts, mis2, mis2_fts_zero, mispy, mistypo, mis_top);

  // ---- timing: zhitu = full search (all matches, ranked, top 20); peers = LIMIT 20 as in the
  // reference set-up.
  auto const time_zhitu = [&](char const* cls, auto term_of) {
    timing t;
    for (auto const& q : queries) {
      auto const a = now_ms();
      auto const r = query::search(*cat, {.text_ = term_of(q), .limit_ = 20});
      t.ms_.push_back(now_ms() - a);
      if (!r) std::exit(3);
    }
    t.print("zhitu", cls, 0);
  };
  auto const time_sql = [&](char const* engine, char const* cls, sqlite3_stmt* s, auto term_of) {
    timing t;
    for (auto const& q : queries) {
      auto const a = now_ms();
      sql_run(s, term_of(q), false);
      t.ms_.push_back(now_ms() - a);
    }
    t.print(engine, cls, 0);
  };
  time_zhitu("three_char", [](query_row const& q) { return q.term3_; });
  time_sql("sqlite_fts5_trigram", "three_char", fts20, [](query_row const& q) { return "\"" + q.term3_ + "\""; });
  time_zhitu("two_char", [](query_row const& q) { return q.term2_; });
  time_sql("sqlite_fts5_trigram", "two_char", fts20, [](query_row const& q) { return "\"" + q.term2_ + "\""; });
  time_sql("sqlite_table_scan", "two_char", scan20, [](query_row const& q) { return q.term2_; });
  time_zhitu("pinyin_two_words", [](query_row const& q) { return q.termpy_; });
  time_zhitu("pinyin_typo", [](query_row const& q) { return q.termtypo_; });
  sqlite3_finalize(fts20);
  sqlite3_finalize(ftscount);
  sqlite3_finalize(scan20);
  sqlite3_finalize(scancount);
  sqlite3_close(db);
  return 0;
}
