// SPDX-License-Identifier: Apache-2.0
// `zhitu query` and `zhitu export`: the same selection (name, box, kind), printed as a table
// or JSON, or exported as GeoJSON / CSV.
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "index/catalog.h"
#include "io/export.h"
#include "query/features.h"
#include "query/search.h"
#include "server/params.h"
#include "store/sqlite_store.h"
#include "tiles/pmtiles.h"

namespace zhitu::cli {

namespace {

struct selection_flags {
  std::string db_{default_db()};
  std::string text_;
  std::string bbox_;
  std::string kinds_;
  std::size_t limit_{0};

  void add_to(CLI::App& app, std::size_t default_limit) {
    limit_ = default_limit;
    app.add_option("--db", db_, "store file ($ZHITU_DB)")->capture_default_str();
    app.add_option("-q,--text", text_, "name to search for (Chinese, English, alias; prefix)");
    app.add_option("--bbox", bbox_, "west,south,east,north in WGS84 degrees");
    app.add_option("--kind", kinds_, "comma-separated kinds, e.g. heritage_site,station");
    app.add_option("--limit", limit_, "most entities to return (0: no limit)")
        ->capture_default_str();
  }
};

struct selection {
  std::shared_ptr<index::catalog const> catalog_;
  std::vector<index::entity_idx> entities_;
};

result<selection> select(selection_flags const& f) {
  store::sqlite_store const store{f.db_, store::open_mode::kReadOnly};
  selection out;
  out.catalog_ =
      index::catalog::build(store.load_entities(), store.load_datasets(), store.load_relations());
  auto const& cat = *out.catalog_;
  std::optional<std::vector<index::kind_idx>> kinds;
  if (!f.kinds_.empty()) {
    auto k = server::parse_kinds(cat, f.kinds_);
    if (!k) {
      return k.err();
    }
    kinds = std::move(*k);
  }
  std::optional<model::box> bbox;
  if (!f.bbox_.empty()) {
    auto b = server::parse_bbox(f.bbox_);
    if (!b) {
      return b.err();
    }
    bbox = *b;
  }
  auto const limit = f.limit_ == 0 ? cat.size() : f.limit_;
  if (!f.text_.empty()) {
    auto const hits = query::search(cat, {.text_ = f.text_, .kinds_ = kinds, .limit_ = cat.size()});
    if (!hits) {
      return hits.err();
    }
    for (auto const& h : *hits) {
      if (out.entities_.size() == limit) {
        break;
      }
      if (!bbox || cat.bounds(h.entity_).intersects(*bbox)) {
        out.entities_.push_back(h.entity_);
      }
    }
    return out;
  }
  out.entities_ =
      query::select_features(cat, {.bbox_ = bbox, .kinds_ = kinds, .limit_ = limit}).entities_;
  return out;
}

std::vector<model::entity const*> pointers(selection const& s) {
  std::vector<model::entity const*> out;
  out.reserve(s.entities_.size());
  for (auto const i : s.entities_) {
    out.push_back(&s.catalog_->at(i));
  }
  return out;
}

int reject(error const& e) {
  std::cerr << "zhitu: " << e.message_ << '\n';
  return kExitInputRejected;
}

}  // namespace

command add_query(CLI::App& app) {
  auto f = std::make_shared<selection_flags>();
  auto format = std::make_shared<std::string>("table");
  f->add_to(app, 20);
  app.add_option("--format", *format,
                 "table, json (one entity a line), geojson, geojsonseq (RFC 8142) or csv")
      ->check(CLI::IsMember({"table", "json", "geojson", "geojsonseq", "csv"}))
      ->capture_default_str();
  return [f, format] {
    auto const s = select(*f);
    if (!s) {
      return reject(s.err());
    }
    auto const entities = pointers(*s);
    if (*format == "geojson") {
      io::write_geojson(std::cout, entities);
    } else if (*format == "geojsonseq") {
      io::write_geojson_seq(std::cout, entities);
    } else if (*format == "csv") {
      io::write_csv(std::cout, entities);
    } else if (*format == "json") {
      for (auto const* e : entities) {
        std::cout << io::to_feature(*e).dump() << '\n';
      }
    } else {
      for (auto const i : s->entities_) {
        auto const& e = s->catalog_->at(i);
        auto const p = s->catalog_->point(i);
        std::cout << e.id_ << '\t' << e.kind_ << '\t' << e.names_.primary();
        if (p) {
          std::cout << '\t' << p->lat_ << " N, " << p->lon_ << " E";
        }
        std::cout << '\n';
      }
    }
    return 0;
  };
}

// `zhitu export --pmtiles FILE --maxzoom N [--layers basemap,entities] [--bbox ...]`: the vector
// tiles in one PMTiles archive, written beside the target and renamed when complete.
int export_pmtiles(selection_flags const& f, std::string const& path, int max_zoom,
                   std::string const& layers) {
  tiles::pmtiles_options opt;
  opt.max_zoom_ = static_cast<std::uint8_t>(max_zoom);
  opt.sets_.clear();
  for (std::size_t i = 0; i <= layers.size();) {
    auto const comma = std::min(layers.find(',', i), layers.size());
    auto const set = tiles::parse_tileset(std::string_view{layers}.substr(i, comma - i));
    if (!set) {
      return reject(
          invalid_argument("--layers: expected basemap and/or entities, got \"" + layers + "\""));
    }
    opt.sets_.push_back(*set);
    i = comma + 1;
  }
  if (!f.bbox_.empty()) {
    auto const b = server::parse_bbox(f.bbox_);
    if (!b) {
      return reject(b.err());
    }
    opt.bounds_ = *b;
  }
  store::sqlite_store const store{f.db_, store::open_mode::kReadOnly};
  auto const cat =
      index::catalog::build(store.load_entities(), store.load_datasets(), store.load_relations());
  auto const tmp = path + ".tmp";
  std::ofstream out{tmp, std::ios::binary | std::ios::trunc};
  if (!out) {
    throw zhitu::exception("cannot write " + tmp);
  }
  auto const summary = tiles::write_pmtiles(*cat, opt, out, [](std::uint8_t z, std::size_t n) {
    std::cerr << "zhitu: zoom " + std::to_string(z) + " done, " + std::to_string(n) +
                     " tiles with data\n";
  });
  out.close();
  if (!out) {
    throw zhitu::exception("writing " + tmp + " failed");
  }
  std::filesystem::rename(tmp, path);
  std::cerr << "zhitu: wrote " << summary.tiles_addressed_ << " tiles (" << summary.tile_contents_
            << " distinct, " << summary.bytes_ / 1024 << " KiB) to " << path << '\n';
  return 0;
}

command add_export(CLI::App& app) {
  auto f = std::make_shared<selection_flags>();
  auto format = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto crs = std::make_shared<std::string>("wgs84");
  auto pmtiles = std::make_shared<std::string>();
  auto max_zoom = std::make_shared<int>(8);
  auto layers = std::make_shared<std::string>("basemap,entities");
  f->add_to(app, 0);
  auto* format_opt = app.add_option("--format", *format, "geojson, geojsonseq (RFC 8142) or csv")
                         ->check(CLI::IsMember({"geojson", "geojsonseq", "csv"}));
  auto* pmtiles_opt =
      app.add_option("--pmtiles", *pmtiles, "write the vector tiles to this PMTiles v3 file");
  format_opt->excludes(pmtiles_opt);
  app.add_option("--maxzoom", *max_zoom, "PMTiles: the highest zoom (0-15)")
      ->check(CLI::Range(0, 15))
      ->capture_default_str();
  app.add_option("--layers", *layers, "PMTiles: tile sets, basemap and/or entities")
      ->capture_default_str();
  app.add_option("-o,--output", *output, "file to write (default: standard output)");
  app.add_option("--crs", *crs, "coordinate system to write: wgs84, gcj02 or bd09")
      ->check(CLI::IsMember({"wgs84", "gcj02", "bd09"}))
      ->capture_default_str();
  return [f, format, output, crs, pmtiles, max_zoom, layers] {
    if (!pmtiles->empty()) {
      return export_pmtiles(*f, *pmtiles, *max_zoom, *layers);
    }
    if (format->empty()) {
      return reject(invalid_argument("give --format geojson|geojsonseq|csv, or --pmtiles FILE"));
    }
    auto const s = select(*f);
    if (!s) {
      return reject(s.err());
    }
    auto const entities = pointers(*s);
    io::export_options const opt{.crs_ = *model::parse_crs(*crs)};
    auto write = [&](std::ostream& out) {
      if (*format == "geojson") {
        io::write_geojson(out, entities, opt);
      } else if (*format == "geojsonseq") {
        io::write_geojson_seq(out, entities, opt);
      } else {
        io::write_csv(out, entities, opt);
      }
    };
    if (output->empty()) {
      write(std::cout);
      std::cout.flush();
      return std::cout ? 0 : 2;
    }
    // Write beside the target and rename, so a failed export never leaves half a file.
    auto const tmp = *output + ".tmp";
    {
      std::ofstream out{tmp, std::ios::binary | std::ios::trunc};
      if (!out) {
        throw zhitu::exception("cannot write " + tmp);
      }
      write(out);
      out.close();
      if (!out) {
        throw zhitu::exception("writing " + tmp + " failed");
      }
    }
    std::filesystem::rename(tmp, *output);
    std::cerr << "zhitu: exported " << entities.size() << " entities to " << *output << '\n';
    return 0;
  };
}

}  // namespace zhitu::cli
