// SPDX-License-Identifier: Apache-2.0
#include "index/space/rtree.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace zhitu::index {

namespace {

std::vector<std::uint32_t> brute_force(std::vector<model::box> const& boxes, model::box const& q) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < boxes.size(); ++i) {
    if (!boxes[i].empty() && boxes[i].intersects(q)) {
      out.push_back(i);
    }
  }
  return out;
}

std::vector<std::uint32_t> tree_search(rtree const& t, model::box const& q) {
  std::vector<std::uint32_t> out;
  t.search(q, out);
  std::sort(out.begin(), out.end());
  return out;
}

model::box random_box(std::mt19937& rng, double max_size) {
  std::uniform_real_distribution<double> lon{73, 135};
  std::uniform_real_distribution<double> lat{18, 53};
  std::uniform_real_distribution<double> size{0, max_size};
  auto const x = lon(rng);
  auto const y = lat(rng);
  return {x, y, x + size(rng), y + size(rng)};
}

}  // namespace

TEST(rtree, empty_index_finds_nothing) {
  rtree const t{std::vector<model::box>{}};
  EXPECT_TRUE(tree_search(t, {-180, -90, 180, 90}).empty());
  EXPECT_EQ(t.size(), 0U);
}

TEST(rtree, skips_empty_boxes) {
  std::vector<model::box> boxes{model::box{}, {1, 1, 2, 2}, model::box{}};
  rtree const t{boxes};
  EXPECT_EQ(t.size(), 1U);
  EXPECT_EQ(tree_search(t, {0, 0, 3, 3}), std::vector<std::uint32_t>{1});
}

TEST(rtree, agrees_with_brute_force_on_random_data) {
  std::mt19937 rng{42};
  for (auto const n : {1U, 2U, 15U, 16U, 17U, 255U, 256U, 257U, 5000U}) {
    std::vector<model::box> boxes;
    for (auto i = 0U; i < n; ++i) {
      boxes.push_back(i % 3 == 0 ? random_box(rng, 0.0) : random_box(rng, 0.5));  // points too
    }
    rtree const t{boxes};
    ASSERT_EQ(t.size(), n);
    for (auto q = 0; q < 200; ++q) {
      auto const query = random_box(rng, q % 2 == 0 ? 1.0 : 15.0);
      ASSERT_EQ(tree_search(t, query), brute_force(boxes, query)) << "n=" << n << " q=" << q;
    }
  }
}

// Items that are points and items with a larger box (whose point is inside it): the items whose
// point lies in the query, and only those.
TEST(rtree, search_points_agrees_with_brute_force) {
  std::mt19937 rng{5};
  std::vector<model::box> boxes;
  std::vector<model::lon_lat> points;
  for (auto i = 0; i < 3000; ++i) {
    auto const b = random_box(rng, i % 3 == 0 ? 2.0 : 0.0);
    boxes.push_back(b);
    points.push_back(i % 6 == 0 ? model::lon_lat{b.max_lon_, b.max_lat_} : b.center());
  }
  rtree const t{boxes};
  for (auto q = 0; q < 300; ++q) {
    auto const query = random_box(rng, 3.0);
    std::vector<std::uint32_t> want;
    for (std::uint32_t i = 0; i < points.size(); ++i) {
      if (query.contains(points[i])) {
        want.push_back(i);
      }
    }
    std::vector<std::uint32_t> got;
    t.search_points(query, points, got);
    std::sort(got.begin(), got.end());
    ASSERT_EQ(want, got) << q;
  }
}

TEST(rtree, point_query_on_boundary_matches) {
  std::vector<model::box> boxes{{112.4, 34.5, 112.5, 34.6}};
  rtree const t{boxes};
  EXPECT_EQ(tree_search(t, {112.5, 34.6, 112.5, 34.6}).size(), 1U);
  EXPECT_TRUE(tree_search(t, {112.50001, 34.6, 113, 35}).empty());
}

}  // namespace zhitu::index
