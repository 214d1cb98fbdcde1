// SPDX-License-Identifier: Apache-2.0
#include "model/geometry.h"

#include <algorithm>
#include <cmath>

#include "model/check.h"

namespace zhitu::model {

void box::extend(lon_lat p) {
  min_lon_ = std::min(min_lon_, p.lon_);
  min_lat_ = std::min(min_lat_, p.lat_);
  max_lon_ = std::max(max_lon_, p.lon_);
  max_lat_ = std::max(max_lat_, p.lat_);
}

void box::extend(box const& b) {
  if (b.empty()) {
    return;
  }
  extend(lon_lat{b.min_lon_, b.min_lat_});
  extend(lon_lat{b.max_lon_, b.max_lat_});
}

std::string_view to_string(geometry_type t) {
  switch (t) {
    case geometry_type::kPoint: return "Point";
    case geometry_type::kMultiPoint: return "MultiPoint";
    case geometry_type::kLineString: return "LineString";
    case geometry_type::kMultiLineString: return "MultiLineString";
    case geometry_type::kPolygon: return "Polygon";
    case geometry_type::kMultiPolygon: return "MultiPolygon";
    case geometry_type::kGeometryCollection: return "GeometryCollection";
  }
  return "?";
}

geometry make_point(lon_lat p) {
  geometry g;
  g.type_ = geometry_type::kPoint;
  g.points_.push_back(p);
  return g;
}

box bounds(geometry const& g) {
  box b;
  for (auto const p : g.points_) {
    b.extend(p);
  }
  for (auto const& m : g.members_) {
    b.extend(bounds(m));
  }
  return b;
}

std::span<lon_lat const> line(geometry const& g, std::size_t i) {
  ZHITU_CHECK(i < g.line_ends_.size(), "line index out of range");
  auto const begin = i == 0 ? 0U : g.line_ends_[i - 1];
  return {g.points_.data() + begin, g.line_ends_[i] - begin};
}

double signed_area(std::span<lon_lat const> ring) {
  double twice_area = 0;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    twice_area += (ring[j].lon_ * ring[i].lat_) - (ring[i].lon_ * ring[j].lat_);
  }
  return twice_area / 2;
}

namespace {

std::pair<std::size_t, std::size_t> part_rings(geometry const& g, std::size_t part) {
  if (g.type_ == geometry_type::kPolygon) {
    return {0, g.line_ends_.size()};
  }
  ZHITU_CHECK(part < g.part_ends_.size(), "polygon part out of range");
  return {part == 0 ? 0U : g.part_ends_[part - 1], g.part_ends_[part]};
}

bool ring_crossings_odd(std::span<lon_lat const> ring, lon_lat p) {
  bool inside = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    auto const& a = ring[i];
    auto const& b = ring[j];
    if ((a.lat_ > p.lat_) != (b.lat_ > p.lat_) &&
        p.lon_ < (b.lon_ - a.lon_) * (p.lat_ - a.lat_) / (b.lat_ - a.lat_) + a.lon_) {
      inside = !inside;
    }
  }
  return inside;
}

}  // namespace

bool polygon_contains(geometry const& g, std::size_t part, lon_lat p) {
  auto const [first, last] = part_rings(g, part);
  bool inside = false;
  for (auto r = first; r < last; ++r) {
    if (ring_crossings_odd(line(g, r), p)) {
      inside = !inside;
    }
  }
  return inside;
}

lon_lat representative_point(geometry const& g) {
  switch (g.type_) {
    case geometry_type::kPoint:
    case geometry_type::kMultiPoint:
      return g.points_.front();
    case geometry_type::kLineString:
    case geometry_type::kMultiLineString: {
      auto const l = line(g, 0);
      return l[l.size() / 2];
    }
    case geometry_type::kPolygon:
    case geometry_type::kMultiPolygon: {
      auto const n_parts = g.type_ == geometry_type::kPolygon ? 1U : g.part_ends_.size();
      auto best_part = std::size_t{0};
      auto best_area = -1.0;
      for (auto part = std::size_t{0}; part < n_parts; ++part) {
        auto const [first, last] = part_rings(g, part);
        auto const area = std::abs(signed_area(line(g, first)));
        if (area > best_area) {
          best_area = area;
          best_part = part;
        }
      }
      auto const exterior = line(g, part_rings(g, best_part).first);
      box b;
      for (auto const p : exterior) {
        b.extend(p);
      }
      auto const c = b.center();
      return polygon_contains(g, best_part, c) ? c : exterior.front();
    }
    case geometry_type::kGeometryCollection:
      return representative_point(g.members_.front());
  }
  return g.points_.front();
}

}  // namespace zhitu::model
