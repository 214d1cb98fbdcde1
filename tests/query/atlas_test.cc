// SPDX-License-Identifier: Apache-2.0
// The Luoyang atlas (data/atlas/) in the whole bundled catalog: its size, its citations, its
// links into the heritage and station rows, and the questions the atlas exists to answer.
#include <gtest/gtest.h>

#include <set>

#include "common/bundled_catalog.h"
#include "query/search.h"

namespace zhitu::query {

namespace {

bool is_atlas(std::string_view dataset) {
  return dataset.starts_with("luoyang_") && dataset.ends_with("_atlas");
}

class atlas : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cat_ = test::bundled_catalog(); }
  static void TearDownTestSuite() { cat_.reset(); }
  static index::entity_idx id(std::string_view s) {
    auto const i = cat_->find(s);
    EXPECT_TRUE(i) << s;
    return i.value_or(0);
  }
  static inline std::shared_ptr<index::catalog const> cat_;
};

}  // namespace

TEST_F(atlas, has_300_entities_and_800_relations_each_citing_a_source) {
  std::size_t n_entities = 0;
  for (auto const& e : cat_->entities()) {
    if (is_atlas(e.sources_.front().dataset_)) {
      ++n_entities;
      EXPECT_TRUE(e.sources_.front().url_.starts_with("http")) << e.id_;
      EXPECT_FALSE(e.sources_.front().title_.empty()) << e.id_;
    }
  }
  std::size_t n_relations = 0;
  for (auto const& r : cat_->relations()) {
    if (is_atlas(r.source_.dataset_)) {
      ++n_relations;
      EXPECT_TRUE(r.source_.url_.starts_with("http")) << r.subject_ << " " << r.predicate_;
    }
  }
  EXPECT_GE(n_entities, 300U);
  EXPECT_GE(n_relations, 800U);
  EXPECT_EQ(cat_->n_dangling_relations(), 0U);
}

TEST_F(atlas, does_not_duplicate_heritage_rows_or_stations) {
  // Same name and within 5 km of a heritage row or station: the atlas should have linked to it.
  std::vector<index::entity_idx> near;
  for (index::entity_idx i = 0; i < cat_->size(); ++i) {
    auto const& e = cat_->at(i);
    auto const p = cat_->point(i);
    if (!is_atlas(e.sources_.front().dataset_) || !p) {
      continue;
    }
    near.clear();
    cat_->within_radius(*p, 5000, near);
    for (auto const j : near) {
      auto const& other = cat_->at(j);
      if (j != i && !is_atlas(other.sources_.front().dataset_) &&
          (other.kind_ == "heritage_site" || other.kind_ == "station")) {
        EXPECT_NE(other.names_.zh_, e.names_.zh_) << e.id_ << " duplicates " << other.id_;
      }
    }
  }
}

TEST_F(atlas, wu_zetian_is_found_and_linked_to_longmen_and_her_capital) {
  auto const hits = search(*cat_, {.text_ = "武则天", .limit_ = 3});
  ASSERT_TRUE(hits);
  ASSERT_FALSE(hits->empty());
  auto const wu = hits->front().entity_;
  EXPECT_EQ(cat_->at(wu).kind_, "person");
  auto const& g = cat_->relation_graph();
  std::set<std::string> within_two;
  for (auto const& [node, hops] : g.k_hops(wu, 2, std::nullopt, 500, 40)) {
    within_two.insert(cat_->at(node).names_.zh_);
  }
  for (auto const* name : {"龙门石窟", "奉先寺", "卢舍那大佛", "神都", "隋唐洛阳城遗址"}) {
    EXPECT_TRUE(within_two.contains(name)) << name;
  }
}

TEST_F(atlas, the_year_690_holds_wu_zhou_features) {
  std::vector<std::uint32_t> hits;
  cat_->times().overlaps(690, 690, hits);
  std::set<std::string> atlas_names;
  for (auto const i : hits) {
    if (is_atlas(cat_->at(i).sources_.front().dataset_)) {
      atlas_names.insert(cat_->at(i).names_.zh_);
    }
  }
  EXPECT_GE(atlas_names.size(), 5U);
  EXPECT_TRUE(atlas_names.contains("神都"));
  EXPECT_TRUE(atlas_names.contains("武则天"));
}

}  // namespace zhitu::query
