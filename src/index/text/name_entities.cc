// SPDX-License-Identifier: Apache-2.0
#include "index/text/name_entities.h"

#include <algorithm>

#include "model/check.h"

namespace zhitu::index {

name_entities::name_entities(std::span<std::uint32_t const> names_per_entity) {
  ZHITU_CHECK(names_per_entity.size() < UINT32_MAX, "name_entities: too many entities");
  entities_ = static_cast<std::uint32_t>(names_per_entity.size());
  for (std::uint32_t e = 0; e < entities_; ++e) {
    for (auto n = names_per_entity[e]; n > 0; --n) {
      ZHITU_CHECK(step_.size() < UINT32_MAX, "name_entities: too many names");
      auto const name = static_cast<std::uint32_t>(step_.size());
      if (name % kGroup == 0) {
        group_entity_.push_back(e);
      }
      auto const step = e - group_entity_.back();
      if (step >= kFar) {
        far_.emplace_back(name, e);
      }
      step_.push_back(static_cast<std::uint8_t>(std::min<std::uint32_t>(step, kFar)));
    }
  }
  group_entity_.shrink_to_fit();
  step_.shrink_to_fit();
  far_.shrink_to_fit();
}

std::uint32_t name_entities::entity_of(std::uint32_t name) const {
  ZHITU_CHECK(name < step_.size(), "name_entities::entity_of: no such name");
  if (auto const step = step_[name]; step != kFar) {
    return group_entity_[name / kGroup] + step;
  }
  auto const far = std::lower_bound(far_.begin(), far_.end(), name,
                                    [](std::pair<std::uint32_t, std::uint32_t> const& f,
                                       std::uint32_t n) { return f.first < n; });
  return far->second;
}

std::size_t name_entities::memory_bytes() const {
  return group_entity_.capacity() * 4 + step_.capacity() + far_.capacity() * sizeof(far_[0]);
}

}  // namespace zhitu::index
