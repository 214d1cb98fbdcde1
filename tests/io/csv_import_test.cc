// SPDX-License-Identifier: Apache-2.0
// read_csv: rows → entities, and every kind of bad input → a message naming file:line: field.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "io/import.h"
#include "model/crs.h"
#include "test_util.h"

namespace zhitu::io {
namespace {

using test::csv;
using test::make_meta;
using test::messages;
using ::testing::ElementsAre;

constexpr auto kTwoSites = R"(id,name,name_en,aliases,kind,lon,lat,era,start,end,province,code
nhs-1-37,龙门石窟,Longmen Grottoes,伊阙|龙门石窟| 伊阙 ,heritage_site,112.471269,34.559899,北魏至唐,493,907,河南省,0379
nhs-1-38,白马寺,,,,112.600,34.720,东汉,68,,河南省,12.5
)";

TEST(csv_import, reads_fields_into_entities) {
  auto const out = csv(kTwoSites);
  ASSERT_THAT(messages(out), ElementsAre());
  ASSERT_EQ(out.batch_.entities_.size(), 2U);
  EXPECT_EQ(out.n_records_, 2U);
  auto const& e = out.batch_.entities_[0];
  EXPECT_EQ(e.id_, "nhs-1-37");
  EXPECT_EQ(e.kind_, "heritage_site");
  EXPECT_EQ(e.names_.zh_, "龙门石窟");
  EXPECT_EQ(e.names_.en_, "Longmen Grottoes");
  EXPECT_EQ(e.names_.aliases_, (std::vector<std::string>{"伊阙"}));
  ASSERT_TRUE(e.geometry_.has_value());
  EXPECT_EQ(e.geometry_->points_.front(), (model::lon_lat{112.471269, 34.559899}));
  EXPECT_EQ(e.time_, model::time_span::exact(493, 907));
  EXPECT_EQ(e.sources_, (std::vector<model::source_ref>{{"test_set", "line 2"}}));
}

TEST(csv_import, unmapped_columns_become_properties_numbers_only_when_canonical) {
  auto const out = csv(kTwoSites);
  ASSERT_EQ(out.batch_.entities_.size(), 2U);
  EXPECT_EQ(nlohmann::json::parse(out.batch_.entities_[0].properties_),
            nlohmann::json::parse(R"({"era":"北魏至唐","province":"河南省","code":"0379"})"));
  EXPECT_EQ(nlohmann::json::parse(out.batch_.entities_[1].properties_),
            nlohmann::json::parse(R"({"era":"东汉","province":"河南省","code":12.5})"));
}

TEST(csv_import, empty_kind_takes_the_default_and_one_year_stands_for_both_ends) {
  auto const out = csv(kTwoSites);
  ASSERT_EQ(out.batch_.entities_.size(), 2U);
  auto const& e = out.batch_.entities_[1];
  EXPECT_EQ(e.kind_, "heritage_site");
  EXPECT_EQ(e.time_, model::time_span::exact(68, 68));
  EXPECT_TRUE(e.names_.en_.empty());
  EXPECT_TRUE(e.names_.aliases_.empty());
}

TEST(csv_import, chinese_and_bce_years) {
  auto const out = csv("id,name,lon,lat,start,end\na,甲,112,34,公元前770年,前256年\n");
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.entities_[0].time_, model::time_span::exact(-769, -255));
}

TEST(csv_import, header_names_match_case_insensitively_and_by_variant) {
  auto const out = csv("ID,Name_ZH,Longitude,LAT\na,甲,112.5,34.5\n");
  ASSERT_THAT(messages(out), ElementsAre());
  auto const& e = out.batch_.entities_[0];
  EXPECT_EQ(e.names_.zh_, "甲");
  EXPECT_EQ(e.geometry_->points_.front(), (model::lon_lat{112.5, 34.5}));
  EXPECT_EQ(e.properties_, "{}");
}

TEST(csv_import, lng_and_x_y_variants) {
  EXPECT_THAT(messages(csv("id,name,lng,lat\na,甲,112,34\n")), ElementsAre());
  EXPECT_THAT(messages(csv("id,name,x,y\na,甲,112,34\n")), ElementsAre());
}

TEST(csv_import, only_an_english_name_is_enough) {
  auto const out = csv("id,name,name_en,lon,lat\na,,Longmen,112,34\n");
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.entities_[0].names_.en_, "Longmen");
}

TEST(csv_import, bom_is_stripped) {
  auto const out = csv("\xEF\xBB\xBFid,name,lon,lat\na,甲,112,34\n");
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.entities_[0].id_, "a");
}

TEST(csv_import, crlf_file) {
  auto const out = csv("id,name,lon,lat\r\na,甲,112,34\r\nb,乙,113,35\r\n");
  ASSERT_THAT(messages(out), ElementsAre());
  ASSERT_EQ(out.batch_.entities_.size(), 2U);
  EXPECT_EQ(out.batch_.entities_[1].names_.zh_, "乙");
  EXPECT_EQ(out.batch_.entities_[1].sources_[0].record_, "line 3");
}

TEST(csv_import, quoted_newline_keeps_text_and_line_numbers) {
  auto const out = csv("id,name,lon,lat,note\na,甲,112,34,\"two\nlines\"\nb,乙,113,35,x\n");
  ASSERT_THAT(messages(out), ElementsAre());
  ASSERT_EQ(out.batch_.entities_.size(), 2U);
  EXPECT_EQ(nlohmann::json::parse(out.batch_.entities_[0].properties_)["note"], "two\nlines");
  EXPECT_EQ(out.batch_.entities_[1].sources_[0].record_, "line 4");
}

TEST(csv_import, blank_lines_are_skipped) {
  auto const out = csv("id,name,lon,lat\n\na,甲,112,34\n\n");
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.n_records_, 1U);
  EXPECT_EQ(out.batch_.entities_[0].sources_[0].record_, "line 3");
}

TEST(csv_import, gcj02_coordinates_are_converted_and_rounded) {
  auto meta = make_meta();
  meta.crs_ = model::crs::kGcj02;
  auto const out = csv("id,name,lon,lat\na,甲,112.477463,34.558782\n", meta);
  ASSERT_THAT(messages(out), ElementsAre());
  auto const p = out.batch_.entities_[0].geometry_->points_.front();
  auto const expected = model::gcj02_to_wgs84({112.477463, 34.558782});
  EXPECT_NEAR(p.lon_, expected.lon_, 0.6e-7);
  EXPECT_NEAR(p.lat_, expected.lat_, 0.6e-7);
  EXPECT_DOUBLE_EQ(p.lon_, std::round(p.lon_ * 1e7) / 1e7);
}

TEST(csv_import, geometry_column_holds_geojson_when_lon_lat_are_empty) {
  auto const out =
      csv("id,name,lon,lat,geometry\n"
          "a,甲,,,\"{\"\"type\"\":\"\"LineString\"\",\"\"coordinates\"\":[[112,34],[113,35]]}\"\n");
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.entities_[0].geometry_->type_, model::geometry_type::kLineString);
  EXPECT_EQ(out.batch_.entities_[0].properties_, "{}");
}

TEST(csv_import, geometry_column_with_a_long_line) {
  std::string coords;
  for (auto i = 0; i < 300; ++i) {
    coords += (coords.empty() ? "" : ",") + std::string{"[112."} + std::to_string(i) + ",34]";
  }
  auto const cell = R"({""type"":""LineString"",""coordinates"":[)" + coords + "]}";
  auto const out = csv("id,name,lon,lat,geometry\na,甲,,,\"" + cell + "\"\n");
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.entities_[0].geometry_->points_.size(), 300U);
}

TEST(csv_import, optional_geometry_allows_rows_without_coordinates) {
  auto meta = make_meta();
  meta.geometry_required_ = false;
  auto const out = csv("id,name,lon,lat\na,甲,,\n", meta);
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_FALSE(out.batch_.entities_[0].geometry_.has_value());
}

TEST(csv_import, explicit_column_names_from_the_meta) {
  auto meta = make_meta();
  meta.columns_.id_ = "编号";
  meta.columns_.name_ = "名称";
  meta.columns_.lon_ = "经度";
  meta.columns_.lat_ = "纬度";
  auto const out = csv("编号,名称,经度,纬度,lon\na,甲,112,34,999\n", meta);
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.entities_[0].geometry_->points_.front(), (model::lon_lat{112, 34}));
  EXPECT_EQ(nlohmann::json::parse(out.batch_.entities_[0].properties_)["lon"], 999);
}

TEST(csv_import, mapped_era_column_becomes_the_era_property) {
  auto meta = make_meta();
  meta.columns_.era_ = "朝代";
  auto const out = csv("id,name,lon,lat,朝代\na,甲,112,34,618\n", meta);
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.entities_[0].properties_, R"({"era":"618"})");
}

// ---- errors --------------------------------------------------------------------------------

TEST(csv_import, lon_not_a_number) {
  auto const out = csv("id,name,lon,lat\na,甲,abc,34\n");
  EXPECT_THAT(messages(out), ElementsAre("t.csv:2: lon: expected a number, got \"abc\""));
  EXPECT_TRUE(out.batch_.entities_.empty());
  EXPECT_FALSE(out.ok());
}

TEST(csv_import, lon_not_finite) {
  EXPECT_THAT(messages(csv("id,name,lon,lat\na,甲,inf,34\n")),
              ElementsAre("t.csv:2: lon: expected a finite number, got \"inf\""));
}

TEST(csv_import, lon_out_of_range) {
  EXPECT_THAT(messages(csv("id,name,lon,lat\na,甲,200,34\n")),
              ElementsAre("t.csv:2: lon: longitude 200 out of range [-180, 180]"));
}

TEST(csv_import, lat_out_of_range_with_swap_hint) {
  EXPECT_THAT(messages(csv("id,name,lon,lat\na,甲,34.56,112.47\n")),
              ElementsAre("t.csv:2: lat: latitude 112.47 out of range [-90, 90] (lon and lat "
                          "look swapped)"));
}

TEST(csv_import, lat_out_of_range_without_hint) {
  EXPECT_THAT(messages(csv("id,name,lon,lat\na,甲,112,95\n")),
              ElementsAre("t.csv:2: lat: latitude 95 out of range [-90, 90]"));
}

TEST(csv_import, one_coordinate_missing) {
  EXPECT_THAT(messages(csv("id,name,lon,lat\na,甲,112,\n")),
              ElementsAre("t.csv:2: lat: missing latitude (lon is given)"));
}

TEST(csv_import, missing_coordinates_when_geometry_is_required) {
  auto const m = messages(csv("id,name,lon,lat\na,甲,,\n"));
  ASSERT_EQ(m.size(), 1U);
  EXPECT_THAT(m[0], ::testing::StartsWith("t.csv:2: lon/lat: missing coordinates"));
}

TEST(csv_import, bad_geometry_text_names_the_path) {
  auto const m =
      messages(csv("id,name,lon,lat,geometry\n"
                   "a,甲,,,\"{\"\"type\"\":\"\"Point\"\",\"\"coordinates\"\":[112,134]}\"\n"));
  EXPECT_THAT(m, ElementsAre("t.csv:2: geometry.coordinates: latitude 134 out of [-90, 90]"));
}

TEST(csv_import, geometry_text_that_is_not_json) {
  auto const m = messages(csv("id,name,lon,lat,geometry\na,甲,,,POINT(1 2)\n"));
  ASSERT_EQ(m.size(), 1U);
  EXPECT_THAT(m[0], ::testing::StartsWith("t.csv:2: geometry: expected GeoJSON geometry text"));
}

TEST(csv_import, lon_lat_and_geometry_together) {
  auto const m =
      messages(csv("id,name,lon,lat,geometry\n"
                   "a,甲,112,34,\"{\"\"type\"\":\"\"Point\"\",\"\"coordinates\"\":[112,34]}\"\n"));
  EXPECT_THAT(m, ElementsAre("t.csv:2: geometry: give either lon/lat or a geometry, not both"));
}

TEST(csv_import, unterminated_quote) {
  EXPECT_THAT(messages(csv("id,name,lon,lat\na,\"甲,112,34\nb,乙,113,35\n")),
              ElementsAre("t.csv:2: name: unterminated quoted field: the quote opened on line 2 "
                          "is never closed"));
}

TEST(csv_import, quote_inside_unquoted_field) {
  EXPECT_THAT(messages(csv("id,name,lon,lat\na,甲\"乙,112,34\n")),
              ElementsAre("t.csv:2: name: quote inside an unquoted field (quote the whole field "
                          "and double the quotes inside it: \"a \"\"b\"\" c\")"));
}

TEST(csv_import, wrong_number_of_fields) {
  EXPECT_THAT(messages(csv("id,name,lon,lat\na,甲,112\n")),
              ElementsAre("t.csv:2: wrong number of fields: expected 4 (as in the header), got 3"));
}

TEST(csv_import, empty_file) {
  EXPECT_THAT(messages(csv("")),
              ElementsAre("t.csv: empty file: expected a header row naming the columns"));
  EXPECT_THAT(messages(csv("\xEF\xBB\xBF\n\n")),
              ElementsAre("t.csv: empty file: expected a header row naming the columns"));
}

TEST(csv_import, header_only_is_fine_and_empty) {
  auto const out = csv("id,name,lon,lat\n");
  EXPECT_TRUE(out.ok());
  EXPECT_EQ(out.n_records_, 0U);
}

TEST(csv_import, duplicate_header_names) {
  EXPECT_THAT(messages(csv("id,name,lon,lat,name\n")),
              ElementsAre("t.csv:1: name: duplicate column name (columns 2 and 5)"));
}

TEST(csv_import, explicitly_mapped_column_missing_from_header) {
  auto meta = make_meta();
  meta.columns_.lon_ = "经度";
  meta.columns_.lat_ = "纬度";
  EXPECT_THAT(messages(csv("id,name,经度\na,甲,112\n", meta)),
              ElementsAre("t.csv:1: lat: column \"纬度\" is missing from the header"));
}

TEST(csv_import, meta_named_default_column_missing_from_header) {
  auto meta = make_meta();
  meta.explicit_fields_ = {"name_en"};
  EXPECT_THAT(messages(csv("id,name,lon,lat\na,甲,112,34\n", meta)),
              ElementsAre("t.csv:1: name_en: column \"name_en\" is missing from the header"));
}

TEST(csv_import, two_columns_matching_one_field) {
  EXPECT_THAT(messages(csv("id,name,lon,lng,lat\na,甲,112,112,34\n")),
              ElementsAre("t.csv:1: lon: several columns could hold it (\"lon\", \"lng\"); name "
                          "one in the meta file's \"columns\""));
}

TEST(csv_import, no_id_column_is_reported_once) {
  EXPECT_THAT(messages(csv("name,lon,lat\n甲,112,34\n乙,113,35\n")),
              ElementsAre("t.csv:1: id: no id column (looked for \"id\"; name it in the meta "
                          "file's \"columns\")"));
}

TEST(csv_import, only_lon_column) {
  EXPECT_THAT(messages(csv("id,name,lon\na,甲,112\n")),
              ElementsAre("t.csv:1: lat: no lat column, but lon is column \"lon\""));
}

TEST(csv_import, no_kind_anywhere) {
  EXPECT_THAT(messages(csv("id,name,lon,lat\na,甲,112,34\n", make_meta(""))),
              ElementsAre("t.csv:1: kind: no kind column and no default kind (set \"kind\" in "
                          "the meta file or pass --kind)"));
}

TEST(csv_import, invalid_kind) {
  EXPECT_THAT(messages(csv("id,name,kind,lon,lat\na,甲,Heritage Site,112,34\n")),
              ElementsAre("t.csv:2: kind: \"Heritage Site\" is not a valid kind "
                          "(lower_snake_case ASCII such as heritage_site)"));
}

TEST(csv_import, missing_id) {
  EXPECT_THAT(messages(csv("id,name,lon,lat\n,甲,112,34\n")),
              ElementsAre("t.csv:2: id: missing id"));
}

TEST(csv_import, invalid_id) {
  EXPECT_THAT(messages(csv("id,name,lon,lat\na/b,甲,112,34\n")),
              ElementsAre("t.csv:2: id: \"a/b\" is not a valid id (1 to 200 bytes; no spaces, "
                          "control characters, '/', '?', '#', '%' or '\\')"));
}

TEST(csv_import, duplicate_id_names_where_it_first_appeared) {
  EXPECT_THAT(messages(csv("id,name,lon,lat\na,甲,112,34\nb,乙,112,34\na,丙,112,34\n")),
              ElementsAre("t.csv:4: id: duplicate id \"a\" (first at t.csv:2)"));
}

TEST(csv_import, missing_name) {
  EXPECT_THAT(messages(csv("id,name,name_en,lon,lat\na,,,112,34\n")),
              ElementsAre("t.csv:2: name: missing name (give name or name_en)"));
}

TEST(csv_import, unparseable_year) {
  EXPECT_THAT(messages(csv("id,name,lon,lat,start\na,甲,112,34,唐\n")),
              ElementsAre("t.csv:2: start: expected a year such as 618, -770, 公元前770年 or "
                          "770 BCE, or a range of years it lies in such as [1822..1844], got "
                          "\"唐\""));
}

TEST(csv_import, a_range_of_years_makes_a_fuzzy_end) {
  auto const out =
      csv("id,name,lon,lat,start,end\na,甲,112,34,[1822..1844],1912\n"
          "b,乙,112,34,[前221年..-200],\n");
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.entities_[0].time_, (model::time_span{1822, 1844, 1912, 1912}));
  EXPECT_EQ(out.batch_.entities_[1].time_, (model::time_span{-220, -200, -220, -200}));
}

TEST(csv_import, a_range_of_years_must_run_forward) {
  EXPECT_THAT(messages(csv("id,name,lon,lat,start\na,甲,112,34,[1844..1822]\n")),
              ElementsAre(::testing::StartsWith("t.csv:2: start: expected a year")));
}

TEST(csv_import, start_after_end) {
  EXPECT_THAT(messages(csv("id,name,lon,lat,start,end\na,甲,112,34,907,618\n")),
              ElementsAre("t.csv:2: end: end 618 is before start 907"));
  EXPECT_THAT(messages(csv("id,name,lon,lat,start,end\na,甲,112,34,[900..950],[618..899]\n")),
              ElementsAre("t.csv:2: end: end [618..899] is before start [900..950]"));
}

TEST(csv_import, value_in_unnamed_column) {
  EXPECT_THAT(messages(csv("id,name,lon,lat,\na,甲,112,34,x\nb,乙,112,34,\n")),
              ElementsAre("t.csv:2: column 5: a value in a column with no name in the header "
                          "(name the column or empty it)"));
}

TEST(csv_import, gbk_bytes_are_reported_with_an_iconv_hint) {
  // "甲" and "龙门" in GBK.
  auto const out = csv("id,name,lon,lat\na,\xBC\xD7,112,34\nb,\xC1\xFA\xC3\xC5,113,35\n");
  EXPECT_THAT(messages(out),
              ElementsAre("t.csv:2: invalid UTF-8 at byte column 3; files must be UTF-8, and "
                          "Chinese files are often GBK: convert with iconv -f GBK -t UTF-8 t.csv "
                          "> t.utf8.csv"));
}

TEST(csv_import, all_errors_are_collected) {
  auto const out =
      csv("id,name,lon,lat\n"
          "a,甲,abc,34\n"
          "b,乙,112,34\n"
          "c,,112,34\n"
          "d,丁,112\n");
  EXPECT_THAT(messages(out),
              ElementsAre("t.csv:2: lon: expected a number, got \"abc\"",
                          "t.csv:4: name: missing name (give name or name_en)",
                          "t.csv:5: wrong number of fields: expected 4 (as in the header), got 3"));
  EXPECT_EQ(out.n_errors_, 3U);
  EXPECT_EQ(out.n_records_, 4U);
}

TEST(csv_import, errors_past_the_limit_are_counted_not_kept) {
  std::string text = "id,name,lon,lat\n";
  for (auto i = 0; i < 10; ++i) {
    text += "x" + std::to_string(i) + ",甲,abc,34\n";
  }
  auto const out = read_csv(text, "t.csv", make_meta(), 3);
  EXPECT_EQ(out.errors_.size(), 3U);
  EXPECT_EQ(out.n_errors_, 10U);
}

TEST(csv_import, several_errors_in_one_row_are_all_reported) {
  EXPECT_THAT(messages(csv("id,name,lon,lat,start\na b,,500,34,x\n")),
              ElementsAre(::testing::StartsWith("t.csv:2: id: \"a b\" is not a valid id"),
                          "t.csv:2: name: missing name (give name or name_en)",
                          "t.csv:2: lon: longitude 500 out of range [-180, 180]",
                          ::testing::StartsWith("t.csv:2: start: expected a year")));
}

TEST(csv_import, dataset_without_licence_is_an_error) {
  auto meta = make_meta();
  meta.dataset_.licence_.clear();
  EXPECT_THAT(messages(csv("id,name,lon,lat\na,甲,112,34\n", meta)),
              ElementsAre("t.csv: dataset.licence: missing licence (provenance is not optional)"));
}

}  // namespace
}  // namespace zhitu::io
