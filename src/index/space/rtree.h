// SPDX-License-Identifier: Apache-2.0
// A static packed R-tree (bulk-loaded top-down into tiles, 16 entries a node) over boxes.
//
//   std::vector<model::box> boxes = ...;           // item i is boxes[i]; empty boxes are skipped
//   rtree const tree{boxes};
//   std::vector<std::uint32_t> hits;
//   tree.search({112.4, 34.5, 112.6, 34.7}, hits); // appends items whose box intersects, unordered
//
// Build is O(n log n) (the box centres cut into slabs and tiles, level by level); a query visits
// only nodes whose box intersects, so it costs O(log n + hits), and a node inside the query
// hands over its items without looking at them. Items that are points (a box of no size) are
// packed apart from the others and kept as 16-byte points, so a leaf of points costs half the
// memory reads: about 22 bytes an item for points, 38 for boxes. The tree is immutable: the
// catalog rebuilds it when the data change.
//
// Nearest and radius queries measure true metres: great-circle distance on the WGS84 mean
// sphere (`model::distance_m`) from the query to each item's point (`points[item]`, which must
// lie inside the item's box). Nodes are pruned by a lower bound of the distance to their box,
// so results equal a brute-force scan.
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
  // About how many: `count` without opening the leaf nodes that cross the query's edge, each
  // counted by the share of its box inside the query (exact for items spread evenly in it).
  std::size_t estimate(model::box const& query) const;

  // Appends the `k` allowed items nearest to `q` as (item, metres), nearest first (ties by
  // item). `allowed` is empty (every item) or holds one byte per item, non-zero when allowed.
  // REQUIRES: `points` holds a point for every item, inside the item's box.
  void nearest(model::lon_lat q, std::size_t k, std::span<model::lon_lat const> points,
               std::span<std::uint8_t const> allowed,
               std::vector<std::pair<std::uint32_t, double>>& out) const;

  // Appends every allowed item whose point lies at most `radius_m` metres from `q`, unordered.
  void within_radius(model::lon_lat q, double radius_m, std::span<model::lon_lat const> points,
                     std::span<std::uint8_t const> allowed, std::vector<std::uint32_t>& out) const;

  std::size_t size() const { return items_.size(); }
  std::size_t memory_bytes() const;

 private:
  struct nearest_search;

  // Calls inside(first, last) for the runs of leaf positions under nodes inside `query`, and
  // crossing_leaf_node(node) for each node of level 1 that intersects it without lying inside.
  template <typename Inside, typename CrossingLeafNode>
  void visit(model::box const& query, Inside const& inside,
             CrossingLeafNode const& crossing_leaf_node) const;
  // Calls inside(position, position + 1) for each item of a leaf node whose box lies inside
  // `query`, and crossing(position) for each other one whose box (larger than a point) meets it.
  template <typename Inside, typename Crossing>
  void scan_leaf_node(std::uint32_t node, model::box const& query, Inside const& inside,
                      Crossing const& crossing) const;

  // The positions of a node's children: leaf positions for nodes of level 1, else node positions.
  std::pair<std::uint32_t, std::uint32_t> children(std::uint32_t node, std::uint32_t level) const {
    auto const level_end = level_ends_[level];
    auto const last = node + 1 < level_end ? first_child_[node + 1]
                      : level == 1         ? static_cast<std::uint32_t>(items_.size())
                                           : level_ends_[level - 1];
    return {first_child_[node], last};
  }
  // Asks the memory for the first children of a node that a query will open.
  void prefetch_children(std::uint32_t node, std::uint32_t level) const;
  // The leaf positions under a node, a contiguous run in a packed tree.
  std::pair<std::uint32_t, std::uint32_t> leaf_span(std::uint32_t node, std::uint32_t level) const;
  bool is_point_leaf(std::uint32_t position) const { return position < leaf_points_.size(); }

  // The leaves (level 0) in top-down order, points first: position p < leaf_points_.size() is the
  // point item items_[p]; a later p is the box item items_[p] with box leaf_boxes_[p - n_points].
  std::vector<model::lon_lat> leaf_points_;
  std::vector<model::box> leaf_boxes_;
  std::vector<std::uint32_t> items_;
  // Inner nodes, level 1 (parents of leaves) first, the root last; a leaf node's children are
  // all points or all boxes. first_child_[node] is a leaf position for level 1, else a node's.
  std::vector<model::box> node_boxes_;
  std::vector<std::uint32_t> first_child_;
  // level_ends_[l] for l >= 1: one past the last node of level l in `node_boxes_` (and
  // level_ends_[0] == 0, where level 1 starts).
  std::vector<std::uint32_t> level_ends_;
};

}  // namespace zhitu::index
