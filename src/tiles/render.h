// SPDX-License-Identifier: Apache-2.0
// Vector tiles made on demand from the catalog: the entities whose extent meets the tile (plus a
// buffer) are projected to Web Mercator tile units, clipped, simplified for the zoom, quantized,
// and written one MVT layer per kind; points are clustered on a global grid below a zoom.
//
//   tile_request req{.tile_ = *parse_tile_id("9", "418", "205"), .set_ = tileset::kEntities};
//   std::string const mvt = render_tile(*catalog, req);
//   std::string const same = render_tile(*catalog, req, {}, &clusters);  // cluster_index.h
//
// Two tile sets: `basemap` (province, prefecture and county outlines, each from its own zoom)
// and `entities` (every other kind). Every feature carries `id`, `kind`, `name`, and when known
// `name_en`, `start`, `end`; a cluster carries `cluster` = true, `point_count`, and the id and
// name of its most prominent member. Cost: one R-tree query plus work linear in the vertices
// of the entities it finds; at clustering zooms, given a cluster index, the points come from
// it: their clusters, or with a time filter the tile's points in cell order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/catalog.h"
#include "tiles/tile_id.h"

namespace zhitu::tiles {

enum class tileset : std::uint8_t { kBasemap, kEntities };

std::optional<tileset> parse_tileset(std::string_view name);
std::string_view to_string(tileset);

// Kinds drawn by the basemap, and the zoom each appears from.
struct basemap_layer {
  std::string_view kind_;
  std::uint8_t min_zoom_;
};
constexpr basemap_layer kBasemapLayers[] = {{"province", 0}, {"prefecture", 4}, {"county", 6}};

class cluster_index;

struct tile_config {
  std::uint32_t extent_{4096};
  std::uint32_t buffer_{64};              // tile units drawn beyond each edge
  double simplify_tolerance_{1.0};        // Douglas–Peucker, in tile units
  std::uint8_t cluster_below_zoom_{10};   // points cluster at zooms below this
  std::uint32_t cluster_cell_{128};       // grid cell, in tile units
};

struct tile_request {
  tile_id tile_;
  tileset set_{tileset::kEntities};
  std::optional<std::vector<index::kind_idx>> kinds_;  // nullopt: every kind of the set
  std::optional<std::int32_t> from_year_;              // a time filter keeps entities whose
  std::optional<std::int32_t> to_year_;                // span overlaps [from, to]
};

// `clusters`, when given, must be made from `cat` for `cfg` (else std::invalid_argument); the
// tile holds the same features either way.
std::string render_tile(index::catalog const& cat, tile_request const& req,
                        tile_config const& cfg = {}, cluster_index const* clusters = nullptr);

}  // namespace zhitu::tiles
