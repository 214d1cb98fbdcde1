// SPDX-License-Identifier: Apache-2.0
// k-nearest, radius and polygon queries against brute force.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "index/space/area.h"
#include "index/space/rtree.h"
#include "model/crs.h"

namespace zhitu::index {
namespace {

struct point_set {
  std::vector<model::lon_lat> points_;
  std::vector<model::box> boxes_;
};

point_set random_points(std::mt19937& rng, std::size_t n, model::box const& area) {
  std::uniform_real_distribution<double> lon{area.min_lon_, area.max_lon_};
  std::uniform_real_distribution<double> lat{area.min_lat_, area.max_lat_};
  point_set s;
  for (std::size_t i = 0; i < n; ++i) {
    auto const p = model::lon_lat{lon(rng), lat(rng)};
    s.points_.push_back(p);
    s.boxes_.push_back({p.lon_, p.lat_, p.lon_, p.lat_});
  }
  return s;
}

std::vector<double> brute_nearest(point_set const& s, model::lon_lat q, std::size_t k,
                                  std::vector<std::uint8_t> const& allowed) {
  std::vector<double> d;
  for (std::size_t i = 0; i < s.points_.size(); ++i) {
    if (allowed.empty() || allowed[i] != 0) {
      d.push_back(model::distance_m(q, s.points_[i]));
    }
  }
  std::sort(d.begin(), d.end());
  d.resize(std::min(k, d.size()));
  return d;
}

TEST(space, min_distance_is_a_lower_bound_for_every_point_of_the_box) {
  std::mt19937 rng{7};
  std::uniform_real_distribution<double> lon{-180, 180};
  std::uniform_real_distribution<double> lat{-89, 89};
  std::uniform_real_distribution<double> size{0, 40};
  std::uniform_real_distribution<double> unit{0, 1};
  for (auto t = 0; t < 3000; ++t) {
    auto const x = lon(rng);
    auto const y = lat(rng);
    model::box const b{x, y, std::min(180.0, x + size(rng)), std::min(90.0, y + size(rng))};
    model::lon_lat const q{lon(rng), lat(rng)};
    auto const bound = min_distance_m(q, b);
    auto best = std::numeric_limits<double>::infinity();
    for (auto s = 0; s < 200; ++s) {
      model::lon_lat const p{b.min_lon_ + unit(rng) * (b.max_lon_ - b.min_lon_),
                             b.min_lat_ + unit(rng) * (b.max_lat_ - b.min_lat_)};
      best = std::min(best, model::distance_m(q, p));
    }
    for (auto const c :
         {model::lon_lat{b.min_lon_, b.min_lat_}, model::lon_lat{b.max_lon_, b.max_lat_},
          model::lon_lat{b.min_lon_, b.max_lat_}, model::lon_lat{b.max_lon_, b.min_lat_}}) {
      best = std::min(best, model::distance_m(q, c));
    }
    ASSERT_LE(bound, best) << "t=" << t;
  }
}

TEST(space, min_distance_is_zero_inside_and_exact_along_a_meridian) {
  model::box const b{112, 34, 113, 35};
  EXPECT_EQ(min_distance_m({112.5, 34.5}, b), 0);
  auto const d = min_distance_m({112.5, 33}, b);
  EXPECT_NEAR(d, model::distance_m({112.5, 33}, {112.5, 34}), 2);
}

TEST(space, nearest_agrees_with_brute_force) {
  std::mt19937 rng{11};
  for (auto const n : {1U, 17U, 300U, 5000U}) {
    auto const s = random_points(rng, n, {73, 18, 135, 53});
    rtree const t{s.boxes_};
    std::uniform_real_distribution<double> lon{60, 150};
    std::uniform_real_distribution<double> lat{10, 60};
    for (auto q = 0; q < 100; ++q) {
      model::lon_lat const p{lon(rng), lat(rng)};
      auto const k = std::size_t{1} + static_cast<std::size_t>(q % 25);
      std::vector<std::uint8_t> allowed;
      if (q % 3 == 0) {
        for (std::size_t i = 0; i < n; ++i) {
          allowed.push_back(static_cast<std::uint8_t>(rng() % 4 == 0));
        }
      }
      std::vector<std::pair<std::uint32_t, double>> got;
      t.nearest(p, k, s.points_, allowed, got);
      auto const want = brute_nearest(s, p, k, allowed);
      ASSERT_EQ(got.size(), want.size()) << "n=" << n << " q=" << q;
      for (std::size_t i = 0; i < got.size(); ++i) {
        ASSERT_DOUBLE_EQ(got[i].second, want[i]) << "n=" << n << " q=" << q << " i=" << i;
        ASSERT_DOUBLE_EQ(got[i].second, model::distance_m(p, s.points_[got[i].first]));
        if (!allowed.empty()) {
          ASSERT_NE(allowed[got[i].first], 0);
        }
      }
    }
  }
}

// Points and items with a larger box (whose point lies inside it) are packed apart: both kinds
// are measured by their points, ties broken by item.
TEST(space, nearest_and_radius_over_points_and_boxes_agree_with_brute_force) {
  std::mt19937 rng{17};
  for (auto const n : {1U, 16U, 17U, 40U, 300U, 4000U}) {
    auto s = random_points(rng, n, {110, 32, 116, 37});
    std::uniform_real_distribution<double> grow{0, 0.3};
    for (std::size_t i = 0; i < n; i += 3) {  // every third item becomes a box around its point
      auto& b = s.boxes_[i];
      b = {b.min_lon_ - grow(rng), b.min_lat_ - grow(rng), b.max_lon_ + grow(rng),
           b.max_lat_ + grow(rng)};
    }
    for (std::size_t i = 1; i < n; i += 7) {  // and some share another item's point
      s.points_[i] = s.points_[i - 1];
      s.boxes_[i] = {s.points_[i].lon_, s.points_[i].lat_, s.points_[i].lon_, s.points_[i].lat_};
    }
    rtree const t{s.boxes_};
    std::uniform_real_distribution<double> lon{109, 117};
    std::uniform_real_distribution<double> lat{31, 38};
    for (auto q = 0; q < 60; ++q) {
      model::lon_lat const p = q % 5 == 0 ? s.points_[static_cast<std::size_t>(q) % n]
                                          : model::lon_lat{lon(rng), lat(rng)};
      auto const k = std::size_t{1} + static_cast<std::size_t>(q % 12);
      std::vector<std::pair<double, std::uint32_t>> want;
      for (std::uint32_t i = 0; i < n; ++i) {
        want.emplace_back(model::distance_m(p, s.points_[i]), i);
      }
      std::sort(want.begin(), want.end());
      want.resize(std::min<std::size_t>(k, n));
      std::vector<std::pair<std::uint32_t, double>> got;
      t.nearest(p, k, s.points_, {}, got);
      ASSERT_EQ(got.size(), want.size()) << "n=" << n << " q=" << q;
      for (std::size_t i = 0; i < got.size(); ++i) {
        ASSERT_EQ(got[i].first, want[i].second) << "n=" << n << " q=" << q << " i=" << i;
        ASSERT_DOUBLE_EQ(got[i].second, want[i].first);
      }

      auto const r = 2000.0 * (1 + q % 30);
      std::vector<std::uint32_t> within;
      t.within_radius(p, r, s.points_, {}, within);
      std::sort(within.begin(), within.end());
      std::vector<std::uint32_t> within_want;
      for (std::uint32_t i = 0; i < n; ++i) {
        if (model::distance_m(p, s.points_[i]) <= r) {
          within_want.push_back(i);
        }
      }
      ASSERT_EQ(within, within_want) << "n=" << n << " q=" << q;
    }
  }
}

// Many items at the query's own point, spread over several leaves: the k of lowest index win.
TEST(space, nearest_breaks_ties_by_item_across_leaves) {
  std::mt19937 rng{19};
  auto s = random_points(rng, 600, {110, 32, 116, 37});
  model::lon_lat const at{113.0, 34.5};
  for (std::size_t i = 0; i < s.points_.size(); i += 9) {
    s.points_[i] = at;
    s.boxes_[i] = {at.lon_, at.lat_, at.lon_, at.lat_};
  }
  rtree const t{s.boxes_};
  for (auto const k : {1U, 5U, 20U, 60U}) {
    std::vector<std::pair<std::uint32_t, double>> got;
    t.nearest(at, k, s.points_, {}, got);
    ASSERT_EQ(got.size(), k);
    for (std::size_t i = 0; i < k; ++i) {
      EXPECT_EQ(got[i].first, 9 * i) << "k=" << k;
      EXPECT_EQ(got[i].second, 0.0);
    }
  }
}

TEST(space, nearest_across_the_antimeridian) {
  point_set s;
  for (auto const p :
       {model::lon_lat{179.9, 0}, model::lon_lat{-179.9, 0}, model::lon_lat{170, 0}}) {
    s.points_.push_back(p);
    s.boxes_.push_back({p.lon_, p.lat_, p.lon_, p.lat_});
  }
  rtree const t{s.boxes_};
  std::vector<std::pair<std::uint32_t, double>> got;
  t.nearest({-179.95, 0}, 2, s.points_, {}, got);
  ASSERT_EQ(got.size(), 2U);
  EXPECT_EQ(got[0].first, 1U);
  EXPECT_EQ(got[1].first, 0U);
}

TEST(space, nearest_on_empty_index_finds_nothing) {
  rtree const t{std::vector<model::box>{}};
  std::vector<std::pair<std::uint32_t, double>> got;
  t.nearest({0, 0}, 5, {}, {}, got);
  EXPECT_TRUE(got.empty());
}

TEST(space, count_agrees_with_search) {
  std::mt19937 rng{13};
  for (auto const n : {0U, 1U, 16U, 17U, 257U, 20000U}) {
    std::vector<model::box> boxes;
    std::uniform_real_distribution<double> u{0, 10};
    for (auto i = 0U; i < n; ++i) {
      auto const x = u(rng);
      auto const y = u(rng);
      boxes.push_back(i % 5 == 0 ? model::box{x, y, x + 0.3, y + 0.3} : model::box{x, y, x, y});
    }
    rtree const t{boxes};
    for (auto q = 0; q < 200; ++q) {
      auto const x = u(rng) - 1;
      auto const y = u(rng) - 1;
      auto const s = (q % 4) * 1.5 + 0.1;
      model::box const query{x, y, x + s, y + s};
      std::vector<std::uint32_t> hits;
      t.search(query, hits);
      ASSERT_EQ(t.count(query), hits.size()) << "n=" << n << " q=" << q;
    }
  }
}

// The estimate opens no leaf on the query's edge: exact for boxes holding all or none, and near
// the count for evenly spread points.
TEST(space, estimate_is_near_the_count) {
  std::mt19937 rng{23};
  auto const s = random_points(rng, 200000, {110, 32, 116, 37});
  rtree const t{s.boxes_};
  EXPECT_EQ(t.estimate({100, 20, 120, 40}), 200000U);
  EXPECT_EQ(t.estimate({100, 20, 101, 21}), 0U);
  std::uniform_real_distribution<double> lon{110, 115};
  std::uniform_real_distribution<double> lat{32, 36};
  for (auto q = 0; q < 200; ++q) {
    auto const x = lon(rng);
    auto const y = lat(rng);
    auto const size = 0.15 + 0.01 * (q % 70);  // about 150 to 5,000 points
    model::box const query{x, y, x + size, y + size};
    auto const count = static_cast<double>(t.count(query));
    auto const estimate = static_cast<double>(t.estimate(query));
    EXPECT_NEAR(estimate, count, 0.05 * count + 3 * std::sqrt(count)) << "q=" << q;
  }
}

TEST(space, radius_agrees_with_brute_force) {
  std::mt19937 rng{12};
  auto const s = random_points(rng, 4000, {110, 32, 116, 37});
  rtree const t{s.boxes_};
  std::uniform_real_distribution<double> lon{109, 117};
  std::uniform_real_distribution<double> lat{31, 38};
  for (auto q = 0; q < 200; ++q) {
    model::lon_lat const p{lon(rng), lat(rng)};
    auto const r = 1000.0 * (1 + q % 80);
    std::vector<std::uint32_t> got;
    t.within_radius(p, r, s.points_, {}, got);
    std::sort(got.begin(), got.end());
    std::vector<std::uint32_t> want;
    for (std::uint32_t i = 0; i < s.points_.size(); ++i) {
      if (model::distance_m(p, s.points_[i]) <= r) {
        want.push_back(i);
      }
    }
    ASSERT_EQ(got, want) << "q=" << q;
  }
}

model::geometry square_with_hole() {
  model::geometry g;
  g.type_ = model::geometry_type::kPolygon;
  g.points_ = {{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}, {4, 4}, {6, 4}, {6, 6}, {4, 6}, {4, 4}};
  g.line_ends_ = {5, 10};
  return g;
}

TEST(space, point_in_polygon_respects_holes) {
  auto const g = square_with_hole();
  EXPECT_TRUE(area_contains(g, {1, 1}));
  EXPECT_FALSE(area_contains(g, {5, 5}));
  EXPECT_FALSE(area_contains(g, {11, 5}));
  EXPECT_FALSE(area_contains(model::make_point({1, 1}), {1, 1}));
}

TEST(space, polygon_intersects_lines_points_and_polygons) {
  auto const g = square_with_hole();
  model::geometry line;
  line.type_ = model::geometry_type::kLineString;
  line.points_ = {{-5, 5}, {15, 5}};  // crosses, no vertex inside
  line.line_ends_ = {2};
  EXPECT_TRUE(intersects_area(line, g));
  line.points_ = {{-5, 20}, {15, 20}};
  EXPECT_FALSE(intersects_area(line, g));
  EXPECT_FALSE(intersects_area(model::make_point({5, 5}), g));  // in the hole
  model::geometry big;
  big.type_ = model::geometry_type::kPolygon;
  big.points_ = {{-20, -20}, {20, -20}, {20, 20}, {-20, 20}, {-20, -20}};
  big.line_ends_ = {5};
  EXPECT_TRUE(intersects_area(big, g));  // g lies inside: no crossing, no vertex of big inside g
}

TEST(space, point_in_polygon_agrees_with_a_grid_oracle) {
  // A star-shaped polygon: a point is inside iff its angle's radius exceeds its distance.
  std::mt19937 rng{5};
  std::vector<double> radius;
  model::geometry g;
  g.type_ = model::geometry_type::kPolygon;
  constexpr auto kN = 36;
  for (auto i = 0; i < kN; ++i) {
    radius.push_back(1 + (rng() % 100) / 50.0);
  }
  for (auto i = 0; i <= kN; ++i) {
    auto const a = 2 * M_PI * (i % kN) / kN;
    g.points_.push_back({radius[i % kN] * std::cos(a), radius[i % kN] * std::sin(a)});
  }
  g.line_ends_ = {kN + 1};
  std::uniform_real_distribution<double> u{-3, 3};
  for (auto t = 0; t < 5000; ++t) {
    model::lon_lat const p{u(rng), u(rng)};
    auto a = std::atan2(p.lat_, p.lon_);
    if (a < 0) {
      a += 2 * M_PI;
    }
    auto const seg = static_cast<int>(a / (2 * M_PI / kN)) % kN;
    auto const p0 = g.points_[seg];
    auto const p1 = g.points_[seg + 1];
    // Inside iff p is on the origin's side of the edge p0-p1.
    auto const side = [](model::lon_lat o, model::lon_lat x, model::lon_lat y) {
      return (x.lon_ - o.lon_) * (y.lat_ - o.lat_) - (x.lat_ - o.lat_) * (y.lon_ - o.lon_);
    };
    auto const s_p = side(p0, p1, p);
    auto const s_o = side(p0, p1, {0, 0});
    if (std::abs(s_p) < 1e-9) {
      continue;
    }
    ASSERT_EQ(area_contains(g, p), (s_p > 0) == (s_o > 0)) << p.lon_ << "," << p.lat_;
  }
}

}  // namespace
}  // namespace zhitu::index
