// SPDX-License-Identifier: Apache-2.0
#include "io/detail/csv_reader.h"

namespace zhitu::io::detail {

bool csv_reader::at_line_break() const {
  return pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r');
}

void csv_reader::consume_line_break() {
  if (pos_ < text_.size() && text_[pos_] == '\r') {
    ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') {
      ++pos_;
    }
    ++line_;
  } else if (pos_ < text_.size() && text_[pos_] == '\n') {
    ++pos_;
    ++line_;
  }
}

void csv_reader::skip_rest_of_line() {
  while (pos_ < text_.size() && !at_line_break()) {
    ++pos_;
  }
  consume_line_break();
}

bool csv_reader::next(csv_row& row) {
  if (pos_ >= text_.size()) {
    return false;
  }
  row.line_ = line_;
  row.fields_.clear();
  row.blank_ = false;
  row.error_.reset();
  if (at_line_break()) {
    row.blank_ = true;
    consume_line_break();
    return true;
  }
  auto const fail = [&](std::size_t line, std::string message) {
    row.error_ = csv_syntax_error{line, row.fields_.size(), std::move(message)};
  };
  while (true) {
    std::string field;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      auto const open_line = line_;
      ++pos_;
      while (true) {
        if (pos_ >= text_.size()) {
          fail(open_line, "unterminated quoted field: the quote opened on line " +
                              std::to_string(open_line) + " is never closed");
          return true;
        }
        auto const c = text_[pos_];
        if (c == '"') {
          if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
            field += '"';
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        // Line breaks inside quotes are data, kept as written; they still count as lines.
        if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
          field += "\r\n";
          pos_ += 2;
          ++line_;
          continue;
        }
        if (c == '\n' || c == '\r') {
          ++line_;
        }
        field += c;
        ++pos_;
      }
      if (pos_ < text_.size() && text_[pos_] != ',' && !at_line_break()) {
        fail(line_,
             "unexpected character after a closing quote (a quote inside a quoted field "
             "must be doubled: \"\")");
        skip_rest_of_line();
        return true;
      }
    } else {
      auto const begin = pos_;
      while (pos_ < text_.size() && text_[pos_] != ',' && !at_line_break()) {
        if (text_[pos_] == '"') {
          fail(line_,
               "quote inside an unquoted field (quote the whole field and double the "
               "quotes inside it: \"a \"\"b\"\" c\")");
          skip_rest_of_line();
          return true;
        }
        ++pos_;
      }
      field.assign(text_.substr(begin, pos_ - begin));
    }
    row.fields_.push_back(std::move(field));
    if (pos_ < text_.size() && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    consume_line_break();
    return true;
  }
}

}  // namespace zhitu::io::detail
