// SPDX-License-Identifier: Apache-2.0
// CSV rows → entities. The header decides which column feeds which field (fields.h); problems
// with the header itself are reported once, and the rows are still read so that their own
// errors are found in the same run.
#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "io/detail/csv_reader.h"
#include "io/detail/fields.h"
#include "io/detail/parsers.h"
#include "io/detail/text.h"
#include "model/geojson.h"

namespace zhitu::io::detail {

namespace {

// The header `write_csv` writes. A file whose header starts with it is a zhitu export: its
// `dataset` and `record` columns say where a row came from before, which the new source
// (this file's line) replaces, so they are not kept as properties.
constexpr std::array<std::string_view, 14> kExportColumns{
    "id",  "kind",     "name",    "name_en", "aliases",      "lon",       "lat",
    "start", "end", "geometry", "dataset", "record", "source_title", "source_url"};

struct header_map {
  std::vector<std::string> names_;  // trimmed, except in a zhitu export
  std::array<std::optional<std::size_t>, kNumFields> col_;
  std::vector<bool> mapped_;  // per column: feeds a field
  bool zhitu_export_{false};
  // Fields whose problem was reported once for the header; rows skip their checks.
  std::array<bool, kNumFields> suppressed_{};
};

std::string join_names(std::vector<std::string> const& names, std::vector<std::size_t> const& idx) {
  std::string s;
  for (auto const i : idx) {
    s += (s.empty() ? "" : ", ") + quote_value(names[i]);
  }
  return s;
}

bool matches(std::string_view column, field_def const& f, std::string const& name, bool lenient) {
  if (!lenient) {
    return column == name;
  }
  if (iequals(column, name)) {
    return true;
  }
  for (auto const v : f.variants_) {
    if (!v.empty() && iequals(column, v)) {
      return true;
    }
  }
  return false;
}

header_map map_header(std::vector<std::string> const& raw, std::size_t line,
                      std::string const& file, file_meta const& meta, import_context& ctx) {
  auto const header_error = [&](std::string field, std::string message) {
    ctx.report(
        {.file_ = file, .line_ = line, .field_ = std::move(field), .message_ = std::move(message)});
  };
  header_map h;
  h.zhitu_export_ = raw.size() >= kExportColumns.size();
  for (std::size_t i = 0; h.zhitu_export_ && i < kExportColumns.size(); ++i) {
    h.zhitu_export_ = raw[i] == kExportColumns[i];
  }
  // Names are trimmed ("id, name, lon" is common), except in a zhitu export, whose property
  // names are exactly as written.
  for (auto const& n : raw) {
    h.names_.emplace_back(h.zhitu_export_ ? std::string_view{n} : trim(n));
  }
  h.mapped_.assign(h.names_.size(), false);

  std::unordered_map<std::string_view, std::size_t> seen;
  std::unordered_set<std::string_view> duplicated;
  for (std::size_t i = 0; i < h.names_.size(); ++i) {
    if (h.names_[i].empty()) {
      continue;
    }
    auto const [it, inserted] = seen.try_emplace(h.names_[i], i);
    if (!inserted) {
      duplicated.insert(h.names_[i]);
      header_error(h.names_[i], "duplicate column name (columns " + std::to_string(it->second + 1) +
                                    " and " + std::to_string(i + 1) + ")");
    }
  }

  for (std::size_t f = 0; f < kNumFields; ++f) {
    auto const field = static_cast<field_idx>(f);
    auto const& name = mapped_name(meta, field);
    if (name.empty()) {
      continue;
    }
    auto const explicit_name = is_explicit(meta, field);
    // A zhitu export is read by exact names: its property columns may look like variants.
    auto const lenient = !explicit_name && !h.zhitu_export_;
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < h.names_.size(); ++i) {
      if (explicit_name ? iequals(h.names_[i], name)
                        : matches(h.names_[i], kFields[f], name, lenient)) {
        candidates.push_back(i);
      }
    }
    if (std::any_of(candidates.begin(), candidates.end(),
                    [&](std::size_t i) { return duplicated.contains(h.names_[i]); })) {
      h.suppressed_[f] = true;  // reported as a duplicate name above
      continue;
    }
    if (candidates.empty()) {
      if (explicit_name) {
        header_error(std::string{kFields[f].name_},
                     "column " + quote_value(name) + " is missing from the header");
        h.suppressed_[f] = true;
      }
      continue;
    }
    if (candidates.size() > 1) {
      header_error(std::string{kFields[f].name_}, "several columns could hold it (" +
                                                      join_names(h.names_, candidates) +
                                                      "); name one in the meta file's \"columns\"");
      h.suppressed_[f] = true;
      continue;
    }
    auto const col = candidates.front();
    for (std::size_t g = 0; g < f; ++g) {
      if (h.col_[g] == col) {
        header_error(std::string{kFields[f].name_}, "column " + quote_value(h.names_[col]) +
                                                        " is already mapped to " +
                                                        std::string{kFields[g].name_});
        h.suppressed_[f] = true;
      }
    }
    if (!h.suppressed_[f]) {
      h.col_[f] = col;
      h.mapped_[col] = true;
    }
  }

  if (!h.col_[kId] && !h.suppressed_[kId]) {
    header_error("id", "no id column (looked for " + quote_value(meta.columns_.id_) +
                           "; name it in the meta file's \"columns\")");
    h.suppressed_[kId] = true;
  }
  if (!h.col_[kName] && !h.col_[kNameEn] && !h.suppressed_[kName] && !h.suppressed_[kNameEn]) {
    header_error("name", "no name column (looked for name, name_zh and name_en)");
    h.suppressed_[kName] = true;
  }
  if (!h.col_[kKind] && !h.suppressed_[kKind] && meta.kind_.empty()) {
    header_error("kind",
                 "no kind column and no default kind (set \"kind\" in the meta file or "
                 "pass --kind)");
    h.suppressed_[kKind] = true;
  }
  auto const has_lon = h.col_[kLon].has_value();
  auto const has_lat = h.col_[kLat].has_value();
  if (has_lon != has_lat && !h.suppressed_[kLon] && !h.suppressed_[kLat]) {
    auto const missing = has_lon ? kLat : kLon;
    header_error(std::string{kFields[missing].name_},
                 "no " + std::string{kFields[missing].name_} + " column, but " +
                     std::string{kFields[has_lon ? kLon : kLat].name_} + " is column " +
                     quote_value(h.names_[*h.col_[has_lon ? kLon : kLat]]));
    h.suppressed_[kLon] = h.suppressed_[kLat] = true;
  }
  if (meta.citations_required_) {
    for (auto const f : {kSourceTitle, kSourceUrl}) {
      if (!h.col_[f] && !h.suppressed_[f]) {
        header_error(std::string{kFields[f].name_},
                     "no " + quote_value(mapped_name(meta, f)) +
                         " column, and this data set requires a source for every fact");
        h.suppressed_[f] = true;
      }
    }
  }
  if (!has_lon && !has_lat && !h.col_[kGeometry] && meta.geometry_required_ &&
      !h.suppressed_[kLon] && !h.suppressed_[kLat] && !h.suppressed_[kGeometry]) {
    header_error("lon",
                 "no coordinate columns (looked for lon, lng, longitude, x and lat, "
                 "latitude, y, and geometry) and this data set requires a location");
    h.suppressed_[kLon] = h.suppressed_[kLat] = true;
  }
  return h;
}

// Reads a GeoJSON geometry held in a CSV cell.
void read_geometry_cell(std::string_view text, std::string const& column, record_builder& b) {
  auto const j = find_too_deep_json(text, kMaxJsonDepth)
                     ? nlohmann::json(nlohmann::json::value_t::discarded)
                     : nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    b.fail(column,
           "expected GeoJSON geometry text such as "
           "{\"type\":\"Point\",\"coordinates\":[112.47,34.56]}, got " +
               quote_value(text));
    return;
  }
  auto g = model::geometry_from_geojson(j);
  if (!g) {
    // The model names the path from "geometry"; put it after this column's name.
    auto const& m = g.err().message_;
    auto const colon = m.find(": ");
    auto path = m.substr(0, colon);
    if (path.starts_with("geometry")) {
      path.erase(0, 8);
    }
    b.fail(column + path, colon == std::string::npos ? m : m.substr(colon + 2));
    return;
  }
  b.set_geometry(std::move(*g), column);
}

void read_coordinates(std::vector<std::string> const& fields, header_map const& h,
                      record_builder& b) {
  if (h.suppressed_[kLon] || h.suppressed_[kLat] || h.suppressed_[kGeometry]) {
    b.fail_silently();
    return;
  }
  auto const value = [&](field_idx f) {
    return h.col_[f] ? trim(fields[*h.col_[f]]) : std::string_view{};
  };
  auto const column = [&](field_idx f) {
    return h.col_[f] ? h.names_[*h.col_[f]] : std::string{kFields[f].name_};
  };
  auto const lon_text = value(kLon);
  auto const lat_text = value(kLat);
  auto const geometry_text = value(kGeometry);
  if (lon_text.empty() && lat_text.empty()) {
    if (geometry_text.empty()) {
      b.no_geometry(h.col_[kLon] ? column(kLon) + "/" + column(kLat) : column(kGeometry));
    } else {
      read_geometry_cell(geometry_text, column(kGeometry), b);
    }
    return;
  }
  if (!geometry_text.empty()) {
    b.fail(column(kGeometry), "give either lon/lat or a geometry, not both");
    return;
  }
  if (lon_text.empty() || lat_text.empty()) {
    auto const missing = lon_text.empty() ? kLon : kLat;
    b.fail(column(missing),
           std::string{"missing "} +
               (missing == kLon ? "longitude (lat is given)" : "latitude (lon is given)"));
    return;
  }
  auto const number = [&](std::string_view text, field_idx f) -> std::optional<double> {
    auto const v = parse_double(text);
    if (!v) {
      b.fail(column(f), "expected a number, got " + quote_value(text));
    } else if (!std::isfinite(*v)) {
      b.fail(column(f), "expected a finite number, got " + quote_value(text));
      return std::nullopt;
    }
    return v;
  };
  auto const lon = number(lon_text, kLon);
  auto const lat = number(lat_text, kLat);
  if (!lon || !lat) {
    return;
  }
  auto const lon_ok = *lon >= -180 && *lon <= 180;
  auto const lat_ok = *lat >= -90 && *lat <= 90;
  if (!lon_ok) {
    b.fail(column(kLon), "longitude " + std::string{lon_text} + " out of range [-180, 180]");
  }
  if (!lat_ok) {
    auto const swapped = std::abs(*lat) <= 180 && std::abs(*lon) <= 90;
    b.fail(column(kLat), "latitude " + std::string{lat_text} + " out of range [-90, 90]" +
                             (swapped ? " (lon and lat look swapped)" : ""));
  }
  if (lon_ok && lat_ok) {
    b.set_geometry(model::make_point({*lon, *lat}), column(kLon) + "/" + column(kLat));
  }
}

void read_row(std::vector<std::string> const& fields, std::size_t line, header_map const& h,
              std::string const& file, file_meta const& meta, import_context& ctx,
              read_outcome& out) {
  record_builder b{ctx, meta, file, line, std::nullopt};
  auto const value = [&](field_idx f) {
    return h.col_[f] ? std::string_view{fields[*h.col_[f]]} : std::string_view{};
  };
  auto const column = [&](field_idx f) {
    return h.col_[f] ? h.names_[*h.col_[f]] : std::string{kFields[f].name_};
  };

  if (h.suppressed_[kId]) {
    b.fail_silently();
  } else {
    b.set_id(value(kId), column(kId));
  }
  if (h.suppressed_[kName] || h.suppressed_[kNameEn]) {
    b.fail_silently();
  } else {
    b.set_names(value(kName), value(kNameEn), h.col_[kName] ? column(kName) : column(kNameEn));
  }
  if (h.suppressed_[kKind]) {
    b.fail_silently();
  } else {
    b.set_kind(value(kKind), column(kKind));
  }
  b.add_aliases_text(value(kAliases));
  read_coordinates(fields, h, b);
  if (h.suppressed_[kSourceTitle] || h.suppressed_[kSourceUrl]) {
    b.fail_silently();
  } else {
    b.set_citation(value(kSourceTitle), value(kSourceUrl), column(kSourceTitle),
                   column(kSourceUrl));
  }

  auto const year = [&](field_idx f) {
    return h.suppressed_[f] ? std::nullopt : b.parse_year_text(value(f), column(f));
  };
  auto const failed_before = b.failed();
  auto const start = year(kStart);
  auto const end = year(kEnd);
  if (b.failed() == failed_before) {  // both years readable
    b.set_years(start, end, column(kEnd));
  }

  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (h.mapped_[i] || trim(fields[i]).empty()) {
      continue;
    }
    auto const& key = h.names_[i];
    if (h.zhitu_export_ && (key == "dataset" || key == "record")) {
      continue;
    }
    if (key.empty()) {
      b.fail("column " + std::to_string(i + 1),
             "a value in a column with no name in the header (name the column or empty it)");
      continue;
    }
    b.set_property(key, property_value(fields[i]));
  }
  // Set last so it wins over a same-named unmapped column; gives the span when start and end
  // did not.
  b.set_era(value(kEra));

  if (auto e = b.finish("line " + std::to_string(line))) {
    out.batch_.entities_.push_back(std::move(*e));
  }
}

}  // namespace

std::optional<csv_reader> open_csv(std::string_view text, std::string const& file,
                                   std::string const& expected, import_context& ctx,
                                   csv_row& header) {
  if (text.starts_with(kUtf8Bom)) {
    text.remove_prefix(kUtf8Bom.size());
  }
  if (!check_utf8(text, file, ctx)) {
    return std::nullopt;
  }
  csv_reader reader{text};
  auto found = false;
  while (!found && reader.next(header)) {
    found = !header.blank_;
  }
  if (!found) {
    ctx.report({.file_ = file, .message_ = "empty file: expected " + expected});
    return std::nullopt;
  }
  if (header.error_) {
    ctx.report({.file_ = file,
                .line_ = header.error_->line_,
                .message_ = "header: " + header.error_->message_});
    return std::nullopt;
  }
  return reader;
}

void parse_csv(std::string_view text, std::string const& file, file_meta const& meta,
               import_context& ctx, read_outcome& out) {
  csv_row row;
  auto opened = open_csv(text, file, "a header row naming the columns", ctx, row);
  if (!opened) {
    return;
  }
  auto& reader = *opened;
  auto const h = map_header(row.fields_, row.line_, file, meta, ctx);

  while (reader.next(row)) {
    if (row.blank_) {
      continue;
    }
    ++out.n_records_;
    if (row.error_) {
      auto const idx = row.error_->field_idx_;
      ctx.report({.file_ = file,
                  .line_ = row.error_->line_,
                  .field_ = idx < h.names_.size() ? h.names_[idx] : std::string{},
                  .message_ = row.error_->message_});
      continue;
    }
    if (row.fields_.size() != h.names_.size()) {
      ctx.report({.file_ = file,
                  .line_ = row.line_,
                  .message_ = "wrong number of fields: expected " +
                              std::to_string(h.names_.size()) + " (as in the header), got " +
                              std::to_string(row.fields_.size())});
      continue;
    }
    read_row(row.fields_, row.line_, h, file, meta, ctx, out);
  }
}

}  // namespace zhitu::io::detail
