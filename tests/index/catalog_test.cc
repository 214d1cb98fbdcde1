// SPDX-License-Identifier: Apache-2.0
#include "index/catalog.h"

#include <gtest/gtest.h>

#include "common/fixtures.h"
#include "model/check.h"

namespace zhitu::index {

TEST(catalog, finds_by_id_and_counts_kinds) {
  auto const cat = catalog::build({test::make_entity("a", "station", "甲", "", 112, 34),
                                   test::make_entity("b", "station", "乙", "", 113, 35),
                                   test::make_entity("c", "heritage_site", "丙", "", 114, 36)},
                                  {test::test_dataset()}, {});
  ASSERT_EQ(cat->size(), 3U);
  EXPECT_EQ(cat->at(*cat->find("b")).names_.zh_, "乙");
  EXPECT_FALSE(cat->find("zz"));
  ASSERT_EQ(cat->kinds().size(), 2U);
  EXPECT_EQ(cat->kinds()[0].kind_, "station");
  EXPECT_EQ(cat->kinds()[0].count_, 2U);
  EXPECT_EQ(cat->kind_of(*cat->find("c")), *cat->find_kind("heritage_site"));
  EXPECT_NE(cat->find_dataset("test"), nullptr);
}

TEST(catalog, position_precision_comes_from_the_property) {
  auto district = test::make_entity("a", "enterprise", "甲", "", 112, 34);
  district.properties_ = R"({"position_precision":"district","batch":1})";
  auto unknown = test::make_entity("b", "enterprise", "乙", "", 112, 34);
  unknown.properties_ = R"({"position_precision":"somewhere"})";
  auto const cat = catalog::build(
      {district, unknown, test::make_entity("c", "site", "丙", "", 112, 34)}, {}, {});
  EXPECT_EQ(cat->position_precision(*cat->find("a")), "district");
  EXPECT_EQ(cat->position_precision(*cat->find("b")), "");
  EXPECT_EQ(cat->position_precision(*cat->find("c")), "");
}

TEST(catalog, box_query_returns_sorted_indices) {
  auto const cat = catalog::build({test::make_entity("a", "s", "甲", "", 112, 34),
                                   test::make_entity("b", "s", "乙", "", 113, 35),
                                   test::make_entity("c", "s", "丙", "", 112.5, 34.5)},
                                  {}, {});
  std::vector<entity_idx> hits;
  cat->in_box({111.9, 33.9, 112.6, 34.6}, hits);
  EXPECT_EQ(hits, (std::vector<entity_idx>{0, 2}));
}

// Small and large answers (a large one is sorted through a bitmap of all entities) ascend and
// hold exactly the entities whose point is in the box, appended after what `out` held.
TEST(catalog, points_in_box_ascend_for_small_and_large_answers) {
  std::vector<model::entity> entities;
  for (auto i = 0; i < 3000; ++i) {
    auto const lon = 110 + (i * 7919 % 3000) / 1000.0;  // scattered, not in index order
    auto const lat = 33 + (i * 104729 % 3000) / 1000.0;
    entities.push_back(test::make_entity("e" + std::to_string(i), "s", "名", "", lon, lat));
  }
  auto const cat = catalog::build(entities, {}, {});
  for (auto const& query : {model::box{110.1, 33.1, 110.3, 33.2}, model::box{110, 33, 112, 35},
                            model::box{109, 32, 114, 37}}) {
    std::vector<entity_idx> hits{7};
    cat->points_in_box(query, hits);
    std::vector<entity_idx> want{7};
    for (entity_idx i = 0; i < cat->size(); ++i) {
      if (query.contains(*cat->point(i))) {
        want.push_back(i);
      }
    }
    EXPECT_EQ(hits, want);
    hits.assign({7});
    cat->in_box(query, hits);
    EXPECT_EQ(hits, want);
  }
}

TEST(catalog, entity_without_geometry_has_no_point) {
  auto e = test::make_entity("a", "s", "长城", "", 0, 0);
  e.geometry_.reset();
  auto const cat = catalog::build({e}, {}, {});
  EXPECT_FALSE(cat->point(0));
  std::vector<entity_idx> hits;
  cat->in_box({-180, -90, 180, 90}, hits);
  EXPECT_TRUE(hits.empty());
}

TEST(catalog, duplicate_ids_are_a_programmer_error) {
  EXPECT_THROW(catalog::build({test::make_entity("a", "s", "甲", "", 1, 1),
                               test::make_entity("a", "s", "乙", "", 1, 1)},
                              {}, {}),
               zhitu::check_failure);
}

}  // namespace zhitu::index

namespace zhitu::index {

TEST(catalog, property_types_are_per_kind_with_the_first_non_null_type) {
  auto a = test::make_entity("a", "heritage_site", "甲", "", 112, 34);
  a.properties_ = R"({"batch":1,"note":null,"province":"河南省"})";
  auto b = test::make_entity("b", "heritage_site", "乙", "", 113, 35);
  b.properties_ = R"({"batch":"一","note":"x","ok":true})";
  auto c = test::make_entity("c", "station", "丙", "", 114, 36);
  c.properties_ = R"({"telecode":"LYF"})";
  auto const cat = catalog::build({a, b, c}, {test::test_dataset()}, {});
  auto const& sites = cat->property_types(*cat->find_kind("heritage_site"));
  EXPECT_EQ(
      sites,
      (std::map<std::string, std::string>{
          {"batch", "number"}, {"note", "string"}, {"ok", "boolean"}, {"province", "string"}}));
  EXPECT_EQ(cat->property_types(*cat->find_kind("station")),
            (std::map<std::string, std::string>{{"telecode", "string"}}));
}

}  // namespace zhitu::index
