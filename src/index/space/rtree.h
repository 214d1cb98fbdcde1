// SPDX-License-Identifier: Apache-2.0
// A static packed R-tree (Hilbert-sorted, bulk-loaded, 16 entries a node) over boxes.
//
//   std::vector<model::box> boxes = ...;           // item i is boxes[i]; empty boxes are skipped
//   rtree const tree{boxes};
//   std::vector<std::uint32_t> hits;
//   tree.search({112.4, 34.5, 112.6, 34.7}, hits); // appends items whose box intersects, unordered
//
// Build is O(n log n) (one sort by Hilbert value of the box centres); a query visits only
// nodes whose box intersects, so it costs O(log n + hits). Memory: about 40 bytes an item.
// The tree is immutable: the catalog rebuilds it when the data change.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "model/geometry.h"

namespace zhitu::index {

class rtree {
 public:
  static constexpr std::uint32_t kNodeSize = 16;

  rtree() = default;
  explicit rtree(std::span<model::box const> boxes);

  // Appends to `out` every item whose box intersects `query`. Does not clear `out`.
  void search(model::box const& query, std::vector<std::uint32_t>& out) const;

  std::size_t size() const { return n_items_; }
  std::size_t memory_bytes() const;

 private:
  // Every level's node boxes, leaves (the items themselves) first, root last.
  std::vector<model::box> boxes_;
  // For leaf entries the item index; for inner nodes the position in `boxes_` of their first child.
  std::vector<std::uint32_t> refs_;
  // level_ends_[l]: one past the last position of level l in `boxes_`.
  std::vector<std::uint32_t> level_ends_;
  std::size_t n_items_{0};
};

}  // namespace zhitu::index
