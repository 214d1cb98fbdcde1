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

namespace {

template <typename F>
bool any_member_or_self(geometry const& g, F&& f) {
  if (g.type_ == geometry_type::kGeometryCollection) {
    return std::any_of(g.members_.begin(), g.members_.end(), f);
  }
  return f(g);
}

bool on_any_segment(geometry const& g, lon_lat p) {
  return any_segment(g, [&](lon_lat a, lon_lat b) {
    return cross(a, b, p) == 0 && on_segment(a, b, p);
  });
}

// Points and lines only (no areas, no collections).
bool flat_lines_intersect(geometry const& a, geometry const& b) {
  auto const shares_vertex = std::any_of(a.points_.begin(), a.points_.end(), [&](lon_lat p) {
    return std::find(b.points_.begin(), b.points_.end(), p) != b.points_.end() ||
           on_any_segment(b, p);
  });
  if (shares_vertex) {
    return true;
  }
  if (std::any_of(b.points_.begin(), b.points_.end(),
                  [&](lon_lat p) { return on_any_segment(a, p); })) {
    return true;
  }
  return any_segment(a, [&](lon_lat p, lon_lat q) {
    return any_segment(b, [&](lon_lat r, lon_lat s) { return segments_intersect(p, q, r, s); });
  });
}

}  // namespace

bool geometries_intersect(geometry const& a, geometry const& b) {
  if (is_area(b)) {
    return intersects_area(a, b) ||
           any_member_or_self(b, [&](geometry const& m) {
             return !is_flat_area(m) && geometries_intersect(a, m);
           });
  }
  if (is_area(a)) {
    return geometries_intersect(b, a);
  }
  return any_member_or_self(a, [&](geometry const& x) {
    return any_member_or_self(b, [&](geometry const& y) { return flat_lines_intersect(x, y); });
  });
}

bool within_area(geometry const& g, geometry const& area) {
  if (!is_area(area)) {
    return false;
  }
  if (g.type_ == geometry_type::kGeometryCollection) {
    return !g.members_.empty() &&
           std::all_of(g.members_.begin(), g.members_.end(),
                       [&](geometry const& m) { return within_area(m, area); });
  }
  if (g.points_.empty() || !std::all_of(g.points_.begin(), g.points_.end(), [&](lon_lat p) {
        return area_contains(area, p);
      })) {
    return false;
  }
  // A proper crossing of the boundary takes part of an edge outside.
  return !any_segment(g, [&](lon_lat a, lon_lat b) {
    return any_member_or_self(area, [&](geometry const& m) {
      return is_flat_area(m) && any_segment(m, [&](lon_lat c, lon_lat d) {
               auto const d1 = cross(c, d, a);
               auto const d2 = cross(c, d, b);
               auto const d3 = cross(a, b, c);
               auto const d4 = cross(a, b, d);
               return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
                      ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
             });
    });
  });
}

bool intersects_area(geometry const& g, geometry const& area) {
  if (area.type_ == geometry_type::kGeometryCollection) {
    return std::any_of(area.members_.begin(), area.members_.end(),
                       [&](geometry const& m) { return intersects_area(g, m); });
  }
  return is_flat_area(area) && flat_intersects(g, area);
}

}  // namespace zhitu::index
