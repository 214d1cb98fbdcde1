// SPDX-License-Identifier: Apache-2.0
#include "model/geojson.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace zhitu::model {

using nlohmann::json;

namespace {

std::string format_number(double v) {
  std::array<char, 32> buf{};
  auto const n = std::snprintf(buf.data(), buf.size(), "%.10g", v);
  return {buf.data(), static_cast<std::size_t>(n)};
}

// Parsing state: the path to the current array, for messages such as `coordinates[0][3]`.
struct reader {
  std::optional<error> error_;

  bool fail(std::string const& path, std::string const& what) {
    if (!error_) {
      error_ = invalid_argument(path + ": " + what);
    }
    return false;
  }

  bool position(json const& j, std::string const& path, std::vector<lon_lat>& out) {
    if (!j.is_array() || j.size() < 2 || j.size() > 3) {
      return fail(path, "expected a position [lon, lat] or [lon, lat, height]");
    }
    for (auto const& c : j) {
      if (!c.is_number()) {
        return fail(path, "expected numbers in position, got " + std::string{c.type_name()});
      }
    }
    auto const lon = j[0].get<double>();
    auto const lat = j[1].get<double>();
    if (!std::isfinite(lon) || lon < -180 || lon > 180) {
      return fail(path, "longitude " + format_number(lon) + " out of [-180, 180]");
    }
    if (!std::isfinite(lat) || lat < -90 || lat > 90) {
      return fail(path, "latitude " + format_number(lat) + " out of [-90, 90]");
    }
    out.push_back({lon, lat});
    return true;
  }

  bool positions(json const& j, std::string const& path, std::size_t min_count, geometry& g) {
    if (!j.is_array()) {
      return fail(path, "expected an array of positions");
    }
    if (j.size() < min_count) {
      return fail(path, "expected at least " + std::to_string(min_count) + " positions, got " +
                            std::to_string(j.size()));
    }
    for (std::size_t i = 0; i < j.size(); ++i) {
      if (!position(j[i], path + "[" + std::to_string(i) + "]", g.points_)) {
        return false;
      }
    }
    return true;
  }

  bool line(json const& j, std::string const& path, geometry& g) {
    if (!positions(j, path, 2, g)) {
      return false;
    }
    g.line_ends_.push_back(static_cast<std::uint32_t>(g.points_.size()));
    return true;
  }

  bool ring(json const& j, std::string const& path, geometry& g) {
    auto const begin = g.points_.size();
    if (!positions(j, path, 4, g)) {
      return false;
    }
    if (!(g.points_[begin] == g.points_.back())) {
      return fail(path, "linear ring is not closed (first and last positions differ)");
    }
    g.line_ends_.push_back(static_cast<std::uint32_t>(g.points_.size()));
    return true;
  }

  bool polygon(json const& j, std::string const& path, geometry& g) {
    if (!j.is_array() || j.empty()) {
      return fail(path, "expected a non-empty array of linear rings");
    }
    for (std::size_t i = 0; i < j.size(); ++i) {
      if (!ring(j[i], path + "[" + std::to_string(i) + "]", g)) {
        return false;
      }
    }
    return true;
  }

  template <typename F>
  bool non_empty_array(json const& j, std::string const& path, F&& each) {
    if (!j.is_array() || j.empty()) {
      return fail(path, "expected a non-empty array");
    }
    for (std::size_t i = 0; i < j.size(); ++i) {
      if (!each(j[i], path + "[" + std::to_string(i) + "]")) {
        return false;
      }
    }
    return true;
  }

  bool any(json const& j, std::string const& path, geometry& g, int depth) {
    if (!j.is_object()) {
      return fail(path, "expected a geometry object");
    }
    auto const type_it = j.find("type");
    if (type_it == j.end() || !type_it->is_string()) {
      return fail(path + ".type", "missing geometry type");
    }
    auto const type = type_it->get<std::string>();
    if (type == "GeometryCollection") {
      if (depth > 8) {
        return fail(path, "geometry collections nested too deeply");
      }
      g.type_ = geometry_type::kGeometryCollection;
      auto const members = j.find("geometries");
      if (members == j.end()) {
        return fail(path + ".geometries", "missing");
      }
      return non_empty_array(*members, path + ".geometries", [&](json const& m, std::string const& p) {
        g.members_.emplace_back();
        return any(m, p, g.members_.back(), depth + 1);
      });
    }
    auto const coords_it = j.find("coordinates");
    if (coords_it == j.end()) {
      return fail(path + ".coordinates", "missing");
    }
    auto const& c = *coords_it;
    auto const cpath = path + ".coordinates";
    if (type == "Point") {
      g.type_ = geometry_type::kPoint;
      return position(c, cpath, g.points_);
    }
    if (type == "MultiPoint") {
      g.type_ = geometry_type::kMultiPoint;
      return non_empty_array(c, cpath, [&](json const& p, std::string const& ppath) {
        return position(p, ppath, g.points_);
      });
    }
    if (type == "LineString") {
      g.type_ = geometry_type::kLineString;
      return line(c, cpath, g);
    }
    if (type == "MultiLineString") {
      g.type_ = geometry_type::kMultiLineString;
      return non_empty_array(c, cpath, [&](json const& l, std::string const& lpath) {
        return line(l, lpath, g);
      });
    }
    if (type == "Polygon") {
      g.type_ = geometry_type::kPolygon;
      return polygon(c, cpath, g);
    }
    if (type == "MultiPolygon") {
      g.type_ = geometry_type::kMultiPolygon;
      return non_empty_array(c, cpath, [&](json const& p, std::string const& ppath) {
        if (!polygon(p, ppath, g)) {
          return false;
        }
        g.part_ends_.push_back(static_cast<std::uint32_t>(g.line_ends_.size()));
        return true;
      });
    }
    return fail(path + ".type", "unknown geometry type \"" + type + "\"");
  }
};

json position_json(lon_lat p) { return json::array({p.lon_, p.lat_}); }

json line_json(geometry const& g, std::size_t i) {
  auto out = json::array();
  for (auto const p : line(g, i)) {
    out.push_back(position_json(p));
  }
  return out;
}

json polygon_json(geometry const& g, std::size_t first_ring, std::size_t last_ring) {
  auto out = json::array();
  for (auto r = first_ring; r < last_ring; ++r) {
    out.push_back(line_json(g, r));
  }
  return out;
}

}  // namespace

result<geometry> geometry_from_geojson(json const& j) {
  reader r;
  geometry g;
  if (!r.any(j, "geometry", g, 0)) {
    return *r.error_;
  }
  return g;
}

json geometry_to_geojson(geometry const& g) {
  json out = json::object();
  out["type"] = std::string{to_string(g.type_)};
  auto& coords = out["coordinates"];
  switch (g.type_) {
    case geometry_type::kPoint: coords = position_json(g.points_.front()); break;
    case geometry_type::kMultiPoint:
      coords = json::array();
      for (auto const p : g.points_) {
        coords.push_back(position_json(p));
      }
      break;
    case geometry_type::kLineString: coords = line_json(g, 0); break;
    case geometry_type::kMultiLineString:
      coords = json::array();
      for (std::size_t i = 0; i < g.line_ends_.size(); ++i) {
        coords.push_back(line_json(g, i));
      }
      break;
    case geometry_type::kPolygon: coords = polygon_json(g, 0, g.line_ends_.size()); break;
    case geometry_type::kMultiPolygon:
      coords = json::array();
      for (std::size_t p = 0; p < g.part_ends_.size(); ++p) {
        coords.push_back(polygon_json(g, p == 0 ? 0 : g.part_ends_[p - 1], g.part_ends_[p]));
      }
      break;
    case geometry_type::kGeometryCollection:
      out.erase("coordinates");
      out["geometries"] = json::array();
      for (auto const& m : g.members_) {
        out["geometries"].push_back(geometry_to_geojson(m));
      }
      break;
  }
  return out;
}

}  // namespace zhitu::model
