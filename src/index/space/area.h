// SPDX-License-Identifier: Apache-2.0
// Point-in-polygon and polygon-intersects tests against area geometries (Polygon,
// MultiPolygon, or collections holding them), e.g. the admin boundary entities.
//
//   auto const& county = cat.at(*cat.find("adm-410311")).geometry_;   // 洛龙区
//   area_contains(*county, {112.471269, 34.559899});                   // 龙门石窟: true
//   intersects_area(some_line, *county);
//
// Planar tests in lon/lat degrees (even-odd rule over every ring), as GeoJSON (RFC 7946 §3.1.1)
// asks of edges: straight in lon/lat. Cost: O(vertices) a test; callers prune with boxes first.
#pragma once

#include "model/geometry.h"

namespace zhitu::index {

// Polygon, MultiPolygon, or a collection holding one.
bool is_area(model::geometry const& g);

// `p` lies inside a polygon of `area` (points on an edge may fall either way). False for
// geometries that are not areas.
bool area_contains(model::geometry const& area, model::lon_lat p);

// `g` (any type) shares at least one point with `area`: a vertex of one inside the other, or
// two edges crossing. False when `area` is not an area.
bool intersects_area(model::geometry const& g, model::geometry const& area);

// Any two geometries share a point (areas as above; points and lines by equal vertices, a
// vertex on a segment, or crossing segments).
bool geometries_intersect(model::geometry const& a, model::geometry const& b);

// Every vertex of `g` lies inside area `area` and no edge of `g` crosses the area's boundary
// (points on the boundary may fall either way). False when `area` is not an area.
bool within_area(model::geometry const& g, model::geometry const& area);

}  // namespace zhitu::index
