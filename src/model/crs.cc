// SPDX-License-Identifier: Apache-2.0
#include "model/crs.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace zhitu::model {

namespace {

constexpr auto kPi = std::numbers::pi;
constexpr auto kKrasovskyA = 6378245.0;
constexpr auto kKrasovskyEe = 0.00669342162296594323;
constexpr auto kBdPi = kPi * 3000.0 / 180.0;
constexpr auto kMeanEarthRadiusM = 6371008.8;

// The rectangle the obfuscation applies in; outside it GCJ-02 equals WGS84.
bool outside_china(lon_lat p) {
  return p.lon_ < 72.004 || p.lon_ > 137.8347 || p.lat_ < 0.8293 || p.lat_ > 55.8271;
}

double offset_lat(double x, double y) {
  auto r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  r += (160.0 * std::sin(y / 12.0 * kPi) + 320 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  return r;
}

double offset_lon(double x, double y) {
  auto r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return r;
}

}  // namespace

std::optional<crs> parse_crs(std::string_view name) {
  if (name == "wgs84" || name == "WGS84" || name == "EPSG:4326") {
    return crs::kWgs84;
  }
  if (name == "gcj02" || name == "GCJ02" || name == "GCJ-02") {
    return crs::kGcj02;
  }
  if (name == "bd09" || name == "BD09" || name == "BD-09") {
    return crs::kBd09;
  }
  return std::nullopt;
}

std::string_view to_string(crs c) {
  switch (c) {
    case crs::kWgs84: return "wgs84";
    case crs::kGcj02: return "gcj02";
    case crs::kBd09: return "bd09";
  }
  return "?";
}

lon_lat wgs84_to_gcj02(lon_lat p) {
  if (outside_china(p)) {
    return p;
  }
  auto d_lat = offset_lat(p.lon_ - 105.0, p.lat_ - 35.0);
  auto d_lon = offset_lon(p.lon_ - 105.0, p.lat_ - 35.0);
  auto const rad_lat = p.lat_ / 180.0 * kPi;
  auto magic = std::sin(rad_lat);
  magic = 1 - kKrasovskyEe * magic * magic;
  auto const sqrt_magic = std::sqrt(magic);
  d_lat = (d_lat * 180.0) / ((kKrasovskyA * (1 - kKrasovskyEe)) / (magic * sqrt_magic) * kPi);
  d_lon = (d_lon * 180.0) / (kKrasovskyA / sqrt_magic * std::cos(rad_lat) * kPi);
  return {p.lon_ + d_lon, p.lat_ + d_lat};
}

lon_lat gcj02_to_wgs84(lon_lat target) {
  if (outside_china(target)) {
    return target;
  }
  // Fixed-point iteration on the forward formula: the offset varies slowly, so this
  // converges to 1e-10° in a handful of steps.
  auto wgs = target;
  for (auto i = 0; i < 30; ++i) {
    auto const gcj = wgs84_to_gcj02(wgs);
    auto const d_lon = gcj.lon_ - target.lon_;
    auto const d_lat = gcj.lat_ - target.lat_;
    wgs.lon_ -= d_lon;
    wgs.lat_ -= d_lat;
    if (std::abs(d_lon) < 1e-10 && std::abs(d_lat) < 1e-10) {
      break;
    }
  }
  return wgs;
}

lon_lat gcj02_to_bd09(lon_lat p) {
  auto const z = std::sqrt(p.lon_ * p.lon_ + p.lat_ * p.lat_) + 0.00002 * std::sin(p.lat_ * kBdPi);
  auto const theta = std::atan2(p.lat_, p.lon_) + 0.000003 * std::cos(p.lon_ * kBdPi);
  return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

lon_lat bd09_to_gcj02(lon_lat target) {
  // The published closed-form inverse is off by up to ~1 m; refine it by iterating the forward
  // formula so exports round-trip.
  auto const x = target.lon_ - 0.0065;
  auto const y = target.lat_ - 0.006;
  auto const z = std::sqrt(x * x + y * y) - 0.00002 * std::sin(y * kBdPi);
  auto const theta = std::atan2(y, x) - 0.000003 * std::cos(x * kBdPi);
  lon_lat gcj{z * std::cos(theta), z * std::sin(theta)};
  for (auto i = 0; i < 10; ++i) {
    auto const bd = gcj02_to_bd09(gcj);
    auto const d_lon = bd.lon_ - target.lon_;
    auto const d_lat = bd.lat_ - target.lat_;
    gcj.lon_ -= d_lon;
    gcj.lat_ -= d_lat;
    if (std::abs(d_lon) < 1e-10 && std::abs(d_lat) < 1e-10) {
      break;
    }
  }
  return gcj;
}

lon_lat to_wgs84(crs from, lon_lat p) {
  switch (from) {
    case crs::kWgs84: return p;
    case crs::kGcj02: return gcj02_to_wgs84(p);
    case crs::kBd09: return gcj02_to_wgs84(bd09_to_gcj02(p));
  }
  return p;
}

lon_lat from_wgs84(crs to, lon_lat p) {
  switch (to) {
    case crs::kWgs84: return p;
    case crs::kGcj02: return wgs84_to_gcj02(p);
    case crs::kBd09: return gcj02_to_bd09(wgs84_to_gcj02(p));
  }
  return p;
}

double distance_m(lon_lat a, lon_lat b) {
  auto const to_rad = kPi / 180.0;
  auto const d_lat = (b.lat_ - a.lat_) * to_rad;
  auto const d_lon = (b.lon_ - a.lon_) * to_rad;
  auto const h = std::sin(d_lat / 2) * std::sin(d_lat / 2) +
                 std::cos(a.lat_ * to_rad) * std::cos(b.lat_ * to_rad) * std::sin(d_lon / 2) *
                     std::sin(d_lon / 2);
  return 2 * kMeanEarthRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace zhitu::model
