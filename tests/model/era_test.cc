// SPDX-License-Identifier: Apache-2.0
#include "model/era.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace zhitu::model {
namespace {

time_span exact(std::int32_t a, std::int32_t b) { return time_span::exact(a, b); }

TEST(era, single_dynasty) { EXPECT_EQ(parse_era("明"), exact(1368, 1644)); }

TEST(era, dynasty_with_suffix) {
  EXPECT_EQ(parse_era("唐代"), exact(618, 907));
  EXPECT_EQ(parse_era("唐朝"), exact(618, 907));
  EXPECT_EQ(parse_era("战国时期"), exact(-474, -220));
}

TEST(era, range_of_dynasties) {
  EXPECT_EQ(parse_era("北魏至唐"), exact(386, 907));
  EXPECT_EQ(parse_era("宋～清"), (time_span{960, 960, 1911, 1912}));
}

TEST(era, range_of_years) {
  EXPECT_EQ(parse_era("1938～1942年"), exact(1938, 1942));
  EXPECT_EQ(parse_era("1937－1946年"), exact(1937, 1946));
  EXPECT_EQ(parse_era("1853至1864年"), exact(1853, 1864));
  EXPECT_EQ(parse_era("1936年～1937年"), exact(1936, 1937));
}

TEST(era, single_year) { EXPECT_EQ(parse_era("1841年"), exact(1841, 1841)); }

TEST(era, prehistoric_period_is_fuzzy) {
  auto const s = parse_era("新石器时代");
  ASSERT_TRUE(s);
  EXPECT_LT(s->start_earliest_, s->start_latest_);
  EXPECT_LT(s->end_earliest_, s->end_latest_);
  EXPECT_EQ(s, find_era("新石器时代")->span_);
}

TEST(era, hull_of_listed_parts) {
  EXPECT_EQ(parse_era("战国至汉"), exact(-474, 220));
  EXPECT_EQ(parse_era("明、清")->first_year(), 1368);
  EXPECT_EQ(parse_era("汉、魏、晋"), exact(-201, 420));
}

TEST(era, written_together) {
  EXPECT_EQ(parse_era("明清"), (time_span{1368, 1368, 1911, 1912}));
  EXPECT_EQ(parse_era("辽金元"), exact(907, 1368));
  EXPECT_EQ(parse_era("魏晋至唐"), exact(220, 907));
}

TEST(era, late_part_of_a_dynasty) {
  auto const s = parse_era("清末");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->valid());
  EXPECT_GT(s->start_earliest_, 1800);
  EXPECT_LT(s->start_latest_, 1911);
  EXPECT_EQ(s->last_year(), 1912);
}

TEST(era, early_and_middle_parts) {
  auto const early = parse_era("明初");
  ASSERT_TRUE(early);
  EXPECT_EQ(early->first_year(), 1368);
  EXPECT_LT(early->last_year(), 1500);
  auto const mid = parse_era("清代中期");
  ASSERT_TRUE(mid);
  EXPECT_GT(mid->first_year(), 1644);
  EXPECT_LT(mid->last_year(), 1911);
}

TEST(era, reign_titles_are_not_known_yet) {
  // 北宋元符二年 (1099) needs a table of reign titles (年号); until then it does not parse
  // rather than parse wrongly.
  EXPECT_FALSE(parse_era("北宋元符二年"));
}

TEST(era, bce_years) {
  EXPECT_EQ(parse_era("公元前221年"), exact(-220, -220));
  EXPECT_EQ(parse_era("公元前2000年～公元前1500年"), exact(-1999, -1499));
  EXPECT_EQ(parse_era("公元前2000～1500年"), exact(-1999, -1499));  // smaller: still BCE
  EXPECT_EQ(parse_era("公元前37～668年"), exact(-36, 668));         // larger: into CE
}

TEST(era, parenthesised_years_win) {
  EXPECT_EQ(parse_era("高昌（公元500—640年）"), exact(500, 640));
  EXPECT_EQ(parse_era("高句丽（公元前37—公元 668年）"), exact(-36, 668));
}

TEST(era, centuries_and_decades) {
  EXPECT_EQ(parse_era("13世纪至18世纪"), exact(1201, 1800));
  EXPECT_EQ(parse_era("20世纪50年代"), exact(1950, 1959));
}

TEST(era, until_now) {
  EXPECT_EQ(parse_era("清至今"), (time_span{1644, 1644, kPresentYear, kPresentYear}));
}

TEST(era, variant_character) { EXPECT_EQ(parse_era("淸"), parse_era("清")); }

TEST(era, edtf_interval) {
  EXPECT_EQ(parse_era("[-5999..-4999]/-2999"), (time_span{-5999, -4999, -2999, -2999}));
  EXPECT_EQ(parse_era("618/907"), exact(618, 907));
  EXPECT_FALSE(parse_era("907/618"));
}

TEST(era, unknown_text_does_not_parse) {
  EXPECT_FALSE(parse_era(""));
  EXPECT_FALSE(parse_era("唐王清"));
  EXPECT_FALSE(parse_era("明以前"));
  EXPECT_FALSE(parse_era("公元前0年"));
  EXPECT_FALSE(parse_era(std::string(600, 'x')));
}

TEST(era, gazetteer_covers_the_required_names) {
  for (auto const* name :
       {"夏", "商", "西周", "东周", "春秋", "战国", "秦", "西汉", "新", "东汉", "三国", "曹魏", "蜀汉",
        "东吴", "西晋", "东晋", "十六国", "南北朝", "北魏", "东魏", "西魏", "北齐", "北周", "刘宋",
        "南齐", "南梁", "南陈", "隋", "唐", "武周", "五代", "后梁", "后唐", "后晋", "后汉", "后周",
        "十国", "北宋", "南宋", "辽", "金", "西夏", "元", "明", "清", "民国", "旧石器时代",
        "新石器时代", "仰韶文化", "龙山文化", "二里头文化"}) {
    auto const* e = find_era(name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_TRUE(e->span_.valid()) << name;
    EXPECT_TRUE(e->kind_ == "dynasty" || e->kind_ == "period") << name;
  }
  EXPECT_EQ(find_era("唐")->span_, exact(618, 907));
  EXPECT_EQ(find_era("武周")->span_, exact(690, 705));
  EXPECT_EQ(find_era("西周")->span_, exact(-1045, -770));
}

TEST(era, gazetteer_ids_unique_and_parents_known) {
  std::set<std::string_view> ids;
  for (auto const& e : era_gazetteer()) {
    EXPECT_TRUE(ids.insert(e.id_).second) << e.id_;
  }
  for (auto const& e : era_gazetteer()) {
    if (!e.parent_.empty()) {
      EXPECT_TRUE(ids.contains(e.parent_)) << e.id_;
    }
  }
}

}  // namespace
}  // namespace zhitu::model
