// SPDX-License-Identifier: Apache-2.0
#include "server/params.h"

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

result<query::features_params> parse_features_params(index::catalog const& cat,
                                                     query_args const& args, limits const& lim) {
  if (auto const e = check_parameter_names(args, {"bbox", "kind", "limit", "offset"})) {
    return *e;
  }
  query::features_params p;
  p.limit_ = lim.default_features_;
  if (auto const e = optional_param(
          args, "bbox", [&](std::string const& v) { return parse_bbox(v); }, p.bbox_)) {
    return *e;
  }
  if (auto const e = optional_param(
          args, "kind", [&](std::string const& v) { return parse_kinds(cat, v); }, p.kinds_)) {
    return *e;
  }
  if (auto const e = optional_param(
          args, "limit",
          [&](std::string const& v) { return parse_count("limit", v, 1, lim.max_features_); },
          p.limit_)) {
    return *e;
  }
  if (auto const e = optional_param(
          args, "offset",
          [&](std::string const& v) {
            return parse_count("offset", v, 0, std::numeric_limits<std::uint32_t>::max());
          },
          p.offset_)) {
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
