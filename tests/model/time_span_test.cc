// SPDX-License-Identifier: Apache-2.0
#include "model/time_span.h"

#include <gtest/gtest.h>

namespace zhitu::model {

TEST(time_span, parses_common_year_forms) {
  EXPECT_EQ(parse_year("618"), 618);
  EXPECT_EQ(parse_year("618年"), 618);
  EXPECT_EQ(parse_year("公元618年"), 618);
  EXPECT_EQ(parse_year("-769"), -769);
  EXPECT_EQ(parse_year("公元前770年"), -769);  // astronomical: 1 BCE = 0
  EXPECT_EQ(parse_year("770 BCE"), -769);
  EXPECT_EQ(parse_year("1 BC"), 0);
  EXPECT_EQ(parse_year(" 1938 "), 1938);
}

TEST(time_span, rejects_non_years) {
  EXPECT_FALSE(parse_year(""));
  EXPECT_FALSE(parse_year("唐"));
  EXPECT_FALSE(parse_year("618-907"));
  EXPECT_FALSE(parse_year("前0年"));
  EXPECT_FALSE(parse_year("12345678"));
  EXPECT_EQ(parse_year("-2999999"), -2999999);
  EXPECT_FALSE(parse_year("--5"));
}

TEST(time_span, parses_ranges_of_years) {
  EXPECT_EQ(parse_year_range("618"), (year_range{618, 618}));
  EXPECT_EQ(parse_year_range("[1822..1844]"), (year_range{1822, 1844}));
  EXPECT_EQ(parse_year_range(" [-5999..-4999] "), (year_range{-5999, -4999}));
  EXPECT_EQ(parse_year_range("[公元前770年..前256年]"), (year_range{-769, -255}));
  EXPECT_FALSE(parse_year_range("[1844..1822]"));
  EXPECT_FALSE(parse_year_range("[1822..]"));
  EXPECT_FALSE(parse_year_range("[1822..1844"));
  EXPECT_FALSE(parse_year_range("1822..1844"));
  EXPECT_FALSE(parse_year_range("[1822]"));
}

TEST(time_span, a_range_of_years_reads_back_its_text) {
  for (auto const r : {year_range{618, 618}, year_range{-5999, -4999}, year_range{0, 1}}) {
    EXPECT_EQ(parse_year_range(to_string(r)), r) << to_string(r);
  }
  EXPECT_EQ(to_string(year_range{1822, 1844}), "[1822..1844]");
  EXPECT_EQ(to_string(year_range{-769, -769}), "-769");
}

TEST(time_span, overlap_uses_widest_reading) {
  auto const tang = time_span::exact(618, 907);
  EXPECT_TRUE(tang.overlaps(time_span::exact(907, 1000)));
  EXPECT_FALSE(tang.overlaps(time_span::exact(908, 1000)));
  EXPECT_TRUE((time_span{-8000, -6000, -2500, -2000}).overlaps(time_span::exact(-2100, -2100)));
  EXPECT_FALSE((time_span{10, 5, 20, 30}).valid());
}

}  // namespace zhitu::model
