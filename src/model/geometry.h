// SPDX-License-Identifier: Apache-2.0
// WGS84 geometries of every GeoJSON type, stored flat for cache-friendly scans.
//
//   geometry g = make_point({112.471269, 34.559899});
//   box const b = bounds(g);                // degrees, lon/lat
//   lon_lat const p = representative_point(g);
//
// A polygon's rings are runs of `points_`: `line_ends_[i]` is one past the last point of line
// or ring i, and `part_ends_[j]` one past the last ring of polygon j (Multi* types). Exterior
// rings come first in each polygon. Collections keep their members in `members_`.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

namespace zhitu::model {

struct lon_lat {
  double lon_;
  double lat_;
  friend bool operator==(lon_lat const&, lon_lat const&) = default;
};

// An axis-aligned box in degrees; empty when min > max.
struct box {
  double min_lon_{std::numeric_limits<double>::infinity()};
  double min_lat_{std::numeric_limits<double>::infinity()};
  double max_lon_{-std::numeric_limits<double>::infinity()};
  double max_lat_{-std::numeric_limits<double>::infinity()};

  bool empty() const { return min_lon_ > max_lon_ || min_lat_ > max_lat_; }
  void extend(lon_lat p);
  void extend(box const& b);
  bool intersects(box const& b) const {
    return !(b.min_lon_ > max_lon_ || b.max_lon_ < min_lon_ || b.min_lat_ > max_lat_ ||
             b.max_lat_ < min_lat_);
  }
  bool contains(lon_lat p) const {
    return p.lon_ >= min_lon_ && p.lon_ <= max_lon_ && p.lat_ >= min_lat_ && p.lat_ <= max_lat_;
  }
  lon_lat center() const { return {(min_lon_ + max_lon_) / 2, (min_lat_ + max_lat_) / 2}; }
  friend bool operator==(box const&, box const&) = default;
};

enum class geometry_type : std::uint8_t {
  kPoint,
  kMultiPoint,
  kLineString,
  kMultiLineString,
  kPolygon,
  kMultiPolygon,
  kGeometryCollection
};

std::string_view to_string(geometry_type);

struct geometry {
  geometry_type type_{geometry_type::kPoint};
  std::vector<lon_lat> points_;
  std::vector<std::uint32_t> line_ends_;
  std::vector<std::uint32_t> part_ends_;
  std::vector<geometry> members_;

  friend bool operator==(geometry const&, geometry const&) = default;
};

geometry make_point(lon_lat p);

box bounds(geometry const& g);

// A point that stands for the geometry on a map: the point itself, the first point of a
// multipoint, the middle vertex of a line, or for areas the centre of the largest polygon's box
// when that centre lies inside it (else its first vertex).
lon_lat representative_point(geometry const& g);

// The points of ring or line `i` of `g` (not for collections).
std::span<lon_lat const> line(geometry const& g, std::size_t i);

// Signed area in square degrees (positive when counter-clockwise), for ring orientation.
double signed_area(std::span<lon_lat const> ring);

// Even-odd test of `p` against the rings of polygon part `part` of `g`.
bool polygon_contains(geometry const& g, std::size_t part, lon_lat p);

// Applies `f` to every vertex (used for CRS conversion).
template <typename F>
void transform_points(geometry& g, F&& f) {
  for (auto& p : g.points_) {
    p = f(p);
  }
  for (auto& m : g.members_) {
    transform_points(m, f);
  }
}

}  // namespace zhitu::model
