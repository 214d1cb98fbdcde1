// SPDX-License-Identifier: Apache-2.0
// Typed parameters of each endpoint, parsed from query strings into `result<T>` whose errors
// name the parameter (OSRM's params → service split): HTTP handlers and tests call the same
// parsers.
//
//   auto const p = parse_features_params(cat, {{"bbox", "112.3,34.5,112.6,34.8"}, {"limit", "50"}},
//   limits); if (!p) { return problem(p.err()); }      // e.g. "bbox: expected 4 numbers w,s,e,n"
#pragma once

#include <cstddef>
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

// /api/search: q, kind, limit, near=lon,lat.
result<query::search_params> parse_search_params(index::catalog const& cat, query_args const& args,
                                                 limits const& lim);

// /api/suggest: q, limit (default 8, at most 20).
result<query::search_params> parse_suggest_params(query_args const& args, limits const& lim);

// Each parameter at most once, and only those in `allowed`: typos never pass silently.
std::optional<error> check_parameter_names(query_args const& args,
                                           std::set<std::string> const& allowed);

// "lon,lat" within WGS84 bounds.
result<model::lon_lat> parse_near(std::string const& text);

}  // namespace zhitu::server
