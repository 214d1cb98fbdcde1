// SPDX-License-Identifier: Apache-2.0
#include "io/export.h"

#include <array>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <string>

#include "io/detail/text.h"
#include "model/check.h"

namespace zhitu::io {

namespace {

using nlohmann::json;

// Keys an entity's own properties may not take in GeoJSON output.
constexpr std::array<std::string_view, 13> kReservedProperties{
    "id",           "kind", "name",    "name_en", "aliases",      "start",     "start_latest",
    "end_earliest", "end",  "dataset", "record",  "source_title", "source_url"};

// The fixed CSV columns, in order; the importer recognises a file starting with them.
constexpr std::array<std::string_view, 14> kCsvColumns{
    "id",    "kind", "name",     "name_en", "aliases", "lon",          "lat",
    "start", "end",  "geometry", "dataset", "record",  "source_title", "source_url"};

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

void append_position(std::string& out, model::lon_lat p, model::crs to) {
  auto const c = model::from_wgs84(to, p);
  out += '[';
  detail::append_coordinate(out, c.lon_);
  out += ',';
  detail::append_coordinate(out, c.lat_);
  out += ']';
}

void append_positions(std::string& out, std::span<model::lon_lat const> ps, model::crs to) {
  out += '[';
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    append_position(out, ps[i], to);
  }
  out += ']';
}

void append_rings(std::string& out, model::geometry const& g, std::size_t first, std::size_t last,
                  model::crs to) {
  out += '[';
  for (auto r = first; r < last; ++r) {
    if (r > first) {
      out += ',';
    }
    append_positions(out, model::line(g, r), to);
  }
  out += ']';
}

// A GeoJSON geometry with "type" first, as people write it.
void append_geometry(std::string& out, model::geometry const& g, model::crs to) {
  using model::geometry_type;
  out += R"({"type":")";
  out += model::to_string(g.type_);
  if (g.type_ == geometry_type::kGeometryCollection) {
    out += R"(","geometries":[)";
    for (std::size_t i = 0; i < g.members_.size(); ++i) {
      if (i > 0) {
        out += ',';
      }
      append_geometry(out, g.members_[i], to);
    }
    out += "]}";
    return;
  }
  out += R"(","coordinates":)";
  switch (g.type_) {
    case geometry_type::kPoint:
      append_position(out, g.points_.front(), to);
      break;
    case geometry_type::kMultiPoint:
      append_positions(out, g.points_, to);
      break;
    case geometry_type::kLineString:
      append_positions(out, model::line(g, 0), to);
      break;
    case geometry_type::kMultiLineString:
    case geometry_type::kPolygon:
      append_rings(out, g, 0, g.line_ends_.size(), to);
      break;
    case geometry_type::kMultiPolygon:
      out += '[';
      for (std::size_t p = 0; p < g.part_ends_.size(); ++p) {
        if (p > 0) {
          out += ',';
        }
        append_rings(out, g, p == 0 ? 0 : g.part_ends_[p - 1], g.part_ends_[p], to);
      }
      out += ']';
      break;
    case geometry_type::kGeometryCollection:
      break;
  }
  out += '}';
}

void append_member(std::string& out, std::string_view key) {
  out += ',';
  detail::append_json_string(out, key);
  out += ':';
}

// The entity's own properties after the reserved ones. They are stored as a JSON object's text,
// which is copied as it is unless it may hold a reserved key.
void append_own_properties(std::string& out, model::entity const& e) {
  std::string_view text = e.properties_;
  // Whether a key is reserved, or written with escapes (nlohmann never writes them, so such a
  // key is only compared after parsing).
  auto const may_hold_reserved = [&] {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '"') {
        continue;
      }
      auto const start = i + 1;
      auto escaped = false;
      for (i = start; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') {
          escaped = true;
          ++i;
        }
      }
      auto const next = text.find_first_not_of(" \t\r\n", i + 1);
      if (next != std::string_view::npos && text[next] == ':' &&
          (escaped || is_one_of(text.substr(start, i - start), kReservedProperties))) {
        return true;
      }
    }
    return false;
  };
  auto const first = text.find_first_not_of(" \t\r\n");
  auto const last = text.find_last_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{' && text[last] == '}' &&
      !may_hold_reserved()) {
    auto const inner = text.substr(first + 1, last - first - 1);
    if (inner.find_first_not_of(" \t\r\n") != std::string_view::npos) {
      out += ',';
      out += inner;
    }
    return;
  }
  auto const own = parse_properties(e);  // a named object: items() does not keep it alive
  for (auto const& [key, value] : own.items()) {
    if (!is_one_of(key, kReservedProperties)) {
      append_member(out, key);
      out += value.dump(-1, ' ', false, json::error_handler_t::replace);
    }
  }
}

std::string join_aliases(std::vector<std::string> const& aliases) {
  std::string s;
  for (auto const& a : aliases) {
    s += (s.empty() ? "" : "|") + a;
  }
  return s;
}

}  // namespace

void append_feature(std::string& out, model::entity const& e, export_options const& opt) {
  out += R"({"type":"Feature","id":)";
  detail::append_json_string(out, e.id_);
  out += R"(,"geometry":)";
  if (e.geometry_ && !opt.skip_geometry_) {
    append_geometry(out, *e.geometry_, opt.crs_);
  } else {
    out += "null";
  }
  out += R"(,"properties":{"id":)";
  detail::append_json_string(out, e.id_);
  append_member(out, "kind");
  detail::append_json_string(out, e.kind_);
  append_member(out, "name");
  detail::append_json_string(out, e.names_.zh_);
  if (!e.names_.en_.empty()) {
    append_member(out, "name_en");
    detail::append_json_string(out, e.names_.en_);
  }
  if (!e.names_.aliases_.empty()) {
    append_member(out, "aliases");
    out += '[';
    for (std::size_t i = 0; i < e.names_.aliases_.size(); ++i) {
      if (i > 0) {
        out += ',';
      }
      detail::append_json_string(out, e.names_.aliases_[i]);
    }
    out += ']';
  }
  if (e.time_) {
    // start and end stay numbers (the widest reading) for clients; a fuzzy end adds its other
    // bound, which the importer reads back from a zhitu export.
    auto const& t = *e.time_;
    append_member(out, "start");
    out += std::to_string(t.start_earliest_);
    if (t.start_latest_ != t.start_earliest_) {
      append_member(out, "start_latest");
      out += std::to_string(t.start_latest_);
    }
    if (t.end_earliest_ != t.end_latest_) {
      append_member(out, "end_earliest");
      out += std::to_string(t.end_earliest_);
    }
    append_member(out, "end");
    out += std::to_string(t.end_latest_);
  }
  if (!e.sources_.empty()) {
    auto const& src = e.sources_.front();
    append_member(out, "dataset");
    detail::append_json_string(out, src.dataset_);
    append_member(out, "record");
    detail::append_json_string(out, src.record_);
    if (!src.url_.empty()) {
      append_member(out, "source_title");
      detail::append_json_string(out, src.title_);
      append_member(out, "source_url");
      detail::append_json_string(out, src.url_);
    }
  }
  append_own_properties(out, e);
  out += "}}";
}

json to_feature(model::entity const& e, export_options const& opt) {
  std::string text;
  append_feature(text, e, opt);
  return json::parse(text);
}

void write_geojson(std::ostream& out, std::span<model::entity const* const> entities,
                   export_options const& opt) {
  // `generator` lets the importer recognise its own output (see docs/importing.md).
  out << R"({"type":"FeatureCollection","generator":"zhitu","features":[)";
  auto first = true;
  std::string line;
  for (auto const* e : entities) {
    ZHITU_CHECK(e != nullptr, "write_geojson: null entity");
    line.assign(first ? "\n" : ",\n");
    append_feature(line, *e, opt);
    out << line;
    first = false;
  }
  out << "\n]}\n";
}

void write_geojson_seq(std::ostream& out, std::span<model::entity const* const> entities,
                       export_options const& opt) {
  std::string line;
  for (auto const* e : entities) {
    ZHITU_CHECK(e != nullptr, "write_geojson_seq: null entity");
    line.assign(1, '\x1e');
    append_feature(line, *e, opt);
    line += '\n';
    out << line;
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
    if (e->geometry_ && e->geometry_->type_ == model::geometry_type::kPoint) {
      auto const c = model::from_wgs84(opt.crs_, e->geometry_->points_.front());
      lon = detail::format_double(detail::round_coordinate(c.lon_));
      lat = detail::format_double(detail::round_coordinate(c.lat_));
    } else if (e->geometry_) {
      append_geometry(geometry, *e->geometry_, opt.crs_);
    }
    cell(lon);
    cell(lat);
    cell(e->time_ ? model::to_string(e->time_->start()) : std::string{});
    cell(e->time_ ? model::to_string(e->time_->end()) : std::string{});
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
