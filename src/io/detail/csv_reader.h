// SPDX-License-Identifier: Apache-2.0
// An RFC 4180 tokenizer: rows of fields, each with the line it starts on.
//
//   csv_reader r{text};                  // text without the UTF-8 BOM
//   csv_row row;
//   while (r.next(row)) {
//     if (row.error_) { report(row.line_, *row.error_); continue; }
//     use(row.fields_);
//   }
//
// Accepts LF, CRLF and lone CR line ends and quoted fields with `""` escapes and line breaks
// (kept as written). After a syntax error the rest of that physical line is skipped, so one bad
// row does not hide the errors of the rows after it; an unterminated quote runs to the end.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zhitu::io::detail {

struct csv_syntax_error {
  std::size_t line_;       // where the problem is (for an unterminated quote: where it opened)
  std::size_t field_idx_;  // 0-based index of the field being read
  std::string message_;
};

struct csv_row {
  std::size_t line_{0};  // 1-based line the row starts on
  std::vector<std::string> fields_;
  bool blank_{false};  // an empty line: no fields at all
  std::optional<csv_syntax_error> error_;
};

class csv_reader {
 public:
  explicit csv_reader(std::string_view text) : text_{text} {}

  // False at the end of the input.
  bool next(csv_row& row);

 private:
  bool at_line_break() const;
  void consume_line_break();
  void skip_rest_of_line();

  std::string_view text_;
  std::size_t pos_{0};
  std::size_t line_{1};
};

}  // namespace zhitu::io::detail
