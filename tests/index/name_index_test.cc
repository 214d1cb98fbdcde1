// SPDX-License-Identifier: Apache-2.0
#include "index/text/name_index.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "common/fixtures.h"
#include "index/text/normalize.h"

namespace zhitu::index {

namespace {

std::vector<model::entity> luoyang() {
  auto longmen = test::make_entity("nhs-1-37", "heritage_site", "龙门石窟", "Longmen Grottoes", 112.47, 34.56);
  longmen.names_.aliases_ = {"伊阙"};
  return {longmen,
          test::make_entity("rail-LLF", "station", "洛阳龙门", "Luoyang Longmen", 112.456, 34.594),
          test::make_entity("nhs-1-92", "heritage_site", "白马寺", "White Horse Temple", 112.6, 34.72)};
}

std::vector<std::pair<std::uint32_t, match_kind>> find(name_index const& idx, std::string_view q) {
  std::vector<name_match> hits;
  idx.match(normalize_name(q), hits);
  std::vector<std::pair<std::uint32_t, match_kind>> out;
  for (auto const& h : hits) {
    out.emplace_back(h.entity_, h.kind_);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST(normalize, folds_case_width_and_punctuation) {
  EXPECT_EQ(normalize_name("Longmen Grottoes"), "longmengrottoes");
  EXPECT_EQ(normalize_name("ＬＯＮＧＭＥＮ"), "longmen");
  EXPECT_EQ(normalize_name("龙门石窟（奉先寺）"), "龙门石窟奉先寺");
  EXPECT_EQ(normalize_name("阿倍仲麻吕·纪念碑"), "阿倍仲麻吕纪念碑");
  EXPECT_EQ(normalize_name(" ·-  "), "");
}

TEST(name_index, exact_prefix_and_substring) {
  auto const entities = luoyang();
  name_index const idx{entities};
  using p = std::pair<std::uint32_t, match_kind>;
  EXPECT_EQ(find(idx, "龙门石窟"), (std::vector<p>{{0, match_kind::kExact}}));
  EXPECT_EQ(find(idx, "龙门"), (std::vector<p>{{0, match_kind::kPrefix}, {1, match_kind::kSubstring}}));
  EXPECT_EQ(find(idx, "longmen"),
            (std::vector<p>{{0, match_kind::kPrefix}, {1, match_kind::kSubstring}}));
  EXPECT_EQ(find(idx, "WHITE horse"), (std::vector<p>{{2, match_kind::kPrefix}}));
  EXPECT_EQ(find(idx, "伊阙"), (std::vector<p>{{0, match_kind::kExact}}));
  EXPECT_TRUE(find(idx, "开封").empty());
}

TEST(name_index, agrees_with_brute_force_substring_scan) {
  auto const entities = luoyang();
  name_index const idx{entities};
  for (auto const* q : {"龙", "门", "石窟", "洛阳", "o", "gro", "temple", "寺", "xyz"}) {
    std::vector<std::uint32_t> expected;
    for (std::uint32_t e = 0; e < entities.size(); ++e) {
      auto const& n = entities[e].names_;
      auto names = n.aliases_;
      names.push_back(n.zh_);
      names.push_back(n.en_);
      for (auto const& name : names) {
        if (normalize_name(name).find(normalize_name(q)) != std::string::npos) {
          expected.push_back(e);
        }
      }
    }
    std::vector<std::uint32_t> got;
    for (auto const& [e, _] : find(idx, q)) {
      got.push_back(e);
    }
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(got, expected) << q;
  }
}

}  // namespace zhitu::index
