// SPDX-License-Identifier: Apache-2.0
#include "query/search.h"

#include <algorithm>
#include <unordered_map>

#include "index/text/normalize.h"

namespace zhitu::query {

std::string const& matched_name(index::catalog const& cat, search_hit const& hit) {
  auto const& n = cat.at(hit.entity_).names_;
  switch (hit.match_.field_) {
    case index::name_field::kZh: return n.zh_;
    case index::name_field::kEn: return n.en_;
    case index::name_field::kAlias: return n.aliases_[hit.match_.alias_idx_];
  }
  return n.zh_;
}

result<std::vector<search_hit>> search(index::catalog const& cat, search_params const& p) {
  if (p.text_.empty()) {
    return invalid_argument("q: empty query");
  }
  if (p.text_.size() > kMaxQueryBytes) {
    return invalid_argument("q: query of " + std::to_string(p.text_.size()) +
                            " bytes; at most " + std::to_string(kMaxQueryBytes) + " allowed");
  }
  auto const folded = index::normalize_name(p.text_);
  if (folded.empty()) {
    return invalid_argument("q: query has no letters, digits or characters to search for");
  }

  std::vector<index::name_match> matches;
  cat.names().match(folded, matches);

  // Keep each entity's best name: the strongest match kind, then zh over en over alias.
  std::unordered_map<index::entity_idx, search_hit> best;
  for (auto const& m : matches) {
    if (p.kinds_ && std::find(p.kinds_->begin(), p.kinds_->end(), cat.kind_of(m.entity_)) ==
                        p.kinds_->end()) {
      continue;
    }
    auto const score = static_cast<double>(m.kind_) + cat.prominence(m.entity_);
    auto const [it, inserted] = best.try_emplace(m.entity_, search_hit{m.entity_, m, score});
    if (!inserted && (m.kind_ > it->second.match_.kind_ ||
                      (m.kind_ == it->second.match_.kind_ && m.field_ < it->second.match_.field_))) {
      it->second = search_hit{m.entity_, m, score};
    }
  }

  std::vector<search_hit> hits;
  hits.reserve(best.size());
  for (auto const& [_, h] : best) {
    hits.push_back(h);
  }
  auto const better = [&](search_hit const& a, search_hit const& b) {
    if (a.score_ != b.score_) {
      return a.score_ > b.score_;
    }
    auto const la = matched_name(cat, a).size();
    auto const lb = matched_name(cat, b).size();
    if (la != lb) {
      return la < lb;
    }
    return cat.at(a.entity_).id_ < cat.at(b.entity_).id_;
  };
  auto const n = std::min(p.limit_, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(n), hits.end(), better);
  hits.resize(n);
  return hits;
}

}  // namespace zhitu::query
