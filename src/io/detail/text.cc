// SPDX-License-Identifier: Apache-2.0
#include "io/detail/text.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>

#include "model/check.h"

namespace zhitu::io::detail {

namespace {

// Length of the valid UTF-8 sequence at `i`, or 0. Strict (RFC 3629): no overlong forms, no
// surrogates, nothing above U+10FFFF.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto const byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  auto const b0 = byte(i);
  if (b0 < 0x80) {
    return 1;
  }
  auto const cont = [&](std::size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return k < s.size() && byte(k) >= lo && byte(k) <= hi;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    return cont(i + 1) ? 2 : 0;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    auto const lo = b0 == 0xE0 ? 0xA0 : 0x80;
    auto const hi = b0 == 0xED ? 0x9F : 0xBF;
    return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    auto const lo = b0 == 0xF0 ? 0x90 : 0x80;
    auto const hi = b0 == 0xF4 ? 0x8F : 0xBF;
    return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

}  // namespace

std::optional<utf8_problem> find_invalid_utf8(std::string_view text) {
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto const c = text[i];
    if (c == '\n' || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++line;
      line_start = i + 1;
      ++i;
      continue;
    }
    auto const n = utf8_sequence_length(text, i);
    if (n == 0) {
      return utf8_problem{i, line, i - line_start + 1};
    }
    i += n;
  }
  return std::nullopt;
}

std::string valid_utf8(std::string s) {
  if (!find_invalid_utf8(s)) {
    return s;
  }
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    auto const n = utf8_sequence_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  return out;
}

std::size_t line_of_offset(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  auto const end = std::min(offset, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++line;
    }
  }
  return line;
}

std::optional<std::size_t> find_too_deep_json(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  auto in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto const c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) {
        return i;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  auto const blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && blank(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto const lower = [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

std::string quote_value(std::string_view text) {
  constexpr std::size_t kMaxBytes = 60;
  auto cut = text.size() > kMaxBytes;
  if (cut) {
    auto n = kMaxBytes;
    // Back up to the start of a UTF-8 sequence so the message stays valid UTF-8.
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) {
      --n;
    }
    text = text.substr(0, n);
  }
  std::string out;
  append_json_string(out, text);
  if (cut) {
    out.insert(out.size() - 1, "…");
  }
  return out;
}

std::optional<double> parse_double(std::string_view text) {
  if (text.empty()) {
    return std::nullopt;
  }
  double v = 0;
  auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return v;
}

std::string format_double(double v) {
  if (!std::isfinite(v)) {
    return {};
  }
  std::string out;
  append_double(out, v);
  return out;
}

void append_double(std::string& out, double v) {
  if (v == 0) {
    out += '0';  // also for -0
    return;
  }
  char buf[400];  // fixed notation of 1e308 needs 309 digits plus sign and point
  auto const [end, ec] = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::fixed);
  ZHITU_CHECK(ec == std::errc{}, "append_double: not a finite number");
  out.append(buf, end);
}

void append_json_string(std::string& out, std::string_view s) {
  auto const start = out.size();
  out += '"';
  auto plain = std::size_t{0};  // start of the run not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto const c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      auto const n = utf8_sequence_length(s, i);
      if (n == 0) {
        out.resize(start);
        append_json_string(out, valid_utf8(std::string{s}));
        return;
      }
      i += n - 1;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      continue;
    }
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof(buf), "\\u%04x", c);
        out += buf;
      }
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

double round_coordinate(double v) {
  auto const r = std::round(v * 1e7) / 1e7;
  return r == 0 ? 0.0 : r;  // no -0 in output
}

void append_coordinate(std::string& out, double v) {
  ZHITU_CHECK(std::abs(v) < 1e9, "append_coordinate: out of range");
  auto steps = std::llround(v * 1e7);
  if (steps == 0) {
    out += '0';
    return;
  }
  if (steps < 0) {
    out += '-';
    steps = -steps;
  }
  out += std::to_string(steps / 10'000'000);
  auto fraction = steps % 10'000'000;
  if (fraction == 0) {
    return;
  }
  char digits[8] = "0000000";
  for (auto i = 6; i >= 0; --i, fraction /= 10) {
    digits[i] = static_cast<char>('0' + fraction % 10);
  }
  auto n = 7;
  while (digits[n - 1] == '0') {
    --n;
  }
  out += '.';
  out.append(digits, static_cast<std::size_t>(n));
}

nlohmann::json property_value(std::string_view text) {
  auto const as_string = [&] { return nlohmann::json(std::string{text}); };
  auto s = text;
  if (s.starts_with('-')) {
    s.remove_prefix(1);
  }
  auto const point = s.find('.');
  auto const int_part = s.substr(0, point);
  if (int_part.empty() || (int_part.size() > 1 && int_part.front() == '0')) {
    return as_string();
  }
  auto const all_digits = [](std::string_view d) {
    for (auto const c : d) {
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  };
  if (!all_digits(int_part)) {
    return as_string();
  }
  if (point == std::string_view::npos) {
    std::int64_t v = 0;
    auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size()) {
      return as_string();  // beyond 64 bits: a number would lose digits
    }
    return v;
  }
  auto const frac = s.substr(point + 1);
  if (frac.empty() || !all_digits(frac)) {
    return as_string();
  }
  auto const v = parse_double(text);
  if (!v || !std::isfinite(*v)) {
    return as_string();
  }
  // A double holds any decimal of at most 15 significant digits exactly enough to print it back;
  // longer ones only when they are the shortest text of their double.
  std::size_t significant = 0;
  bool leading = true;
  for (auto const c : s) {
    if (c == '.' || (leading && c == '0')) {
      continue;
    }
    leading = false;
    ++significant;
  }
  if (significant <= 15 || format_double(*v) == text) {
    return *v;
  }
  return as_string();
}

std::string cell_text(nlohmann::json const& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return {};
    case nlohmann::json::value_t::string:
      return v.get_ref<std::string const&>();
    case nlohmann::json::value_t::number_integer:
      return std::to_string(v.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned:
      return std::to_string(v.get<std::uint64_t>());
    case nlohmann::json::value_t::number_float:
      return format_double(v.get<double>());
    default:
      return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

void append_csv_field(std::string& out, std::string_view value) {
  auto const needs_quotes = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                            (!value.empty() && (value.front() == ' ' || value.front() == '\t' ||
                                                value.back() == ' ' || value.back() == '\t'));
  if (!needs_quotes) {
    out += value;
    return;
  }
  out += '"';
  for (auto const c : value) {
    if (c == '"') {
      out += '"';
    }
    out += c;
  }
  out += '"';
}

}  // namespace zhitu::io::detail
