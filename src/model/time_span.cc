// SPDX-License-Identifier: Apache-2.0
#include "model/time_span.h"

#include <charconv>
#include <string>

namespace zhitu::model {

namespace {

bool consume_prefix(std::string_view& s, std::string_view prefix) {
  if (s.starts_with(prefix)) {
    s.remove_prefix(prefix.size());
    return true;
  }
  return false;
}

bool consume_suffix(std::string_view& s, std::string_view suffix) {
  if (s.ends_with(suffix)) {
    s.remove_suffix(suffix.size());
    return true;
  }
  return false;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::optional<std::int32_t> parse_year(std::string_view text) {
  auto s = trim(text);
  auto bce = consume_prefix(s, "公元前") || consume_prefix(s, "前");
  consume_prefix(s, "公元");
  consume_suffix(s, "年");
  s = trim(s);
  if (consume_suffix(s, "BCE") || consume_suffix(s, "BC")) {
    bce = true;
  } else {
    consume_suffix(s, "CE") || consume_suffix(s, "AD");
  }
  s = trim(s);
  auto negative = false;
  if (!bce && consume_prefix(s, "-")) {
    negative = true;
  }
  // from_chars reads a sign of its own: "--5" must not become 5.
  if (s.empty() || s.size() > kMaxYearDigits || s.front() == '-') {
    return std::nullopt;
  }
  std::int32_t year = 0;
  auto const [end, ec] = std::from_chars(s.data(), s.data() + s.size(), year);
  if (ec != std::errc{} || end != s.data() + s.size()) {
    return std::nullopt;
  }
  if (bce) {
    return year <= 0 ? std::nullopt : std::optional{1 - year};  // 1 BCE is year 0
  }
  return negative ? -year : year;
}

std::optional<year_range> parse_year_range(std::string_view text) {
  auto s = trim(text);
  if (consume_prefix(s, "[")) {
    if (!consume_suffix(s, "]")) {
      return std::nullopt;
    }
    auto const dots = s.find("..");
    if (dots == std::string_view::npos) {
      return std::nullopt;
    }
    auto const earliest = parse_year(s.substr(0, dots));
    auto const latest = parse_year(s.substr(dots + 2));
    if (!earliest || !latest || *earliest > *latest) {
      return std::nullopt;
    }
    return year_range{*earliest, *latest};
  }
  auto const y = parse_year(s);
  return y ? std::optional{year_range{*y, *y}} : std::nullopt;
}

std::string to_string(year_range r) {
  if (r.earliest_ == r.latest_) {
    return std::to_string(r.earliest_);
  }
  return "[" + std::to_string(r.earliest_) + ".." + std::to_string(r.latest_) + "]";
}

}  // namespace zhitu::model
