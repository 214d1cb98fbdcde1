// SPDX-License-Identifier: Apache-2.0
// Entities by place, time and kind, a page at a time: the engine call behind /api/features,
// OGC API – Features items and `zhitu export`.
//
//   features_params p{.bbox_ = model::box{112.3, 34.5, 112.6, 34.8}, .limit_ = 100};
//   auto const page = select_features(*cat, p);
//   page.matched_;     // how many match in all
//   page.entities_;    // at most limit_, from offset_, in catalog (id) order
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <optional>
#include <vector>

#include "index/catalog.h"
#include "query/cql2.h"

namespace zhitu::query {

struct features_params {
  std::optional<model::box> bbox_;
  std::optional<std::vector<index::kind_idx>> kinds_;  // nullopt: every kind; empty: none
  // Years [first, last] the entity's span must overlap; entities without a span do not match.
  std::optional<std::pair<std::int32_t, std::int32_t>> years_;
  std::optional<cql2_filter> filter_;  // CQL2, applied after place, time and kind
  std::size_t limit_{100};
  std::size_t offset_{0};
};

struct features_page {
  std::vector<index::entity_idx> entities_;
  std::size_t matched_{0};
};

features_page select_features(index::catalog const& cat, features_params const& p);

}  // namespace zhitu::query
