// SPDX-License-Identifier: Apache-2.0
// Text helpers: UTF-8 checks, number text in and out, CSV quoting.
#include "io/detail/text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

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

TEST(text, json_strings_escape_quotes_backslashes_and_controls_only) {
  std::string out;
  append_json_string(out, "洛阳 \"龙门\"\\\n\t\x01\x7f/");
  EXPECT_EQ("\"洛阳 \\\"龙门\\\"\\\\\\n\\t\\u0001\x7f/\"", out);
}

TEST(text, json_strings_replace_invalid_utf8) {
  std::string out = "x";
  append_json_string(out, "\xC2\"ok\xE9\xBE");  // a cut sequence, twice
  EXPECT_EQ("x\"\xEF\xBF\xBD\\\"ok\xEF\xBF\xBD\xEF\xBF\xBD\"", out);
}

// Random bytes read back as the text with bad bytes replaced; valid text is written exactly as
// nlohmann writes it (whose `replace` handler may merge a broken sequence into one U+FFFD).
TEST(text, json_strings_read_back_and_equal_nlohmann_on_random_bytes) {
  std::mt19937 rng{7};
  std::uniform_int_distribution<int> byte{0, 255};
  std::uniform_int_distribution<int> length{0, 24};
  for (auto n = 0; n < 20'000; ++n) {
    std::string s(static_cast<std::size_t>(length(rng)), '\0');
    for (auto& c : s) {
      c = static_cast<char>(n % 2 == 0 ? byte(rng) : 0x20 + byte(rng) % 0x60);
    }
    std::string out;
    append_json_string(out, s);
    ASSERT_EQ(valid_utf8(s), nlohmann::json::parse(out).get<std::string>());
    if (!find_invalid_utf8(s)) {
      ASSERT_EQ(nlohmann::json(s).dump(), out);
    }
  }
}

TEST(text, append_coordinate_writes_the_rounded_shortest_text) {
  std::mt19937 rng{11};
  std::uniform_real_distribution<double> any{-180.0, 180.0};
  std::uniform_int_distribution<int> steps{-1'800'000'000, 1'800'000'000};
  for (auto const v : {0.0, -0.0, 1e-8, -4e-8, 5e-8, 0.1, -0.1, 112.4712691, 34.5598994, 180.0,
                       -180.0, 99.99999995, -12.00000004, 1.0000001}) {
    std::string out;
    append_coordinate(out, v);
    ASSERT_EQ(format_double(round_coordinate(v)), out) << v;
  }
  for (auto n = 0; n < 200'000; ++n) {
    // Values on and between the 1e-7 grid.
    auto const v = n % 2 == 0 ? any(rng) : steps(rng) / 1e7;
    std::string out;
    append_coordinate(out, v);
    ASSERT_EQ(format_double(round_coordinate(v)), out) << v;
  }
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
