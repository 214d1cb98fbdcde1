// SPDX-License-Identifier: Apache-2.0
// One query over text, place, time, kinds and relations, planned across the catalog's indexes.
//
//   auto const q = parse_query(*cat, nlohmann::json::parse(R"({
//       "near": {"lon": 112.4563, "lat": 34.5938, "radius_m": 30000},
//       "time": {"dynasty": "唐"}, "kinds": ["heritage_site"], "explain": true})"));
//   if (!q) { return problem(q.err()); }            // names the bad field: "near.radius_m: …"
//   auto const r = run_query(*cat, *q);
//   r.hits_;          // entities, ranked (distance for `nearest`, text score, prominence)
//   r.plan_;          // each step: part, index, estimate, count after it
//
// Planning: every part estimates how many entities it admits, from its index and cheaply
// (time: two binary searches; kinds: the kind counts; place: the R-tree; text and relations:
// their result sizes). The part with the smallest estimate drives — its index yields the
// candidates — and the others filter them in ascending order of estimate, so the work is about
// the smallest part's size, not the catalog's. `nearest` ranks the survivors by great-circle
// distance (it uses the R-tree's best-first search directly when it is the only place part).
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "index/catalog.h"
#include "model/result.h"

namespace zhitu::query {

struct near_part {
  model::lon_lat center_;
  std::optional<double> radius_m_;  // nullopt: only ranks (with `nearest_`)
};

struct time_part {
  std::int32_t from_;
  std::int32_t to_;
  std::string label_;  // "618..907" or the dynasty name
};

struct related_part {
  index::entity_idx entity_;
  std::optional<index::predicate_idx> predicate_;  // nullopt: any predicate
  std::uint32_t hops_{1};
};

struct query {
  std::optional<std::string> text_;
  std::optional<model::box> bbox_;
  std::optional<near_part> near_;
  std::optional<index::entity_idx> within_;  // an area entity (admin unit)
  std::optional<std::size_t> nearest_;       // k; REQUIRES near_
  std::optional<time_part> time_;            // entities whose span overlaps
  std::optional<std::vector<index::kind_idx>> kinds_;
  std::optional<related_part> related_;
  std::size_t limit_{50};
  bool explain_{false};
};

constexpr std::size_t kMaxQueryLimit = 1000;
constexpr std::size_t kMaxNearest = 1000;
constexpr std::uint32_t kMaxHops = 4;
constexpr double kMaxRadiusM = 20'100'000;  // half the Earth's circumference

// Every field optional; unknown fields are errors. Errors name the field ("time.dynasty: …").
result<query> parse_query(index::catalog const& cat, nlohmann::json const& body);

struct plan_step {
  std::string part_;      // "text", "bbox", "near", "within", "time", "kinds", "related", "nearest"
  std::string index_;     // which index answers it
  std::string role_;      // "drive" (yields candidates), "filter" or "rank"
  std::size_t estimate_;  // entities the part admits on its own (an upper bound)
  std::size_t count_;     // candidates left after this step
};

struct query_hit {
  index::entity_idx entity_;
  std::optional<double> distance_m_;  // with `near`
  std::optional<double> text_score_;  // with `text`
};

struct query_result {
  std::vector<query_hit> hits_;  // at most limit_
  std::size_t matched_{0};       // before the limit
  std::vector<plan_step> plan_;
  std::string reason_;  // why the driving part went first
  double elapsed_ms_{0};
};

// An empty query (no part) matches every entity, in prominence order.
result<query_result> run_query(index::catalog const& cat, query const& q);

nlohmann::json plan_json(query_result const& r);

}  // namespace zhitu::query
