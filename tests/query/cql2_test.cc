// SPDX-License-Identifier: Apache-2.0
// CQL2 text filters on a small hand-made catalog: each operator, each function, each error.
#include "query/cql2.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "common/fixtures.h"

namespace zhitu::query {

namespace {

std::shared_ptr<index::catalog const> sites() {
  std::vector<model::entity> e;
  e.push_back(test::make_entity("nhs-1-37", "heritage_site", "龙门石窟", "Longmen Grottoes",
                                112.471269, 34.559899));
  e.back().time_ = model::time_span::exact(493, 907);
  e.back().properties_ = R"({"batch":1,"category":"石窟寺及石刻","world_heritage":true})";
  e.push_back(test::make_entity("nhs-1-92", "heritage_site", "白马寺", "", 112.598, 34.722));
  e.back().time_ = model::time_span::exact(1115, 1911);
  e.back().properties_ = R"({"batch":1,"category":"古建筑"})";
  e.push_back(test::make_entity("nhs-6-639", "heritage_site", "关林", "", 112.493, 34.623));
  e.back().time_ = model::time_span::exact(1368, 1911);
  e.back().properties_ = R"({"batch":6,"category":"古建筑"})";
  e.push_back(test::make_entity("ly-wu-zetian", "person", "武则天", "Wu Zetian", 0, 0));
  e.back().geometry_.reset();
  e.back().time_ = model::time_span::exact(624, 705);
  return index::catalog::build(std::move(e), {test::test_dataset()}, {});
}

std::vector<std::string> matching(std::string_view filter) {
  static auto const cat = sites();
  auto const f = parse_cql2(filter);
  EXPECT_TRUE(f) << filter << ": " << f.err().message_;
  std::vector<std::string> out;
  if (f) {
    for (index::entity_idx i = 0; i < cat->size(); ++i) {
      if (f->matches(*cat, i)) {
        out.push_back(cat->at(i).id_);
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

using ids = std::vector<std::string>;

}  // namespace

TEST(cql2, comparisons_of_properties_and_literals) {
  EXPECT_EQ(matching("batch = 1"), (ids{"nhs-1-37", "nhs-1-92"}));
  EXPECT_EQ(matching("batch <> 1"), (ids{"nhs-6-639"}));
  EXPECT_EQ(matching("batch >= 6"), (ids{"nhs-6-639"}));
  EXPECT_EQ(matching("6 > batch"), (ids{"nhs-1-37", "nhs-1-92"}));
  EXPECT_EQ(matching("category = '古建筑' AND batch < 6"), (ids{"nhs-1-92"}));
  EXPECT_EQ(matching("name = '武则天'"), (ids{"ly-wu-zetian"}));
  EXPECT_EQ(matching("world_heritage = TRUE"), (ids{"nhs-1-37"}));
  EXPECT_EQ(matching("start < DATE('0600-01-01')"), (ids{"nhs-1-37"}));
}

TEST(cql2, a_missing_property_is_null_and_compares_false) {
  EXPECT_EQ(matching("batch IS NULL"), (ids{"ly-wu-zetian"}));
  EXPECT_EQ(matching("batch IS NOT NULL"), (ids{"nhs-1-37", "nhs-1-92", "nhs-6-639"}));
  EXPECT_EQ(matching("batch < 100 OR batch >= 100"), (ids{"nhs-1-37", "nhs-1-92", "nhs-6-639"}));
  EXPECT_EQ(matching("batch = 'one'"), ids{});  // a string never equals a number
}

TEST(cql2, and_or_not_and_parentheses) {
  EXPECT_EQ(matching("NOT (batch = 1) AND kind = 'heritage_site'"), (ids{"nhs-6-639"}));
  EXPECT_EQ(matching("kind = 'person' OR (batch = 6 AND category = '古建筑')"),
            (ids{"ly-wu-zetian", "nhs-6-639"}));
  EXPECT_EQ(matching("not batch=1 and not kind='person'"), (ids{"nhs-6-639"}));
}

TEST(cql2, like_between_and_in) {
  EXPECT_EQ(matching("name LIKE '龙门%'"), (ids{"nhs-1-37"}));
  EXPECT_EQ(matching("name LIKE '_马寺'"), (ids{"nhs-1-92"}));
  EXPECT_EQ(matching("name_en LIKE '%Grotto%'"), (ids{"nhs-1-37"}));
  EXPECT_EQ(matching("name NOT LIKE '%寺'"), (ids{"ly-wu-zetian", "nhs-1-37", "nhs-6-639"}));
  EXPECT_EQ(matching("NOT (batch IN (1)) OR batch IS NULL"), (ids{"ly-wu-zetian", "nhs-6-639"}));
  EXPECT_EQ(matching("batch BETWEEN 2 AND 6"), (ids{"nhs-6-639"}));
  EXPECT_EQ(matching("id IN ('nhs-1-92', 'nhs-6-639', 'nope')"), (ids{"nhs-1-92", "nhs-6-639"}));
  EXPECT_EQ(matching("batch NOT IN (1)"), (ids{"nhs-6-639"}));
}

TEST(cql2, spatial_functions_on_geometry_and_wkt) {
  EXPECT_EQ(matching("S_INTERSECTS(geometry, BBOX(112.4, 34.5, 112.5, 34.7))"),
            (ids{"nhs-1-37", "nhs-6-639"}));
  EXPECT_EQ(matching("S_WITHIN(geometry, POLYGON((112.4 34.5, 112.5 34.5, 112.5 34.6, 112.4 "
                     "34.6, 112.4 34.5)))"),
            (ids{"nhs-1-37"}));
  EXPECT_EQ(matching("S_INTERSECTS(geometry, POINT(112.598 34.722))"), (ids{"nhs-1-92"}));
  EXPECT_EQ(matching("S_DISJOINT(geometry, BBOX(112.4, 34.5, 112.5, 34.7))"), (ids{"nhs-1-92"}));
  EXPECT_EQ(matching("S_CONTAINS(BBOX(112, 34, 113, 35), geometry)"),
            (ids{"nhs-1-37", "nhs-1-92", "nhs-6-639"}));
  EXPECT_EQ(matching("S_INTERSECTS(geometry, MULTIPOINT((112.598 34.722), (0 0)))"),
            (ids{"nhs-1-92"}));
  EXPECT_EQ(matching("S_INTERSECTS(geometry, LINESTRING(112.598 34.0, 112.598 35.0))"),
            (ids{"nhs-1-92"}));
}

TEST(cql2, temporal_functions_on_year_spans) {
  EXPECT_EQ(matching("T_INTERSECTS(time, DATE('0690-01-01'))"), (ids{"ly-wu-zetian", "nhs-1-37"}));
  EXPECT_EQ(matching("T_DURING(time, INTERVAL('0618-01-01', '0907-12-31'))"),
            (ids{"ly-wu-zetian"}));
  EXPECT_EQ(matching("T_BEFORE(time, TIMESTAMP('1000-01-01T00:00:00Z'))"),
            (ids{"ly-wu-zetian", "nhs-1-37"}));
  EXPECT_EQ(matching("T_AFTER(datetime, DATE('1100-01-01'))"), (ids{"nhs-1-92", "nhs-6-639"}));
  EXPECT_EQ(matching("T_INTERSECTS(time, INTERVAL('..', '0500-01-01'))"), (ids{"nhs-1-37"}));
  EXPECT_EQ(matching("T_CONTAINS(time, INTERVAL('0624-01-01', '0705-12-31'))"), (ids{"nhs-1-37"}));
  EXPECT_EQ(matching("T_FINISHES(time, INTERVAL('1200-01-01', '1911-12-31'))"), (ids{"nhs-6-639"}));
  EXPECT_EQ(matching("T_STARTS(time, INTERVAL('0493-01-01', '2000-12-31'))"), (ids{"nhs-1-37"}));
  EXPECT_EQ(matching("T_EQUALS(time, INTERVAL('1368-01-01', '1911-12-31'))"), (ids{"nhs-6-639"}));
  EXPECT_EQ(matching("T_OVERLAPS(time, INTERVAL('0700-01-01', '1000-01-01'))"),
            (ids{"ly-wu-zetian", "nhs-1-37"}));
  EXPECT_EQ(matching("T_OVERLAPPEDBY(time, INTERVAL('1000-01-01', '1200-01-01'))"),
            (ids{"nhs-1-92"}));
  EXPECT_EQ(matching("T_MEETS(time, INTERVAL('0705-01-01', '0800-01-01'))"), (ids{"ly-wu-zetian"}));
  EXPECT_EQ(matching("T_METBY(time, INTERVAL('0400-01-01', '0493-01-01'))"), (ids{"nhs-1-37"}));
  EXPECT_EQ(matching("T_STARTEDBY(time, INTERVAL('1115-01-01', '1500-01-01'))"), (ids{"nhs-1-92"}));
  EXPECT_EQ(matching("T_FINISHEDBY(time, INTERVAL('1500-01-01', '1911-12-31'))"),
            (ids{"nhs-1-92", "nhs-6-639"}));
  EXPECT_EQ(matching("T_DISJOINT(time, INTERVAL('0400-01-01', '1000-01-01'))"),
            (ids{"nhs-1-92", "nhs-6-639"}));
  EXPECT_EQ(matching("T_INTERSECTS(time, DATE('-0769-06-01'))"), ids{});
}

TEST(cql2, properties_lists_every_name_read) {
  auto const f =
      parse_cql2("batch = 1 AND (\"name\" LIKE 'x%' OR T_AFTER(time, DATE('1000-01-01')))");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->properties(), (std::vector<std::string>{"batch", "name", "time"}));
}

TEST(cql2, errors_name_the_character) {
  for (auto const& [text, message] : std::vector<std::pair<std::string, std::string>>{
           {"batch =", "filter: expected a property or a value at character 8"},
           {"batch = 1 AND", "filter: expected a property or a value at character 14"},
           {"(batch = 1", "filter: expected \")\" at character 11"},
           {"batch == 1", "filter: expected a property or a value, got \"=\" at character 8"},
           {"name = 'abc", "filter: unterminated quote at character 8"},
           {"batch ~ 1", "filter: expected a comparison, got \"~\" at character 7"},
           {"S_INTERSECTS(geometry, CIRCLE(1 2))",
            "filter: expected geometry, a WKT literal (POINT, LINESTRING, POLYGON, MULTI…) or "
            "BBOX, "
            "got \"CIRCLE\" at character 24"},
           {"S_INTERSECTS(geometry, BBOX(1, 2, 3))",
            "filter: BBOX needs 4 numbers west, south, east, north at character 37"},
           {"T_DURING(batch, DATE('0690-01-01'))",
            "filter: \"batch\" is not a temporal property (use time) at character 15"},
           {"T_DURING(time, DATE('690'))",
            "filter: \"690\" is not a date (YYYY-MM-DD, or -YYYY-MM-DD before 1 CE) at character "
            "21"},
           {"name LIKE 5", "filter: LIKE needs a string pattern at character 12"},
           {"batch = 1 batch", "filter: unexpected \"batch\" at character 11"},
       }) {
    auto const f = parse_cql2(text);
    ASSERT_FALSE(f) << text;
    EXPECT_EQ(f.err().message_, message) << text;
  }
  EXPECT_FALSE(parse_cql2(std::string(200, '(') + "a=1" + std::string(200, ')')));
  EXPECT_FALSE(parse_cql2("name = '\xff'"));
  EXPECT_FALSE(parse_cql2(std::string(kMaxCql2Bytes + 1, ' ')));
}

TEST(cql2, an_invalid_polygon_is_an_error) {
  auto const f = parse_cql2("S_WITHIN(geometry, POLYGON((0 0, 1 0, 1 1)))");
  ASSERT_FALSE(f);
  EXPECT_TRUE(f.err().message_.starts_with("filter: POLYGON at character 20: "))
      << f.err().message_;
}

}  // namespace zhitu::query
