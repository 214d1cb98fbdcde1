// SPDX-License-Identifier: Apache-2.0
// China's coordinate systems ↔ WGS84. Inside zhitu every coordinate is WGS84; importers convert
// on the way in, exporters may convert on the way out.
//
//   auto const c = parse_crs("gcj02");                     // std::optional<crs>
//   lon_lat wgs = to_wgs84(*c, {112.477463, 34.558782});  // Amap/Tencent POI → ground truth
//   lon_lat gcj = from_wgs84(*c, wgs);                    // round-trips within 1 cm
//
// GCJ-02 ("Mars") is WGS84 plus a published obfuscation offset of 100–700 m, applied only
// inside China's rectangle; BD-09 (Baidu) is a further offset and rotation of GCJ-02.
// The inverse has no closed form: it iterates the forward formula to below 1e-10°.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/geometry.h"

namespace zhitu::model {

enum class crs : std::uint8_t { kWgs84, kGcj02, kBd09 };

std::optional<crs> parse_crs(std::string_view name);
std::string_view to_string(crs);

lon_lat wgs84_to_gcj02(lon_lat p);
lon_lat gcj02_to_wgs84(lon_lat p);
lon_lat gcj02_to_bd09(lon_lat p);
lon_lat bd09_to_gcj02(lon_lat p);

lon_lat to_wgs84(crs from, lon_lat p);
lon_lat from_wgs84(crs to, lon_lat p);

// Great-circle distance on a sphere of the WGS84 mean radius; metres.
double distance_m(lon_lat a, lon_lat b);

}  // namespace zhitu::model
