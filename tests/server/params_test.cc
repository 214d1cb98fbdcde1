// SPDX-License-Identifier: Apache-2.0
#include "server/params.h"

#include <gtest/gtest.h>

#include <limits>

#include "common/fixtures.h"
#include "server/views.h"

namespace zhitu::server {

namespace {

std::shared_ptr<index::catalog const> tiny() {
  return index::catalog::build(
      {test::make_entity("a", "station", "洛阳", "Luoyang", 112.43, 34.68)}, {test::test_dataset()},
      {});
}

}  // namespace

TEST(params, bbox_parses_and_validates) {
  auto const b = parse_bbox("112.3,34.5,112.6,34.8");
  ASSERT_TRUE(b);
  EXPECT_EQ(*b, (model::box{112.3, 34.5, 112.6, 34.8}));
  EXPECT_EQ(parse_bbox("1,2,3").err().message_,
            "bbox: expected 4 numbers west,south,east,north; got \"1,2,3\"");
  EXPECT_EQ(parse_bbox("a,2,3,4").err().message_, "bbox: \"a\" is not a number");
  EXPECT_EQ(parse_bbox("1,50,3,40").err().message_, "bbox: south is greater than north");
  EXPECT_FALSE(parse_bbox("170,0,-170,10"));
  EXPECT_FALSE(parse_bbox("1,2,3,95"));
  EXPECT_FALSE(parse_bbox("nan,2,3,4"));
}

TEST(params, datetime_takes_instants_intervals_and_expanded_years) {
  using span = std::pair<std::int32_t, std::int32_t>;
  constexpr auto kMin = std::numeric_limits<std::int32_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int32_t>::max();
  EXPECT_EQ(*parse_datetime("2018-02-12T23:20:50Z"), (span{2018, 2018}));
  EXPECT_EQ(*parse_datetime("0690-01-01"), (span{690, 690}));
  EXPECT_EQ(*parse_datetime("0618-01-01T00:00:00+08:00/0907-12-31T23:59:59.5Z"), (span{618, 907}));
  EXPECT_EQ(*parse_datetime("-0769-01-01/.."), (span{-769, kMax}));
  EXPECT_EQ(*parse_datetime("../+002000-01-01"), (span{kMin, 2000}));
  EXPECT_EQ(*parse_datetime("/1900-01-01"), (span{kMin, 1900}));
  EXPECT_FALSE(parse_datetime("../..")->has_value());
  for (auto const* bad :
       {"", "yesterday", "690", "02018-01-01", "2018-13-01", "2018-02-12T25", "2018-02-12T23:20:50",
        "2018-02-12T23:20:50Q", "1900/1800-01-01", "1900-01-01/1800-01-01"}) {
    auto const r = parse_datetime(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_TRUE(r.err().message_.starts_with("datetime: ")) << bad;
  }
}

TEST(params, count_bounds) {
  EXPECT_EQ(*parse_count("limit", "50", 1, 100), 50U);
  EXPECT_EQ(parse_count("limit", "0", 1, 100).err().message_, "limit: 0 is out of range [1, 100]");
  EXPECT_EQ(parse_count("limit", "-1", 1, 100).err().message_,
            "limit: expected a whole number, got \"-1\"");
  EXPECT_FALSE(parse_count("limit", "5x", 1, 100));
}

TEST(params, unknown_and_repeated_parameters_are_errors) {
  auto const cat = tiny();
  EXPECT_EQ(parse_search_params(*cat, {{"q", "x"}, {"lmit", "5"}}, {}).err().message_,
            "lmit: unknown parameter; expected one of kind, limit, near, q");
  EXPECT_EQ(parse_search_params(*cat, {{"q", "x"}, {"q", "y"}}, {}).err().message_,
            "q: given more than once");
  EXPECT_EQ(parse_search_params(*cat, {}, {}).err().message_,
            "q: missing; give the name to search for, e.g. q=龙门石窟");
}

TEST(params, kinds_unknown_to_the_catalog_match_nothing) {
  auto const cat = tiny();
  auto const k = parse_kinds(*cat, "station,museum");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->size(), 1U);
  EXPECT_TRUE(parse_kinds(*cat, "museum")->empty());
  EXPECT_FALSE(parse_kinds(*cat, "Bad Kind"));
}

TEST(params, features_limit_is_bounded) {
  auto const cat = tiny();
  limits const lim{.max_features_ = 500};
  EXPECT_FALSE(parse_features_params(*cat, {{"limit", "501"}}, lim));
  auto const p = parse_features_params(*cat, {{"limit", "500"}, {"offset", "20"}}, lim);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->limit_, 500U);
  EXPECT_EQ(p->offset_, 20U);
}

TEST(views, problem_details_follow_rfc9457) {
  auto const j = problem_json(invalid_argument("bbox: bad"), 400);
  EXPECT_EQ(j["status"], 400);
  EXPECT_EQ(j["title"], "Invalid argument");
  EXPECT_EQ(j["detail"], "bbox: bad");
  EXPECT_EQ(j["code"], "InvalidArgument");
  EXPECT_EQ(http_status(error_kind::kNotFound), 404);
}

TEST(views, entity_json_carries_sources_with_licence) {
  auto const cat = tiny();
  auto const j = entity_json(*cat, 0);
  EXPECT_EQ(j["names"]["zh"], "洛阳");
  EXPECT_EQ(j["sources"][0]["licence"], "CC0-1.0");
  EXPECT_EQ(j["sources"][0]["record"], "line 1");
  EXPECT_EQ(j["geometry"]["type"], "Point");
}

TEST(views, features_geojson_links_to_next_page) {
  auto const cat = index::catalog::build(
      {test::make_entity("a", "s", "甲", "", 1, 1), test::make_entity("b", "s", "乙", "", 1, 1),
       test::make_entity("c", "s", "丙", "", 1, 1)},
      {}, {});
  query::features_params const p{.limit_ = 2};
  auto const j = nlohmann::json::parse(
      features_geojson(*cat, query::select_features(*cat, p), p, "/api/features?kind=s"));
  EXPECT_EQ(j["type"], "FeatureCollection");
  EXPECT_EQ(j["features"].size(), 2U);
  EXPECT_EQ(j["numberMatched"], 3);
  EXPECT_EQ(j["numberReturned"], 2);
  EXPECT_EQ(j["links"][1]["rel"], "next");
  EXPECT_EQ(j["links"][1]["href"], "/api/features?kind=s&offset=2&limit=2");
}

}  // namespace zhitu::server
