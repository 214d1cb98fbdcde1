// SPDX-License-Identifier: Apache-2.0
#include "index/graph/graph.h"

#include <algorithm>
#include <limits>

#include "model/check.h"

namespace zhitu::index {

namespace {

void build_csr(std::size_t n_nodes, std::vector<graph::input_edge> const& edges, bool outgoing,
               std::vector<std::uint32_t>& offsets, std::vector<graph::edge>& out) {
  offsets.assign(n_nodes + 1, 0);
  for (auto const& e : edges) {
    ++offsets[(outgoing ? e.from_ : e.to_) + 1];
  }
  for (std::size_t i = 1; i <= n_nodes; ++i) {
    offsets[i] += offsets[i - 1];
  }
  out.resize(edges.size());
  auto next = offsets;
  for (auto const& e : edges) {
    auto const node = outgoing ? e.from_ : e.to_;
    out[next[node]++] = {e.predicate_, outgoing ? e.to_ : e.from_, e.relation_};
  }
  // Group each node's edges by predicate so one predicate is a binary search away.
  for (std::size_t n = 0; n < n_nodes; ++n) {
    std::sort(out.begin() + offsets[n], out.begin() + offsets[n + 1],
              [](graph::edge const& a, graph::edge const& b) {
                return a.predicate_ != b.predicate_ ? a.predicate_ < b.predicate_
                       : a.other_ != b.other_       ? a.other_ < b.other_
                                                    : a.relation_ < b.relation_;
              });
  }
}

constexpr auto kUnseen = std::numeric_limits<std::uint32_t>::max();

}  // namespace

graph::graph(std::size_t n_nodes, std::vector<input_edge> edges) {
  ZHITU_CHECK(edges.size() < UINT32_MAX, "too many edges for 32-bit offsets");
  for (auto const& e : edges) {
    ZHITU_CHECK(e.from_ < n_nodes && e.to_ < n_nodes, "edge endpoint out of range");
  }
  build_csr(n_nodes, edges, true, out_offsets_, out_);
  build_csr(n_nodes, edges, false, in_offsets_, in_);
}

std::span<graph::edge const> graph::by_predicate(std::span<edge const> all, predicate_idx p) {
  auto const lo = std::lower_bound(all.begin(), all.end(), p,
                                   [](edge const& e, predicate_idx x) { return e.predicate_ < x; });
  auto const hi = std::upper_bound(lo, all.end(), p,
                                   [](predicate_idx x, edge const& e) { return x < e.predicate_; });
  return all.subspan(static_cast<std::size_t>(lo - all.begin()), static_cast<std::size_t>(hi - lo));
}

std::span<graph::edge const> graph::out(std::uint32_t node, predicate_idx p) const {
  return by_predicate(out(node), p);
}

std::span<graph::edge const> graph::in(std::uint32_t node, predicate_idx p) const {
  return by_predicate(in(node), p);
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> graph::k_hops(
    std::uint32_t start, std::uint32_t hops, std::optional<predicate_idx> predicate,
    std::size_t max_nodes, std::size_t max_expand_degree) const {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> reached{{start, 0}};
  if (start >= n_nodes()) {
    return {};
  }
  std::vector<std::uint32_t> seen_at(n_nodes(), kUnseen);
  seen_at[start] = 0;
  std::size_t level_begin = 0;
  for (std::uint32_t h = 1; h <= hops && level_begin < reached.size(); ++h) {
    auto const level_end = reached.size();
    for (auto i = level_begin; i < level_end && reached.size() < max_nodes; ++i) {
      auto const node = reached[i].first;
      if (node != start && out(node).size() + in(node).size() > max_expand_degree) {
        continue;
      }
      for (auto const edges : {predicate ? out(node, *predicate) : out(node),
                               predicate ? in(node, *predicate) : in(node)}) {
        for (auto const& e : edges) {
          if (seen_at[e.other_] == kUnseen && reached.size() < max_nodes) {
            seen_at[e.other_] = h;
            reached.emplace_back(e.other_, h);
          }
        }
      }
    }
    std::sort(reached.begin() + static_cast<std::ptrdiff_t>(level_end), reached.end());
    level_begin = level_end;
  }
  return reached;
}

std::optional<std::vector<graph::step>> graph::shortest_path(
    std::uint32_t from, std::uint32_t to, std::optional<predicate_idx> predicate,
    std::uint32_t max_hops, std::size_t max_nodes) const {
  if (from >= n_nodes() || to >= n_nodes()) {
    return std::nullopt;
  }
  if (from == to) {
    return std::vector<step>{};
  }
  // Breadth-first from `from`; each node remembers the step that first reached it. Nodes of a
  // level are expanded in ascending order, so ties go to the lowest ids.
  std::vector<std::optional<step>> via(n_nodes());
  std::vector<std::uint8_t> seen(n_nodes(), 0);
  seen[from] = 1;
  std::vector<std::uint32_t> level{from};
  std::size_t n_seen = 1;
  for (std::uint32_t h = 1; h <= max_hops && !level.empty() && n_seen < max_nodes; ++h) {
    std::vector<std::uint32_t> next;
    for (auto const node : level) {
      for (auto const outgoing : {true, false}) {
        auto const edges = outgoing ? (predicate ? out(node, *predicate) : out(node))
                                    : (predicate ? in(node, *predicate) : in(node));
        for (auto const& e : edges) {
          if (seen[e.other_] != 0) {
            continue;
          }
          seen[e.other_] = 1;
          ++n_seen;
          via[e.other_] = step{node, e, outgoing};
          if (e.other_ == to) {
            std::vector<step> path;
            for (auto n = to; n != from; n = via[n]->from_) {
              path.push_back(*via[n]);
            }
            std::reverse(path.begin(), path.end());
            return path;
          }
          next.push_back(e.other_);
        }
      }
    }
    std::sort(next.begin(), next.end());
    level = std::move(next);
  }
  return std::nullopt;
}

std::size_t graph::memory_bytes() const {
  return (out_offsets_.capacity() + in_offsets_.capacity()) * sizeof(std::uint32_t) +
         (out_.capacity() + in_.capacity()) * sizeof(edge);
}

}  // namespace zhitu::index
