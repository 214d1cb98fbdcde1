// SPDX-License-Identifier: Apache-2.0
// What both importer fuzzers check besides "no crash, hang or leak": the outcome is consistent,
// every message is valid UTF-8 (the server puts them into JSON), a clean batch holds only valid
// entities, and exporting it and reading the export back gives the same entities.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "io/detail/text.h"
#include "io/export.h"
#include "io/import.h"

namespace zhitu::io::fuzz {

inline constexpr std::size_t kMaxErrors = 20;

[[noreturn]] inline void violated(std::string const& what) {
  std::fprintf(stderr, "invariant violated: %s\n", what.c_str());
  std::abort();
}

inline void require(bool cond, std::string const& what) {
  if (!cond) {
    violated(what);
  }
}

// An input starting with a control byte (other than tab, LF, CR) uses that byte to pick the
// meta: CRS, whether geometry is required, whether there is a default kind. Plain text inputs
// (the seeds) use WGS84, optional geometry and the default kind "site".
inline file_meta pick_meta(std::string_view& text) {
  file_meta m;
  m.dataset_ = {.id_ = "fuzz", .title_ = "Fuzz", .licence_ = "CC0-1.0"};
  m.kind_ = "site";
  m.geometry_required_ = false;
  if (!text.empty()) {
    auto const b = static_cast<unsigned char>(text.front());
    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
      text.remove_prefix(1);
      m.crs_ = static_cast<model::crs>(b % 3);
      m.geometry_required_ = (b & 4) != 0;
      if ((b & 8) != 0) {
        m.kind_.clear();
      }
      if ((b & 16) != 0) {
        m.columns_.name_ = "名称";  // an explicit, non-default mapping
      }
    }
  }
  // A second control byte: 1 requires citations, 2 makes the file relations (cited).
  if (!text.empty() && (text.front() == '\x01' || text.front() == '\x02')) {
    m.citations_required_ = true;
    if (text.front() == '\x02') {
      m.records_ = record_kind::kRelations;
    }
    text.remove_prefix(1);
  }
  return m;
}

inline void check_outcome(read_outcome const& out, file_meta const& meta) {
  require(out.errors_.size() <= kMaxErrors, "more errors kept than max_errors");
  require(out.n_errors_ >= out.errors_.size(), "n_errors_ below errors_.size()");
  require(out.ok() == (out.n_errors_ == 0), "ok() disagrees with n_errors_");
  for (auto const& e : out.errors_) {
    auto const s = e.to_string();
    require(!e.message_.empty(), "empty error message: " + s);
    require(!detail::find_invalid_utf8(s).has_value(), "error text is not UTF-8");
  }
  if (!out.ok()) {
    require(out.batch_.entities_.empty() && out.batch_.relations_.empty(),
            "a batch with errors still holds entities or relations");
    return;
  }
  require(meta.records_ == record_kind::kEntities || out.batch_.entities_.empty(),
          "a relations file gave entities");
  for (auto const& r : out.batch_.relations_) {
    require(
        model::is_valid_id(r.subject_) && model::is_valid_id(r.object_) && r.subject_ != r.object_,
        "invalid relation ends accepted: " + r.subject_ + " " + r.object_);
    require(model::is_valid_kind(r.predicate_), "invalid predicate accepted: " + r.predicate_);
    require(!meta.citations_required_ ||
                (model::is_valid_source_url(r.source_.url_) && !r.source_.title_.empty()),
            "relation without its citation: " + r.subject_);
    require(!r.time_ || r.time_->valid(), "invalid relation time span");
  }
  std::set<std::string> ids;
  for (auto const& e : out.batch_.entities_) {
    require(model::is_valid_id(e.id_), "invalid id accepted: " + e.id_);
    require(ids.insert(e.id_).second, "duplicate id accepted: " + e.id_);
    require(model::is_valid_kind(e.kind_), "invalid kind accepted: " + e.kind_);
    require(!e.names_.primary().empty(), "entity without a name: " + e.id_);
    require(e.sources_.size() == 1 && e.sources_[0].dataset_ == meta.dataset_.id_ &&
                !e.sources_[0].record_.empty(),
            "entity without its source: " + e.id_);
    auto const p = nlohmann::json::parse(e.properties_, nullptr, false);
    require(p.is_object(), "properties are not a JSON object: " + e.id_);
    if (e.geometry_) {
      auto const b = model::bounds(*e.geometry_);
      require(!b.empty() && b.min_lon_ >= -180 && b.max_lon_ <= 180 && b.min_lat_ >= -90 &&
                  b.max_lat_ <= 90,
              "geometry out of range: " + e.id_);
    }
    require(!meta.geometry_required_ || e.geometry_.has_value(), "required geometry missing");
    require(!e.time_ || e.time_->valid(), "invalid time span: " + e.id_);
    require(!meta.citations_required_ ||
                (model::is_valid_source_url(e.sources_[0].url_) && !e.sources_[0].title_.empty()),
            "entity without its citation: " + e.id_);
  }
}

enum class via : std::uint8_t { kCsv, kGeoJson };

// What an export in format `v` keeps of an entity (docs/importing.md, "Exporting"): reserved
// property names give way to the fixed fields; CSV cells are text, so values come back as the
// importer reads text, blanks are dropped, and aliases are split again at '|'.
inline model::entity as_exported(model::entity e, via v) {
  static std::set<std::string> const kCsvReserved{"id",      "kind",     "name",    "name_en",
                                                  "aliases", "lon",      "lat",     "start",
                                                  "end",     "geometry", "dataset", "record"};
  static std::set<std::string> const kGeoJsonReserved{
      "id",           "kind",         "name", "name_en", "aliases", "start",
      "start_latest", "end_earliest", "end",  "dataset", "record"};
  auto const& reserved = v == via::kCsv ? kCsvReserved : kGeoJsonReserved;
  auto const props = nlohmann::json::parse(e.properties_);
  auto kept = nlohmann::json::object();
  for (auto const& [key, value] : props.items()) {
    if (reserved.contains(key)) {
      continue;
    }
    if (v == via::kGeoJson) {
      kept[key] = value;
      continue;
    }
    auto const text = detail::cell_text(value);
    if (key == "era") {  // the era column is read as trimmed text
      if (auto const t = detail::trim(text); !t.empty()) {
        kept[key] = std::string{t};
      }
    } else if (!key.empty() && !detail::trim(text).empty()) {
      kept[key] = detail::property_value(text);
    }
  }
  e.properties_ = kept.dump();
  if (v == via::kCsv) {
    std::vector<std::string> aliases;
    std::set<std::string> seen{e.names_.zh_, e.names_.en_};
    for (auto const& a : e.names_.aliases_) {
      std::string_view rest = a;
      while (true) {
        auto const bar = rest.find('|');
        auto const part = std::string{detail::trim(rest.substr(0, bar))};
        if (!part.empty() && seen.insert(part).second) {
          aliases.push_back(part);
        }
        if (bar == std::string_view::npos) {
          break;
        }
        rest.remove_prefix(bar + 1);
      }
    }
    e.names_.aliases_ = aliases;
  }
  return e;
}

// Equal up to sources and what the export format cannot carry (as_exported).
inline void require_same_entities(std::vector<model::entity> const& before,
                                  std::vector<model::entity> const& after, via v, char const* how) {
  require(before.size() == after.size(), std::string{how} + ": entity count changed");
  for (std::size_t i = 0; i < before.size(); ++i) {
    auto a = as_exported(before[i], v);
    auto b = after[i];
    auto const pa = nlohmann::json::parse(a.properties_);
    auto const pb = nlohmann::json::parse(b.properties_);
    // Compared as JSON: 2.0 written to CSV comes back as the integer 2.
    require(pa == pb, std::string{how} + ": properties changed for " + a.id_ + ": " + pa.dump() +
                          " vs " + pb.dump());
    a.properties_ = b.properties_ = {};
    a.sources_.clear();
    b.sources_.clear();
    require(a == b, std::string{how} + ": entity changed: " + a.id_);
  }
}

inline std::vector<model::entity const*> pointers(std::vector<model::entity> const& v) {
  std::vector<model::entity const*> out;
  for (auto const& e : v) {
    out.push_back(&e);
  }
  return out;
}

// Exports in WGS84 and reads the export back with the same meta but WGS84 coordinates.
inline void check_round_trips(read_outcome const& out, file_meta meta) {
  if (!out.ok() || out.batch_.entities_.empty()) {
    return;
  }
  meta.crs_ = model::crs::kWgs84;
  meta.geometry_required_ = false;
  meta.columns_ = {};  // exports use the default names
  meta.explicit_fields_.clear();
  auto const v = pointers(out.batch_.entities_);

  std::ostringstream csv;
  write_csv(csv, v);
  auto const from_csv = read_csv(csv.str(), "export.csv", meta, kMaxErrors);
  if (!from_csv.ok()) {
    violated("CSV export does not re-import: " + from_csv.errors_.front().to_string());
  }
  require_same_entities(out.batch_.entities_, from_csv.batch_.entities_, via::kCsv,
                        "csv round trip");

  std::ostringstream geojson;
  write_geojson(geojson, v);
  auto const from_geojson = read_geojson(geojson.str(), "export.geojson", meta, kMaxErrors);
  if (!from_geojson.ok()) {
    violated("GeoJSON export does not re-import: " + from_geojson.errors_.front().to_string());
  }
  require_same_entities(out.batch_.entities_, from_geojson.batch_.entities_, via::kGeoJson,
                        "geojson round trip");
}

}  // namespace zhitu::io::fuzz
