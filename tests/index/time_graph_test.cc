// SPDX-License-Identifier: Apache-2.0
// The interval index and the relation graph against brute force.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <random>

#include "index/graph/graph.h"
#include "index/time/interval_index.h"

namespace zhitu::index {
namespace {

std::vector<std::optional<model::time_span>> random_spans(std::mt19937& rng, std::size_t n) {
  std::uniform_int_distribution<std::int32_t> start{-3000, 2000};
  std::uniform_int_distribution<std::int32_t> len{0, 400};
  std::uniform_int_distribution<std::int32_t> fuzz{0, 50};
  std::vector<std::optional<model::time_span>> v;
  for (std::size_t i = 0; i < n; ++i) {
    if (i % 7 == 3) {
      v.emplace_back();
      continue;
    }
    auto const s = start(rng);
    auto const e = s + len(rng);
    v.push_back(model::time_span{s - fuzz(rng), s, e, e + fuzz(rng)});
  }
  return v;
}

std::vector<std::uint32_t> sorted(std::vector<std::uint32_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(interval_index, every_query_agrees_with_brute_force) {
  std::mt19937 rng{3};
  for (auto const n : {0U, 1U, 63U, 64U, 65U, 2000U}) {
    auto const spans = random_spans(rng, n);
    interval_index const idx{spans};
    std::uniform_int_distribution<std::int32_t> year{-3500, 2500};
    for (auto q = 0; q < 200; ++q) {
      auto a = year(rng);
      auto b = year(rng);
      if (a > b) {
        std::swap(a, b);
      }
      std::vector<std::uint32_t> want_overlap, want_during, want_before, want_after;
      for (std::uint32_t i = 0; i < spans.size(); ++i) {
        if (!spans[i]) {
          continue;
        }
        auto const f = spans[i]->first_year();
        auto const l = spans[i]->last_year();
        if (f <= b && l >= a) want_overlap.push_back(i);
        if (f >= a && l <= b) want_during.push_back(i);
        if (l < a) want_before.push_back(i);
        if (f > a) want_after.push_back(i);
      }
      std::vector<std::uint32_t> got;
      idx.overlaps(a, b, got);
      ASSERT_EQ(sorted(got), want_overlap) << n << " " << a << ".." << b;
      got.clear();
      for (std::uint32_t i = 0; i < spans.size(); ++i) {
        if (idx.item_overlaps(i, a, b)) {
          got.push_back(i);
        }
      }
      ASSERT_EQ(got, want_overlap) << "item_overlaps " << n << " " << a << ".." << b;
      ASSERT_EQ(idx.count_overlaps(a, b), want_overlap.size());
      got.clear();
      idx.during(a, b, got);
      ASSERT_EQ(sorted(got), want_during);
      got.clear();
      idx.before(a, got);
      ASSERT_EQ(sorted(got), want_before);
      got.clear();
      idx.after(a, got);
      ASSERT_EQ(sorted(got), want_after);
    }
  }
}

TEST(interval_index, reversed_range_matches_nothing) {
  std::vector<std::optional<model::time_span>> spans{model::time_span::exact(618, 907)};
  interval_index const idx{spans};
  std::vector<std::uint32_t> got;
  idx.overlaps(900, 700, got);
  EXPECT_TRUE(got.empty());
  EXPECT_EQ(idx.count_overlaps(900, 700), 0U);
}

struct random_graph {
  std::size_t n_;
  std::vector<graph::input_edge> edges_;
};

random_graph make_graph(std::mt19937& rng, std::size_t n, std::size_t m) {
  random_graph g{n, {}};
  for (std::uint32_t r = 0; r < m; ++r) {
    g.edges_.push_back({static_cast<std::uint32_t>(rng() % n),
                        static_cast<std::uint32_t>(rng() % n),
                        static_cast<predicate_idx>(rng() % 3), r});
  }
  return g;
}

// Hop distances from `start` over edges in either direction (optionally one predicate).
std::vector<std::uint32_t> brute_hops(random_graph const& g, std::uint32_t start,
                                      std::optional<predicate_idx> p) {
  std::vector<std::uint32_t> d(g.n_, UINT32_MAX);
  d[start] = 0;
  for (bool changed = true; changed;) {
    changed = false;
    for (auto const& e : g.edges_) {
      if (p && e.predicate_ != *p) continue;
      for (auto const& [a, b] : {std::pair{e.from_, e.to_}, std::pair{e.to_, e.from_}}) {
        if (d[a] != UINT32_MAX && d[a] + 1 < d[b]) {
          d[b] = d[a] + 1;
          changed = true;
        }
      }
    }
  }
  return d;
}

TEST(graph, adjacency_by_predicate_agrees_with_the_edge_list) {
  std::mt19937 rng{9};
  auto const rg = make_graph(rng, 50, 300);
  graph const g{rg.n_, rg.edges_};
  for (std::uint32_t node = 0; node < rg.n_; ++node) {
    for (predicate_idx p = 0; p < 3; ++p) {
      std::vector<std::pair<std::uint32_t, std::uint32_t>> want_out, want_in, got_out, got_in;
      for (auto const& e : rg.edges_) {
        if (e.predicate_ != p) continue;
        if (e.from_ == node) want_out.emplace_back(e.to_, e.relation_);
        if (e.to_ == node) want_in.emplace_back(e.from_, e.relation_);
      }
      for (auto const& e : g.out(node, p)) got_out.emplace_back(e.other_, e.relation_);
      for (auto const& e : g.in(node, p)) got_in.emplace_back(e.other_, e.relation_);
      std::sort(want_out.begin(), want_out.end());
      std::sort(want_in.begin(), want_in.end());
      ASSERT_EQ(got_out, want_out);
      ASSERT_EQ(got_in, want_in);
    }
  }
}

TEST(graph, k_hops_does_not_walk_through_hubs) {
  // 0 — 1 — 2, and 1 is a hub linked to 3, 4, 5 as well; 0 — 6 — 7 is a quiet path.
  std::vector<graph::input_edge> edges;
  for (std::uint32_t to : {0U, 2U, 3U, 4U, 5U}) {
    edges.push_back({.from_ = 1, .to_ = to, .predicate_ = 0, .relation_ = 0});
  }
  edges.push_back({.from_ = 0, .to_ = 6, .predicate_ = 0, .relation_ = 0});
  edges.push_back({.from_ = 6, .to_ = 7, .predicate_ = 0, .relation_ = 0});
  graph const g{8, edges};
  using reach = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
  EXPECT_EQ(g.k_hops(0, 2, std::nullopt, 100, 3), (reach{{0, 0}, {1, 1}, {6, 1}, {7, 2}}));
  EXPECT_EQ(g.k_hops(0, 2, std::nullopt).size(), 8U);
  // The start itself is walked through, hub or not.
  EXPECT_EQ(g.k_hops(1, 1, std::nullopt, 100, 3).size(), 6U);
}

TEST(graph, k_hops_and_shortest_paths_agree_with_brute_force) {
  std::mt19937 rng{10};
  for (auto const& [n, m] : {std::pair{1U, 0U}, std::pair{30U, 25U}, std::pair{200U, 260U}}) {
    auto const rg = make_graph(rng, n, m);
    graph const g{rg.n_, rg.edges_};
    for (std::uint32_t s = 0; s < std::min<std::uint32_t>(n, 40); ++s) {
      for (auto const p : {std::optional<predicate_idx>{}, std::optional<predicate_idx>{1}}) {
        auto const d = brute_hops(rg, s, p);
        for (std::uint32_t hops = 0; hops <= 4; ++hops) {
          std::vector<std::pair<std::uint32_t, std::uint32_t>> want;
          for (std::uint32_t v = 0; v < n; ++v) {
            if (d[v] <= hops) want.emplace_back(v, d[v]);
          }
          auto got = g.k_hops(s, hops, p);
          ASSERT_EQ(got.front(), (std::pair<std::uint32_t, std::uint32_t>{s, 0}));
          std::sort(got.begin(), got.end());
          ASSERT_EQ(got, want) << "s=" << s << " hops=" << hops;
        }
        for (std::uint32_t t = 0; t < n; t += 7) {
          auto const path = g.shortest_path(s, t, p, 64);
          if (d[t] == UINT32_MAX) {
            ASSERT_FALSE(path);
            continue;
          }
          ASSERT_TRUE(path);
          ASSERT_EQ(path->size(), d[t]);
          // The steps chain from s to t along real edges.
          auto at = s;
          for (auto const& st : *path) {
            ASSERT_EQ(st.from_, at);
            auto const edges = st.outgoing_ ? g.out(at) : g.in(at);
            ASSERT_TRUE(std::any_of(edges.begin(), edges.end(), [&](graph::edge const& e) {
              return e.other_ == st.edge_.other_ && e.relation_ == st.edge_.relation_;
            }));
            at = st.edge_.other_;
          }
          ASSERT_EQ(at, t);
        }
      }
    }
  }
}

TEST(graph, path_limited_by_hops) {
  graph const g{4, {{0, 1, 0, 0}, {1, 2, 0, 1}, {2, 3, 0, 2}}};
  EXPECT_FALSE(g.shortest_path(0, 3, {}, 2));
  EXPECT_EQ(g.shortest_path(0, 3, {}, 3)->size(), 3U);
  EXPECT_EQ(g.shortest_path(3, 0, {}, 3)->front().outgoing_, false);
}

}  // namespace
}  // namespace zhitu::index
