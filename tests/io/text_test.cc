// SPDX-License-Identifier: Apache-2.0
// Text helpers: UTF-8 checks, number text in and out, CSV quoting.
#include "io/detail/text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace zhitu::io::detail {
namespace {

TEST(text, valid_utf8_has_no_problem) {
  EXPECT_FALSE(find_invalid_utf8("龙门石窟 Longmen 𠀀\n").has_value());
}

TEST(text, gbk_bytes_are_found_with_line_and_byte_column) {
  // "龙门" in GBK is C1 FA C3 C5.
  auto const p = find_invalid_utf8("id,name\nx,\xC1\xFA\xC3\xC5\n");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->line_, 2U);
  EXPECT_EQ(p->column_, 3U);
}

TEST(text, overlong_and_surrogate_utf8_are_invalid) {
  EXPECT_TRUE(find_invalid_utf8("\xC0\xAF").has_value());          // overlong '/'
  EXPECT_TRUE(find_invalid_utf8("\xED\xA0\x80").has_value());      // U+D800
  EXPECT_TRUE(find_invalid_utf8("\xF4\x90\x80\x80").has_value());  // above U+10FFFF
  EXPECT_TRUE(find_invalid_utf8("\xE4\xB8").has_value());          // truncated
}

TEST(text, valid_utf8_replaces_bad_bytes) {
  EXPECT_EQ(valid_utf8("ok 龙"), "ok 龙");
  EXPECT_EQ(valid_utf8("tr\xE7\x94"), "tr\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(text, canonical_decimals_become_numbers) {
  EXPECT_EQ(property_value("42"), nlohmann::json(42));
  EXPECT_EQ(property_value("-7"), nlohmann::json(-7));
  EXPECT_EQ(property_value("0"), nlohmann::json(0));
  EXPECT_EQ(property_value("3.25"), nlohmann::json(3.25));
  EXPECT_EQ(property_value("-0.5"), nlohmann::json(-0.5));
}

TEST(text, other_text_stays_a_string) {
  for (auto const* s :
       {"0371", "1e5", "+1", "1.", ".5", "1,000", "abc", "00", "-", "1.2.3", " 1"}) {
    EXPECT_EQ(property_value(s), nlohmann::json(s)) << s;
  }
}

TEST(text, numbers_that_would_lose_digits_stay_strings) {
  EXPECT_EQ(property_value("12345678901234567890123"), nlohmann::json("12345678901234567890123"));
  EXPECT_EQ(property_value("0.12345678901234567891"), nlohmann::json("0.12345678901234567891"));
}

TEST(text, format_double_is_shortest_fixed) {
  EXPECT_EQ(format_double(112.4712691), "112.4712691");
  EXPECT_EQ(format_double(0.00001), "0.00001");
  EXPECT_EQ(format_double(3.0), "3");
  EXPECT_EQ(format_double(-0.0), "0");
}

TEST(text, round_coordinate_keeps_seven_decimals) {
  EXPECT_DOUBLE_EQ(round_coordinate(112.47126914), 112.4712691);
  EXPECT_DOUBLE_EQ(round_coordinate(-34.55600006), -34.5560001);
}

TEST(text, csv_fields_are_quoted_only_when_needed) {
  std::string s;
  append_csv_field(s, "plain");
  s += '|';
  append_csv_field(s, "a,b");
  s += '|';
  append_csv_field(s, "say \"hi\"");
  s += '|';
  append_csv_field(s, "two\nlines");
  s += '|';
  append_csv_field(s, " padded");
  EXPECT_EQ(s, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\" padded\"");
}

TEST(text, quote_value_escapes_and_shortens) {
  EXPECT_EQ(quote_value("a\"b\n"), "\"a\\\"b\\n\"");
  auto const long_text = std::string(30, 'x') + std::string("龙门石窟龙门石窟龙门石窟");
  auto const q = quote_value(long_text);
  EXPECT_TRUE(q.ends_with("…\""));
  EXPECT_LE(q.size(), 70U);
  EXPECT_FALSE(find_invalid_utf8(q).has_value());
}

}  // namespace
}  // namespace zhitu::io::detail
