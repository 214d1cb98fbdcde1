// SPDX-License-Identifier: Apache-2.0
#include "tiles/cluster_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <stdexcept>
#include <tuple>

#include "common/bundled_catalog.h"
#include "common/fixtures.h"
#include "model/geojson.h"
#include "tiles/mvt_decode.h"
#include "tiles/render.h"

namespace zhitu::tiles {

namespace {

using feature_key = std::tuple<std::uint64_t, std::uint32_t, std::string,
                               std::vector<std::vector<std::pair<std::int32_t, std::int32_t>>>>;

// A tile's features by layer, each layer sorted: the two ways of clustering may list the
// entities that are not points in another order.
std::map<std::string, std::vector<feature_key>> canonical(std::string const& mvt) {
  std::map<std::string, std::vector<feature_key>> out;
  for (auto const& l : test::decode_mvt(mvt)) {
    auto& features = out[l.name_];
    for (auto const& f : l.features_) {
      std::string props;
      for (auto const& [k, v] : f.props_) {
        props += k + "=" +
                 std::visit(
                     [](auto const& x) {
                       if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::string>) {
                         return x;
                       } else {
                         return std::to_string(x);
                       }
                     },
                     v) +
                 ";";
      }
      features.emplace_back(f.id_, f.type_, props, f.parts_);
    }
    std::sort(features.begin(), features.end());
  }
  return out;
}

// Every tile of zooms 0..9 that holds an entity's point.
std::set<std::tuple<std::uint8_t, std::uint32_t, std::uint32_t>> occupied_tiles(
    index::catalog const& cat) {
  std::set<std::tuple<std::uint8_t, std::uint32_t, std::uint32_t>> out;
  for (index::entity_idx i = 0; i < cat.size(); ++i) {
    if (auto const p = cat.point(i)) {
      for (std::uint8_t z = 0; z < 10; ++z) {
        auto const t = tile_of(*p, z);
        out.emplace(t.z_, t.x_, t.y_);
      }
    }
  }
  return out;
}

void expect_same_tiles_with_and_without_index(index::catalog const& cat, tile_request const& base) {
  cluster_index const clusters{cat};
  std::size_t compared = 0;
  for (auto const& [z, x, y] : occupied_tiles(cat)) {
    auto req = base;
    req.tile_ = {z, x, y};
    auto const indexed = render_tile(cat, req, {}, &clusters);
    ASSERT_EQ(canonical(indexed), canonical(render_tile(cat, req)))
        << "tile " << int{z} << "/" << x << "/" << y;
    compared += indexed.empty() ? 0 : 1;
  }
  EXPECT_GT(compared, 0U);
}

std::shared_ptr<index::catalog const> random_points(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng{seed};
  std::uniform_real_distribution<double> lon{73.5, 134.8};
  std::uniform_real_distribution<double> lat{18.2, 53.5};
  std::vector<model::entity> entities;
  for (std::size_t i = 0; i < n; ++i) {
    // A third of them crowd one city, so cells hold many points with equal prominence.
    auto const crowded = i % 3 == 0;
    auto e = test::make_entity("p" + std::to_string(i), i % 4 == 0 ? "museum" : "heritage_site",
                               "点", i % 7 == 0 ? "Point" : "",
                               crowded ? 112.45 + (lon(rng) - 104) * 0.002 : lon(rng),
                               crowded ? 34.6 + (lat(rng) - 36) * 0.002 : lat(rng));
    if (i % 5 != 0) {  // a fifth undated
      auto const start = static_cast<std::int32_t>(rng() % 3000) - 1000;
      e.time_ = model::time_span::exact(start, start + static_cast<std::int32_t>(rng() % 400));
    }
    entities.push_back(std::move(e));
  }
  return index::catalog::build(std::move(entities), {}, {});
}

}  // namespace

TEST(cluster_index, tiles_equal_per_tile_clustering_on_bundled_data) {
  auto const cat = test::bundled_catalog();
  expect_same_tiles_with_and_without_index(*cat, {});
}

TEST(cluster_index, tiles_equal_per_tile_clustering_on_random_points) {
  auto const cat = random_points(20'000, 7);
  expect_same_tiles_with_and_without_index(*cat, {});
  expect_same_tiles_with_and_without_index(
      *cat, {.kinds_ = std::vector<index::kind_idx>{*cat->find_kind("museum")}});
}

TEST(cluster_index, time_filtered_tiles_equal_per_tile_clustering) {
  auto const cat = random_points(20'000, 9);
  expect_same_tiles_with_and_without_index(*cat, {.from_year_ = 618, .to_year_ = 907});
  expect_same_tiles_with_and_without_index(*cat, {.to_year_ = -200});
  expect_same_tiles_with_and_without_index(
      *cat, {.kinds_ = std::vector<index::kind_idx>{*cat->find_kind("heritage_site")},
             .from_year_ = 1368});
}

TEST(cluster_index, each_zoom_counts_every_point_once) {
  auto const cat = random_points(5'000, 11);
  cluster_index const clusters{*cat};
  std::map<index::kind_idx, std::uint64_t> points;
  for (index::entity_idx i = 0; i < cat->size(); ++i) {
    ++points[cat->kind_of(i)];
  }
  for (std::uint8_t z = 0; z < 10; ++z) {
    auto const n = std::uint32_t{1} << z;
    std::map<index::kind_idx, std::uint64_t> counted;
    std::size_t cells = 0;
    for (std::uint32_t x = 0; x < n; ++x) {
      for (std::uint32_t y = 0; y < n; ++y) {
        for (auto const& [k, _] : points) {
          for (auto const& c : clusters.in_tile(k, {z, x, y})) {
            counted[k] += c.count_;
            ++cells;
          }
        }
      }
    }
    EXPECT_EQ(counted, points) << "zoom " << int{z};
    EXPECT_EQ(cells, clusters.size(z)) << "zoom " << int{z};
  }
}

TEST(cluster_index, a_cell_is_the_four_cells_under_it) {
  auto const cat = random_points(5'000, 13);
  cluster_index const clusters{*cat};
  auto const heritage = *cat->find_kind("heritage_site");
  auto const t = tile_of({112.45, 34.6}, 6);
  for (auto const& parent : clusters.in_tile(heritage, t)) {
    std::uint32_t children = 0;
    std::uint64_t sum_x = 0;
    for (std::uint32_t dx = 0; dx < 2; ++dx) {
      for (std::uint32_t dy = 0; dy < 2; ++dy) {
        for (auto const& c : clusters.in_tile(heritage, {7, t.x_ * 2 + dx, t.y_ * 2 + dy})) {
          if (c.cell_ >> 2U == parent.cell_) {
            children += c.count_;
            sum_x += std::uint64_t{c.centre_.x_} * c.count_;
          }
        }
      }
    }
    EXPECT_EQ(children, parent.count_);
    // Means of rounded means: within a step of the exact mean per member.
    EXPECT_NEAR(static_cast<double>(sum_x) / children, parent.centre_.x_, 1.0);
  }
}

TEST(cluster_index, a_cluster_is_named_after_its_most_prominent_member_and_sits_at_the_mean) {
  auto plain = test::make_entity("plain", "heritage_site", "寺", "", 112.40, 34.50);
  auto known = test::make_entity("known", "heritage_site", "石窟", "Grottoes", 112.42, 34.52);
  auto also_known = test::make_entity("also", "heritage_site", "塔", "Pagoda", 112.44, 34.54);
  auto const cat = index::catalog::build({plain, known, also_known}, {}, {});
  cluster_index const clusters{*cat};
  auto const in_tile = clusters.in_tile(0, tile_of({112.42, 34.52}, 3));
  ASSERT_EQ(in_tile.size(), 1U);
  EXPECT_EQ(in_tile[0].count_, 3U);
  // Equal prominence: the lower index wins.
  EXPECT_EQ(in_tile[0].best_, std::min(*cat->find("known"), *cat->find("also")));
  std::uint64_t sum_x = 0;
  std::uint64_t sum_y = 0;
  for (auto const& e : cat->entities()) {
    auto const w = world_position(e.geometry_->points_.front());
    sum_x += w.x_;
    sum_y += w.y_;
  }
  EXPECT_EQ(in_tile[0].centre_, (world_point{static_cast<std::uint32_t>((sum_x + 1) / 3),
                                             static_cast<std::uint32_t>((sum_y + 1) / 3)}));
}

TEST(cluster_index, lines_and_polygons_are_drawn_at_clustering_zooms) {
  auto wall = test::make_entity("wall", "heritage_site", "城墙", "", 0, 0);
  wall.geometry_ = *model::geometry_from_geojson(
      nlohmann::json::parse(R"({"type":"LineString","coordinates":[[112.3,34.6],[112.6,34.7]]})"));
  auto const cat = index::catalog::build(
      {wall, test::make_entity("gate", "heritage_site", "门", "", 112.4, 34.65)}, {}, {});
  cluster_index const clusters{*cat};
  auto const layers =
      test::decode_mvt(render_tile(*cat, {.tile_ = tile_of({112.45, 34.65}, 5)}, {}, &clusters));
  ASSERT_EQ(layers.size(), 1U);
  std::set<std::uint32_t> types;
  for (auto const& f : layers[0].features_) {
    types.insert(f.type_);
  }
  EXPECT_EQ(types, (std::set<std::uint32_t>{1, 2}));  // the gate's point, the wall's line
}

TEST(cluster_index, time_filtered_tiles_cluster_the_filtered_points) {
  auto tang = test::make_entity("tang", "heritage_site", "唐", "", 112.47, 34.56);
  tang.time_ = model::time_span::exact(618, 907);
  auto ming = test::make_entity("ming", "heritage_site", "明", "", 112.471, 34.561);
  ming.time_ = model::time_span::exact(1368, 1644);
  auto const cat = index::catalog::build({tang, ming}, {}, {});
  cluster_index const clusters{*cat};
  auto const layers = test::decode_mvt(
      render_tile(*cat, {.tile_ = tile_of({112.47, 34.56}, 4), .from_year_ = 700, .to_year_ = 800},
                  {}, &clusters));
  ASSERT_EQ(layers.size(), 1U);
  ASSERT_EQ(layers[0].features_.size(), 1U);
  EXPECT_EQ(std::get<std::string>(layers[0].features_[0].props_.at("id")), "tang");
  EXPECT_FALSE(layers[0].features_[0].props_.contains("point_count"));
}

TEST(cluster_index, refuses_grids_it_cannot_key_and_tiles_of_another_grid) {
  auto const cat =
      index::catalog::build({test::make_entity("a", "museum", "馆", "", 112, 34)}, {}, {});
  EXPECT_THROW((cluster_index{*cat, {.cluster_cell_ = 100}}), std::invalid_argument);
  EXPECT_THROW((cluster_index{*cat, {.cluster_below_zoom_ = 30}}), std::invalid_argument);
  cluster_index const coarse{*cat, {.cluster_cell_ = 256}};
  EXPECT_TRUE(coarse.made_for({.cluster_cell_ = 256}));
  EXPECT_THROW(render_tile(*cat, {.tile_ = {2, 3, 1}}, {}, &coarse), std::invalid_argument);
}

}  // namespace zhitu::tiles
