// SPDX-License-Identifier: Apache-2.0
// Exporters, and export → import round trips.
#include "io/export.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/import.h"
#include "model/crs.h"
#include "model/geojson.h"
#include "test_util.h"

namespace zhitu::io {
namespace {

using nlohmann::json;
using test::make_meta;
using test::messages;
using ::testing::ElementsAre;

model::entity longmen() {
  model::entity e;
  e.id_ = "nhs-1-37";
  e.kind_ = "heritage_site";
  e.names_ = {.zh_ = "龙门石窟", .en_ = "Longmen Grottoes", .aliases_ = {"伊阙", "龙门"}};
  e.geometry_ = model::make_point({112.4712691, 34.5598994});
  e.time_ = model::time_span::exact(493, 907);
  e.properties_ = R"({"era":"北魏至唐","province":"河南省","code":"0379","batch":1,"score":4.5,)"
                  R"("name":"not me","dataset":"not me either"})";
  e.sources_ = {{.dataset_ = "national_heritage_sites",
                 .record_ = "line 38",
                 .title_ = "UNESCO: Longmen Grottoes",
                 .url_ = "https://whc.unesco.org/en/list/1003"}};
  return e;
}

model::entity river() {
  model::entity e;
  e.id_ = "luo-river";
  e.kind_ = "river";
  e.names_ = {.zh_ = "洛河, \"洛水\""};
  model::geometry g;
  g.type_ = model::geometry_type::kLineString;
  g.points_ = {{112.1, 34.6}, {112.45, 34.65}, {112.9, 34.7}};
  g.line_ends_ = {3};
  e.geometry_ = g;
  e.properties_ = R"({"note":"two\nlines","length_km":447})";
  e.sources_ = {{.dataset_ = "rivers", .record_ = "feature 2"}};
  return e;
}

model::entity no_place() {
  model::entity e;
  e.id_ = "hedong";
  e.kind_ = "person";
  e.names_ = {.en_ = "Someone"};
  e.properties_ = "{}";
  e.sources_ = {{.dataset_ = "people", .record_ = "line 2"}};
  return e;
}

TEST(export, to_feature_layout) {
  auto const f = to_feature(longmen());
  EXPECT_EQ(f["type"], "Feature");
  EXPECT_EQ(f["id"], "nhs-1-37");
  EXPECT_EQ(f["geometry"],
            json::parse(R"({"type":"Point","coordinates":[112.4712691,34.5598994]})"));
  EXPECT_EQ(f["properties"], json::parse(R"({
    "id":"nhs-1-37","kind":"heritage_site","name":"龙门石窟","name_en":"Longmen Grottoes",
    "aliases":["伊阙","龙门"],"start":493,"end":907,
    "dataset":"national_heritage_sites","record":"line 38",
    "source_title":"UNESCO: Longmen Grottoes","source_url":"https://whc.unesco.org/en/list/1003",
    "era":"北魏至唐","province":"河南省","code":"0379","batch":1,"score":4.5})"));
}

TEST(export, to_feature_omits_empty_fields_and_null_geometry) {
  auto const f = to_feature(no_place());
  EXPECT_TRUE(f["geometry"].is_null());
  EXPECT_EQ(f["properties"], json::parse(R"({"id":"hedong","kind":"person","name":"",
    "name_en":"Someone","dataset":"people","record":"line 2"})"));
}

TEST(export, to_feature_converts_to_gcj02) {
  auto const f = to_feature(longmen(), {.crs_ = model::crs::kGcj02});
  auto const c = f["geometry"]["coordinates"];
  auto const expected = model::wgs84_to_gcj02({112.4712691, 34.5598994});
  EXPECT_NEAR(c[0].get<double>(), expected.lon_, 0.6e-7);
  EXPECT_NEAR(c[1].get<double>(), expected.lat_, 0.6e-7);
}

TEST(export, append_feature_copies_own_properties_in_their_order) {
  std::string text = "[";
  append_feature(text, river());
  EXPECT_TRUE(text.starts_with(R"([{"type":"Feature","id":"luo-river","geometry":{"type":)"
                               R"("LineString","coordinates":[[112.1,34.6],[112.45,34.65],)"))
      << text;
  EXPECT_TRUE(text.ends_with(R"("record":"feature 2","note":"two\nlines","length_km":447}})"))
      << text;
}

// Own properties are copied as stored unless a key may be reserved; either way the reserved
// keys keep the entity's values and every other property is kept.
TEST(export, append_feature_keeps_own_properties_but_never_reserved_keys) {
  for (auto const* props : {
           R"({"alias_of":"name","x":1})",                  // a reserved word as a value
           R"({"meta":{"id":5},"note":"say \"id\": no"})",  // nested and quoted
           R"({"\u0069d":"x","kind ":2})",                  // "id" written with an escape
           R"( { "id" : "x" , "y" : [1, {"name": 2}] } )",  // spaces
           R"({})",
           R"( { } )",
       }) {
    auto e = river();
    e.properties_ = props;
    std::string text;
    append_feature(text, e);
    auto expected = json::parse(props);
    for (auto const* k : {"id", "kind", "name", "dataset", "record"}) {
      expected.erase(k);
    }
    expected.update(json::parse(R"({"id":"luo-river","kind":"river","name":"洛河, \"洛水\"",
                                    "dataset":"rivers","record":"feature 2"})"));
    EXPECT_EQ(expected, json::parse(text)["properties"]) << props;
  }
}

TEST(export, append_feature_can_leave_out_the_geometry) {
  std::string text;
  append_feature(text, longmen(), {.skip_geometry_ = true});
  auto const f = json::parse(text);
  EXPECT_TRUE(f["geometry"].is_null());
  EXPECT_EQ(f["properties"], to_feature(longmen())["properties"]);
}

// Every geometry type is written as model::geometry_to_geojson writes it (keys in any order).
TEST(export, append_feature_writes_every_geometry_type) {
  for (auto const* g : {
           R"({"type":"MultiPoint","coordinates":[[112.1,34.6],[-0.5,0.25]]})",
           R"({"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6],[7,8.5]]]})",
           R"({"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,0]],
               [[1,1],[2,1],[2,2],[1,1]]]})",
           R"({"type":"MultiPolygon","coordinates":[[[[0,0],[4,0],[4,4],[0,0]]],
               [[[10,10],[14,10],[14,14],[10,10]],[[11,11],[12,11],[12,12],[11,11]]]]})",
           R"({"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},
               {"type":"LineString","coordinates":[[1,2],[3,4]]}]})",
       }) {
    auto e = river();
    auto const geometry = model::geometry_from_geojson(json::parse(g));
    ASSERT_TRUE(geometry) << g;
    e.geometry_ = *geometry;
    std::string text;
    append_feature(text, e);
    EXPECT_EQ(model::geometry_to_geojson(*geometry), json::parse(text)["geometry"]) << g;
  }
}

TEST(export, write_geojson_streams_a_feature_collection) {
  auto const a = longmen();
  auto const b = river();
  std::vector<model::entity const*> v{&a, &b};
  std::ostringstream out;
  write_geojson(out, v);
  auto const text = out.str();
  auto const doc = json::parse(text);
  EXPECT_EQ(doc["type"], "FeatureCollection");
  ASSERT_EQ(doc["features"].size(), 2U);
  EXPECT_EQ(doc["features"][1], to_feature(b));
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 4);  // one line per feature
  EXPECT_TRUE(text.starts_with(
      R"({"type":"FeatureCollection","generator":"zhitu","features":[)"
      "\n{\"type\":\"Feature\",\"id\":\"nhs-1-37\",\"geometry\":{\"type\":\"Point\","));
}

TEST(export, write_geojson_seq_is_one_rs_prefixed_feature_a_line) {
  auto const a = longmen();
  auto const b = river();
  std::vector<model::entity const*> v{&a, &b};
  std::ostringstream out;
  write_geojson_seq(out, v);
  auto const text = out.str();
  ASSERT_EQ(std::count(text.begin(), text.end(), '\x1e'), 2);
  auto const second = text.find('\x1e', 1);
  EXPECT_EQ(text[0], '\x1e');
  EXPECT_EQ(text[second - 1], '\n');
  EXPECT_EQ(json::parse(text.substr(1, second - 2)), to_feature(a));
  EXPECT_EQ(json::parse(text.substr(second + 1)), to_feature(b));
}

TEST(export, write_geojson_of_nothing) {
  std::ostringstream out;
  write_geojson(out, {});
  EXPECT_EQ(json::parse(out.str())["features"], json::array());
}

TEST(export, write_csv_text) {
  auto const a = longmen();
  auto const b = river();
  auto const c = no_place();
  std::vector<model::entity const*> v{&a, &b, &c};
  std::ostringstream out;
  write_csv(out, v);
  EXPECT_EQ(out.str(),
            "id,kind,name,name_en,aliases,lon,lat,start,end,geometry,dataset,record,"
            "source_title,source_url,batch,code,era,length_km,note,province,score\n"
            "nhs-1-37,heritage_site,龙门石窟,Longmen Grottoes,伊阙|龙门,112.4712691,34.5598994,"
            "493,907,,national_heritage_sites,line 38,UNESCO: Longmen Grottoes,"
            "https://whc.unesco.org/en/list/1003,1,0379,北魏至唐,,,河南省,4.5\n"
            "luo-river,river,\"洛河, \"\"洛水\"\"\",,,,,,,"
            "\"{\"\"type\"\":\"\"LineString\"\","
            "\"\"coordinates\"\":[[112.1,34.6],[112.45,34.65],[112.9,34.7]]}\",rivers,feature "
            "2,,,,,,447,\"two\nlines\",,\n"
            "hedong,person,,Someone,,,,,,,people,line 2,,,,,,,,,\n");
}

// Entities equal except for their sources, which name the new file's rows.
void expect_same_entities(std::vector<model::entity> const& before,
                          std::vector<model::entity> const& after) {
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    auto a = before[i];
    auto b = after[i];
    a.sources_.clear();
    b.sources_.clear();
    // Reserved keys are not exported as properties.
    auto pa = json::parse(a.properties_);
    for (auto const* k : {"name", "dataset", "id", "kind", "record"}) {
      pa.erase(k);
    }
    a.properties_ = pa.dump();
    EXPECT_EQ(a, b) << a.id_;
  }
}

std::vector<model::entity const*> pointers(std::vector<model::entity> const& entities) {
  std::vector<model::entity const*> v;
  for (auto const& e : entities) {
    v.push_back(&e);
  }
  return v;
}

// The entities exported, then read back (locations optional).
read_outcome through_csv(std::vector<model::entity> const& entities) {
  std::ostringstream out;
  write_csv(out, pointers(entities));
  auto meta = make_meta();
  meta.geometry_required_ = false;
  return read_csv(out.str(), "export.csv", meta, 100);
}

read_outcome through_geojson(std::vector<model::entity> const& entities) {
  std::ostringstream out;
  write_geojson(out, pointers(entities));
  auto meta = make_meta();
  meta.geometry_required_ = false;
  return read_geojson(out.str(), "export.geojson", meta, 100);
}

TEST(export, csv_round_trip) {
  std::vector<model::entity> const before{longmen(), river(), no_place()};
  auto const in = through_csv(before);
  ASSERT_THAT(messages(in), ElementsAre());
  expect_same_entities(before, in.batch_.entities_);
  EXPECT_EQ(in.batch_.entities_[1].sources_[0].record_, "line 3");
}

TEST(export, geojson_round_trip) {
  std::vector<model::entity> const before{longmen(), river(), no_place()};
  auto const in = through_geojson(before);
  ASSERT_THAT(messages(in), ElementsAre());
  expect_same_entities(before, in.batch_.entities_);
}

TEST(export, imported_csv_round_trips_through_csv) {
  auto const first = test::csv(
      "id,name,name_en,aliases,lon,lat,start,end,era,code,pop\n"
      "a,甲,A,x|y,112.4712691,34.5598994,-770,-256,东周,0379,12.5\n"
      "b,乙,,,113,35,,,,,\n");
  ASSERT_THAT(messages(first), ElementsAre());
  std::vector<model::entity const*> v;
  for (auto const& e : first.batch_.entities_) {
    v.push_back(&e);
  }
  std::ostringstream out;
  write_csv(out, v);
  auto const second = read_csv(out.str(), "export.csv", make_meta(), 100);
  ASSERT_THAT(messages(second), ElementsAre());
  expect_same_entities(first.batch_.entities_, second.batch_.entities_);
}

// 清末 has a fuzzy start (the importers give eras such spans): exports must not narrow it.
model::entity late_qing() {
  auto e = no_place();
  e.time_ = model::time_span{1822, 1844, 1911, 1912};
  return e;
}

TEST(export, fuzzy_years_keep_their_other_bounds) {
  auto const p = to_feature(late_qing())["properties"];
  EXPECT_EQ(p["start"], 1822);  // numbers for clients: the widest reading
  EXPECT_EQ(p["start_latest"], 1844);
  EXPECT_EQ(p["end_earliest"], 1911);
  EXPECT_EQ(p["end"], 1912);
  EXPECT_FALSE(to_feature(longmen())["properties"].contains("start_latest"));
  auto const e = late_qing();
  std::vector<model::entity const*> v{&e};
  std::ostringstream out;
  write_csv(out, v);
  EXPECT_THAT(out.str(), ::testing::HasSubstr(",[1822..1844],[1911..1912],"));
}

TEST(export, fuzzy_years_round_trip) {
  std::vector<model::entity> const before{late_qing()};
  auto const from_csv = through_csv(before);
  ASSERT_THAT(messages(from_csv), ElementsAre());
  expect_same_entities(before, from_csv.batch_.entities_);
  auto const from_geojson = through_geojson(before);
  ASSERT_THAT(messages(from_geojson), ElementsAre());
  expect_same_entities(before, from_geojson.batch_.entities_);
}

// Every bundled heritage site, its span parsed from its era, comes back from a CSV export.
TEST(export, bundled_heritage_sites_round_trip_through_csv) {
  auto const first = read_files({test::data_file("heritage/national_heritage_sites.csv")}, {});
  ASSERT_THAT(messages(first), ElementsAre());
  auto const& before = first.batch_.entities_;
  auto const fuzzy = std::count_if(before.begin(), before.end(), [](model::entity const& e) {
    return e.time_ &&
           *e.time_ != model::time_span::exact(e.time_->first_year(), e.time_->last_year());
  });
  EXPECT_GT(fuzzy, 100);
  auto const second = through_csv(before);
  ASSERT_THAT(messages(second), ElementsAre());
  ASSERT_EQ(second.batch_.entities_.size(), before.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(second.batch_.entities_[i].time_, before[i].time_) << before[i].id_;
  }
}

TEST(export, csv_round_trip_keeps_property_names_exactly) {
  auto e = no_place();
  e.properties_ = R"({" padded ":"x","lng":1,"Name":"y"})";
  std::vector<model::entity const*> v{&e};
  std::ostringstream out;
  write_csv(out, v);
  auto meta = make_meta();
  meta.geometry_required_ = false;
  auto const in = read_csv(out.str(), "export.csv", meta, 100);
  ASSERT_THAT(messages(in), ElementsAre());
  EXPECT_EQ(json::parse(in.batch_.entities_[0].properties_), json::parse(e.properties_));
}

TEST(export, bd09_round_trip) {
  auto const e = longmen();
  std::vector<model::entity const*> v{&e};
  std::ostringstream out;
  write_csv(out, v, {.crs_ = model::crs::kBd09});
  auto meta = make_meta();
  meta.crs_ = model::crs::kBd09;
  auto const in = read_csv(out.str(), "bd.csv", meta, 100);
  ASSERT_THAT(messages(in), ElementsAre());
  auto const p = in.batch_.entities_[0].geometry_->points_[0];
  EXPECT_LT(model::distance_m(p, e.geometry_->points_[0]), 0.05);
  // and the file really held BD-09: about a kilometre from the WGS84 point
  auto const raw = read_csv(out.str(), "bd.csv", make_meta(), 100);
  EXPECT_GT(
      model::distance_m(raw.batch_.entities_[0].geometry_->points_[0], e.geometry_->points_[0]),
      500);
}

TEST(export, a_plain_csv_with_dataset_and_record_columns_keeps_them) {
  auto const out = test::csv("id,name,lon,lat,dataset,record\na,甲,112,34,d,r\n");
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(json::parse(out.batch_.entities_[0].properties_),
            json::parse(R"({"dataset":"d","record":"r"})"));
}

}  // namespace
}  // namespace zhitu::io
