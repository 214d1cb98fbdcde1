// SPDX-License-Identifier: Apache-2.0
// read_geojson: features → entities, and bad documents or features → file: feature N: field.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "io/detail/text.h"
#include "io/import.h"
#include "model/crs.h"
#include "test_util.h"

namespace zhitu::io {
namespace {

using test::geojson;
using test::make_meta;
using test::messages;
using ::testing::ElementsAre;
using ::testing::StartsWith;

constexpr auto kCollection = R"({"type":"FeatureCollection","features":[
{"type":"Feature","id":"adm-410300",
 "properties":{"id":"adm-410300","name":"洛阳市","name_en":"Luoyang","aliases":["洛阳","洛阳市"],
               "kind":"prefecture","adcode":"410300","center":[112.43,34.66],"rank":2,"note":null},
 "geometry":{"type":"Polygon","coordinates":[[[112,34],[113,34],[113,35],[112,34]]]}},
{"type":"Feature","id":7,"properties":{"name":"某地","aliases":"甲|乙","start":-770,"end":"前256年",
 "era":"东周"},"geometry":{"type":"Point","coordinates":[112.4,34.6,120]}}
]})";

TEST(geojson_import, reads_features_into_entities) {
  auto const out = geojson(kCollection);
  ASSERT_THAT(messages(out), ElementsAre());
  ASSERT_EQ(out.batch_.entities_.size(), 2U);
  EXPECT_EQ(out.n_records_, 2U);
  auto const& e = out.batch_.entities_[0];
  EXPECT_EQ(e.id_, "adm-410300");
  EXPECT_EQ(e.kind_, "prefecture");
  EXPECT_EQ(e.names_.zh_, "洛阳市");
  EXPECT_EQ(e.names_.en_, "Luoyang");
  EXPECT_EQ(e.names_.aliases_, (std::vector<std::string>{"洛阳"}));
  EXPECT_EQ(e.geometry_->type_, model::geometry_type::kPolygon);
  EXPECT_EQ(e.sources_, (std::vector<model::source_ref>{{"test_set", "feature 0"}}));
}

TEST(geojson_import, other_properties_keep_their_json_values_and_nulls_are_dropped) {
  auto const out = geojson(kCollection);
  ASSERT_EQ(out.batch_.entities_.size(), 2U);
  EXPECT_EQ(nlohmann::json::parse(out.batch_.entities_[0].properties_),
            nlohmann::json::parse(R"({"adcode":"410300","center":[112.43,34.66],"rank":2})"));
}

TEST(geojson_import, integer_ids_bar_aliases_years_and_default_kind) {
  auto const out = geojson(kCollection);
  ASSERT_EQ(out.batch_.entities_.size(), 2U);
  auto const& e = out.batch_.entities_[1];
  EXPECT_EQ(e.id_, "7");
  EXPECT_EQ(e.kind_, "heritage_site");
  EXPECT_EQ(e.names_.aliases_, (std::vector<std::string>{"甲", "乙"}));
  EXPECT_EQ(e.time_, model::time_span::exact(-770, -255));
  EXPECT_EQ(e.properties_, R"({"era":"东周"})");
  EXPECT_EQ(e.geometry_->points_.front(), (model::lon_lat{112.4, 34.6}));
}

TEST(geojson_import, a_single_feature_is_accepted) {
  auto const out = geojson(
      R"({"type":"Feature","id":"a","properties":{"name":"甲"},"geometry":{"type":"Point","coordinates":[1,2]}})");
  ASSERT_THAT(messages(out), ElementsAre());
  ASSERT_EQ(out.batch_.entities_.size(), 1U);
  EXPECT_EQ(out.batch_.entities_[0].sources_[0].record_, "feature 0");
}

TEST(geojson_import, id_from_the_mapped_property) {
  auto meta = make_meta();
  meta.columns_.id_ = "code";
  auto const out = geojson(
      R"({"type":"Feature","properties":{"code":"c1","name":"甲"},"geometry":{"type":"Point","coordinates":[1,2]}})",
      meta);
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.entities_[0].id_, "c1");
  EXPECT_EQ(out.batch_.entities_[0].properties_, "{}");
}

TEST(geojson_import, bd09_vertices_are_converted) {
  auto meta = make_meta();
  meta.crs_ = model::crs::kBd09;
  auto const out = geojson(
      R"({"type":"Feature","id":"a","properties":{"name":"甲"},"geometry":{"type":"LineString","coordinates":[[112.48,34.56],[112.49,34.57]]}})",
      meta);
  ASSERT_THAT(messages(out), ElementsAre());
  auto const& pts = out.batch_.entities_[0].geometry_->points_;
  ASSERT_EQ(pts.size(), 2U);
  auto const expected = model::to_wgs84(model::crs::kBd09, {112.49, 34.57});
  EXPECT_NEAR(pts[1].lon_, expected.lon_, 1e-7);
  EXPECT_NEAR(pts[1].lat_, expected.lat_, 1e-7);
  EXPECT_GT(model::distance_m(pts[1], {112.49, 34.57}), 500);
}

TEST(geojson_import, null_geometry_when_optional) {
  auto meta = make_meta();
  meta.geometry_required_ = false;
  auto const out =
      geojson(R"({"type":"Feature","id":"a","properties":{"name":"甲"},"geometry":null})", meta);
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_FALSE(out.batch_.entities_[0].geometry_.has_value());
}

// ---- errors --------------------------------------------------------------------------------

TEST(geojson_import, syntax_error_names_the_line) {
  EXPECT_THAT(messages(geojson("{\"type\":\"FeatureCollection\",\n\"features\":[\n{\"type\":,}]}")),
              ElementsAre("t.geojson:3: JSON syntax error: syntax error while parsing value - "
                          "unexpected ','; expected '[', '{', or a literal"));
}

TEST(geojson_import, syntax_error_inside_a_character_gives_valid_utf8) {
  // nlohmann quotes the token it read, here a literal cut inside "甲".
  auto const m = messages(geojson("{\"a\":tr\xE7\x94\xB2}"));
  ASSERT_EQ(m.size(), 1U);
  EXPECT_THAT(m[0], StartsWith("t.geojson:1: JSON syntax error: "));
  EXPECT_FALSE(detail::find_invalid_utf8(m[0]).has_value()) << m[0];
}

TEST(geojson_import, truncated_file) {
  auto const m = messages(geojson("{\"type\":\"FeatureCollection\",\n\"features\":[\n"));
  ASSERT_EQ(m.size(), 1U);
  EXPECT_THAT(m[0], StartsWith("t.geojson:3: JSON syntax error: "));
}

TEST(geojson_import, number_beyond_double_range) {
  EXPECT_THAT(messages(geojson("{\"type\":\"Feature\",\n\"properties\":{\"x\":1e400}}")),
              ElementsAre("t.geojson:2: JSON number overflow parsing '1e400'"));
}

TEST(geojson_import, deep_nesting_is_refused) {
  auto const text = "{\"a\":" + std::string(500, '[') + std::string(500, ']') + "}";
  EXPECT_THAT(messages(geojson(text)),
              ElementsAre("t.geojson:1: JSON nested more than 128 levels deep"));
}

TEST(geojson_import, top_level_not_an_object) {
  EXPECT_THAT(messages(geojson("[1,2]")),
              ElementsAre("t.geojson: expected a GeoJSON FeatureCollection or Feature object, "
                          "got array"));
}

TEST(geojson_import, top_level_bare_geometry) {
  EXPECT_THAT(messages(geojson(R"({"type":"Point","coordinates":[1,2]})")),
              ElementsAre("t.geojson: type: expected \"FeatureCollection\" or \"Feature\", got "
                          "string \"Point\" (a bare geometry needs to be wrapped in a Feature)"));
}

TEST(geojson_import, features_not_an_array) {
  EXPECT_THAT(messages(geojson(R"({"type":"FeatureCollection","features":{}})")),
              ElementsAre("t.geojson: features: expected an array, got object"));
}

TEST(geojson_import, feature_without_feature_type) {
  EXPECT_THAT(
      messages(geojson(R"({"type":"FeatureCollection","features":[{"id":"a","properties":{}}]})")),
      ElementsAre("t.geojson: feature 0: type: missing (expected \"Feature\")"));
}

TEST(geojson_import, feature_that_is_not_an_object) {
  EXPECT_THAT(messages(geojson(R"({"type":"FeatureCollection","features":[3]})")),
              ElementsAre("t.geojson: feature 0: expected a Feature object, got number 3"));
}

TEST(geojson_import, invalid_geometry_names_the_path) {
  EXPECT_THAT(
      messages(geojson(R"({"type":"FeatureCollection","features":[
        {"type":"Feature","id":"a","properties":{"name":"甲"},"geometry":{"type":"Point","coordinates":[1,2]}},
        {"type":"Feature","id":"b","properties":{"name":"乙"},
         "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}}]})")),
      ElementsAre("t.geojson: feature 1: geometry.coordinates[0]: linear ring is not closed "
                  "(first and last positions differ)"));
}

TEST(geojson_import, null_geometry_when_required) {
  auto const m = messages(
      geojson(R"({"type":"Feature","id":"a","properties":{"name":"甲"},"geometry":null})"));
  ASSERT_EQ(m.size(), 1U);
  EXPECT_THAT(m[0], StartsWith("t.geojson: feature 0: geometry: missing coordinates"));
}

TEST(geojson_import, id_of_the_wrong_type) {
  EXPECT_THAT(
      messages(geojson(
          R"({"type":"Feature","id":1.5,"properties":{"name":"甲"},"geometry":{"type":"Point","coordinates":[1,2]}})")),
      ElementsAre("t.geojson: feature 0: id: expected a string or an integer, got number 1.5"));
}

TEST(geojson_import, missing_id) {
  EXPECT_THAT(
      messages(geojson(
          R"({"type":"Feature","properties":{"name":"甲"},"geometry":{"type":"Point","coordinates":[1,2]}})")),
      ElementsAre("t.geojson: feature 0: id: missing id (give the feature an \"id\" "
                  "member or a \"id\" property)"));
}

TEST(geojson_import, feature_id_and_id_property_disagree) {
  EXPECT_THAT(
      messages(geojson(
          R"({"type":"Feature","id":"a","properties":{"id":"b","name":"甲"},"geometry":{"type":"Point","coordinates":[1,2]}})")),
      ElementsAre("t.geojson: feature 0: id: feature id \"a\" differs from properties.id \"b\""));
}

TEST(geojson_import, duplicate_id_names_the_first_feature) {
  EXPECT_THAT(
      messages(geojson(R"({"type":"FeatureCollection","features":[
        {"type":"Feature","id":"a","properties":{"name":"甲"},"geometry":{"type":"Point","coordinates":[1,2]}},
        {"type":"Feature","id":"a","properties":{"name":"乙"},"geometry":{"type":"Point","coordinates":[1,2]}}]})")),
      ElementsAre("t.geojson: feature 1: id: duplicate id \"a\" (first at t.geojson: feature 0)"));
}

TEST(geojson_import, name_of_the_wrong_type) {
  EXPECT_THAT(
      messages(geojson(
          R"({"type":"Feature","id":"a","properties":{"name":5,"name_en":"A"},"geometry":{"type":"Point","coordinates":[1,2]}})")),
      ElementsAre("t.geojson: feature 0: properties.name: expected a string, got number 5"));
}

TEST(geojson_import, alias_of_the_wrong_type) {
  EXPECT_THAT(
      messages(geojson(
          R"({"type":"Feature","id":"a","properties":{"name":"甲","aliases":["乙",2]},"geometry":{"type":"Point","coordinates":[1,2]}})")),
      ElementsAre("t.geojson: feature 0: properties.aliases[1]: expected a string, got number 2"));
}

std::string zhitu_export(std::string_view properties) {
  return R"({"type":"FeatureCollection","generator":"zhitu","features":[{"type":"Feature",)"
         R"("id":"a","geometry":{"type":"Point","coordinates":[112,34]},"properties":{"name":"甲",)" +
         std::string{properties} + "}}]}";
}

TEST(geojson_import, a_zhitu_export_gives_the_other_bounds_of_fuzzy_years) {
  auto const out =
      geojson(zhitu_export(R"("start":1822,"start_latest":1844,"end_earliest":1911,"end":1912)"));
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.entities_[0].time_, (model::time_span{1822, 1844, 1911, 1912}));
  EXPECT_EQ(out.batch_.entities_[0].properties_, "{}");
}

TEST(geojson_import, other_bounds_are_plain_properties_outside_a_zhitu_export) {
  auto const out =
      geojson(R"({"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[112,34]},)"
              R"("properties":{"name":"甲","start":1822,)"
              R"("start_latest":1844}})");
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.entities_[0].time_, model::time_span::exact(1822, 1822));
  EXPECT_EQ(out.batch_.entities_[0].properties_, R"({"start_latest":1844})");
}

TEST(geojson_import, other_bounds_out_of_order_or_alone) {
  EXPECT_THAT(messages(geojson(zhitu_export(R"("start":1822,"start_latest":1800,"end":1912)"))),
              ElementsAre("t.geojson: feature 0: properties.start_latest: 1800 and "
                          "properties.start 1822 are out of order"));
  EXPECT_THAT(messages(geojson(zhitu_export(R"("end_earliest":1911)"))),
              ElementsAre("t.geojson: feature 0: properties.end_earliest: given without "
                          "properties.end"));
}

TEST(geojson_import, year_of_the_wrong_type) {
  EXPECT_THAT(
      messages(geojson(
          R"({"type":"Feature","id":"a","properties":{"name":"甲","start":618.5},"geometry":{"type":"Point","coordinates":[1,2]}})")),
      ElementsAre("t.geojson: feature 0: properties.start: expected a year (an integer "
                  "such as -770 or 618, or text such as 公元前770年 or [1822..1844]), got number "
                  "618.5"));
}

TEST(geojson_import, properties_of_the_wrong_type) {
  EXPECT_THAT(
      messages(geojson(
          R"({"type":"Feature","id":"a","properties":[],"geometry":{"type":"Point","coordinates":[1,2]}})")),
      ElementsAre("t.geojson: feature 0: properties: expected an object or null, got array"));
}

TEST(geojson_import, invalid_utf8_is_reported_with_an_iconv_hint) {
  auto const m = messages(geojson("{\"type\":\"Feature\",\n\"id\":\"\xC1\xFA\"}"));
  ASSERT_EQ(m.size(), 1U);
  EXPECT_THAT(m[0], StartsWith("t.geojson:2: invalid UTF-8 at byte column 7;"));
  EXPECT_THAT(m[0], ::testing::HasSubstr("iconv -f GBK -t UTF-8 t.geojson > t.utf8.geojson"));
}

TEST(geojson_import, all_feature_errors_are_collected) {
  auto const out = geojson(R"({"type":"FeatureCollection","features":[
    {"type":"Feature","id":"a","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}},
    {"type":"Feature","id":"b","properties":{"name":"乙"},"geometry":{"type":"Point","coordinates":[1,200]}},
    {"type":"Feature","id":"c","properties":{"name":"丙"},"geometry":{"type":"Point","coordinates":[1,2]}},
    {"type":"Feature","id":"d","properties":{"name":"丁","kind":"Bad Kind"},"geometry":{"type":"Point","coordinates":[1,2]}}]})");
  EXPECT_THAT(
      messages(out),
      ElementsAre("t.geojson: feature 0: properties.name: missing name (give name or name_en)",
                  "t.geojson: feature 1: geometry.coordinates: latitude 200 out of [-90, 90]",
                  "t.geojson: feature 3: properties.kind: \"Bad Kind\" is not a valid kind "
                  "(lower_snake_case ASCII such as heritage_site)"));
  EXPECT_EQ(out.n_errors_, 3U);
  EXPECT_TRUE(out.batch_.entities_.empty());
}

}  // namespace
}  // namespace zhitu::io
