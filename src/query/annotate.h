// SPDX-License-Identifier: Apache-2.0
// Article → map: every mention in a text of an entity in the catalog — places, sites, stations,
// organisations, projects — found with the catalog's name dictionary (index/text/
// mention_index.h), resolved to one entity each.
//
//   auto const r = annotate(*cat, "龙门石窟位于洛阳市南郊伊河两岸……", {});
//   r->front().surface_;                       // "龙门石窟"
//   cat->at(r->front().entity_).id_;           // "nhs-1-37"
//   r->front().start_utf16_;                   // offsets in UTF-16 units, as JavaScript counts
//
// How: all dictionary matches, except a name that a road, town, park or company takes after it
// (白马寺镇, 中州路, 王城公园); the longest win where they overlap; Latin names only as whole words
// starting with a capital. Each surface's candidates are scored by kind (an admin unit or a site
// before a station of the same name, unless the text says 站) and by geographic coherence:
// distance to the median point of the text's clear mentions. A mention's confidence is its
// name's specificity (a two-character name other than a province's or city's short name — 涧西,
// 中原, 长城 — is weak; an alias is a little less sure than a name) × coherence × how clear the
// contest between readings was; a weak name farther than 80 km from the text's centre (or in a
// text with no centre) loses 40 %, so 世界和平 in an article about Luoyang is not 天津和平区.
// confidence is in (0, 1]; mentions under `min_confidence_` are left out.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/catalog.h"
#include "model/result.h"

namespace zhitu::query {

struct annotate_params {
  // Kinds to look for; nullopt: every kind except those that are not places or organisations
  // (kNotPlaceKinds).
  std::optional<std::vector<index::kind_idx>> kinds_;
  double min_confidence_{0.5};
};

// Kinds left out by default: people, times and things, not places.
inline constexpr std::string_view kNotPlaceKinds[] = {"person", "dynasty", "period", "event",
                                                      "artifact", "industry"};

struct mention {
  std::size_t start_;  // bytes of the UTF-8 text, [start_, end_)
  std::size_t end_;
  std::size_t start_utf16_;  // the same span in UTF-16 code units
  std::size_t end_utf16_;
  std::string surface_;
  index::entity_idx entity_;
  double confidence_;
};

// A long article is 20,000 characters (60 KB); the request body limit is 1 MiB.
constexpr std::size_t kMaxAnnotateBytes = 512U * 1024U;

// Mentions in text order. Errors (kInvalidArgument) for invalid UTF-8 (naming the byte offset)
// and texts over kMaxAnnotateBytes.
result<std::vector<mention>> annotate(index::catalog const& cat, std::string_view text,
                                      annotate_params const& p);

}  // namespace zhitu::query
