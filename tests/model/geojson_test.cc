// SPDX-License-Identifier: Apache-2.0
#include "model/geojson.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace zhitu::model {

using nlohmann::json;

namespace {

std::string error_of(char const* text) {
  auto const g = geometry_from_geojson(json::parse(text));
  return g ? std::string{"(no error)"} : g.err().message_;
}

}  // namespace

TEST(geojson, every_type_round_trips) {
  for (auto const* text : {
           R"({"type":"Point","coordinates":[112.47,34.56]})",
           R"({"type":"MultiPoint","coordinates":[[112.47,34.56],[112.5,34.6]]})",
           R"({"type":"LineString","coordinates":[[112.47,34.56],[112.5,34.6]]})",
           R"({"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6],[7,8],[9,9]]]})",
           R"({"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[1,2],[2,2],[1,1]]]})",
           R"({"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]})",
           R"({"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[1,2],[3,4]]}]})",
       }) {
    auto const g = geometry_from_geojson(json::parse(text));
    ASSERT_TRUE(g) << text << ": " << g.err().message_;
    EXPECT_EQ(geometry_to_geojson(*g), json::parse(text)) << text;
  }
}

TEST(geojson, drops_height) {
  auto const g = geometry_from_geojson(json::parse(R"({"type":"Point","coordinates":[1,2,300]})"));
  ASSERT_TRUE(g);
  EXPECT_EQ((g->points_.front()), (lon_lat{1, 2}));
}

TEST(geojson, names_the_failing_position) {
  EXPECT_EQ(error_of(R"({"type":"LineString","coordinates":[[1,2],[3,"x"]]})"),
            "geometry.coordinates[1]: expected numbers in position, got string");
  EXPECT_EQ(error_of(R"({"type":"Point","coordinates":[112.5,134.5]})"),
            "geometry.coordinates: latitude 134.5 out of [-90, 90]");
  EXPECT_EQ(error_of(R"({"type":"Point","coordinates":[190,34]})"),
            "geometry.coordinates: longitude 190 out of [-180, 180]");
}

TEST(geojson, rejects_unclosed_and_short_rings) {
  EXPECT_EQ(error_of(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]})"),
            "geometry.coordinates[0]: linear ring is not closed (first and last positions differ)");
  EXPECT_EQ(error_of(R"({"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[0,0]]]]})"),
            "geometry.coordinates[0][0]: expected at least 4 positions, got 3");
}

TEST(geojson, rejects_empty_and_unknown) {
  EXPECT_EQ(error_of(R"({"type":"MultiPoint","coordinates":[]})"),
            "geometry.coordinates: expected a non-empty array");
  EXPECT_EQ(error_of(R"({"type":"Circle","coordinates":[1,2]})"),
            "geometry.type: unknown geometry type \"Circle\"");
  EXPECT_EQ(error_of(R"({"coordinates":[1,2]})"), "geometry.type: missing geometry type");
  EXPECT_EQ(error_of(R"({"type":"LineString","coordinates":[[1,2]]})"),
            "geometry.coordinates: expected at least 2 positions, got 1");
}

TEST(geojson, bounds_and_representative_point_of_polygon) {
  auto const g = geometry_from_geojson(
      json::parse(R"({"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]]]})"));
  ASSERT_TRUE(g);
  EXPECT_EQ(bounds(*g), (box{0, 0, 4, 4}));
  EXPECT_EQ(representative_point(*g), (lon_lat{2, 2}));
  EXPECT_TRUE(polygon_contains(*g, 0, {1, 1}));
  EXPECT_FALSE(polygon_contains(*g, 0, {5, 1}));
  EXPECT_GT(signed_area(line(*g, 0)), 0);  // counter-clockwise
}

TEST(geojson, representative_point_of_concave_polygon_lies_inside) {
  // A U shape whose box centre falls in the notch.
  auto const g = geometry_from_geojson(json::parse(
      R"({"type":"Polygon","coordinates":[[[0,0],[3,0],[3,3],[2,3],[2,1],[1,1],[1,3],[0,3],[0,0]]]})"));
  ASSERT_TRUE(g);
  EXPECT_TRUE(polygon_contains(*g, 0, representative_point(*g)));
}

}  // namespace zhitu::model
