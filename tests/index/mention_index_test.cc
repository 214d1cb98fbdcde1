// SPDX-License-Identifier: Apache-2.0
#include "index/text/mention_index.h"

#include <gtest/gtest.h>

#include "common/fixtures.h"
#include "index/text/han.h"

namespace zhitu::index {

namespace {

struct found {
  std::string surface_;
  std::vector<std::uint32_t> entities_;
  friend bool operator==(found const&, found const&) = default;
};

std::vector<found> find_all(mention_index const& idx, std::string_view text) {
  std::vector<found> out;
  idx.for_each_match(
      text, [&](std::size_t b, std::size_t e, std::span<mention_index::candidate const> c) {
        found f{std::string{text.substr(b, e - b)}, {}};
        for (auto const& x : c) {
          f.entities_.push_back(x.entity_);
        }
        out.push_back(std::move(f));
      });
  return out;
}

}  // namespace

TEST(mention_index, names_aliases_and_english_names_are_surfaces) {
  std::vector<model::entity> entities{
      test::make_entity("a", "heritage_site", "龙门石窟", "Longmen Grottoes", 112.47, 34.56),
      test::make_entity("b", "prefecture", "洛阳市", "", 112.45, 34.62)};
  entities[1].names_.aliases_ = {"洛阳"};
  mention_index const idx{entities};
  EXPECT_EQ(find_all(idx, "洛阳市的龙门石窟 (longmen grottoes)"),
            (std::vector<found>{
                {"洛阳", {1}}, {"洛阳市", {1}}, {"龙门石窟", {0}}, {"longmen grottoes", {0}}}));
}

TEST(mention_index, one_surface_lists_every_entity_it_may_mean) {
  std::vector<model::entity> entities{
      test::make_entity("nhs-6-639", "heritage_site", "关林", "", 112.49, 34.62),
      test::make_entity("rail-GLF", "station", "关林", "", 112.51, 34.64)};
  mention_index const idx{entities};
  EXPECT_EQ(find_all(idx, "关林"), (std::vector<found>{{"关林", {0, 1}}}));
}

TEST(mention_index, single_han_characters_short_latin_and_numbers_are_not_surfaces) {
  std::vector<model::entity> entities{test::make_entity("a", "dynasty", "隋", "Sui", 0, 0),
                                      test::make_entity("b", "station", "1954", "", 0, 0),
                                      test::make_entity("c", "county", "Xian", "", 0, 0)};
  mention_index const idx{entities};
  EXPECT_EQ(idx.n_surfaces(), 1U);  // only "xian"
  EXPECT_TRUE(find_all(idx, "隋 Sui 1954").empty());
  EXPECT_EQ(find_all(idx, "XIAN").size(), 1U);
}

TEST(mention_index, provinces_and_cities_are_found_by_their_english_pinyin_name) {
  std::vector<model::entity> entities{
      test::make_entity("adm-410300", "prefecture", "洛阳市", "", 112.45, 34.62),
      test::make_entity("adm-610100", "prefecture", "西安市", "", 108.94, 34.34),
      test::make_entity("adm-410305", "county", "涧西区", "", 112.40, 34.66)};
  entities[0].names_.aliases_ = {"洛阳"};
  entities[1].names_.aliases_ = {"西安"};
  entities[2].names_.aliases_ = {"涧西"};
  mention_index const idx{entities};
  EXPECT_EQ(find_all(idx, "From Xi'an to Luoyang, not Jianxi"),
            (std::vector<found>{{"Xi'an", {1}}, {"Luoyang", {0}}}));
}

TEST(mention_index, english_place_names_follow_pinyin_orthography) {
  EXPECT_EQ(english_place_name("洛阳"), "Luoyang");
  EXPECT_EQ(english_place_name("西安"), "Xi'an");
  EXPECT_EQ(english_place_name("长安"), "Chang'an");
  EXPECT_EQ(english_place_name("陕西"), "Shaanxi");
  EXPECT_EQ(english_place_name("内蒙古"), "Inner Mongolia");
  EXPECT_EQ(english_place_name("吕梁"), "");  // ü: no guess
  EXPECT_EQ(english_place_name("G4"), "");
}

TEST(mention_index, case_folding_keeps_byte_offsets) {
  EXPECT_EQ(mention_index::fold_ascii_case("Luoyang 洛阳 ABC"), "luoyang 洛阳 abc");
}

}  // namespace zhitu::index
