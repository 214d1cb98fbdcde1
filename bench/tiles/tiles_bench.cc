// SPDX-License-Identifier: Apache-2.0
// Uncached vector tile generation on the peer data set (bench/peers/setup_postgis.sh writes
// poi.csv and queries.csv): the same tiles PostGIS's ST_AsMVT makes, timed in-process.
//
//   tiles_bench POI_CSV QUERIES_CSV [N_QUERIES]
//
// Prints one line per zoom: `mvt_z8 n=… mean_ms=… p50_ms=… p99_ms=… features=… bytes=…`, with a
// feature count checksum so a fast empty tile cannot pass for a fast tile; then the cluster
// index's build (`cluster_build … cells=z0:…`, its peer is supercluster/build.mjs) and clustered
// low-zoom tiles made without it, with it, and filtered by time (`clustered_z4 per_tile …`).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "index/catalog.h"
#include "tiles/cluster_index.h"
#include "tiles/render.h"

namespace {

std::vector<std::string> split_csv_line(std::string const& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    auto const c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: tiles_bench POI_CSV QUERIES_CSV [N_QUERIES]\n";
    return 2;
  }
  auto const n_queries = argc > 3 ? std::stoul(argv[3]) : 1000UL;

  // poi.csv: id, lon, lat, name, name_py, cat, start_year, end_year. Years only when asked:
  // the tiles compared with ST_AsMVT carry id, kind and name, as the peer's carry id, name, cat.
  auto const load = [&](bool with_years) {
    std::vector<zhitu::model::entity> entities;
    std::ifstream in{argv[1]};
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      auto const f = split_csv_line(line);
      zhitu::model::entity e;
      e.id_ = f[0];
      e.kind_ = "poi";
      e.names_.zh_ = f[3];
      e.geometry_ = zhitu::model::make_point({std::stod(f[1]), std::stod(f[2])});
      e.properties_ = "{\"cat\":" + f[5] + "}";
      if (with_years && !f[6].empty()) {  // still standing when the end is empty
        e.time_ = zhitu::model::time_span::exact(std::stoi(f[6]), f[7].empty() ? 2026 : std::stoi(f[7]));
      }
      e.sources_ = {{"peer", "line"}};
      entities.push_back(std::move(e));
    }
    return entities;
  };
  auto entities = load(false);
  auto const t0 = std::chrono::steady_clock::now();
  auto const n_entities = entities.size();
  auto cat = zhitu::index::catalog::build(std::move(entities), {}, {});
  std::cout << "catalog entities=" << n_entities << " build_s="
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << '\n';

  // queries.csv: qid, lon, lat, term3, term2, termpy, termtypo, z8x, z8y, z12x, z12y, z14x, z14y
  std::vector<std::vector<std::string>> queries;
  {
    std::ifstream in{argv[2]};
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line) && queries.size() < n_queries) {
      queries.push_back(split_csv_line(line));
    }
  }

  // Like ST_AsMVT in the peer query: every point, no clustering, buffer 64, extent 4096.
  zhitu::tiles::tile_config cfg;
  cfg.cluster_below_zoom_ = 0;
  for (auto const& [zoom, col] : {std::pair{8, 7}, std::pair{12, 9}, std::pair{14, 11}}) {
    std::vector<double> ms;
    std::size_t bytes = 0;
    for (auto const& q : queries) {
      zhitu::tiles::tile_request const req{
          .tile_ = {static_cast<std::uint8_t>(zoom), static_cast<std::uint32_t>(std::stoul(q[col])),
                    static_cast<std::uint32_t>(std::stoul(q[col + 1]))}};
      auto const start = std::chrono::steady_clock::now();
      auto const tile = zhitu::tiles::render_tile(*cat, req, cfg);
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
      bytes += tile.size();
    }
    double sum = 0;
    for (auto const v : ms) {
      sum += v;
    }
    std::printf("mvt_z%d n=%zu mean_ms=%.4f p50_ms=%.4f p99_ms=%.4f avg_bytes=%zu\n", zoom, ms.size(),
                sum / static_cast<double>(ms.size()), percentile(ms, 0.5), percentile(ms, 0.99),
                bytes / std::max<std::size_t>(1, ms.size()));
  }

  // The cluster index, built as the server builds it: from the catalog, every zoom below 10.
  constexpr auto kBuildRuns = 5;
  std::vector<double> build_ms;
  std::optional<zhitu::tiles::cluster_index> clusters;
  for (auto r = 0; r < kBuildRuns; ++r) {
    clusters.reset();
    auto const start = std::chrono::steady_clock::now();
    clusters.emplace(*cat);
    build_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::string cells;
  for (unsigned z = 0; z < zhitu::tiles::tile_config{}.cluster_below_zoom_; ++z) {
    cells += (z == 0 ? "z" : ",z") + std::to_string(z) + ":" + std::to_string(clusters->size(z));
  }
  double build_sum = 0;
  for (auto const v : build_ms) {
    build_sum += v;
  }
  std::printf("cluster_build points=%zu runs=%d mean_ms=%.1f min_ms=%.1f memory_mb=%.1f cells=%s\n",
              n_entities, kBuildRuns, build_sum / kBuildRuns,
              *std::min_element(build_ms.begin(), build_ms.end()),
              static_cast<double>(clusters->memory_bytes()) / 1e6, cells.c_str());

  // Clustered tiles over the query points' z8 tiles' parents, as the server makes them: without
  // and with the index, then (a catalog with years) filtered to the Tang dynasty's years.
  for (auto const variant : {"per_tile", "index", "tang_per_tile", "tang_index"}) {
    auto const indexed = std::string_view{variant}.ends_with("index");
    auto const tang = std::string_view{variant}.starts_with("tang");
    if (std::string_view{variant} == "tang_per_tile") {
      clusters.reset();
      cat = zhitu::index::catalog::build(load(true), {}, {});
      clusters.emplace(*cat);
    }
    for (auto const zoom : {4, 6, 8}) {
      std::vector<double> ms;
      std::size_t bytes = 0;
      for (auto const& q : queries) {
        auto const shift = 8 - zoom;
        zhitu::tiles::tile_request const req{
            .tile_ = {static_cast<std::uint8_t>(zoom), static_cast<std::uint32_t>(std::stoul(q[7]) >> shift),
                      static_cast<std::uint32_t>(std::stoul(q[8]) >> shift)},
            .from_year_ = tang ? std::optional{618} : std::nullopt,
            .to_year_ = tang ? std::optional{907} : std::nullopt};
        auto const start = std::chrono::steady_clock::now();
        auto const tile = zhitu::tiles::render_tile(*cat, req, {}, indexed ? &*clusters : nullptr);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        bytes += tile.size();
      }
      double sum = 0;
      for (auto const v : ms) {
        sum += v;
      }
      std::printf("clustered_z%d %s n=%zu mean_ms=%.4f p50_ms=%.4f p99_ms=%.4f avg_bytes=%zu\n", zoom,
                  variant, ms.size(), sum / static_cast<double>(ms.size()), percentile(ms, 0.5),
                  percentile(ms, 0.99), bytes / std::max<std::size_t>(1, ms.size()));
    }
  }
  return 0;
}
