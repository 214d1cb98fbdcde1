// SPDX-License-Identifier: Apache-2.0
#include "server/params.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>

#include "model/entity.h"

namespace zhitu::server {

namespace {

std::optional<std::string> single(query_args const& args, std::string const& name) {
  auto const it = args.find(name);
  return it == args.end() ? std::nullopt : std::optional{it->second};
}

std::optional<double> parse_double(std::string_view s) {
  while (!s.empty() && s.front() == ' ') {
    s.remove_prefix(1);
  }
  while (!s.empty() && s.back() == ' ') {
    s.remove_suffix(1);
  }
  double v = 0;
  auto const [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    auto const pos = s.find(sep);
    parts.push_back(s.substr(0, pos));
    if (pos == std::string_view::npos) {
      return parts;
    }
    s.remove_prefix(pos + 1);
  }
}

// Parses parameter `name` with `parse` into `out` when it is given.
template <typename T, typename Parse>
std::optional<error> optional_param(query_args const& args, std::string const& name, Parse&& parse,
                                    T& out) {
  if (auto const v = single(args, name)) {
    auto r = parse(*v);
    if (!r) {
      return r.err();
    }
    out = std::move(*r);
  }
  return std::nullopt;
}

}  // namespace

std::optional<error> check_parameter_names(query_args const& args,
                                           std::set<std::string> const& allowed) {
  for (auto it = args.begin(); it != args.end(); it = args.upper_bound(it->first)) {
    if (!allowed.contains(it->first)) {
      std::string list;
      for (auto const& a : allowed) {
        list += (list.empty() ? "" : ", ") + a;
      }
      return invalid_argument(it->first + ": unknown parameter; expected one of " + list);
    }
    if (args.count(it->first) > 1) {
      return invalid_argument(it->first + ": given more than once");
    }
  }
  return std::nullopt;
}

result<model::box> parse_bbox(std::string const& text) {
  auto const parts = split(text, ',');
  if (parts.size() != 4) {
    return invalid_argument("bbox: expected 4 numbers west,south,east,north; got \"" + text + "\"");
  }
  std::array<double, 4> v{};
  for (std::size_t i = 0; i < 4; ++i) {
    auto const d = parse_double(parts[i]);
    if (!d) {
      return invalid_argument("bbox: \"" + std::string{parts[i]} + "\" is not a number");
    }
    v[i] = *d;
  }
  auto const [w, s, e, n] = v;
  if (w < -180 || e > 180 || w > 180 || e < -180) {
    return invalid_argument("bbox: longitudes must lie in [-180, 180]");
  }
  if (s < -90 || n > 90 || s > 90 || n < -90) {
    return invalid_argument("bbox: latitudes must lie in [-90, 90]");
  }
  if (s > n) {
    return invalid_argument("bbox: south is greater than north");
  }
  if (w > e) {
    return invalid_argument(
        "bbox: west is greater than east (boxes across the antimeridian are "
        "not supported)");
  }
  return model::box{w, s, e, n};
}

namespace {

// The year of one RFC 3339 date-time or date, or of a bare (expanded) year; nullopt when the
// text is none of these.
std::optional<std::int32_t> datetime_year(std::string_view t) {
  auto const digits = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  auto const sign = !t.empty() && (t.front() == '-' || t.front() == '+') ? t.front() : '\0';
  if (sign != '\0') {
    t.remove_prefix(1);
  }
  auto const year_end = std::min(t.find('-'), t.size());
  auto const year_text = t.substr(0, year_end);
  // Four digits, or more with a sign (ISO 8601 expanded years).
  if (!digits(year_text) || year_text.size() < 4 || (year_text.size() > 4 && sign == '\0') ||
      year_text.size() > 9) {
    return std::nullopt;
  }
  auto rest = t.substr(year_end);
  if (!rest.empty()) {
    // -MM-DD, then optionally Thh:mm:ss[.frac](Z|±hh:mm).
    if (rest.size() < 6 || rest[0] != '-' || rest[3] != '-' || !digits(rest.substr(1, 2)) ||
        !digits(rest.substr(4, 2))) {
      return std::nullopt;
    }
    auto const month = std::stoi(std::string{rest.substr(1, 2)});
    auto const day = std::stoi(std::string{rest.substr(4, 2)});
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      return std::nullopt;
    }
    rest.remove_prefix(6);
    if (!rest.empty()) {
      if ((rest[0] != 'T' && rest[0] != 't') || rest.size() < 9 || rest[3] != ':' ||
          rest[6] != ':' || !digits(rest.substr(1, 2)) || !digits(rest.substr(4, 2)) ||
          !digits(rest.substr(7, 2))) {
        return std::nullopt;
      }
      rest.remove_prefix(9);
      if (!rest.empty() && rest[0] == '.') {
        auto const frac_end = rest.find_first_not_of("0123456789", 1);
        if (frac_end == 1) {
          return std::nullopt;
        }
        rest.remove_prefix(std::min(frac_end, rest.size()));
      }
      auto const zone_ok =
          rest == "Z" || rest == "z" ||
          (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' &&
           digits(rest.substr(1, 2)) && digits(rest.substr(4, 2)));
      if (!zone_ok) {
        return std::nullopt;
      }
    }
  }
  auto const year = std::stol(std::string{year_text});
  return static_cast<std::int32_t>(sign == '-' ? -year : year);
}

}  // namespace

result<std::optional<std::pair<std::int32_t, std::int32_t>>> parse_datetime(
    std::string const& text) {
  auto const bad = [&](std::string const& part) {
    return invalid_argument("datetime: \"" + part +
                            "\" is not a date-time (2018-02-12T23:20:50Z), a date (0690-01-01), "
                            "an expanded year (-0769-01-01) or \"..\"");
  };
  auto const slash = text.find('/');
  if (slash == std::string::npos) {
    auto const y = datetime_year(text);
    if (!y) {
      return bad(text);
    }
    return std::optional{std::pair{*y, *y}};
  }
  auto const from_text = text.substr(0, slash);
  auto const to_text = text.substr(slash + 1);
  auto const open = [](std::string const& s) { return s == ".." || s.empty(); };
  std::pair<std::int32_t, std::int32_t> span{std::numeric_limits<std::int32_t>::min(),
                                             std::numeric_limits<std::int32_t>::max()};
  if (!open(from_text)) {
    auto const y = datetime_year(from_text);
    if (!y) {
      return bad(from_text);
    }
    span.first = *y;
  }
  if (!open(to_text)) {
    auto const y = datetime_year(to_text);
    if (!y) {
      return bad(to_text);
    }
    span.second = *y;
  }
  if (open(from_text) && open(to_text)) {
    return std::optional<std::pair<std::int32_t, std::int32_t>>{};
  }
  if (span.first > span.second) {
    return invalid_argument("datetime: the interval \"" + text + "\" ends before it starts");
  }
  return std::optional{span};
}

result<std::size_t> parse_count(std::string const& name, std::string const& text, std::size_t min,
                                std::size_t max) {
  std::size_t v = 0;
  auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
    return invalid_argument(name + ": expected a whole number, got \"" + text + "\"");
  }
  if (v < min || v > max) {
    return error{error_kind::kOutOfRange, name + ": " + text + " is out of range [" +
                                              std::to_string(min) + ", " + std::to_string(max) +
                                              "]"};
  }
  return v;
}

result<std::vector<index::kind_idx>> parse_kinds(index::catalog const& cat,
                                                 std::string const& text) {
  std::vector<index::kind_idx> kinds;
  for (auto const k : split(text, ',')) {
    if (!model::is_valid_kind(k)) {
      return invalid_argument("kind: \"" + std::string{k} +
                              "\" is not a kind (lower_snake_case, e.g. heritage_site)");
    }
    if (auto const idx = cat.find_kind(k)) {
      kinds.push_back(*idx);
    }
  }
  return kinds;
}

namespace {

// limit (1 to the server's maximum) and offset of a page of features.
std::optional<error> parse_page(query_args const& args, limits const& lim,
                                query::features_params& p) {
  if (auto const e = optional_param(
          args, "limit",
          [&](std::string const& v) { return parse_count("limit", v, 1, lim.max_features_); },
          p.limit_)) {
    return e;
  }
  return optional_param(
      args, "offset",
      [&](std::string const& v) {
        return parse_count("offset", v, 0, std::numeric_limits<std::uint32_t>::max());
      },
      p.offset_);
}

}  // namespace

result<query::features_params> parse_features_params(index::catalog const& cat,
                                                     query_args const& args, limits const& lim) {
  if (auto const e = check_parameter_names(args, {"bbox", "kind", "limit", "offset", "datetime"})) {
    return *e;
  }
  query::features_params p;
  p.limit_ = lim.default_features_;
  if (auto const e = optional_param(args, "datetime", parse_datetime, p.years_)) {
    return *e;
  }
  if (auto const e = optional_param(
          args, "bbox", [&](std::string const& v) { return parse_bbox(v); }, p.bbox_)) {
    return *e;
  }
  if (auto const e = optional_param(
          args, "kind", [&](std::string const& v) { return parse_kinds(cat, v); }, p.kinds_)) {
    return *e;
  }
  if (auto const e = parse_page(args, lim, p)) {
    return *e;
  }
  return p;
}

result<query::features_params> parse_ogc_items_params(index::kind_idx collection,
                                                      query_args const& args,
                                                      limits const& lim) {
  if (auto const e =
          check_parameter_names(args, {"bbox", "datetime", "limit", "offset", "f", "filter",
                                       "filter-lang", "filter-crs", "skipGeometry"})) {
    return *e;
  }
  query::features_params p;
  p.kinds_ = std::vector<index::kind_idx>{collection};
  p.limit_ = kOgcDefaultLimit;
  if (auto const f = args.find("f"); f != args.end() && f->second != "json" &&
                                     f->second != "geojson") {
    return invalid_argument("f: only json (GeoJSON) is offered, got \"" + f->second + "\"");
  }
  if (auto const e = optional_param(
          args, "bbox", [&](std::string const& v) { return parse_bbox(v); }, p.bbox_)) {
    return *e;
  }
  if (auto const e = optional_param(args, "datetime", parse_datetime, p.years_)) {
    return *e;
  }
  if (auto const e = parse_page(args, lim, p)) {
    return *e;
  }
  if (auto const skip = args.find("skipGeometry"); skip != args.end()) {
    if (skip->second != "true" && skip->second != "false") {
      return invalid_argument("skipGeometry: expected true or false, got \"" + skip->second + "\"");
    }
  }
  if (auto const lang = args.find("filter-lang");
      lang != args.end() && lang->second != "cql2-text") {
    return invalid_argument("filter-lang: only cql2-text is offered, got \"" + lang->second +
                            "\"");
  }
  if (auto const crs = args.find("filter-crs");
      crs != args.end() && crs->second != "http://www.opengis.net/def/crs/OGC/1.3/CRS84") {
    return invalid_argument("filter-crs: only http://www.opengis.net/def/crs/OGC/1.3/CRS84 is "
                            "offered");
  }
  if (auto const e = optional_param(args, "filter", query::parse_cql2, p.filter_)) {
    return *e;
  }
  return p;
}

result<model::lon_lat> parse_near(std::string const& text) {
  auto const parts = split(text, ',');
  if (parts.size() != 2) {
    return invalid_argument("near: expected 2 numbers lon,lat, got \"" + text + "\"");
  }
  auto const lon = parse_double(parts[0]);
  auto const lat = parse_double(parts[1]);
  if (!lon || !lat) {
    return invalid_argument("near: expected 2 numbers lon,lat, got \"" + text + "\"");
  }
  if (*lon < -180 || *lon > 180 || *lat < -90 || *lat > 90) {
    return invalid_argument("near: lon must be in [-180, 180] and lat in [-90, 90]");
  }
  return model::lon_lat{*lon, *lat};
}

result<query::search_params> parse_suggest_params(query_args const& args, limits const& lim) {
  if (auto const e = check_parameter_names(args, {"q", "limit"})) {
    return *e;
  }
  query::search_params p;
  p.limit_ = lim.default_suggest_;
  auto const q = single(args, "q");
  if (!q) {
    return invalid_argument("q: missing; give the text typed so far, e.g. q=longm");
  }
  p.text_ = *q;
  if (auto const e = optional_param(
          args, "limit",
          [&](std::string const& v) { return parse_count("limit", v, 1, lim.max_suggest_); },
          p.limit_)) {
    return *e;
  }
  return p;
}

result<query::search_params> parse_search_params(index::catalog const& cat, query_args const& args,
                                                 limits const& lim) {
  if (auto const e = check_parameter_names(args, {"q", "kind", "limit", "near"})) {
    return *e;
  }
  query::search_params p;
  p.limit_ = lim.default_search_;
  auto const q = single(args, "q");
  if (!q) {
    return invalid_argument("q: missing; give the name to search for, e.g. q=龙门石窟");
  }
  p.text_ = *q;
  if (auto const e = optional_param(
          args, "near", [&](std::string const& v) { return parse_near(v); }, p.near_)) {
    return *e;
  }
  if (auto const e = optional_param(
          args, "kind", [&](std::string const& v) { return parse_kinds(cat, v); }, p.kinds_)) {
    return *e;
  }
  if (auto const e = optional_param(
          args, "limit",
          [&](std::string const& v) { return parse_count("limit", v, 1, lim.max_search_); },
          p.limit_)) {
    return *e;
  }
  return p;
}

}  // namespace zhitu::server
