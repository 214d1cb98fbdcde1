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
// How: all dictionary matches; the longest win where they overlap; Latin names only as whole
// words starting with a capital. Each surface's candidates are scored by kind (an admin unit or
// a site before a station of the same name), by which name matched (the name before an alias;
// two-character aliases are weak) and by geographic coherence: distance to the medoid of the
// text's unambiguous mentions. A weak surface far from the rest of the text (和平, 新华 in an
// article about Luoyang) is dropped. confidence is in (0, 1]; mentions under
// `min_confidence_` are left out.
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
