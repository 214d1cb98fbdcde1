// SPDX-License-Identifier: Apache-2.0
// The annotator on small hand-made catalogs: one behaviour per test.
#include "query/annotate.h"

#include <gtest/gtest.h>

#include "common/fixtures.h"

namespace zhitu::query {

namespace {

std::shared_ptr<index::catalog const> luoyang() {
  std::vector<model::entity> e;
  e.push_back(test::make_entity("adm-410300", "prefecture", "洛阳市", "", 112.45, 34.62));
  e.back().names_.aliases_ = {"洛阳"};
  e.push_back(test::make_entity("adm-410305", "county", "涧西区", "", 112.40, 34.66));
  e.back().names_.aliases_ = {"涧西"};
  e.push_back(test::make_entity("adm-120101", "county", "和平区", "", 117.21, 39.12));  // Tianjin
  e.back().names_.aliases_ = {"和平"};
  e.push_back(test::make_entity("rail-LYF", "station", "洛阳", "", 112.43, 34.69));
  e.back().names_.aliases_ = {"洛阳站"};
  e.push_back(test::make_entity("ly-station-luoyang-longmen", "station", "洛阳龙门站",
                                "Luoyang Longmen Station", 112.46, 34.60));
  e.back().names_.aliases_ = {"洛阳龙门"};
  e.push_back(test::make_entity("nhs-1-37", "heritage_site", "龙门石窟", "Longmen Grottoes", 112.47,
                                34.56));
  e.push_back(test::make_entity("nhs-6-639", "heritage_site", "关林", "", 112.49, 34.62));
  e.push_back(test::make_entity("rail-GLF", "station", "关林", "", 112.51, 34.64));
  e.push_back(test::make_entity("ly-wu-zetian", "person", "武则天", "Wu Zetian", 0, 0));
  e.back().geometry_.reset();
  e.push_back(test::make_entity("adm-110000", "province", "北京市", "Beijing", 116.4, 39.9));
  e.back().names_.aliases_ = {"北京"};
  return index::catalog::build(std::move(e), {test::test_dataset()}, {});
}

struct seen {
  std::string surface_;
  std::string id_;
  friend bool operator==(seen const&, seen const&) = default;
  friend std::ostream& operator<<(std::ostream& os, seen const& s) {
    return os << s.surface_ << "→" << s.id_;
  }
};

std::vector<seen> annotated(index::catalog const& cat, std::string_view text,
                            annotate_params const& p = {}) {
  auto const r = annotate(cat, text, p);
  EXPECT_TRUE(r) << r.err().message_;
  std::vector<seen> out;
  for (auto const& m : *r) {
    out.push_back({m.surface_, cat.at(m.entity_).id_});
  }
  return out;
}

}  // namespace

TEST(annotate, the_longest_name_wins_where_names_overlap) {
  auto const cat = luoyang();
  EXPECT_EQ(
      annotated(*cat, "从洛阳龙门站到龙门石窟"),
      (std::vector<seen>{{"洛阳龙门站", "ly-station-luoyang-longmen"}, {"龙门石窟", "nhs-1-37"}}));
}

TEST(annotate, overlapping_names_are_read_so_that_the_longest_names_cover_the_most) {
  auto const cat = luoyang();
  EXPECT_EQ(annotated(*cat, "洛阳龙门石窟"),
            (std::vector<seen>{{"洛阳", "adm-410300"}, {"龙门石窟", "nhs-1-37"}}));
}

TEST(annotate, a_bare_city_name_is_the_city_and_with_zhan_the_station) {
  auto const cat = luoyang();
  EXPECT_EQ(annotated(*cat, "洛阳的游客在洛阳站上车"),
            (std::vector<seen>{{"洛阳", "adm-410300"}, {"洛阳站", "rail-LYF"}}));
}

TEST(annotate, a_site_wins_over_a_station_of_the_same_name) {
  auto const cat = luoyang();
  EXPECT_EQ(annotated(*cat, "洛阳关林是祭祀关羽的地方"),
            (std::vector<seen>{{"洛阳", "adm-410300"}, {"关林", "nhs-6-639"}}));
}

TEST(annotate, a_two_character_name_alone_is_too_weak) {
  auto const cat = luoyang();
  EXPECT_TRUE(annotated(*cat, "关林是祭祀关羽的地方").empty());
}

TEST(annotate, a_place_inside_the_name_of_a_road_or_town_is_not_a_mention) {
  auto const cat = luoyang();
  EXPECT_EQ(annotated(*cat, "洛阳市龙门石窟镇的龙门石窟路上"),
            (std::vector<seen>{{"洛阳市", "adm-410300"}}));
}

TEST(annotate, a_weak_alias_far_from_the_rest_of_the_text_is_dropped) {
  auto const cat = luoyang();
  EXPECT_EQ(annotated(*cat, "洛阳市涧西区与龙门石窟的游客祈愿世界和平"),
            (std::vector<seen>{
                {"洛阳市", "adm-410300"}, {"涧西区", "adm-410305"}, {"龙门石窟", "nhs-1-37"}}));
}

TEST(annotate, a_weak_alias_near_the_rest_of_the_text_is_kept) {
  auto const cat = luoyang();
  EXPECT_EQ(annotated(*cat, "洛阳市的龙门石窟，涧西的工厂"),
            (std::vector<seen>{
                {"洛阳市", "adm-410300"}, {"龙门石窟", "nhs-1-37"}, {"涧西", "adm-410305"}}));
}

TEST(annotate, latin_names_match_whole_capitalised_words_only) {
  auto const cat = luoyang();
  EXPECT_EQ(annotated(*cat,
                      "The Longmen Grottoes lie south of Beijing... not beijingers, "
                      "nor longmen grottoes."),
            (std::vector<seen>{{"Longmen Grottoes", "nhs-1-37"}, {"Beijing", "adm-110000"}}));
}

TEST(annotate, a_latin_name_spelt_as_its_owner_spells_it_may_start_small) {
  std::vector<model::entity> e{
      test::make_entity("ly-iflytek", "enterprise", "科大讯飞", "iFlytek", 117.1, 31.8)};
  auto const cat = index::catalog::build(std::move(e), {test::test_dataset()}, {});
  EXPECT_EQ(annotated(*cat, "iFlytek opened an office; iflytek is the lower-case form."),
            (std::vector<seen>{{"iFlytek", "ly-iflytek"}}));
}

TEST(annotate, people_are_left_out_unless_asked_for) {
  auto const cat = luoyang();
  EXPECT_EQ(annotated(*cat, "武则天在龙门石窟"), (std::vector<seen>{{"龙门石窟", "nhs-1-37"}}));
  annotate_params p;
  p.kinds_ = {*cat->find_kind("person")};
  EXPECT_EQ(annotated(*cat, "武则天在龙门石窟", p),
            (std::vector<seen>{{"武则天", "ly-wu-zetian"}}));
}

TEST(annotate, offsets_are_bytes_and_utf16_units) {
  auto const cat = luoyang();
  // 𠀀 is outside the BMP: 4 bytes, 2 UTF-16 units.
  auto const r = annotate(*cat, "a𠀀龙门石窟", {});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 1U);
  EXPECT_EQ((*r)[0].start_, 5U);
  EXPECT_EQ((*r)[0].end_, 17U);
  EXPECT_EQ((*r)[0].start_utf16_, 3U);
  EXPECT_EQ((*r)[0].end_utf16_, 7U);
}

TEST(annotate, confidence_is_lower_for_an_even_contest) {
  auto const cat = luoyang();
  auto const r = annotate(*cat, "关林与龙门石窟", {.kinds_ = std::nullopt, .min_confidence_ = 0.1});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 2U);
  EXPECT_LT((*r)[0].confidence_, (*r)[1].confidence_);
  EXPECT_GT((*r)[0].confidence_, 0.5);
  EXPECT_LE((*r)[1].confidence_, 1.0);
}

TEST(annotate, invalid_utf8_and_huge_texts_are_errors) {
  auto const cat = luoyang();
  auto const bad = annotate(*cat, "龙门\xff石窟", {});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.err().message_, "text: not valid UTF-8 after character 2");
  auto const huge = annotate(*cat, std::string(kMaxAnnotateBytes + 1, 'a'), {});
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.err().kind_, error_kind::kInvalidArgument);
}

TEST(annotate, an_empty_text_has_no_mentions) {
  auto const cat = luoyang();
  EXPECT_TRUE(annotated(*cat, "").empty());
}

}  // namespace zhitu::query
