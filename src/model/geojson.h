// SPDX-License-Identifier: Apache-2.0
// RFC 7946 geometry objects ↔ `geometry`, with validation that names the failing path.
//
//   auto const g = geometry_from_geojson(json::parse(R"({"type":"Point","coordinates":[112.47,34.56]})"));
//   if (!g) { std::cerr << g.err().message_; }   // e.g. "coordinates[1]: latitude 134.56 out of [-90, 90]"
//   std::string text = geometry_to_geojson(*g).dump();
//
// Checks structure, not simplicity: positions are finite, in range and have 2 or 3 numbers,
// lines have at least 2 positions, rings at least 4 and are closed, nothing is empty.
// Self-intersections are accepted (real boundary data has them; see data/README.md).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "model/geometry.h"
#include "model/result.h"

namespace zhitu::model {

result<geometry> geometry_from_geojson(nlohmann::json const& j);

nlohmann::json geometry_to_geojson(geometry const& g);

}  // namespace zhitu::model
