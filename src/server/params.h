// SPDX-License-Identifier: Apache-2.0
// Typed parameters of each endpoint, parsed from query strings into `result<T>` whose errors
// name the parameter (OSRM's params → service split): HTTP handlers and tests call the same
// parsers.
//
//   auto const p = parse_features_params(cat, {{"bbox", "112.3,34.5,112.6,34.8"}, {"limit", "50"}},
//   limits); if (!p) { return problem(p.err()); }      // e.g. "bbox: expected 4 numbers w,s,e,n"
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "index/catalog.h"
#include "model/result.h"
#include "query/features.h"
#include "query/search.h"

namespace zhitu::server {

using query_args = std::multimap<std::string, std::string>;

struct limits {
  std::size_t default_features_{100};
  std::size_t max_features_{10000};
  std::size_t default_search_{10};
  std::size_t max_search_{100};
  std::size_t default_suggest_{8};
  std::size_t max_suggest_{20};
};

result<model::box> parse_bbox(std::string const& text);

// A whole number in [min, max].
result<std::size_t> parse_count(std::string const& name, std::string const& text, std::size_t min,
                                std::size_t max);

// Comma-separated kinds; kinds the catalog does not hold match nothing (not an error).
result<std::vector<index::kind_idx>> parse_kinds(index::catalog const& cat,
                                                 std::string const& text);

result<query::features_params> parse_features_params(index::catalog const& cat,
                                                     query_args const& args, limits const& lim);

// OGC API – Features items of one collection (kind): bbox, datetime, limit (default 10), offset
// and f=json.
constexpr std::size_t kOgcDefaultLimit = 10;
result<query::features_params> parse_ogc_items_params(index::kind_idx collection,
                                                      query_args const& args,
                                                      limits const& lim);

// /api/search: q, kind, limit, near=lon,lat.
result<query::search_params> parse_search_params(index::catalog const& cat, query_args const& args,
                                                 limits const& lim);

// /api/suggest: q, limit (default 8, at most 20).
result<query::search_params> parse_suggest_params(query_args const& args, limits const& lim);

// Each parameter at most once, and only those in `allowed`: typos never pass silently.
std::optional<error> check_parameter_names(query_args const& args,
                                           std::set<std::string> const& allowed);

// OGC API – Features `datetime`: an instant or an interval `a/b` with open ends `..`, as RFC
// 3339 date-times or dates, with ISO 8601 expanded years for the distant past (`-0769-01-01`:
// 770 BCE, astronomical). zhitu's spans are in years, so only the years count: the answer is
// [first, last] inclusive; nullopt for `../..` (no limit).
result<std::optional<std::pair<std::int32_t, std::int32_t>>> parse_datetime(
    std::string const& text);

// "lon,lat" within WGS84 bounds.
result<model::lon_lat> parse_near(std::string const& text);

}  // namespace zhitu::server
