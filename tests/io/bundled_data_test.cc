// SPDX-License-Identifier: Apache-2.0
// The bundled data under data/ reads cleanly with its meta files, and lands where it should.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "io/import.h"
#include "model/crs.h"
#include "test_util.h"

namespace zhitu::io {
namespace {

using test::data_file;
using test::messages;
using ::testing::ElementsAre;

model::entity const* find(read_outcome const& out, std::string_view id) {
  auto const& v = out.batch_.entities_;
  auto const it = std::find_if(v.begin(), v.end(), [&](auto const& e) { return e.id_ == id; });
  return it == v.end() ? nullptr : &*it;
}

constexpr model::lon_lat kLongmen{112.471, 34.556};

TEST(bundled_data, heritage_csv_reads_all_5150_records) {
  auto const out = read_files({data_file("heritage/national_heritage_sites.csv")}, {});
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.n_records_, 5150U);
  EXPECT_EQ(out.batch_.entities_.size(), 5150U);
  ASSERT_EQ(out.batch_.datasets_.size(), 1U);
  EXPECT_EQ(out.batch_.datasets_[0].id_, "national_heritage_sites");
  EXPECT_FALSE(out.batch_.datasets_[0].licence_.empty());
  auto const* e = find(out, "nhs-1-37");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names_.zh_, "龙门石窟");
  EXPECT_EQ(e->kind_, "heritage_site");
  ASSERT_TRUE(e->geometry_.has_value());
  EXPECT_LT(model::distance_m(e->geometry_->points_[0], kLongmen), 500);
}

TEST(bundled_data, rail_stations_read_cleanly) {
  auto const out = read_files({data_file("rail/stations.csv")}, {});
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_GT(out.batch_.entities_.size(), 1000U);
  for (auto const& e : out.batch_.entities_) {
    ASSERT_EQ(e.kind_, "station") << e.id_;
    ASSERT_TRUE(e.geometry_.has_value()) << e.id_;
  }
}

TEST(bundled_data, admin_geojson_files_read_cleanly) {
  std::vector<std::filesystem::path> files;
  for (auto const& entry : std::filesystem::directory_iterator{data_file("admin")}) {
    if (entry.path().extension() == ".geojson") {
      files.push_back(entry.path());
    }
  }
  ASSERT_FALSE(files.empty());
  std::sort(files.begin(), files.end());
  for (auto const& f : files) {
    auto const out = read_files({f}, {});
    EXPECT_THAT(messages(out), ElementsAre()) << f;
    EXPECT_GT(out.batch_.entities_.size(), 0U) << f;
  }
  // And all of them together: ids are unique across the layers.
  EXPECT_TRUE(read_files(files, {}).ok());
}

TEST(bundled_data, luoyang_is_a_prefecture_polygon) {
  auto const out = read_files({data_file("admin/prefectures.geojson")}, {});
  ASSERT_TRUE(out.ok());
  auto const* e = find(out, "adm-410300");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names_.zh_, "洛阳市");
  EXPECT_EQ(e->kind_, "prefecture");
  ASSERT_TRUE(e->geometry_.has_value());
  EXPECT_TRUE(model::bounds(*e->geometry_).contains(kLongmen));
}

TEST(bundled_data, gcj02_sample_puts_longmen_where_it_stands) {
  auto const out = read_files({data_file("samples/luoyang_heritage_gcj02.csv")}, {});
  ASSERT_THAT(messages(out), ElementsAre());
  auto const* e = find(out, "nhs-gcj-1-37");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names_.zh_, "龙门石窟");
  EXPECT_LT(model::distance_m(e->geometry_->points_[0], kLongmen), 500);
}

TEST(bundled_data, gcj02_sample_read_as_wgs84_lands_off_site) {
  import_options opt;
  opt.crs_ = model::crs::kWgs84;
  auto const out = read_files({data_file("samples/luoyang_heritage_gcj02.csv")}, opt);
  ASSERT_TRUE(out.ok());
  auto const* e = find(out, "nhs-gcj-1-37");
  ASSERT_NE(e, nullptr);
  EXPECT_GT(model::distance_m(e->geometry_->points_[0], kLongmen), 400);
}

TEST(bundled_data, heritage_and_gcj02_sample_import_together) {
  auto const out = read_files({data_file("heritage/national_heritage_sites.csv"),
                               data_file("samples/luoyang_heritage_gcj02.csv")},
                              {});
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.datasets_.size(), 2U);
  // The same site from both: its two readings agree within a few metres.
  auto const* a = find(out, "nhs-1-37");
  auto const* b = find(out, "nhs-gcj-1-37");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_LT(model::distance_m(a->geometry_->points_[0], b->geometry_->points_[0]), 5);
}

}  // namespace
}  // namespace zhitu::io
