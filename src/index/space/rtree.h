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
//
// Nearest and radius queries measure true metres: great-circle distance on the WGS84 mean
// sphere (`model::distance_m`) from the query to each item's point (`points[item]`, which must
// lie inside the item's box). Nodes are pruned with `min_distance_m`, an exact spherical lower
// bound from a point to a lon/lat box, so results equal a brute-force scan.
//
//   std::vector<model::lon_lat> points = ...;      // points[i] inside boxes[i]
//   std::vector<std::pair<std::uint32_t, double>> nn;
//   tree.nearest({112.4563, 34.5938}, 10, points, {}, nn);   // (item, metres), nearest first
//   std::vector<std::uint32_t> near;
//   tree.within_radius({112.4563, 34.5938}, 30'000, points, {}, near);
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "model/geometry.h"

namespace zhitu::index {

// A lower bound, in metres on the WGS84 mean sphere, of the distance from `p` to any point of
// the lon/lat box `b` (0 inside; infinity for an empty box). Exact up to rounding, minus 1 m.
double min_distance_m(model::lon_lat p, model::box const& b);

class rtree {
 public:
  static constexpr std::uint32_t kNodeSize = 16;

  rtree() = default;
  explicit rtree(std::span<model::box const> boxes);

  // Appends to `out` every item whose box intersects `query`. Does not clear `out`.
  void search(model::box const& query, std::vector<std::uint32_t>& out) const;
  // Appends every item whose point (`points[item]`) lies inside `query`: a point item's is read
  // from the tree, so only items with a larger box look into `points`. Does not clear `out`.
  void search_points(model::box const& query, std::span<model::lon_lat const> points,
                     std::vector<std::uint32_t>& out) const;

  // How many items' boxes intersect `query`, without listing them: a node whose box lies inside
  // `query` adds the size of its leaf range (contiguous in a packed tree) in O(depth).
  std::size_t count(model::box const& query) const;

  // Appends the `k` allowed items nearest to `q` as (item, metres), nearest first (ties by
  // item). `allowed` is empty (every item) or holds one byte per item, non-zero when allowed.
  // REQUIRES: `points` holds a point for every item, inside the item's box.
  void nearest(model::lon_lat q, std::size_t k, std::span<model::lon_lat const> points,
               std::span<std::uint8_t const> allowed,
               std::vector<std::pair<std::uint32_t, double>>& out) const;

  // Appends every allowed item whose point lies at most `radius_m` metres from `q`, unordered.
  void within_radius(model::lon_lat q, double radius_m, std::span<model::lon_lat const> points,
                     std::span<std::uint8_t const> allowed, std::vector<std::uint32_t>& out) const;

  std::size_t size() const { return n_items_; }
  std::size_t memory_bytes() const;

 private:
  // Calls leaf(item, item's box) for every item whose box intersects `query`.
  template <typename Leaf>
  void for_each_leaf(model::box const& query, Leaf const& leaf) const;

  // Every level's node boxes, leaves (the items themselves) first, root last.
  std::vector<model::box> boxes_;
  // For leaf entries the item index; for inner nodes the position in `boxes_` of their first child.
  std::vector<std::uint32_t> refs_;
  // level_ends_[l]: one past the last position of level l in `boxes_`.
  std::vector<std::uint32_t> level_ends_;
  std::size_t n_items_{0};
};

}  // namespace zhitu::index
