// SPDX-License-Identifier: Apache-2.0
// Name search over the catalog (index/text/name_index.h does the matching): exact > name prefix >
// word prefix > substring > fuzzy (typo, homophone); within a tier prominence and, with `near_`,
// closeness; then the shorter name, then catalog order — so the same query always answers in the
// same order.
//
//   search_params p{.text_ = "longmen shiku", .near_ = model::lon_lat{112.45, 34.62}, .limit_ =
//   10}; auto const r = search(*cat, p);          // result<std::vector<search_hit>>
//   cat->at(r->front().entity_).id_;          // "nhs-1-37"
//   r->front().match_.via_;                   // match_via::kPinyin
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "index/catalog.h"
#include "model/result.h"

namespace zhitu::query {

struct search_params {
  std::string text_;
  std::optional<std::vector<index::kind_idx>> kinds_;  // nullopt: every kind; empty: none
  std::optional<model::lon_lat> near_;                 // favour entities close to this point
  std::size_t limit_{10};
};

struct search_hit {
  index::entity_idx entity_;
  index::name_match match_;  // the entity's best-matching name
  double score_;  // match kind (0 fuzzy … 4 exact) + [0, 1) from prominence and nearness
};

constexpr std::size_t kMaxQueryBytes = 256;
constexpr std::size_t kMaxQueryCodePoints = 64;

// Errors (kInvalidArgument) for an empty query, one of more than kMaxQueryBytes or
// kMaxQueryCodePoints, invalid UTF-8, or a query that folds to nothing (only spaces and
// punctuation).
result<std::vector<search_hit>> search(index::catalog const& cat, search_params const& p);

// The errors `search` gives for a query text (below), if any.
std::optional<error> check_query_text(std::string const& text);

struct entity_score {
  index::entity_idx entity_;
  double score_;  // as search_hit's, without nearness
};

// Every entity a query matches (the same names as `search` finds, of every tier), once each
// with its best score, in entity order: for the query planner, which filters the matches by
// the query's other parts and ranks only what is left. The same errors as `search`.
result<std::vector<entity_score>> match_entities(index::catalog const& cat,
                                                 std::string const& text);

// The same, among the entities `only` (ascending): match_entities filtered to them, without
// verifying the other entities' names (index::name_index::match_among).
result<std::vector<entity_score>> match_entities_among(index::catalog const& cat,
                                                       std::string const& text,
                                                       std::span<index::entity_idx const> only);

// The text of the name a hit matched.
std::string const& matched_name(index::catalog const& cat, search_hit const& hit);

// The pinyin of the matched name ("long men shi ku"), for hits found through pinyin; else empty.
std::string matched_pinyin(index::catalog const& cat, search_hit const& hit);

}  // namespace zhitu::query
