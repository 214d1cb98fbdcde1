// SPDX-License-Identifier: Apache-2.0
// Spatial queries on the peer data set (bench/peers/setup_postgis.sh writes poi.csv and
// queries.csv): zhitu's packed Hilbert R-tree against SQLite's R*Tree, both in this process,
// on the same points and the same query points. Checks answers before timing (bbox counts equal
// for every query, SQLite's ids re-checked against the true points since its R*Tree stores
// float32 boxes; 10-nearest equal to a brute-force scan in each engine's metric) and prints a
// checksum per workload so a fast wrong answer shows.
//
//   space_bench poi.csv queries.csv [n_queries] [counties.geojson out_dir]
//
// Workloads (as the peers'): bbox_5km — ids and names in lon±0.025, lat±0.025;
// bbox_50km_count — count in ±0.25; knn10 — the 10 nearest (zhitu: great-circle metres; SQLite
// has no nearest-neighbour operator, so: R*Tree boxes growing ×2 from ±0.01° until 10 rows, then
// sorted by planar distance, as PostGIS `<->` on degrees orders them).
//
// With counties.geojson and out_dir (issue 4's remaining workloads; run.sh compares with PostGIS):
// pip_counties — POIs inside each county polygon (R-tree candidates by the polygon's box, then
// `area_contains`), written to out_dir/zhitu_pip.tsv (county id, count); combined_t2 / combined_t3
// — a catalog of the POIs (id, name, point, time span [start_year, end_year or 2026]) queried
// through the planner (`run_query`): name contains the query's 2- (3-) character term, point in
// the ±0.25° box, span overlapping [from, from + 200] with from = -500 + (qid * 97) % 2400; each
// answer checked against a scan of the box, (qid, count, sum of ids) of that scan written to
// out_dir/zhitu_combined_t2_<n>.tsv (t3). Env: COMBINED_QN (default 1000) queries for these;
// COMBINED_SUBSETS, e.g. "1000000 100000": one catalog of POI ids 1..n for each n (default all).
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "index/catalog.h"
#include "index/space/area.h"
#include "index/space/rtree.h"
#include "model/crs.h"
#include "model/geojson.h"
#include "query/planner.h"

namespace {

using zhitu::model::box;
using zhitu::model::lon_lat;

struct poi {
  std::int64_t id_;
  lon_lat p_;
  std::string name_;
  std::int32_t start_year_;
  std::int32_t end_year_;  // 2026 when the CSV leaves it empty (still standing)
};

constexpr std::int32_t kOpenEnd = 2026;

std::size_t rss_kb() {
  std::ifstream in{"/proc/self/status"};
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      return std::stoul(line.substr(6));
    }
  }
  return 0;
}

std::vector<std::string> split_csv(std::string const& line) {
  std::vector<std::string> f;
  std::string cur;
  bool q = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    auto const c = line[i];
    if (q) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        q = false;
      } else {
        cur += c;
      }
    } else if (c == '"') {
      q = true;
    } else if (c == ',') {
      f.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  f.push_back(cur);
  return f;
}

double now_ms() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void check(int rc, sqlite3* db, char const* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::cerr << what << ": " << sqlite3_errmsg(db) << "\n";
    std::exit(2);
  }
}

struct timing {
  double total_ms_;
  std::size_t n_;
  std::uint64_t checksum_;
  double per_query_ms() const { return total_ms_ / static_cast<double>(n_); }
};

// Point in polygon per county and the combined text + bbox + time query (see the file comment).
int extra_workloads(std::vector<poi> const& pois, std::vector<lon_lat> const& queries,
                    std::vector<std::string> const& term2s, std::vector<std::string> const& term3s,
                    zhitu::index::rtree const& tree, std::string const& counties_path,
                    std::string const& out_dir) {
  // ---- point in polygon per county
  std::vector<std::pair<std::string, zhitu::model::geometry>> counties;
  {
    std::ifstream in{counties_path};
    auto const fc = nlohmann::json::parse(in);
    for (auto const& f : fc["features"]) {
      auto g = zhitu::model::geometry_from_geojson(f["geometry"]);
      if (!g) {
        std::cerr << counties_path << ": " << g.err().message_ << "\n";
        return 2;
      }
      counties.emplace_back(f["id"].get<std::string>(), std::move(*g));
    }
  }
  std::vector<box> cbox;
  for (auto const& [_, g] : counties) {
    cbox.push_back(zhitu::model::bounds(g));
  }
  std::vector<std::size_t> pip(counties.size());
  std::vector<std::uint32_t> cand;
  std::size_t n_cand = 0;
  auto const pip_all = [&] {
    n_cand = 0;
    for (std::size_t c = 0; c < counties.size(); ++c) {
      cand.clear();
      tree.search(cbox[c], cand);
      n_cand += cand.size();
      std::size_t n = 0;
      for (auto const i : cand) {
        n += zhitu::index::area_contains(counties[c].second, pois[i].p_) ? 1 : 0;
      }
      pip[c] = n;
    }
  };
  pip_all();  // warm
  auto t0 = now_ms();
  int const pip_reps = 3;
  for (int r = 0; r < pip_reps; ++r) {
    pip_all();
  }
  auto const pip_ms = (now_ms() - t0) / pip_reps;
  std::size_t pip_total = 0;
  {
    std::ofstream out{out_dir + "/zhitu_pip.tsv"};
    for (std::size_t c = 0; c < counties.size(); ++c) {
      out << counties[c].first << "\t" << pip[c] << "\n";
      pip_total += pip[c];
    }
  }
  std::printf(
      "pip_counties: %zu counties, %zu POIs inside in total (%zu R-tree candidates), "
      "%.1f ms for all (mean of %d), %.4f ms a county\n",
      counties.size(), pip_total, n_cand, pip_ms, pip_reps,
      pip_ms / static_cast<double>(counties.size()));

  // ---- combined text + bbox + time through the planner, over the first n_sub POIs (ids
  // 1..n_sub) for each size in COMBINED_SUBSETS (default: all of them).
  std::vector<std::size_t> subsets;
  {
    std::istringstream in{std::getenv("COMBINED_SUBSETS") ? std::getenv("COMBINED_SUBSETS") : ""};
    for (std::size_t n; in >> n;) {
      subsets.push_back(std::min(n, pois.size()));
    }
    if (subsets.empty()) {
      subsets.push_back(pois.size());
    }
  }
  for (auto const n_sub : subsets) {
    auto const rss0 = rss_kb();
    std::vector<zhitu::model::entity> entities;
    entities.reserve(n_sub);
    for (auto const& p : std::span{pois}.first(n_sub)) {
      zhitu::model::entity e;
      e.id_ = "p" + std::to_string(p.id_);
      e.kind_ = "poi";
      e.names_.zh_ = p.name_;
      e.geometry_ = zhitu::model::make_point(p.p_);
      e.time_ = zhitu::model::time_span::exact(p.start_year_, p.end_year_);
      entities.push_back(std::move(e));
    }
    auto const rss1 = rss_kb();
    t0 = now_ms();
    auto const cat = zhitu::index::catalog::build(std::move(entities), {}, {});
    auto const cat_ms = now_ms() - t0;
    auto const rss2 = rss_kb();
    auto const& st = cat->stats();
    auto const n_ent = static_cast<double>(cat->size());
    std::printf(
        "catalog: %zu entities built in %.0f ms; index_bytes %.1f B/entity (name index %.1f, "
        "mention index %.1f); RSS +%.1f B/entity for the entities, +%.1f B/entity for the "
        "built catalog (entities moved in)\n",
        cat->size(), cat_ms, static_cast<double>(st.index_bytes_) / n_ent,
        static_cast<double>(st.name_index_bytes_) / n_ent,
        static_cast<double>(st.mention_index_bytes_) / n_ent,
        static_cast<double>(rss1 - rss0) * 1024 / n_ent,
        static_cast<double>(rss2 > rss1 ? rss2 - rss1 : 0) * 1024 / n_ent);
    std::vector<std::int64_t> poi_id(cat->size());
    for (std::size_t i = 0; i < cat->size(); ++i) {
      poi_id[i] = std::stoll(cat->at(static_cast<zhitu::index::entity_idx>(i)).id_.substr(1));
    }
    auto const cqn = std::min<std::size_t>(
        queries.size(), std::getenv("COMBINED_QN") ? std::stoul(std::getenv("COMBINED_QN")) : 1000);
    auto const span_of = [](std::size_t qid) {
      auto const from = static_cast<std::int32_t>(-500 + (qid * 97) % 2400);
      return std::pair{from, from + 200};
    };
    for (auto const* variant : {"t2", "t3"}) {
      auto const& terms = std::string{variant} == "t2" ? term2s : term3s;
      auto const make = [&](std::size_t i) {
        zhitu::query::query q;
        q.text_ = terms[i];
        auto const c = queries[i];
        q.bbox_ = box{c.lon_ - 0.25, c.lat_ - 0.25, c.lon_ + 0.25, c.lat_ + 0.25};
        auto const [from, to] = span_of(i + 1);
        q.time_ = zhitu::query::time_part{from, to, ""};
        q.limit_ = zhitu::query::kMaxQueryLimit;
        return q;
      };
      // Check: the planner's answer against a scan of the box (name contains the term, span
      // overlaps), as the SQL asks.
      std::size_t n_ok = 0, n_bad = 0, n_over_limit = 0, sum_expected = 0;
      std::size_t first_bad = 0;
      std::ofstream out{out_dir + "/zhitu_combined_" + variant + "_" + std::to_string(n_sub) +
                        ".tsv"};
      std::size_t n_missing = 0, n_extra = 0;
      std::vector<std::uint32_t> in_box;
      for (std::size_t i = 0; i < cqn; ++i) {
        auto const q = make(i);
        auto const r = zhitu::query::run_query(*cat, q);
        if (!r) {
          std::cerr << "run_query: " << r.err().message_ << "\n";
          return 1;
        }
        std::vector<std::int64_t> got;
        for (auto const& h : r->hits_) {
          got.push_back(poi_id[h.entity_]);
        }
        std::sort(got.begin(), got.end());
        in_box.clear();
        tree.search(*q.bbox_, in_box);
        auto const [from, to] = span_of(i + 1);
        std::vector<std::int64_t> want;
        for (auto const j : in_box) {
          auto const& p = pois[j];
          if (static_cast<std::size_t>(p.id_) <= n_sub && q.bbox_->contains(p.p_) &&
              p.name_.find(terms[i]) != std::string::npos && p.start_year_ <= to &&
              p.end_year_ >= from) {
            want.push_back(p.id_);
          }
        }
        std::sort(want.begin(), want.end());
        sum_expected += want.size();
        std::uint64_t s = 0;
        for (auto const id : want) {
          s += static_cast<std::uint64_t>(id);
        }
        out << (i + 1) << "\t" << want.size() << "\t" << s << "\n";
        if (r->matched_ > got.size()) {
          ++n_over_limit;
        }
        // Over the limit the planner lists 1000 of them: each must be an answer.
        auto const listed_ok = std::includes(want.begin(), want.end(), got.begin(), got.end());
        n_extra += listed_ok ? 0 : 1;
        n_missing += r->matched_ < want.size() ? 1 : 0;
        if (listed_ok && r->matched_ == want.size() &&
            got.size() == std::min(want.size(), zhitu::query::kMaxQueryLimit)) {
          ++n_ok;
        } else {
          if (n_bad == 0) {
            first_bad = i;
          }
          ++n_bad;
        }
      }
      {
        auto const r = zhitu::query::run_query(*cat, make(first_bad));
        std::string plan;
        for (auto const& p : r->plan_) {
          plan += p.part_ + "(" + p.role_ + ", est " + std::to_string(p.estimate_) + ", left " +
                  std::to_string(p.count_) + ") ";
        }
        std::printf("combined_%s_%zu plan of query %zu: %s\n", variant, n_sub, first_bad + 1,
                    plan.c_str());
      }
      auto const run_all = [&] {
        std::uint64_t sum = 0;
        for (std::size_t i = 0; i < cqn; ++i) {
          auto const r = zhitu::query::run_query(*cat, make(i));
          sum += r->matched_;
          for (auto const& h : r->hits_) {
            sum += cat->at(h.entity_).names_.zh_.size();  // the names, as the peers return them
          }
        }
        return sum;
      };
      run_all();
      t0 = now_ms();
      auto const sum = run_all();
      auto const ms = (now_ms() - t0) / static_cast<double>(cqn);
      std::printf(
          "combined_%s_%zu: %zu queries, mean %.1f rows, planner answer = box scan on %zu, "
          "differs on %zu (first: query %zu; rows missing on %zu, wrong rows on %zu), over "
          "the 1000 limit %zu; %.4f ms a query (checksum %llu)\n",
          variant, n_sub, cqn, static_cast<double>(sum_expected) / static_cast<double>(cqn), n_ok,
          n_bad, n_bad ? first_bad + 1 : 0, n_missing, n_extra, n_over_limit, ms,
          static_cast<unsigned long long>(sum));
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: space_bench poi.csv queries.csv [n_queries]\n";
    return 2;
  }
  auto const n_queries = argc > 3 ? std::stoul(argv[3]) : 10000UL;
  std::vector<poi> pois;
  {
    std::ifstream in{argv[1]};
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      auto const f = split_csv(line);
      auto const start = static_cast<std::int32_t>(std::stol(f[6]));
      pois.push_back({std::stoll(f[0]),
                      {std::stod(f[1]), std::stod(f[2])},
                      f[3],
                      start,
                      f[7].empty() ? kOpenEnd : static_cast<std::int32_t>(std::stol(f[7]))});
    }
  }
  std::vector<lon_lat> queries;
  std::vector<std::string> term2s, term3s;
  {
    std::ifstream in{argv[2]};
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line) && queries.size() < n_queries) {
      auto const f = split_csv(line);
      queries.push_back({std::stod(f[1]), std::stod(f[2])});
      term3s.push_back(f[3]);
      term2s.push_back(f[4]);
    }
  }
  std::cout << "points " << pois.size() << ", queries " << queries.size() << "\n";

  // zhitu: the packed R-tree over point boxes, as the catalog builds it.
  auto t0 = now_ms();
  std::vector<box> boxes;
  std::vector<lon_lat> points;
  boxes.reserve(pois.size());
  for (auto const& p : pois) {
    boxes.push_back({p.p_.lon_, p.p_.lat_, p.p_.lon_, p.p_.lat_});
    points.push_back(p.p_);
  }
  zhitu::index::rtree const tree{boxes};
  auto const zhitu_build_ms = now_ms() - t0;

  // SQLite: in-memory R*Tree, prepared statements.
  t0 = now_ms();
  sqlite3* db = nullptr;
  check(sqlite3_open(":memory:", &db), db, "open");
  check(sqlite3_exec(db, "CREATE VIRTUAL TABLE poi_rt USING rtree(id, minx, maxx, miny, maxy);",
                     nullptr, nullptr, nullptr),
        db, "create");
  check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
  sqlite3_stmt* ins = nullptr;
  check(sqlite3_prepare_v2(db, "INSERT INTO poi_rt VALUES (?, ?, ?, ?, ?)", -1, &ins, nullptr), db,
        "prepare insert");
  for (std::size_t i = 0; i < pois.size(); ++i) {
    sqlite3_bind_int64(ins, 1, static_cast<std::int64_t>(i));
    sqlite3_bind_double(ins, 2, pois[i].p_.lon_);
    sqlite3_bind_double(ins, 3, pois[i].p_.lon_);
    sqlite3_bind_double(ins, 4, pois[i].p_.lat_);
    sqlite3_bind_double(ins, 5, pois[i].p_.lat_);
    check(sqlite3_step(ins), db, "insert");
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  auto const sqlite_build_ms = now_ms() - t0;
  sqlite3_stmt* ids_stmt = nullptr;
  sqlite3_stmt* count_stmt = nullptr;
  check(sqlite3_prepare_v2(db,
                           "SELECT id FROM poi_rt WHERE maxx >= ?1 AND minx <= ?2 AND maxy >= ?3 "
                           "AND miny <= ?4",
                           -1, &ids_stmt, nullptr),
        db, "prepare ids");
  check(sqlite3_prepare_v2(db,
                           "SELECT count(*) FROM poi_rt WHERE minx >= ?1 AND maxx <= ?2 AND "
                           "miny >= ?3 AND maxy <= ?4",
                           -1, &count_stmt, nullptr),
        db, "prepare count");
  auto const sqlite_ids = [&](box const& b, std::vector<std::uint32_t>& out) {
    sqlite3_bind_double(ids_stmt, 1, b.min_lon_);
    sqlite3_bind_double(ids_stmt, 2, b.max_lon_);
    sqlite3_bind_double(ids_stmt, 3, b.min_lat_);
    sqlite3_bind_double(ids_stmt, 4, b.max_lat_);
    while (sqlite3_step(ids_stmt) == SQLITE_ROW) {
      auto const id = static_cast<std::uint32_t>(sqlite3_column_int64(ids_stmt, 0));
      // The R*Tree stores 32-bit floats rounded outwards, so it is asked for overlapping boxes
      // (which never misses a point) and the true point is re-checked, as a join would.
      if (b.contains(pois[id].p_)) {
        out.push_back(id);
      }
    }
    sqlite3_reset(ids_stmt);
  };
  auto const sqlite_count = [&](box const& b) {
    sqlite3_bind_double(count_stmt, 1, b.min_lon_);
    sqlite3_bind_double(count_stmt, 2, b.max_lon_);
    sqlite3_bind_double(count_stmt, 3, b.min_lat_);
    sqlite3_bind_double(count_stmt, 4, b.max_lat_);
    sqlite3_step(count_stmt);
    auto const n = static_cast<std::size_t>(sqlite3_column_int64(count_stmt, 0));
    sqlite3_reset(count_stmt);
    return n;
  };
  auto const planar2 = [](lon_lat a, lon_lat b) {
    return (a.lon_ - b.lon_) * (a.lon_ - b.lon_) + (a.lat_ - b.lat_) * (a.lat_ - b.lat_);
  };
  auto const sqlite_knn = [&](lon_lat q, std::size_t k, std::vector<std::uint32_t>& out) {
    // Grow the box until it holds k rows, then widen it to the k-th row's distance so no nearer
    // row outside the box is missed.
    std::vector<std::uint32_t> ids;
    for (double r = 0.01;; r *= 2) {
      ids.clear();
      sqlite_ids({q.lon_ - r, q.lat_ - r, q.lon_ + r, q.lat_ + r}, ids);
      if (ids.size() >= k || r > 360) {
        break;
      }
    }
    auto const by_dist = [&](std::uint32_t a, std::uint32_t b) {
      auto const dist_a = planar2(q, pois[a].p_);
      auto const dist_b = planar2(q, pois[b].p_);
      return dist_a != dist_b ? dist_a < dist_b : a < b;
    };
    std::sort(ids.begin(), ids.end(), by_dist);
    if (ids.size() >= k) {
      auto const r = std::sqrt(planar2(q, pois[ids[k - 1]].p_));
      ids.clear();
      sqlite_ids({q.lon_ - r, q.lat_ - r, q.lon_ + r, q.lat_ + r}, ids);
      std::sort(ids.begin(), ids.end(), by_dist);
    }
    ids.resize(std::min(k, ids.size()));
    out = ids;
  };
  auto const box_around = [](lon_lat q, double d) {
    return box{q.lon_ - d, q.lat_ - d, q.lon_ + d, q.lat_ + d};
  };

  // Correctness before timing.
  std::size_t n_checked = 0;
  std::size_t max_count_diff = 0;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    auto const q = queries[i];
    for (auto const d : {0.025, 0.25}) {
      std::vector<std::uint32_t> a, b;
      tree.search(box_around(q, d), a);
      sqlite_ids(box_around(q, d), b);
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      if (a != b || tree.count(box_around(q, d)) != a.size()) {
        std::cerr << "bbox mismatch at query " << i << "\n";
        return 1;
      }
      // SQLite's count(*) on the R*Tree alone sees the float32 boxes: off by border points.
      auto const c = sqlite_count(box_around(q, d));
      max_count_diff = std::max(max_count_diff, c > b.size() ? c - b.size() : b.size() - c);
    }
    if (i < 200) {  // kNN against brute force, each in its own metric
      std::vector<std::pair<std::uint32_t, double>> nn;
      tree.nearest(q, 10, points, {}, nn);
      std::vector<double> d;
      for (auto const& p : points) {
        d.push_back(zhitu::model::distance_m(q, p));
      }
      std::partial_sort(d.begin(), d.begin() + 10, d.end());
      std::vector<std::uint32_t> s;
      sqlite_knn(q, 10, s);
      std::vector<double> dp;
      for (auto const& p : points) {
        dp.push_back(planar2(q, p));
      }
      std::partial_sort(dp.begin(), dp.begin() + 10, dp.end());
      for (std::size_t j = 0; j < 10; ++j) {
        if (nn[j].second != d[j] || planar2(q, pois[s[j]].p_) != dp[j]) {
          std::cerr << "knn mismatch at query " << i << "\n";
          return 1;
        }
      }
    }
    ++n_checked;
  }
  std::cout << "checked: bbox 5 km and 50 km equal (ids and counts) on " << n_checked
            << " queries (SQLite ids re-checked against the true points); SQLite R*Tree count(*) "
            << "off by at most " << max_count_diff << " (float32 boxes); 10-nearest equal to "
            << "brute force on 200\n";

  auto const run = [&](auto&& f) {
    std::uint64_t sum = 0;
    auto const start = now_ms();
    for (auto const& q : queries) {
      sum += f(q);
    }
    return timing{now_ms() - start, queries.size(), sum};
  };
  std::vector<std::uint32_t> hits;
  auto const z5 = run([&](lon_lat q) {
    hits.clear();
    tree.search(box_around(q, 0.025), hits);
    std::uint64_t s = hits.size();
    for (auto const h : hits) {
      s += pois[h].name_.size();  // the names, as the peers return them
    }
    return s;
  });
  auto const s5 = run([&](lon_lat q) {
    hits.clear();
    sqlite_ids(box_around(q, 0.025), hits);
    std::uint64_t s = hits.size();
    for (auto const h : hits) {
      s += pois[h].name_.size();
    }
    return s;
  });
  auto const z50 = run([&](lon_lat q) { return tree.count(box_around(q, 0.25)); });
  auto const s50 = run([&](lon_lat q) { return sqlite_count(box_around(q, 0.25)); });
  std::vector<std::pair<std::uint32_t, double>> nn;
  auto const zk = run([&](lon_lat q) {
    nn.clear();
    tree.nearest(q, 10, points, {}, nn);
    return std::uint64_t{nn.back().first};
  });
  auto const sk = run([&](lon_lat q) {
    sqlite_knn(q, 10, hits);
    return std::uint64_t{hits.back()};
  });

  std::printf("build: zhitu %.0f ms, sqlite %.0f ms; zhitu tree %.1f MB (%.1f bytes a point)\n",
              zhitu_build_ms, sqlite_build_ms, static_cast<double>(tree.memory_bytes()) / 1e6,
              static_cast<double>(tree.memory_bytes()) / static_cast<double>(pois.size()));
  std::printf(
      "| workload | zhitu ms/query | SQLite R*Tree ms/query | SQLite / zhitu | checksum |\n");
  std::printf("| --- | --- | --- | --- | --- |\n");
  auto const row = [](char const* name, timing const& z, timing const& s, bool same_sum) {
    std::printf("| %s | %.4f | %.4f | %.1fx | %llu%s |\n", name, z.per_query_ms(), s.per_query_ms(),
                s.per_query_ms() / z.per_query_ms(), static_cast<unsigned long long>(z.checksum_),
                same_sum ? " (equal)" : "");
  };
  row("bbox_5km (ids + names)", z5, s5, z5.checksum_ == s5.checksum_);
  row("bbox_50km_count", z50, s50, z50.checksum_ == s50.checksum_);
  row("knn10 (zhitu metres, SQLite planar)", zk, sk, false);
  sqlite3_finalize(ids_stmt);
  sqlite3_finalize(count_stmt);
  sqlite3_close(db);
  std::cout.flush();
  if (argc > 5) {
    return extra_workloads(pois, queries, term2s, term3s, tree, argv[4], argv[5]);
  }
  return 0;
}
