// SPDX-License-Identifier: Apache-2.0
#include "model/crs.h"

#include <gtest/gtest.h>

namespace zhitu::model {

namespace {

// Check values from the admin divisions' README (DataV seat points, GCJ-02 → WGS84).
struct known_pair {
  char const* name_;
  lon_lat gcj_;
  lon_lat wgs_;
};
constexpr known_pair kKnown[] = {
    {"洛阳市", {112.434468, 34.663041}, {112.428160, 34.663984}},
    {"涧西区", {112.399243, 34.654251}, {112.392920, 34.655190}},
    {"深圳市", {114.085947, 22.547000}, {114.080818, 22.549687}},
    {"杨浦区", {121.522797, 31.270755}, {121.518428, 31.272810}},
};

}  // namespace

TEST(crs, gcj02_to_wgs84_matches_known_pairs) {
  for (auto const& k : kKnown) {
    auto const w = gcj02_to_wgs84(k.gcj_);
    EXPECT_LT(distance_m(w, k.wgs_), 0.2) << k.name_;
  }
}

TEST(crs, longmen_grottoes_gcj02_lands_on_the_site) {
  // The heritage data's Amap POI for 龙门石窟 (GCJ-02) and the site (≈ 34.556 N, 112.471 E).
  auto const w = gcj02_to_wgs84({112.477463, 34.558782});
  EXPECT_LT(distance_m(w, {112.471, 34.556}), 500);
  EXPECT_GT(distance_m({112.477463, 34.558782}, {112.471, 34.556}), 500);
}

TEST(crs, round_trips_within_one_metre_across_china) {
  for (auto lon = 74.0; lon < 135.0; lon += 1.7) {
    for (auto lat = 18.0; lat < 53.0; lat += 1.3) {
      lon_lat const p{lon, lat};
      for (auto const c : {crs::kGcj02, crs::kBd09}) {
        auto const back = to_wgs84(c, from_wgs84(c, p));
        ASSERT_LT(distance_m(back, p), 1.0) << to_string(c) << " " << lon << "," << lat;
        ASSERT_LT(distance_m(from_wgs84(c, to_wgs84(c, p)), p), 1.0) << to_string(c);
      }
    }
  }
}

TEST(crs, gcj02_offset_is_hundreds_of_metres_in_china) {
  auto const d = distance_m(wgs84_to_gcj02({112.45, 34.62}), {112.45, 34.62});
  EXPECT_GT(d, 300);
  EXPECT_LT(d, 800);
}

TEST(crs, outside_china_is_unchanged) {
  lon_lat const paris{2.35, 48.85};
  EXPECT_EQ(wgs84_to_gcj02(paris), paris);
  EXPECT_EQ(gcj02_to_wgs84(paris), paris);
}

TEST(crs, bd09_is_gcj02_shifted) {
  // Baidu's 洛阳龙门站 is about 1 km from Amap's for the same place.
  auto const bd = gcj02_to_bd09({112.456291, 34.593842});
  EXPECT_GT(distance_m(bd, {112.456291, 34.593842}), 500);
  EXPECT_LT(distance_m(bd09_to_gcj02(bd), {112.456291, 34.593842}), 0.01);
}

TEST(crs, parses_names) {
  EXPECT_EQ(parse_crs("gcj02"), crs::kGcj02);
  EXPECT_EQ(parse_crs("BD-09"), crs::kBd09);
  EXPECT_EQ(parse_crs("EPSG:4326"), crs::kWgs84);
  EXPECT_FALSE(parse_crs("mars"));
}

TEST(crs, distance_of_one_degree_latitude) {
  EXPECT_NEAR(distance_m({112, 34}, {112, 35}), 111195, 50);
}

}  // namespace zhitu::model
