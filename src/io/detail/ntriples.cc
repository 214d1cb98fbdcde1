// SPDX-License-Identifier: Apache-2.0
#include "io/detail/ntriples.h"

#include <cstdint>

namespace zhitu::io::detail {

namespace {

// Appends code point c as UTF-8. REQUIRES: a Unicode scalar value.
void append_utf8(std::string& out, std::uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// One line's terms, left to right; the first problem stops it.
class line_parser {
 public:
  explicit line_parser(std::string_view line) : s_{line} {}

  std::optional<rdf_syntax_error> const& error() const { return error_; }

  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) {
      ++i_;
    }
  }
  bool at_end_or_comment() {
    skip_space();
    return i_ == s_.size() || s_[i_] == '#';
  }

  // subject: IRI or blank node; predicate: IRI; object: any term.
  bool term(rdf_term& t, bool iri_only, bool literal_ok, char const* what) {
    skip_space();
    if (i_ == s_.size()) {
      return fail(std::string{"expected "} + what + ", got the end of the line");
    }
    auto const c = s_[i_];
    if (c == '<') {
      t.type_ = rdf_term::type::kIri;
      return iri(t.value_);
    }
    if (c == '_' && !iri_only) {
      t.type_ = rdf_term::type::kBlank;
      return blank(t.value_);
    }
    if (c == '"' && literal_ok) {
      t.type_ = rdf_term::type::kLiteral;
      return literal(t);
    }
    return fail(std::string{"expected "} + what + ", got '" + std::string{c} + "'");
  }

  bool dot() {
    skip_space();
    if (i_ == s_.size() || s_[i_] != '.') {
      return fail("expected '.' to end the triple");
    }
    ++i_;
    if (!at_end_or_comment()) {
      return fail("unexpected text after the triple's '.'");
    }
    return true;
  }

 private:
  bool fail(std::string message) {
    error_ = rdf_syntax_error{i_ + 1, std::move(message)};
    return false;
  }

  // \uXXXX or \UXXXXXXXX at i_ (pointing at the 'u' or 'U').
  bool uchar(std::string& out) {
    auto const n = s_[i_] == 'u' ? 4U : 8U;
    auto const start = i_ - 1;
    ++i_;
    std::uint32_t c = 0;
    for (auto k = 0U; k < n; ++k, ++i_) {
      if (i_ == s_.size()) {
        i_ = start;
        return fail("incomplete \\u escape: expected " + std::to_string(n) + " hex digits");
      }
      auto const h = s_[i_];
      auto const v = is_digit(h)              ? h - '0'
                     : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                     : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                              : -1;
      if (v < 0) {
        return fail("invalid hex digit '" + std::string{h} + "' in a \\u escape");
      }
      c = c * 16 + static_cast<std::uint32_t>(v);
    }
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
      i_ = start;
      return fail("escape is not a Unicode scalar value (surrogate or above U+10FFFF)");
    }
    append_utf8(out, c);
    return true;
  }

  bool iri(std::string& out) {
    auto const start = i_;
    ++i_;  // '<'
    out.clear();
    while (i_ < s_.size() && s_[i_] != '>') {
      auto const c = static_cast<unsigned char>(s_[i_]);
      if (c == '\\') {
        ++i_;
        if (i_ == s_.size() || (s_[i_] != 'u' && s_[i_] != 'U')) {
          return fail("only \\u and \\U escapes are allowed in an IRI");
        }
        if (!uchar(out)) {
          return false;
        }
        continue;
      }
      if (c <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' ||
          c == '`') {
        return fail("character not allowed in an IRI (spaces, quotes, <, {, }, |, ^, `)");
      }
      out += static_cast<char>(c);
      ++i_;
    }
    if (i_ == s_.size()) {
      return fail("IRI not closed with '>'");
    }
    ++i_;  // '>'
    auto const colon = out.find(':');
    if (colon == std::string::npos || colon == 0 || !is_alpha(out[0])) {
      i_ = start;
      return fail("relative IRI <" + out + ">: N-Triples needs absolute IRIs (scheme:...)");
    }
    return true;
  }

  bool blank(std::string& out) {
    if (i_ + 1 >= s_.size() || s_[i_ + 1] != ':') {
      return fail("expected a blank node label _:name");
    }
    i_ += 2;
    auto const start = i_;
    while (i_ < s_.size() && s_[i_] != ' ' && s_[i_] != '\t' && s_[i_] != '.' && s_[i_] != '<' &&
           s_[i_] != '"') {
      ++i_;
    }
    // A label may contain '.' but not end with it: "_:b1." is the label b1 and the final dot.
    while (i_ < s_.size() && s_[i_] == '.' && i_ + 1 < s_.size() && s_[i_ + 1] != ' ' &&
           s_[i_ + 1] != '\t' && s_[i_ + 1] != '#') {
      ++i_;
      while (i_ < s_.size() && s_[i_] != ' ' && s_[i_] != '\t' && s_[i_] != '.' && s_[i_] != '<' &&
             s_[i_] != '"') {
        ++i_;
      }
    }
    if (i_ == start) {
      return fail("empty blank node label");
    }
    out.assign(s_.substr(start, i_ - start));
    return true;
  }

  bool literal(rdf_term& t) {
    auto const start = i_;
    ++i_;  // '"'
    t.value_.clear();
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] != '\\') {
        t.value_ += s_[i_++];
        continue;
      }
      ++i_;
      if (i_ == s_.size()) {
        return fail("unfinished escape at the end of the line");
      }
      switch (s_[i_]) {
        case 't':
          t.value_ += '\t';
          break;
        case 'b':
          t.value_ += '\b';
          break;
        case 'n':
          t.value_ += '\n';
          break;
        case 'r':
          t.value_ += '\r';
          break;
        case 'f':
          t.value_ += '\f';
          break;
        case '"':
          t.value_ += '"';
          break;
        case '\'':
          t.value_ += '\'';
          break;
        case '\\':
          t.value_ += '\\';
          break;
        case 'u':
        case 'U':
          if (!uchar(t.value_)) {
            return false;
          }
          continue;
        default:
          return fail("unknown escape \\" + std::string{s_[i_]} +
                      " (expected \\t \\b \\n \\r \\f \\\" \\' \\\\ \\u \\U)");
      }
      ++i_;
    }
    if (i_ == s_.size()) {
      i_ = start;
      return fail("string literal not closed with '\"'");
    }
    ++i_;  // '"'
    t.lang_.clear();
    t.datatype_.clear();
    if (i_ < s_.size() && s_[i_] == '@') {
      ++i_;
      auto const tag = i_;
      while (i_ < s_.size() && is_alpha(s_[i_])) {
        ++i_;
      }
      if (i_ == tag) {
        return fail("expected a language tag after '@' (such as zh, en, zh-Hans)");
      }
      while (i_ < s_.size() && s_[i_] == '-') {
        auto const part = ++i_;
        while (i_ < s_.size() && (is_alpha(s_[i_]) || is_digit(s_[i_]))) {
          ++i_;
        }
        if (i_ == part) {
          return fail("empty part in the language tag");
        }
      }
      for (auto k = tag; k < i_; ++k) {
        auto const c = s_[k];
        t.lang_ += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      }
    } else if (s_.substr(i_).starts_with("^^")) {
      i_ += 2;
      if (i_ == s_.size() || s_[i_] != '<') {
        return fail("expected a datatype IRI <...> after '^^'");
      }
      return iri(t.datatype_);
    }
    return true;
  }

  std::string_view s_;
  std::size_t i_{0};
  std::optional<rdf_syntax_error> error_;
};

}  // namespace

bool ntriples_reader::next(rdf_triple& t) {
  while (pos_ < text_.size()) {
    auto end = pos_;
    while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') {
      ++end;
    }
    auto const line = text_.substr(pos_, end - pos_);
    ++line_;
    pos_ = end;
    if (pos_ < text_.size() && text_[pos_] == '\r') {
      ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] == '\n') {
      ++pos_;
    }
    line_parser p{line};
    if (p.at_end_or_comment()) {
      continue;
    }
    t.line_ = line_;
    t.error_.reset();
    if (!(p.term(t.subject_, false, false, "a subject (<IRI> or _:blank)") &&
          p.term(t.predicate_, true, false, "a predicate <IRI>") &&
          p.term(t.object_, false, true, "an object (<IRI>, _:blank or \"literal\")") && p.dot())) {
      t.error_ = p.error();
    }
    return true;
  }
  return false;
}

}  // namespace zhitu::io::detail
