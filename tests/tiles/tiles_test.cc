// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "common/fixtures.h"
#include "model/geojson.h"
#include "tiles/glyphs.h"
#include "tiles/mvt_decode.h"
#include "tiles/mvt_encoder.h"
#include "tiles/render.h"
#include "tiles/tile_cache.h"
#include "tiles/tile_id.h"

namespace zhitu::tiles {

namespace {

model::entity polygon_entity(std::string id, std::string kind, char const* geojson) {
  auto e = test::make_entity(std::move(id), std::move(kind), "区", "", 0, 0);
  e.geometry_ = *model::geometry_from_geojson(nlohmann::json::parse(geojson));
  return e;
}

test::decoded_layer const* find_layer(std::vector<test::decoded_layer> const& layers,
                                      std::string const& name) {
  for (auto const& l : layers) {
    if (l.name_ == name) {
      return &l;
    }
  }
  return nullptr;
}

}  // namespace

TEST(tile_id, parses_and_bounds_check) {
  auto const t = parse_tile_id("9", "418", "205");
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, (tile_id{9, 418, 205}));
  EXPECT_EQ(parse_tile_id("23", "0", "0").err().message_, "z: 23 is outside 0..22");
  EXPECT_EQ(parse_tile_id("2", "4", "0").err().message_, "x: 4 is outside 0..3");
  EXPECT_EQ(parse_tile_id("2", "a", "0").err().message_, "x: expected a whole number, got \"a\"");
}

TEST(tile_id, longmen_falls_in_its_tile) {
  model::lon_lat const longmen{112.471269, 34.559899};
  auto const t = tile_of(longmen, 12);
  EXPECT_TRUE(tile_bounds(t).contains(longmen));
  auto const p = to_tile(longmen, t, 4096);
  EXPECT_GE(p.x_, 0);
  EXPECT_LT(p.x_, 4096);
  EXPECT_GE(p.y_, 0);
  EXPECT_LT(p.y_, 4096);
  EXPECT_EQ(tile_of({0.0001, 0.0001}, 1), (tile_id{1, 1, 0}));
  EXPECT_EQ(tile_of({-0.0001, -0.0001}, 1), (tile_id{1, 0, 1}));
}

TEST(tile_id, world_positions_land_where_lon_lat_does) {
  for (auto const p : {model::lon_lat{112.471269, 34.559899}, model::lon_lat{-0.0001, 51.4779},
                       model::lon_lat{179.9999, -85.05}}) {
    for (std::uint8_t z : {0, 5, 12, 18}) {
      auto const t = tile_of(p, z);
      auto const exact = to_tile(p, t, 4096);
      auto const stepped = to_tile(world_position(p), t, 4096);
      auto const step = std::ldexp(4096.0, z - 32);  // one world step in tile units
      EXPECT_NEAR(stepped.x_, exact.x_, step) << int{z};
      EXPECT_NEAR(stepped.y_, exact.y_, step) << int{z};
      EXPECT_LE(stepped.x_, exact.x_);  // steps round down
      EXPECT_LE(stepped.y_, exact.y_);
    }
  }
  EXPECT_EQ(world_position({-180, 90}), (world_point{0, 0}));
  EXPECT_EQ(world_position({180, -90}), (world_point{UINT32_MAX, UINT32_MAX}));
}

TEST(mvt_encoder, writes_spec_commands_and_deduplicates_values) {
  mvt_layer layer{"sites", 4096};
  std::vector<ipoint> const pts{{10, 20}};
  layer.add_points(1, pts, {{"name", std::string_view{"甲"}}, {"batch", std::int64_t{1}}});
  layer.add_points(2, pts, {{"name", std::string_view{"甲"}}, {"batch", std::int64_t{-3}}});
  layer.add_lines(3, {{{0, 0}, {5, 5}, {10, 0}}}, {{"ok", true}});
  layer.add_polygons(4, {{{0, 0}, {10, 0}, {10, 10}}}, {{"area", 50.5}});
  std::vector<mvt_layer> const layers{layer};
  auto const decoded = test::decode_mvt(encode_tile(layers));
  ASSERT_EQ(decoded.size(), 1U);
  auto const& l = decoded[0];
  EXPECT_EQ(l.name_, "sites");
  EXPECT_EQ(l.version_, 2U);
  ASSERT_EQ(l.features_.size(), 4U);
  EXPECT_EQ(std::get<std::string>(l.features_[0].props_.at("name")), "甲");
  EXPECT_EQ(std::get<std::int64_t>(l.features_[1].props_.at("batch")), -3);
  EXPECT_EQ(l.features_[2].parts_[0],
            (std::vector<std::pair<std::int32_t, std::int32_t>>{{0, 0}, {5, 5}, {10, 0}}));
  EXPECT_EQ(l.features_[3].type_, 3U);
  EXPECT_GT(test::ring_area2(l.features_[3].parts_[0]), 0);
  EXPECT_EQ(std::get<double>(l.features_[3].props_.at("area")), 50.5);
}

TEST(mvt_encoder, a_value_repeated_within_a_feature_is_stored_once) {
  mvt_layer layer{"sites"};
  std::vector<ipoint> const pts{{1, 2}};
  layer.add_points(1, pts, {{"start", std::int64_t{690}}, {"end", std::int64_t{690}}});
  std::vector<mvt_layer> const layers{layer};
  auto const decoded = test::decode_mvt(encode_tile(layers));
  ASSERT_EQ(decoded.size(), 1U);
  EXPECT_EQ(decoded[0].n_values_, 1U);
  EXPECT_EQ(std::get<std::int64_t>(decoded[0].features_[0].props_.at("start")), 690);
  EXPECT_EQ(std::get<std::int64_t>(decoded[0].features_[0].props_.at("end")), 690);
}

TEST(mvt_encoder, equal_strings_from_different_places_share_a_value) {
  std::string const a{"洛阳龙门石窟景区"};
  std::string const b{a};
  mvt_layer layer{"sites"};
  std::vector<ipoint> const pts{{1, 2}};
  layer.add_points(1, pts, {{"name", std::string_view{a}}});
  layer.add_points(2, pts, {{"name", std::string_view{b}}});
  layer.add_points(3, pts, {{"name", std::string_view{a}.substr(0, 6)}});  // a prefix differs
  std::vector<mvt_layer> const layers{layer};
  auto const decoded = test::decode_mvt(encode_tile(layers));
  ASSERT_EQ(decoded.size(), 1U);
  EXPECT_EQ(decoded[0].n_values_, 2U);
  EXPECT_EQ(std::get<std::string>(decoded[0].features_[1].props_.at("name")), a);
  EXPECT_EQ(std::get<std::string>(decoded[0].features_[2].props_.at("name")), "洛阳");
}

TEST(mvt_encoder, values_keep_their_type) {
  mvt_layer layer{"sites"};
  std::vector<ipoint> const pts{{1, 2}};
  layer.add_points(1, pts,
                   {{"a", std::string_view{"1"}}, {"b", std::int64_t{1}}, {"c", 1.0}, {"d", true}});
  std::vector<mvt_layer> const layers{layer};
  auto const decoded = test::decode_mvt(encode_tile(layers));
  ASSERT_EQ(decoded.size(), 1U);
  EXPECT_EQ(decoded[0].n_values_, 4U);
  auto const& props = decoded[0].features_[0].props_;
  EXPECT_EQ(std::get<std::string>(props.at("a")), "1");
  EXPECT_EQ(std::get<std::int64_t>(props.at("b")), 1);
  EXPECT_EQ(std::get<double>(props.at("c")), 1.0);
  EXPECT_EQ(std::get<bool>(props.at("d")), true);
}

TEST(mvt_encoder, thousands_of_values_keep_their_indices) {
  mvt_layer layer{"sites"};
  std::vector<ipoint> const pts{{1, 2}};
  std::vector<std::string> names;
  for (auto i = 0; i < 5000; ++i) {
    names.push_back("名" + std::to_string(i));
  }
  for (auto pass = 0; pass < 2; ++pass) {  // the second pass finds every value again
    for (std::size_t i = 0; i < names.size(); ++i) {
      layer.add_points(i + 1, pts, {{"name", std::string_view{names[i]}}});
    }
  }
  std::vector<mvt_layer> const layers{layer};
  auto const decoded = test::decode_mvt(encode_tile(layers));
  ASSERT_EQ(decoded.size(), 1U);
  EXPECT_EQ(decoded[0].n_values_, names.size());
  ASSERT_EQ(decoded[0].features_.size(), 2 * names.size());
  for (std::size_t f = 0; f < decoded[0].features_.size(); ++f) {
    EXPECT_EQ(std::get<std::string>(decoded[0].features_[f].props_.at("name")),
              names[f % names.size()]);
  }
}

TEST(mvt_encoder, a_feature_without_properties_has_none) {
  mvt_layer layer{"sites"};
  std::vector<ipoint> const pts{{1, 2}};
  layer.add_points(1, pts, {});
  std::vector<mvt_layer> const layers{layer};
  auto const decoded = test::decode_mvt(encode_tile(layers));
  ASSERT_EQ(decoded.size(), 1U);
  ASSERT_EQ(decoded[0].features_.size(), 1U);
  EXPECT_TRUE(decoded[0].features_[0].props_.empty());
  EXPECT_EQ(decoded[0].features_[0].parts_[0][0], (std::pair{1, 2}));
}

TEST(mvt_encoder, large_ids_and_long_geometries_round_trip) {
  mvt_layer layer{"lines"};
  std::vector<ipoint> line;
  for (auto i = 0; i < 300; ++i) {  // lengths beyond one varint byte
    line.push_back({i * 13, (i % 7) * -900});
  }
  auto const id = (std::uint64_t{1} << 40U) + 12345;
  layer.add_lines(id, {line}, {{"name", std::string_view{std::string(300, 'x')}}});
  std::vector<mvt_layer> const layers{layer, mvt_layer{"empty"}, layer};
  auto const decoded = test::decode_mvt(encode_tile(layers));
  ASSERT_EQ(decoded.size(), 2U);
  for (auto const& l : decoded) {
    ASSERT_EQ(l.features_.size(), 1U);
    EXPECT_EQ(l.features_[0].id_, id);
    ASSERT_EQ(l.features_[0].parts_.size(), 1U);
    ASSERT_EQ(l.features_[0].parts_[0].size(), line.size());
    EXPECT_EQ(l.features_[0].parts_[0][299], (std::pair{299 * 13, (299 % 7) * -900}));
    EXPECT_EQ(std::get<std::string>(l.features_[0].props_.at("name")).size(), 300U);
  }
}

TEST(mvt_encoder, empty_layers_are_left_out) {
  std::vector<mvt_layer> const layers{mvt_layer{"empty"}};
  EXPECT_TRUE(encode_tile(layers).empty());
}

TEST(render, points_in_tile_match_the_catalog_box_query) {
  std::vector<model::entity> entities;
  for (auto i = 0; i < 400; ++i) {
    entities.push_back(test::make_entity("p" + std::to_string(i), "heritage_site", "点", "",
                                         112.3 + (i % 20) * 0.02, 34.4 + (i / 20) * 0.02));
  }
  auto const cat = index::catalog::build(entities, {}, {});
  auto const t = tile_of({112.47, 34.56}, 12);
  auto const layers = test::decode_mvt(render_tile(*cat, {.tile_ = t}));
  // Oracle: the catalog's own box query over the buffered tile.
  std::vector<index::entity_idx> expected;
  cat->in_box(tile_bounds(t, 64.0 / 4096), expected);
  auto const* l = find_layer(layers, "heritage_site");
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(l->features_.size(), expected.size());
  for (auto const& f : l->features_) {
    auto const [x, y] = f.parts_.at(0).at(0);
    EXPECT_GE(x, -64);
    EXPECT_LE(x, 4096 + 64);
    EXPECT_GE(y, -64);
    EXPECT_LE(y, 4096 + 64);
    EXPECT_TRUE(f.props_.contains("id"));
  }
}

TEST(render, points_known_to_a_district_say_so) {
  auto district = test::make_entity("d", "enterprise", "园区", "", 112.47, 34.56);
  district.properties_ = R"({"position_precision":"district"})";
  auto const cat = index::catalog::build(
      {district, test::make_entity("e", "enterprise", "厂", "", 112.471, 34.561)}, {}, {});
  auto const layers = test::decode_mvt(render_tile(*cat, {.tile_ = tile_of({112.47, 34.56}, 12)}));
  auto const* l = find_layer(layers, "enterprise");
  ASSERT_NE(l, nullptr);
  ASSERT_EQ(l->features_.size(), 2U);
  for (auto const& f : l->features_) {
    auto const id = std::get<std::string>(f.props_.at("id"));
    EXPECT_EQ(f.props_.contains("position_precision"), id == "d") << id;
    if (id == "d") {
      EXPECT_EQ(std::get<std::string>(f.props_.at("position_precision")), "district");
    }
  }
}

TEST(render, low_zoom_clusters_count_every_point_once) {
  std::vector<model::entity> entities;
  for (auto i = 0; i < 300; ++i) {
    entities.push_back(test::make_entity("p" + std::to_string(i), "heritage_site", "点", "",
                                         100 + (i % 30) * 0.5, 25 + (i / 30) * 0.5));
  }
  auto const cat = index::catalog::build(entities, {}, {});
  // Every point of zoom 3's four tiles over China is counted exactly once.
  std::int64_t total = 0;
  auto n_clusters = 0;
  for (std::uint32_t x = 5; x <= 7; ++x) {
    for (std::uint32_t y = 2; y <= 4; ++y) {
      auto const layers = test::decode_mvt(render_tile(*cat, {.tile_ = {3, x, y}}));
      if (auto const* l = find_layer(layers, "heritage_site")) {
        for (auto const& f : l->features_) {
          if (f.props_.contains("point_count")) {
            total += std::get<std::int64_t>(f.props_.at("point_count"));
            ++n_clusters;
          } else {
            ++total;
          }
        }
      }
    }
  }
  EXPECT_EQ(total, 300);
  EXPECT_GT(n_clusters, 0);
}

TEST(render, polygons_are_clipped_and_wound_per_spec) {
  // A square (CCW in lon/lat, as RFC 7946) with a hole, larger than the tile.
  auto const cat = index::catalog::build(
      {polygon_entity(
          "a", "county",
          R"({"type":"Polygon","coordinates":[[[110,30],[115,30],[115,36],[110,36],[110,30]],)"
          R"([[112.4,34.5],[112.4,34.6],[112.5,34.6],[112.5,34.5],[112.4,34.5]]]})")},
      {}, {});
  auto const t = tile_of({112.45, 34.55}, 9);
  auto const layers = test::decode_mvt(render_tile(*cat, {.tile_ = t, .set_ = tileset::kBasemap}));
  auto const* l = find_layer(layers, "county");
  ASSERT_NE(l, nullptr);
  ASSERT_EQ(l->features_.size(), 1U);
  auto const& rings = l->features_[0].parts_;
  ASSERT_EQ(rings.size(), 2U);
  EXPECT_GT(test::ring_area2(rings[0]), 0);  // exterior
  EXPECT_LT(test::ring_area2(rings[1]), 0);  // hole
  for (auto const& [x, y] : rings[0]) {
    EXPECT_GE(x, -64);
    EXPECT_LE(x, 4160);
    EXPECT_GE(y, -64);
    EXPECT_LE(y, 4160);
  }
}

TEST(render, basemap_kinds_appear_from_their_zoom) {
  auto const cat = index::catalog::build(
      {polygon_entity(
           "c", "county",
           R"({"type":"Polygon","coordinates":[[[112,34],[113,34],[113,35],[112,34]]]})"),
       polygon_entity(
           "p", "province",
           R"({"type":"Polygon","coordinates":[[[110,30],[115,30],[115,36],[110,30]]]})")},
      {}, {});
  auto const at = [&](std::uint8_t z) {
    return test::decode_mvt(
        render_tile(*cat, {.tile_ = tile_of({112.8, 34.2}, z), .set_ = tileset::kBasemap}));
  };
  EXPECT_EQ(find_layer(at(5), "county"), nullptr);
  EXPECT_NE(find_layer(at(5), "province"), nullptr);
  EXPECT_NE(find_layer(at(7), "county"), nullptr);
  // The entities set never draws basemap kinds.
  EXPECT_TRUE(render_tile(*cat, {.tile_ = tile_of({112.8, 34.2}, 7)}).empty());
}

TEST(render, time_filter_keeps_overlapping_spans_only) {
  auto tang = test::make_entity("t", "heritage_site", "唐", "", 112.47, 34.56);
  tang.time_ = model::time_span::exact(618, 907);
  auto ming = test::make_entity("m", "heritage_site", "明", "", 112.47, 34.56);
  ming.time_ = model::time_span::exact(1368, 1644);
  auto const undated = test::make_entity("u", "heritage_site", "?", "", 112.47, 34.56);
  auto const cat = index::catalog::build({tang, ming, undated}, {}, {});
  auto const t = tile_of({112.47, 34.56}, 14);
  auto const layers =
      test::decode_mvt(render_tile(*cat, {.tile_ = t, .from_year_ = 690, .to_year_ = 705}));
  ASSERT_EQ(layers.size(), 1U);
  ASSERT_EQ(layers[0].features_.size(), 1U);
  EXPECT_EQ(std::get<std::string>(layers[0].features_[0].props_.at("id")), "t");
}

TEST(render, kind_filter_keeps_asked_kinds_only) {
  auto const cat =
      index::catalog::build({test::make_entity("s", "heritage_site", "寺", "", 112.47, 34.56),
                             test::make_entity("m", "museum", "馆", "", 112.4701, 34.5601),
                             test::make_entity("t", "station", "站", "", 112.4702, 34.5602)},
                            {}, {});
  auto const t = tile_of({112.47, 34.56}, 14);
  auto const layers = test::decode_mvt(render_tile(
      *cat,
      {.tile_ = t, .kinds_ = std::vector{*cat->find_kind("museum"), *cat->find_kind("station")}}));
  ASSERT_EQ(layers.size(), 2U);
  EXPECT_EQ(find_layer(layers, "heritage_site"), nullptr);
  ASSERT_NE(find_layer(layers, "museum"), nullptr);
  ASSERT_NE(find_layer(layers, "station"), nullptr);
  EXPECT_EQ(std::get<std::string>(find_layer(layers, "museum")->features_.at(0).props_.at("id")),
            "m");
}

TEST(tile_cache, caches_per_catalog_and_gzips) {
  tile_cache cache{1 << 20};
  auto const a = std::make_shared<int>(1);
  auto renders = 0;
  auto const make = [&] {
    ++renders;
    return std::string(1000, 'x');
  };
  auto const first = cache.get_or_make(a, "k", make);
  auto const second = cache.get_or_make(a, "k", make);
  EXPECT_EQ(renders, 1);
  EXPECT_EQ(first->etag_, second->etag_);
  auto const b = std::make_shared<int>(2);
  cache.get_or_make(b, "k", make);
  EXPECT_EQ(renders, 2);  // a new catalog empties the cache
  // The gzip form inflates back to the tile.
  std::string out(2000, '\0');
  z_stream z{};
  ASSERT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(first->gzip_.data()));
  z.avail_in = static_cast<uInt>(first->gzip_.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  EXPECT_EQ(out, first->mvt_);
}

TEST(tile_cache, evicts_least_recently_used_beyond_its_budget) {
  tile_cache cache{5000};
  auto const c = std::make_shared<int>(1);
  auto renders = 0;
  auto const make = [&] {
    ++renders;
    return std::string(2000, 'y');
  };
  cache.get_or_make(c, "a", make);
  cache.get_or_make(c, "b", make);
  cache.get_or_make(c, "a", make);  // a is now the most recent
  cache.get_or_make(c, "c", make);  // evicts b
  EXPECT_LE(cache.bytes(), 5000U);
  cache.get_or_make(c, "a", make);
  EXPECT_EQ(renders, 3);
  cache.get_or_make(c, "b", make);
  EXPECT_EQ(renders, 4);
}

}  // namespace zhitu::tiles

namespace zhitu::tiles {

TEST(glyphs, renders_chinese_range_as_maplibre_sdf) {
  auto const font = find_cjk_font();
  if (!font) {
    GTEST_SKIP() << "no CJK font installed (fonts-wqy-microhei)";
  }
  glyph_source source{*font};
  auto const pbf = source.range_pbf("Noto Sans Regular", 0x9f00);  // holds 龙 U+9F99
  protozero::pbf_reader glyphs{pbf};
  ASSERT_TRUE(glyphs.next(1));
  auto stack = glyphs.get_message();
  std::string name;
  std::string range;
  auto found = false;
  while (stack.next()) {
    if (stack.tag() == 1) {
      name = stack.get_string();
    } else if (stack.tag() == 2) {
      range = stack.get_string();
    } else if (stack.tag() == 3) {
      auto g = stack.get_message();
      std::uint32_t id = 0;
      std::uint32_t w = 0;
      std::uint32_t h = 0;
      std::uint32_t advance = 0;
      std::string bitmap;
      while (g.next()) {
        switch (g.tag()) {
          case 1:
            id = g.get_uint32();
            break;
          case 2:
            bitmap = g.get_bytes();
            break;
          case 3:
            w = g.get_uint32();
            break;
          case 4:
            h = g.get_uint32();
            break;
          case 7:
            advance = g.get_uint32();
            break;
          default:
            g.skip();
        }
      }
      if (id == 0x9f99) {
        found = true;
        EXPECT_GT(w, 10U);
        EXPECT_GT(h, 10U);
        EXPECT_EQ(bitmap.size(), (w + 6) * (h + 6));  // 3 px border all round
        EXPECT_NEAR(advance, 24U, 2U);
        // Inside the stroke the field passes MapLibre's edge (192); the border is outside.
        auto const max = *std::max_element(bitmap.begin(), bitmap.end(), [](char a, char b) {
          return static_cast<unsigned char>(a) < static_cast<unsigned char>(b);
        });
        EXPECT_GT(static_cast<unsigned char>(max), 192U);
        EXPECT_LT(static_cast<unsigned char>(bitmap[0]), 192U);
      }
    }
  }
  EXPECT_EQ(name, "Noto Sans Regular");
  EXPECT_EQ(range, "40704-40959");
  EXPECT_TRUE(found) << "龙 missing from " << font->string();
}

}  // namespace zhitu::tiles
