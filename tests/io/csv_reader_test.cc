// SPDX-License-Identifier: Apache-2.0
// The RFC 4180 tokenizer alone: fields, line numbers, syntax errors and recovery.
#include "io/detail/csv_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace zhitu::io::detail {
namespace {

struct read_row {
  std::size_t line_;
  std::vector<std::string> fields_;
  std::string error_;
};

std::vector<read_row> rows(std::string_view text) {
  csv_reader r{text};
  csv_row row;
  std::vector<read_row> out;
  while (r.next(row)) {
    if (row.blank_) {
      continue;
    }
    out.push_back({row.line_, row.fields_,
                   row.error_
                       ? std::to_string(row.error_->line_) + ":" +
                             std::to_string(row.error_->field_idx_) + ": " + row.error_->message_
                       : ""});
  }
  return out;
}

using fields = std::vector<std::string>;

TEST(csv_reader, splits_fields_and_lines) {
  auto const r = rows("a,b,c\n1,,3\n");
  ASSERT_EQ(r.size(), 2U);
  EXPECT_EQ(r[0].fields_, (fields{"a", "b", "c"}));
  EXPECT_EQ(r[1].fields_, (fields{"1", "", "3"}));
  EXPECT_EQ(r[1].line_, 2U);
}

TEST(csv_reader, last_line_without_newline) {
  auto const r = rows("a,b\n1,2");
  ASSERT_EQ(r.size(), 2U);
  EXPECT_EQ(r[1].fields_, (fields{"1", "2"}));
}

TEST(csv_reader, trailing_comma_gives_an_empty_last_field) {
  auto const r = rows("a,b\n1,\n");
  ASSERT_EQ(r.size(), 2U);
  EXPECT_EQ(r[1].fields_, (fields{"1", ""}));
}

TEST(csv_reader, crlf_line_ends) {
  auto const r = rows("a,b\r\n1,2\r\n3,4\r\n");
  ASSERT_EQ(r.size(), 3U);
  EXPECT_EQ(r[1].fields_, (fields{"1", "2"}));
  EXPECT_EQ(r[2].fields_, (fields{"3", "4"}));
  EXPECT_EQ(r[2].line_, 3U);
}

TEST(csv_reader, lone_cr_line_ends) {
  auto const r = rows("a,b\r1,2\r");
  ASSERT_EQ(r.size(), 2U);
  EXPECT_EQ(r[1].fields_, (fields{"1", "2"}));
  EXPECT_EQ(r[1].line_, 2U);
}

TEST(csv_reader, quoted_fields_with_escaped_quotes_and_commas) {
  auto const r = rows("a,b\n\"x, \"\"y\"\"\",\"\"\n");
  ASSERT_EQ(r.size(), 2U);
  EXPECT_EQ(r[1].fields_, (fields{"x, \"y\"", ""}));
}

TEST(csv_reader, quoted_newlines_are_kept_and_counted) {
  auto const r = rows("a,b\n\"line one\nline two\r\nthree\",x\nnext,row\n");
  ASSERT_EQ(r.size(), 3U);
  EXPECT_EQ(r[1].fields_, (fields{"line one\nline two\r\nthree", "x"}));
  EXPECT_EQ(r[1].line_, 2U);
  EXPECT_EQ(r[2].line_, 5U);  // the quoted field spanned lines 2 to 4
}

TEST(csv_reader, blank_lines_are_reported_as_blank) {
  csv_reader r{"a\n\n1\n"};
  csv_row row;
  ASSERT_TRUE(r.next(row));
  EXPECT_FALSE(row.blank_);
  ASSERT_TRUE(r.next(row));
  EXPECT_TRUE(row.blank_);
  ASSERT_TRUE(r.next(row));
  EXPECT_EQ(row.fields_, (fields{"1"}));
  EXPECT_EQ(row.line_, 3U);
  EXPECT_FALSE(r.next(row));
}

TEST(csv_reader, unterminated_quote_names_the_line_it_opened_on) {
  auto const r = rows("a,b\n1,\"open\n2,3\n4,5\n");
  ASSERT_EQ(r.size(), 2U);
  EXPECT_EQ(r[1].error_,
            "2:1: unterminated quoted field: the quote opened on line 2 is never closed");
}

TEST(csv_reader, quote_inside_unquoted_field_skips_only_that_line) {
  auto const r = rows("a,b\n1,x\"y\n2,3\n");
  ASSERT_EQ(r.size(), 3U);
  EXPECT_TRUE(r[1].error_.starts_with("2:1: quote inside an unquoted field (")) << r[1].error_;
  EXPECT_EQ(r[2].fields_, (fields{"2", "3"}));
  EXPECT_EQ(r[2].line_, 3U);
}

TEST(csv_reader, text_after_closing_quote_is_an_error) {
  auto const r = rows("a,b\n\"x\"y,1\n2,3\n");
  ASSERT_EQ(r.size(), 3U);
  EXPECT_TRUE(r[1].error_.starts_with("2:0: unexpected character after a closing quote ("))
      << r[1].error_;
  EXPECT_EQ(r[2].fields_, (fields{"2", "3"}));
}

}  // namespace
}  // namespace zhitu::io::detail
