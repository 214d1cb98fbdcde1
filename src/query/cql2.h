// SPDX-License-Identifier: Apache-2.0
// CQL2 text filters (OGC API – Features Part 3) over catalog entities.
//
//   auto const f = parse_cql2("batch <= 3 AND S_INTERSECTS(geometry, BBOX(112,34,113,35)) "
//                             "AND T_INTERSECTS(time, INTERVAL('0618-01-01','0907-12-31'))");
//   if (!f) { return problem(f.err()); }        // "filter: expected ')' at character 42"
//   f->matches(*cat, i);                        // entity i passes
//
// The language: comparisons (= <> < <= > >=) of properties with string, number, boolean,
// DATE and TIMESTAMP literals; LIKE (% and _), BETWEEN, IN, IS [NOT] NULL; AND, OR, NOT and
// parentheses; S_INTERSECTS, S_WITHIN, S_CONTAINS, S_DISJOINT of `geometry` and WKT literals
// (POINT, LINESTRING, POLYGON, MULTI*, BBOX); every T_ function of CQL2 (T_AFTER … T_STARTS) on
// `time` (alias `datetime`) and DATE, TIMESTAMP and INTERVAL literals (`'..'` open ends).
// Properties: id, kind, name, name_en, start, end, and every entity property; a property the
// entity lacks is NULL, and a comparison with NULL is false. Keywords are case-insensitive.
// Times count in whole years (zhitu's spans are years): DATE('0690-05-01') is the year 690.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "index/catalog.h"
#include "model/result.h"

namespace zhitu::query {

struct cql2_node;

class cql2_filter {
 public:
  explicit cql2_filter(std::shared_ptr<cql2_node const> root) : root_{std::move(root)} {}
  bool matches(index::catalog const& cat, index::entity_idx i) const;
  // Every property name the filter reads (for checking them against a collection's queryables).
  std::vector<std::string> properties() const;

 private:
  std::shared_ptr<cql2_node const> root_;
};

constexpr std::size_t kMaxCql2Bytes = 16U * 1024U;

// Errors (kInvalidArgument, field "filter") name the character where parsing failed.
result<cql2_filter> parse_cql2(std::string_view text);

}  // namespace zhitu::query
