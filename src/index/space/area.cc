// SPDX-License-Identifier: Apache-2.0
#include "index/space/area.h"

#include <algorithm>

namespace zhitu::index {

namespace {

using model::geometry;
using model::geometry_type;
using model::lon_lat;

double cross(lon_lat o, lon_lat a, lon_lat b) {
  return (a.lon_ - o.lon_) * (b.lat_ - o.lat_) - (a.lat_ - o.lat_) * (b.lon_ - o.lon_);
}

bool on_segment(lon_lat a, lon_lat b, lon_lat p) {
  return std::min(a.lon_, b.lon_) <= p.lon_ && p.lon_ <= std::max(a.lon_, b.lon_) &&
         std::min(a.lat_, b.lat_) <= p.lat_ && p.lat_ <= std::max(a.lat_, b.lat_);
}

// Closed segments [a, b] and [c, d] share a point.
bool segments_intersect(lon_lat a, lon_lat b, lon_lat c, lon_lat d) {
  auto const d1 = cross(c, d, a);
  auto const d2 = cross(c, d, b);
  auto const d3 = cross(a, b, c);
  auto const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    return true;
  }
  return (d1 == 0 && on_segment(c, d, a)) || (d2 == 0 && on_segment(c, d, b)) ||
         (d3 == 0 && on_segment(a, b, c)) || (d4 == 0 && on_segment(a, b, d));
}

std::size_t n_polygons(geometry const& g) {
  return g.type_ == geometry_type::kPolygon ? 1U : g.part_ends_.size();
}

// Every segment of `g`'s lines or rings (not for points or collections).
template <typename F>
bool any_segment(geometry const& g, F&& f) {
  for (std::size_t i = 0; i < g.line_ends_.size(); ++i) {
    auto const l = model::line(g, i);
    for (std::size_t j = 1; j < l.size(); ++j) {
      if (f(l[j - 1], l[j])) {
        return true;
      }
    }
  }
  return false;
}

bool is_flat_area(geometry const& g) {
  return g.type_ == geometry_type::kPolygon || g.type_ == geometry_type::kMultiPolygon;
}

bool flat_area_contains(geometry const& area, lon_lat p) {
  for (std::size_t part = 0; part < n_polygons(area); ++part) {
    if (model::polygon_contains(area, part, p)) {
      return true;
    }
  }
  return false;
}

bool flat_intersects(geometry const& g, geometry const& area) {
  if (g.type_ == geometry_type::kGeometryCollection) {
    return std::any_of(g.members_.begin(), g.members_.end(),
                       [&](geometry const& m) { return flat_intersects(m, area); });
  }
  // A vertex of `g` inside the area.
  if (std::any_of(g.points_.begin(), g.points_.end(),
                  [&](lon_lat p) { return flat_area_contains(area, p); })) {
    return true;
  }
  if (g.type_ == geometry_type::kPoint || g.type_ == geometry_type::kMultiPoint) {
    return false;
  }
  // The area inside `g` (when `g` is an area itself): one of its vertices is inside `g`.
  if (is_flat_area(g) && !area.points_.empty() && flat_area_contains(g, area.points_.front())) {
    return true;
  }
  // Otherwise the boundaries cross.
  return any_segment(g, [&](lon_lat a, lon_lat b) {
    return any_segment(area,
                       [&](lon_lat c, lon_lat d) { return segments_intersect(a, b, c, d); });
  });
}

}  // namespace

bool is_area(geometry const& g) {
  if (g.type_ == geometry_type::kGeometryCollection) {
    return std::any_of(g.members_.begin(), g.members_.end(), is_area);
  }
  return is_flat_area(g);
}

bool area_contains(geometry const& area, lon_lat p) {
  if (area.type_ == geometry_type::kGeometryCollection) {
    return std::any_of(area.members_.begin(), area.members_.end(),
                       [&](geometry const& m) { return area_contains(m, p); });
  }
  return is_flat_area(area) && flat_area_contains(area, p);
}

bool intersects_area(geometry const& g, geometry const& area) {
  if (area.type_ == geometry_type::kGeometryCollection) {
    return std::any_of(area.members_.begin(), area.members_.end(),
                       [&](geometry const& m) { return intersects_area(g, m); });
  }
  return is_flat_area(area) && flat_intersects(g, area);
}

}  // namespace zhitu::index
