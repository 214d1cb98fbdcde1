// SPDX-License-Identifier: Apache-2.0
// Web Mercator tile addressing (the XYZ scheme MapLibre, OSM and PMTiles use).
//
//   auto const t = parse_tile_id("9", "418", "205");      // result<tile_id>
//   model::box const b = tile_bounds(*t);                  // lon/lat of the tile's edges
//   tile_point const p = to_tile({112.47, 34.56}, *t, 4096);  // tile units, y down
//   world_point const w = world_position({112.47, 34.56});    // the same, on the world square
#pragma once

#include <cstdint>
#include <string>

#include "model/geometry.h"
#include "model/result.h"

namespace zhitu::tiles {

constexpr std::uint8_t kMaxZoom = 22;
// Web Mercator's latitude limit: the world is square in it.
constexpr double kMaxLatitude = 85.0511287798066;

struct tile_id {
  std::uint8_t z_;
  std::uint32_t x_;
  std::uint32_t y_;
  friend bool operator==(tile_id const&, tile_id const&) = default;
};

// A position in tile units (0..extent inside the tile, outside in its buffer), y pointing down.
struct tile_point {
  double x_;
  double y_;
};

// Errors name the part: "z: 23 is above the highest zoom 22", "x: 600 is outside 0..511".
result<tile_id> parse_tile_id(std::string const& z, std::string const& x, std::string const& y);

// The lon/lat box of the tile, grown by `buffer / extent` of its width on every side.
model::box tile_bounds(tile_id const& t, double buffer_fraction = 0.0);

tile_point to_tile(model::lon_lat p, tile_id const& t, std::uint32_t extent);

// The tile of zoom z holding p.
tile_id tile_of(model::lon_lat p, std::uint8_t z);

// A position on the whole Web Mercator square in 2^32 steps a side (x east, y south), rounded
// down: 1/1024 of a tile unit at zoom 10 (extent 4096), where clustering stops, and exact to
// add, so sums of them do not depend on the order.
struct world_point {
  std::uint32_t x_;
  std::uint32_t y_;
  friend bool operator==(world_point const&, world_point const&) = default;
};

world_point world_position(model::lon_lat p);

// `w` in tile units of `t` (tile_point's scale).
tile_point to_tile(world_point w, tile_id const& t, std::uint32_t extent);

}  // namespace zhitu::tiles
