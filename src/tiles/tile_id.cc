// SPDX-License-Identifier: Apache-2.0
#include "tiles/tile_id.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>

namespace zhitu::tiles {

namespace {

double mercator_x(double lon) { return (lon + 180.0) / 360.0; }

// ln(tan φ + sec φ) = atanh(sin φ): one sine and one logarithm instead of three functions.
double mercator_y(double lat) {
  auto const clamped = std::clamp(lat, -kMaxLatitude, kMaxLatitude);
  auto const s = std::sin(clamped * std::numbers::pi / 180.0);
  return 0.5 - std::log((1.0 + s) / (1.0 - s)) / (4.0 * std::numbers::pi);
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

world_point world_position(model::lon_lat p) {
  constexpr auto kSide = 4294967296.0;  // 2^32
  auto const step = [](double v) {
    return static_cast<std::uint32_t>(std::clamp(std::floor(v * kSide), 0.0, kSide - 1));
  };
  return {step(mercator_x(p.lon_)), step(mercator_y(p.lat_))};
}

tile_point to_tile(world_point w, tile_id const& t, std::uint32_t extent) {
  // Exact: a tile's origin is a whole number of steps, and the offset fits a double.
  auto const shift = 32U - t.z_;
  auto const scale = static_cast<double>(extent) / static_cast<double>(std::uint64_t{1} << shift);
  auto const origin_x = std::int64_t{t.x_} << shift;
  auto const origin_y = std::int64_t{t.y_} << shift;
  return {static_cast<double>(std::int64_t{w.x_} - origin_x) * scale,
          static_cast<double>(std::int64_t{w.y_} - origin_y) * scale};
}

}  // namespace zhitu::tiles
