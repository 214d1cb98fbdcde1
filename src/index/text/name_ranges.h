// SPDX-License-Identifier: Apache-2.0
// Which entity each name belongs to, and where each entity's names begin, when names are
// numbered in entity order: the names per entity in unary (a 0 a name, a 1 closing an entity),
// with the number of 1s before every 512 bits and where every 32nd 0 and every 32nd 1 is; and,
// because entity_of is asked on every match, per name its entity less that of the first name of
// its 64 in a byte. About 1.4 bytes a name and entity, where two arrays of u32 (first name per
// entity, entity per name) take 8.
//
//   name_ranges r{{1, 0, 3}};   // entity 0: name 0; entity 1: none; entity 2: names 1–3
//   r.first(2) == 1; r.first(3) == 4; r.entity_of(2) == 2;
//
// Cost: entity_of() reads two arrays (for a name 255 or more entities past its 64's first, as
// first()); first() starts at the sample before and reads a word or two, or where 0s or 1s run
// long (entities without names, or with thousands) binary-searches the counts between two
// samples, then reads at most eight words.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace zhitu::index {

class name_ranges {
 public:
  name_ranges() = default;
  explicit name_ranges(std::span<std::uint32_t const> names_per_entity);

  std::uint32_t entities() const { return entities_; }
  std::uint32_t names() const { return names_; }
  // The entity's first name; first(entities()) is names().
  std::uint32_t first(std::uint32_t entity) const;
  std::uint32_t entity_of(std::uint32_t name) const;
  std::size_t memory_bytes() const;

 private:
  static constexpr std::uint64_t kBlockBits = 512;
  static constexpr std::uint64_t kSampleEvery = 32;
  static constexpr std::uint32_t kStepGroup = 64;
  static constexpr std::uint8_t kFarStep = UINT8_MAX;
  // The position of the k-th (from 0) 1 or 0.
  std::uint64_t select(bool one, std::uint64_t k) const;

  std::vector<std::uint64_t> bits_;
  std::vector<std::uint32_t> ones_before_;  // per block of kBlockBits; then the total
  // Where the 0s (the 1s) numbered 0, kSampleEvery, 2 kSampleEvery… are; then the bits' end.
  std::vector<std::uint32_t> zero_at_;
  std::vector<std::uint32_t> one_at_;
  std::vector<std::uint32_t> group_entity_;  // per kStepGroup names: the first one's entity
  std::vector<std::uint8_t> entity_step_;    // per name: its entity less its group's (or kFarStep)
  std::uint32_t entities_ = 0;
  std::uint32_t names_ = 0;
};

}  // namespace zhitu::index
