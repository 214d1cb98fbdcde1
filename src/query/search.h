// SPDX-License-Identifier: Apache-2.0
// Name search over the catalog: exact > prefix > substring, then prominence, then the shorter
// name, then id — so the same query always answers in the same order.
//
//   search_params p{.text_ = "龙门石窟", .limit_ = 10};
//   auto const r = search(*cat, p);          // result<std::vector<search_hit>>
//   cat->at(r->front().entity_).id_;          // "nhs-1-37"
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "index/catalog.h"
#include "model/result.h"

namespace zhitu::query {

struct search_params {
  std::string text_;
  std::optional<std::vector<index::kind_idx>> kinds_;  // nullopt: every kind; empty: none
  std::size_t limit_{10};
};

struct search_hit {
  index::entity_idx entity_;
  index::name_match match_;  // the entity's best-matching name
  double score_;             // match kind (0, 1, 2) + prominence in [0, 1)
};

constexpr std::size_t kMaxQueryBytes = 256;

// Errors (kInvalidArgument) for an empty query, one of more than kMaxQueryBytes, or a query
// that folds to nothing (only spaces and punctuation).
result<std::vector<search_hit>> search(index::catalog const& cat, search_params const& p);

// The text of the name a hit matched.
std::string const& matched_name(index::catalog const& cat, search_hit const& hit);

}  // namespace zhitu::query
