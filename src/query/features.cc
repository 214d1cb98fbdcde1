// SPDX-License-Identifier: Apache-2.0
#include "query/features.h"

#include <algorithm>

namespace zhitu::query {

features_page select_features(index::catalog const& cat, features_params const& p) {
  auto const wanted = [&](index::entity_idx i) {
    return !p.kinds_ ||
           std::find(p.kinds_->begin(), p.kinds_->end(), cat.kind_of(i)) != p.kinds_->end();
  };
  std::vector<index::entity_idx> candidates;
  if (p.bbox_) {
    cat.in_box(*p.bbox_, candidates);
  } else {
    candidates.resize(cat.size());
    for (index::entity_idx i = 0; i < cat.size(); ++i) {
      candidates[i] = i;
    }
  }
  std::erase_if(candidates, [&](index::entity_idx i) { return !wanted(i); });
  if (p.years_) {
    std::vector<std::uint32_t> in_time;
    cat.times().overlaps(p.years_->first, p.years_->second, in_time);
    std::vector<std::uint8_t> overlaps(cat.size(), 0);
    for (auto const i : in_time) {
      overlaps[i] = 1;
    }
    std::erase_if(candidates, [&](index::entity_idx i) { return overlaps[i] == 0; });
  }
  if (p.filter_) {
    std::erase_if(candidates, [&](index::entity_idx i) { return !p.filter_->matches(cat, i); });
  }

  features_page page;
  page.matched_ = candidates.size();
  auto const first = std::min(p.offset_, candidates.size());
  auto const last = std::min(first + p.limit_, candidates.size());
  page.entities_.assign(candidates.begin() + static_cast<std::ptrdiff_t>(first),
                        candidates.begin() + static_cast<std::ptrdiff_t>(last));
  return page;
}

}  // namespace zhitu::query
