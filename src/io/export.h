// SPDX-License-Identifier: Apache-2.0
// Exporters: entities → GeoJSON FeatureCollection or CSV, optionally converted back to a Chinese
// CRS. The same feature encoding serves the HTTP API and `zhitu export`.
//
//   std::vector<model::entity const*> hits = ...;
//   write_geojson(std::cout, hits, {});                    // RFC 7946, WGS84
//   write_csv(file, hits, {.crs_ = model::crs::kGcj02});   // for Amap users
//
// An export re-imports with `zhitu import` into the same entities (same columns and properties
// as the importer reads; only the sources are new). Coordinates are converted to `crs_` and
// rounded to 1e-7°. Own properties never override the reserved keys. Throws zhitu::exception
// for an entity whose properties are not a JSON object (a damaged store). See docs/importing.md.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <ostream>
#include <span>
#include <string>

#include "model/crs.h"
#include "model/entity.h"

namespace zhitu::io {

struct export_options {
  model::crs crs_{model::crs::kWgs84};
  bool skip_geometry_{false};  // "geometry": null (OGC API skipGeometry)
};

// One GeoJSON Feature as compact JSON text appended to `out`: type, id, geometry (or null), and
// properties `id`, `kind`, `name`, `name_en`, `aliases`, `start`, `end`, `dataset`, `record`
// (and `source_title`, `source_url` for cited rows) then the entity's own properties. Written
// straight into the text: pages and exports hold thousands of features.
void append_feature(std::string& out, model::entity const& e, export_options const& opt = {});

// The same feature as a json value.
nlohmann::json to_feature(model::entity const& e, export_options const& opt = {});

// A FeatureCollection marked `"generator":"zhitu"`, one feature per line, written as it goes
// (memory does not grow with the number of entities). REQUIRES: no null pointers.
void write_geojson(std::ostream& out, std::span<model::entity const* const> entities,
                   export_options const& opt = {});

// GeoJSON Text Sequences (RFC 8142): each feature as one record, ASCII RS (0x1E) before and LF
// after, so a reader can start on features before the last one is written.
void write_geojson_seq(std::ostream& out, std::span<model::entity const* const> entities,
                       export_options const& opt = {});

// Header `id,kind,name,name_en,aliases,lon,lat,start,end,geometry,dataset,record` then every
// property name in sorted order; points in lon/lat, other geometries as GeoJSON text in
// `geometry`; RFC 4180 quoting, LF line ends. Reads the properties twice instead of holding
// them. REQUIRES: no null pointers.
void write_csv(std::ostream& out, std::span<model::entity const* const> entities,
               export_options const& opt = {});

}  // namespace zhitu::io
