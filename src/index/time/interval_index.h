// SPDX-License-Identifier: Apache-2.0
// A static interval index over time spans (astronomical years): overlaps, during, before, after.
//
//   std::vector<std::optional<model::time_span>> spans = ...;   // item i is spans[i]
//   interval_index const idx{spans};
//   std::vector<std::uint32_t> hits;
//   idx.overlaps(618, 907, hits);          // items that may overlap 唐, unordered
//   idx.count_overlaps(618, 907);          // the same count in O(log n), for the planner
//
// Each item counts by its widest reading: from `first_year()` to `last_year()` (a fuzzy start
// or end may lie anywhere in its range). Items without a span are never returned.
// Layout: items sorted by first year, cut into blocks of 64 that keep their latest last year,
// so an overlap query skips whole blocks that end too early: O(n/64 + hits); a second order by
// last year answers `before` with one binary search; a table by item tests one. Memory: about
// 28 bytes an item.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "model/time_span.h"

namespace zhitu::index {

class interval_index {
 public:
  static constexpr std::uint32_t kBlockSize = 64;

  interval_index() = default;
  explicit interval_index(std::span<std::optional<model::time_span> const> spans);

  // Items whose [first, last] shares a year with [from, to]. REQUIRES: from <= to.
  void overlaps(std::int32_t from, std::int32_t to, std::vector<std::uint32_t>& out) const;
  std::size_t count_overlaps(std::int32_t from, std::int32_t to) const;
  // Items lying wholly inside [from, to].
  void during(std::int32_t from, std::int32_t to, std::vector<std::uint32_t>& out) const;
  // Items that end before `year` (last < year) / begin after it (first > year).
  void before(std::int32_t year, std::vector<std::uint32_t>& out) const;
  void after(std::int32_t year, std::vector<std::uint32_t>& out) const;

  // Whether item i's span shares a year with [from, to], from a per-item table: a filter over
  // other parts' candidates reads 8 bytes an item instead of the item itself.
  bool item_overlaps(std::uint32_t item, std::int32_t from, std::int32_t to) const {
    auto const& s = by_item_[item];
    return s.first_ <= to && s.last_ >= from;  // no span: first > last, never true
  }

  std::size_t size() const { return by_first_.size(); }
  std::size_t memory_bytes() const;

 private:
  struct entry {
    std::int32_t first_;
    std::int32_t last_;
    std::uint32_t item_;
  };
  std::vector<entry> by_first_;          // sorted by (first_, item_)
  std::vector<std::int32_t> block_max_;  // latest last_ of each block of by_first_
  std::vector<entry> by_last_;           // sorted by (last_, item_)
  struct span {
    std::int32_t first_;
    std::int32_t last_;
  };
  std::vector<span> by_item_;  // every item, {INT32_MAX, INT32_MIN} when it has no span
};

}  // namespace zhitu::index
