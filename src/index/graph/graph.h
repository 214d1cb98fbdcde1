// SPDX-License-Identifier: Apache-2.0
// Compressed adjacency (CSR) of a labelled directed graph, kept in both directions, each
// node's edges grouped by predicate: neighbours, k hops, shortest paths.
//
//   std::vector<graph::input_edge> edges{{.from_ = 0, .to_ = 1, .predicate_ = 0, .relation_ = 0}};
//   graph const g{n_nodes, std::move(edges)};
//   g.out(0);                                  // edges leaving 0, sorted by (predicate, other)
//   g.out(0, /*predicate=*/0);                 // only one predicate: a binary search
//   auto const near = g.k_hops(0, 2, {});      // (node, hops) within 2 hops, either direction
//   auto const path = g.shortest_path(0, 5, {}, 6);   // steps from 0 to 5, or nullopt
//
// Build is O(E log E); memory 12 bytes an edge per direction plus 4 bytes a node per direction.
// Walks (k_hops, shortest_path) follow edges in both directions and cost O(nodes + edges
// reached); they stop at `max_nodes` reached nodes so a hub cannot blow up a request.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace zhitu::index {

using predicate_idx = std::uint16_t;

class graph {
 public:
  struct input_edge {
    std::uint32_t from_;
    std::uint32_t to_;
    predicate_idx predicate_;
    std::uint32_t relation_;  // caller's id of the fact behind the edge
  };
  // One stored half-edge: seen from a node, the node at the other end.
  struct edge {
    predicate_idx predicate_;
    std::uint32_t other_;
    std::uint32_t relation_;
  };
  // A step of a path or walk: from `from_` along `edge_` (outgoing_ false: against its direction).
  struct step {
    std::uint32_t from_;
    edge edge_;
    bool outgoing_;
  };
  static constexpr std::size_t kDefaultMaxNodes = 100'000;

  graph() = default;
  // REQUIRES: every from_ and to_ < n_nodes.
  graph(std::size_t n_nodes, std::vector<input_edge> edges);

  std::span<edge const> out(std::uint32_t node) const { return range(out_offsets_, out_, node); }
  std::span<edge const> in(std::uint32_t node) const { return range(in_offsets_, in_, node); }
  std::span<edge const> out(std::uint32_t node, predicate_idx p) const;
  std::span<edge const> in(std::uint32_t node, predicate_idx p) const;

  // Nodes reached from `start` within `hops` steps in either direction (only along `predicate`
  // when given), with their hop count, `start` first at 0, then by hops and node. Hubs — nodes
  // other than `start` with more than `max_expand_degree` edges (a dynasty, a province) — are
  // reached but not walked through, so a neighbourhood stays about its centre.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> k_hops(
      std::uint32_t start, std::uint32_t hops, std::optional<predicate_idx> predicate,
      std::size_t max_nodes = kDefaultMaxNodes,
      std::size_t max_expand_degree = static_cast<std::size_t>(-1)) const;

  // A path with the fewest steps (either direction), lowest node ids first among equals;
  // empty when from == to; nullopt when none within `max_hops`.
  std::optional<std::vector<step>> shortest_path(std::uint32_t from, std::uint32_t to,
                                                 std::optional<predicate_idx> predicate,
                                                 std::uint32_t max_hops,
                                                 std::size_t max_nodes = kDefaultMaxNodes) const;

  std::size_t n_nodes() const { return out_offsets_.empty() ? 0 : out_offsets_.size() - 1; }
  std::size_t n_edges() const { return out_.size(); }
  std::size_t memory_bytes() const;

 private:
  static std::span<edge const> range(std::vector<std::uint32_t> const& offsets,
                                     std::vector<edge> const& edges, std::uint32_t node) {
    return {edges.data() + offsets[node], offsets[node + 1] - offsets[node]};
  }
  static std::span<edge const> by_predicate(std::span<edge const> all, predicate_idx p);

  std::vector<std::uint32_t> out_offsets_;
  std::vector<edge> out_;
  std::vector<std::uint32_t> in_offsets_;
  std::vector<edge> in_;
};

}  // namespace zhitu::index
