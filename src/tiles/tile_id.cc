// SPDX-License-Identifier: Apache-2.0
#include "tiles/tile_id.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>

namespace zhitu::tiles {

namespace {

double mercator_x(double lon) { return (lon + 180.0) / 360.0; }

double mercator_y(double lat) {
  auto const clamped = std::clamp(lat, -kMaxLatitude, kMaxLatitude);
  auto const rad = clamped * std::numbers::pi / 180.0;
  return (1.0 - std::log(std::tan(rad) + 1.0 / std::cos(rad)) / std::numbers::pi) / 2.0;
}

double lon_of(double x) { return x * 360.0 - 180.0; }

double lat_of(double y) {
  auto const n = std::numbers::pi * (1.0 - 2.0 * y);
  return std::atan(std::sinh(n)) * 180.0 / std::numbers::pi;
}

result<std::uint32_t> parse_part(char const* name, std::string const& text, std::uint64_t max) {
  std::uint64_t v = 0;
  auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
    return invalid_argument(std::string{name} + ": expected a whole number, got \"" + text + "\"");
  }
  if (v > max) {
    return error{error_kind::kNotFound, std::string{name} + ": " + text + " is outside 0.." +
                                            std::to_string(max)};
  }
  return static_cast<std::uint32_t>(v);
}

}  // namespace

result<tile_id> parse_tile_id(std::string const& z, std::string const& x, std::string const& y) {
  auto const zz = parse_part("z", z, kMaxZoom);
  if (!zz) {
    return zz.err();
  }
  auto const max = (std::uint64_t{1} << *zz) - 1;
  auto const xx = parse_part("x", x, max);
  if (!xx) {
    return xx.err();
  }
  auto const yy = parse_part("y", y, max);
  if (!yy) {
    return yy.err();
  }
  return tile_id{static_cast<std::uint8_t>(*zz), *xx, *yy};
}

model::box tile_bounds(tile_id const& t, double buffer_fraction) {
  auto const n = static_cast<double>(std::uint64_t{1} << t.z_);
  auto const x0 = (t.x_ - buffer_fraction) / n;
  auto const x1 = (t.x_ + 1 + buffer_fraction) / n;
  auto const y0 = (t.y_ - buffer_fraction) / n;
  auto const y1 = (t.y_ + 1 + buffer_fraction) / n;
  return {std::max(-180.0, lon_of(x0)), std::max(-90.0, lat_of(std::min(1.0, y1))),
          std::min(180.0, lon_of(x1)), std::min(90.0, lat_of(std::max(0.0, y0)))};
}

tile_point to_tile(model::lon_lat p, tile_id const& t, std::uint32_t extent) {
  auto const n = static_cast<double>(std::uint64_t{1} << t.z_);
  return {(mercator_x(p.lon_) * n - t.x_) * extent, (mercator_y(p.lat_) * n - t.y_) * extent};
}

tile_id tile_of(model::lon_lat p, std::uint8_t z) {
  auto const n = std::uint64_t{1} << z;
  auto const clamp = [&](double v) {
    return static_cast<std::uint32_t>(std::clamp(v * static_cast<double>(n), 0.0, static_cast<double>(n - 1)));
  };
  return {z, clamp(mercator_x(p.lon_)), clamp(mercator_y(p.lat_))};
}

}  // namespace zhitu::tiles
