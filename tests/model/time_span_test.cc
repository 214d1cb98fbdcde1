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
}

TEST(time_span, overlap_uses_widest_reading) {
  auto const tang = time_span::exact(618, 907);
  EXPECT_TRUE(tang.overlaps(time_span::exact(907, 1000)));
  EXPECT_FALSE(tang.overlaps(time_span::exact(908, 1000)));
  EXPECT_TRUE((time_span{-8000, -6000, -2500, -2000}).overlaps(time_span::exact(-2100, -2100)));
  EXPECT_FALSE((time_span{10, 5, 20, 30}).valid());
}

}  // namespace zhitu::model
