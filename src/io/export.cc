// SPDX-License-Identifier: Apache-2.0
#include "io/export.h"

#include <array>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "io/detail/text.h"
#include "model/check.h"
#include "model/geojson.h"

namespace zhitu::io {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Keys an entity's own properties may not take in GeoJSON output.
constexpr std::array<std::string_view, 11> kReservedProperties{
    "id",  "kind",    "name",   "name_en",      "aliases",   "start",
    "end", "dataset", "record", "source_title", "source_url"};

// The fixed CSV columns, in order; the importer recognises a file starting with them.
constexpr std::array<std::string_view, 14> kCsvColumns{
    "id",  "kind",     "name",    "name_en", "aliases",      "lon",       "lat",
    "start", "end", "geometry", "dataset", "record", "source_title", "source_url"};

template <std::size_t N>
bool is_one_of(std::string_view key, std::array<std::string_view, N> const& keys) {
  for (auto const k : keys) {
    if (k == key) {
      return true;
    }
  }
  return false;
}

json parse_properties(model::entity const& e) {
  auto p = json::parse(e.properties_, nullptr, false);
  if (p.is_discarded() || !p.is_object()) {
    // The store and importers only ever write objects: this is a damaged store.
    throw zhitu::exception("entity " + e.id_ + ": properties are not a JSON object");
  }
  return p;
}

model::geometry converted(model::geometry g, model::crs to) {
  model::transform_points(g, [to](model::lon_lat p) {
    auto const c = model::from_wgs84(to, p);
    return model::lon_lat{detail::round_coordinate(c.lon_), detail::round_coordinate(c.lat_)};
  });
  return g;
}

// GeoJSON geometry with "type" first, as people write it (geometry_to_geojson sorts keys).
ordered_json type_first(json const& g) {
  ordered_json out = ordered_json::object();
  out["type"] = g.at("type");
  for (auto const& [key, value] : g.items()) {
    if (key == "geometries") {
      auto& members = out[key] = ordered_json::array();
      for (auto const& m : value) {
        members.push_back(type_first(m));
      }
    } else if (key != "type") {
      out[key] = value;
    }
  }
  return out;
}

// The feature with keys in reading order (type, id, geometry, properties; reserved properties
// first), which `json` (sorted keys) cannot keep.
ordered_json ordered_feature(model::entity const& e, export_options const& opt) {
  ordered_json f;
  f["type"] = "Feature";
  f["id"] = e.id_;
  f["geometry"] = e.geometry_
                      ? type_first(model::geometry_to_geojson(converted(*e.geometry_, opt.crs_)))
                      : ordered_json(nullptr);
  auto& p = f["properties"];
  p = ordered_json::object();
  p["id"] = e.id_;
  p["kind"] = e.kind_;
  p["name"] = e.names_.zh_;
  if (!e.names_.en_.empty()) {
    p["name_en"] = e.names_.en_;
  }
  if (!e.names_.aliases_.empty()) {
    p["aliases"] = e.names_.aliases_;
  }
  if (e.time_) {
    p["start"] = e.time_->first_year();
    p["end"] = e.time_->last_year();
  }
  if (!e.sources_.empty()) {
    p["dataset"] = e.sources_.front().dataset_;
    p["record"] = e.sources_.front().record_;
    if (!e.sources_.front().url_.empty()) {
      p["source_title"] = e.sources_.front().title_;
      p["source_url"] = e.sources_.front().url_;
    }
  }
  auto const own = parse_properties(e);  // a named object: items() does not keep it alive
  for (auto const& [key, value] : own.items()) {
    if (!is_one_of(key, kReservedProperties)) {
      p[key] = value;
    }
  }
  return f;
}

std::string join_aliases(std::vector<std::string> const& aliases) {
  std::string s;
  for (auto const& a : aliases) {
    s += (s.empty() ? "" : "|") + a;
  }
  return s;
}

}  // namespace

json to_feature(model::entity const& e, export_options const& opt) {
  return json(ordered_feature(e, opt));
}

void write_geojson(std::ostream& out, std::span<model::entity const* const> entities,
                   export_options const& opt) {
  // `generator` lets the importer recognise its own output (see docs/importing.md).
  out << R"({"type":"FeatureCollection","generator":"zhitu","features":[)";
  auto first = true;
  for (auto const* e : entities) {
    ZHITU_CHECK(e != nullptr, "write_geojson: null entity");
    out << (first ? "\n" : ",\n")
        << ordered_feature(*e, opt).dump(-1, ' ', false, json::error_handler_t::replace);
    first = false;
  }
  out << "\n]}\n";
}

void write_geojson_seq(std::ostream& out, std::span<model::entity const* const> entities,
                       export_options const& opt) {
  for (auto const* e : entities) {
    ZHITU_CHECK(e != nullptr, "write_geojson_seq: null entity");
    out << '\x1e' << ordered_feature(*e, opt).dump(-1, ' ', false, json::error_handler_t::replace)
        << '\n';
  }
}

void write_csv(std::ostream& out, std::span<model::entity const* const> entities,
               export_options const& opt) {
  // Two passes over the properties (parsed twice) keep memory flat for large exports.
  std::set<std::string> keys;
  for (auto const* e : entities) {
    ZHITU_CHECK(e != nullptr, "write_csv: null entity");
    auto const props = parse_properties(*e);
    for (auto const& [key, value] : props.items()) {
      // An empty name would make a column the importer refuses.
      if (!key.empty() && !is_one_of(key, kCsvColumns)) {
        keys.insert(key);
      }
    }
  }
  std::string line;
  for (auto const c : kCsvColumns) {
    line += (line.empty() ? "" : ",");
    line += c;
  }
  for (auto const& k : keys) {
    line += ',';
    detail::append_csv_field(line, k);
  }
  out << line << '\n';

  for (auto const* e : entities) {
    line.clear();
    auto const cell = [&](std::string_view v) {
      detail::append_csv_field(line, v);
      line += ',';
    };
    cell(e->id_);
    cell(e->kind_);
    cell(e->names_.zh_);
    cell(e->names_.en_);
    cell(join_aliases(e->names_.aliases_));
    std::string lon, lat, geometry;
    if (e->geometry_) {
      auto const g = converted(*e->geometry_, opt.crs_);
      if (g.type_ == model::geometry_type::kPoint) {
        lon = detail::format_double(g.points_.front().lon_);
        lat = detail::format_double(g.points_.front().lat_);
      } else {
        geometry = model::geometry_to_geojson(g).dump();
      }
    }
    cell(lon);
    cell(lat);
    cell(e->time_ ? std::to_string(e->time_->first_year()) : std::string{});
    cell(e->time_ ? std::to_string(e->time_->last_year()) : std::string{});
    cell(geometry);
    cell(e->sources_.empty() ? std::string{} : e->sources_.front().dataset_);
    cell(e->sources_.empty() ? std::string{} : e->sources_.front().record_);
    cell(e->sources_.empty() ? std::string{} : e->sources_.front().title_);
    cell(e->sources_.empty() ? std::string{} : e->sources_.front().url_);
    auto const props = parse_properties(*e);
    for (auto const& k : keys) {
      auto const it = props.find(k);
      cell(it == props.end() ? std::string{} : detail::cell_text(*it));
    }
    line.pop_back();  // the last ','
    out << line << '\n';
  }
}

}  // namespace zhitu::io
