// SPDX-License-Identifier: Apache-2.0
// The entity of each name, when names are numbered in entity order: per 64 names the entity of
// the first, and per name a byte, its entity less that one (entities past 254 from it, after
// thousands of aliases or entities without names, are listed apart). About 1.06 bytes a name,
// where an array of u32 takes 4, and a read of two arrays.
//
//   name_entities r{{1, 0, 3}};   // entity 0: name 0; entity 1: none; entity 2: names 1–3
//   r.entity_of(0) == 0; r.entity_of(2) == 2;
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace zhitu::index {

class name_entities {
 public:
  name_entities() = default;
  explicit name_entities(std::span<std::uint32_t const> names_per_entity);

  std::uint32_t entities() const { return entities_; }
  std::uint32_t names() const { return static_cast<std::uint32_t>(step_.size()); }
  std::uint32_t entity_of(std::uint32_t name) const;
  std::size_t memory_bytes() const;

 private:
  static constexpr std::uint32_t kGroup = 64;
  static constexpr std::uint8_t kFar = UINT8_MAX;

  std::vector<std::uint32_t> group_entity_;  // per kGroup names: the first one's entity
  std::vector<std::uint8_t> step_;           // per name: its entity less its group's, or kFar
  std::vector<std::pair<std::uint32_t, std::uint32_t>> far_;  // (name, entity) of kFar, by name
  std::uint32_t entities_ = 0;
};

}  // namespace zhitu::index
