// SPDX-License-Identifier: Apache-2.0
// The importers give records a time span parsed from their free-text era; the bundled heritage
// data parses almost entirely, and the gazetteer data file matches the parser's gazetteer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "io/import.h"
#include "model/era.h"
#include "test_util.h"

namespace zhitu::io {
namespace {

using test::data_file;

std::string era_of(model::entity const& e) {
  auto const props = nlohmann::json::parse(e.properties_);
  return props.contains("era") ? props["era"].get<std::string>() : std::string{};
}

TEST(era_import, heritage_eras_parse_at_a_high_rate) {
  auto const out = read_files({data_file("heritage/national_heritage_sites.csv")}, {});
  ASSERT_EQ(out.batch_.entities_.size(), 5150U);
  std::size_t with_era = 0;
  std::size_t parsed = 0;
  std::map<std::string, std::size_t> failed;
  for (auto const& e : out.batch_.entities_) {
    auto const era = era_of(e);
    if (era.empty()) {
      continue;
    }
    ++with_era;
    if (e.time_) {
      ++parsed;
      EXPECT_TRUE(e.time_->valid()) << e.id_;
    } else {
      ++failed[era];
    }
  }
  auto const rate = static_cast<double>(parsed) / static_cast<double>(with_era);
  std::cout << "era parse rate: " << parsed << " of " << with_era << " rows with an era ("
            << rate * 100 << " %); not parsed:\n";
  for (auto const& [era, n] : failed) {
    std::cout << "  " << era << " ×" << n << "\n";
  }
  EXPECT_GE(rate, 0.99);
}

TEST(era_import, longmen_grottoes_span_from_northern_wei) {
  auto const out = read_files({data_file("heritage/national_heritage_sites.csv")}, {});
  for (auto const& e : out.batch_.entities_) {
    if (e.id_ == "nhs-1-37") {
      ASSERT_TRUE(e.time_) << era_of(e);
      EXPECT_LE(e.time_->first_year(), 618);
      EXPECT_GE(e.time_->last_year(), 907);
      return;
    }
  }
  FAIL() << "nhs-1-37 missing";
}

TEST(era_import, gazetteer_file_matches_the_parser) {
  auto const out = read_files({data_file("gazetteer/dynasties.csv")}, {});
  ASSERT_EQ(out.n_errors_, 0U);
  auto const table = model::era_gazetteer();
  ASSERT_EQ(out.batch_.entities_.size(), table.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    auto const& e = out.batch_.entities_[i];
    EXPECT_EQ(e.id_, table[i].id_);
    EXPECT_EQ(e.names_.zh_, table[i].zh_);
    EXPECT_EQ(e.names_.en_, table[i].en_);
    EXPECT_EQ(e.kind_, table[i].kind_);
    ASSERT_TRUE(e.time_) << e.id_;
    EXPECT_EQ(*e.time_, table[i].span_) << e.id_;
    ASSERT_EQ(e.sources_.size(), 1U);
    EXPECT_TRUE(e.sources_.front().url_.starts_with("https://")) << e.id_;
    EXPECT_FALSE(e.sources_.front().title_.empty()) << e.id_;
  }
}

TEST(era_import, explicit_years_win_over_the_era) {
  auto const out = test::csv("id,name,lon,lat,era,start,end\na,甲,112,34,唐,700,710\nb,乙,112,34,唐,,\n");
  ASSERT_EQ(out.batch_.entities_.size(), 2U) << out.n_errors_;
  EXPECT_EQ(out.batch_.entities_[0].time_, model::time_span::exact(700, 710));
  EXPECT_EQ(out.batch_.entities_[1].time_, model::time_span::exact(618, 907));
}

TEST(era_import, geojson_era_gives_the_span) {
  auto const out = test::geojson(
      R"({"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":)"
      R"({"name":"甲","era":"北魏至唐"},"geometry":{"type":"Point","coordinates":[112,34]}}]})");
  ASSERT_EQ(out.batch_.entities_.size(), 1U) << out.n_errors_;
  EXPECT_EQ(out.batch_.entities_[0].time_, model::time_span::exact(386, 907));
}

TEST(era_import, unparsed_era_is_kept_as_text_without_error) {
  auto const out = test::csv("id,name,lon,lat,era\na,甲,112,34,唐王清\n");
  ASSERT_EQ(out.batch_.entities_.size(), 1U);
  EXPECT_EQ(out.n_errors_, 0U);
  EXPECT_FALSE(out.batch_.entities_[0].time_);
  EXPECT_EQ(era_of(out.batch_.entities_[0]), "唐王清");
}

}  // namespace
}  // namespace zhitu::io
