// SPDX-License-Identifier: Apache-2.0
// Every name and alias of every entity, folded by `normalize_name` and sorted, for exact,
// prefix and substring lookups.
//
//   name_index const names{catalog_entities};
//   std::vector<name_match> hits;
//   names.match(normalize_name("龙门"), hits);   // 龙门石窟 (prefix), 洛阳龙门 (substring), ...
//
// Exact and prefix matches are found by binary search; substrings by a scan of the folded keys
// (≈ 0.1 ms for the bundled 11k entities). The Chinese-first n-gram and pinyin search that
// scales to millions of names is a separate index.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/entity.h"

namespace zhitu::index {

enum class name_field : std::uint8_t { kZh, kEn, kAlias };

std::string_view to_string(name_field);

// Ordered from weakest to strongest, so that a larger value is a better match.
enum class match_kind : std::uint8_t { kSubstring, kPrefix, kExact };

std::string_view to_string(match_kind);

struct name_match {
  std::uint32_t entity_;
  name_field field_;
  std::uint16_t alias_idx_;  // position in aliases_ when field_ is kAlias
  match_kind kind_;
};

class name_index {
 public:
  name_index() = default;
  explicit name_index(std::span<model::entity const> entities);

  // Appends one match per (entity, name) whose folded form contains `folded_query`.
  // REQUIRES: folded_query == normalize_name(folded_query) and is not empty.
  void match(std::string_view folded_query, std::vector<name_match>& out) const;

  std::size_t size() const { return entries_.size(); }
  std::size_t memory_bytes() const;

 private:
  struct entry {
    std::string key_;
    std::uint32_t entity_;
    name_field field_;
    std::uint16_t alias_idx_;
  };
  std::vector<entry> entries_;  // sorted by key_, then entity_
};

}  // namespace zhitu::index
