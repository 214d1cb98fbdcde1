// SPDX-License-Identifier: Apache-2.0
// read_files: meta files, flags over meta, defaults, several files as one import.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/import.h"
#include "model/crs.h"
#include "test_util.h"

namespace zhitu::io {
namespace {

using test::messages;
using test::temp_dir;
using test::write_file;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr auto kSites = "id,name,lon,lat\na,甲,112.5,34.5\nb,乙,113,35\n";

constexpr auto kMeta = R"({
  "dataset": {"id": "my_sites", "title": "My sites", "licence": "CC-BY-4.0",
              "url": "https://example.org", "attribution": "Example"},
  "format": "csv", "crs": "gcj02", "kind": "museum",
  "columns": {"id": "编号", "name": "名称", "lon": "经度", "lat": "纬度", "aliases": null},
  "geometry": "optional"
})";

import_options with_licence() {
  import_options opt;
  opt.licence_ = "CC0-1.0";
  return opt;
}

TEST(read_files, sidecar_meta_is_read) {
  auto const dir = temp_dir();
  auto const f = write_file(dir / "s.csv",
                            "编号,名称,经度,纬度,aliases\na,甲,112.477463,34.558782,x\nb,乙,,,\n");
  write_file(dir / "s.csv.meta.json", kMeta);
  auto const out = read_files({f}, {});
  ASSERT_THAT(messages(out), ElementsAre());
  ASSERT_EQ(out.batch_.datasets_.size(), 1U);
  EXPECT_EQ(out.batch_.datasets_[0], (model::dataset{"my_sites", "My sites", "CC-BY-4.0",
                                                     "https://example.org", "Example"}));
  EXPECT_EQ(out.batch_.files_, (std::vector<std::string>{f.string()}));
  ASSERT_EQ(out.batch_.entities_.size(), 2U);
  auto const& e = out.batch_.entities_[0];
  EXPECT_EQ(e.kind_, "museum");
  EXPECT_EQ(e.sources_[0].dataset_, "my_sites");
  EXPECT_GT(model::distance_m(e.geometry_->points_[0], {112.477463, 34.558782}), 400);  // converted
  EXPECT_EQ(e.properties_, R"({"aliases":"x"})");  // aliases unmapped by null
  EXPECT_FALSE(out.batch_.entities_[1].geometry_.has_value());
}

TEST(read_files, flags_override_the_meta) {
  auto const dir = temp_dir();
  auto const f = write_file(dir / "s.csv", "编号,名称,经度,纬度\na,甲,112.5,34.5\n");
  write_file(dir / "s.csv.meta.json", kMeta);
  import_options opt;
  opt.crs_ = model::crs::kWgs84;
  opt.title_ = "Other title";
  opt.licence_ = "CC0-1.0";
  opt.kind_ = "heritage_site";
  opt.dataset_id_ = "other";
  auto const out = read_files({f}, opt);
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.datasets_[0].id_, "other");
  EXPECT_EQ(out.batch_.datasets_[0].title_, "Other title");
  EXPECT_EQ(out.batch_.datasets_[0].licence_, "CC0-1.0");
  EXPECT_EQ(out.batch_.entities_[0].kind_, "heritage_site");
  EXPECT_EQ(out.batch_.entities_[0].geometry_->points_[0], (model::lon_lat{112.5, 34.5}));
}

TEST(read_files, map_flag_replaces_the_sidecar) {
  auto const dir = temp_dir();
  auto const f = write_file(dir / "s.csv", "编号,名称,经度,纬度\na,甲,112.5,34.5\n");
  write_file(dir / "s.csv.meta.json", "{not json");
  auto const map = write_file(dir / "mapping.json", kMeta);
  import_options opt;
  opt.meta_path_ = map;
  auto const out = read_files({f}, opt);
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.datasets_[0].id_, "my_sites");
}

TEST(read_files, defaults_without_meta) {
  auto const dir = temp_dir();
  auto const f = write_file(dir / "my sites.csv", kSites);
  auto opt = with_licence();
  opt.kind_ = "heritage_site";
  auto const out = read_files({f}, opt);
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.datasets_[0].id_, "my_sites");
  EXPECT_EQ(out.batch_.datasets_[0].title_, "my_sites");
  EXPECT_EQ(out.batch_.entities_.size(), 2U);
  EXPECT_EQ(out.n_records_, 2U);
}

TEST(read_files, missing_licence_names_the_flag_and_other_errors_still_show) {
  auto const dir = temp_dir();
  auto const f = write_file(dir / "s.csv", "id,name,kind,lon,lat\na,甲,site,abc,34\n");
  auto const out = read_files({f}, {});
  auto const name = f.string();
  EXPECT_THAT(messages(out),
              ElementsAre(name +
                              ": licence: no licence for data set \"s\" (provenance is not "
                              "optional): pass --licence TEXT or add it with a meta file " +
                              name + ".meta.json",
                          name + ":2: lon: expected a number, got \"abc\""));
  EXPECT_TRUE(out.batch_.entities_.empty());
}

TEST(read_files, missing_licence_in_meta_names_the_meta_file) {
  auto const dir = temp_dir();
  auto const f = write_file(dir / "s.csv", kSites);
  write_file(dir / "s.csv.meta.json", R"({"dataset":{"id":"s"},"kind":"site"})");
  auto const m = messages(read_files({f}, {}));
  ASSERT_EQ(m.size(), 1U);
  EXPECT_THAT(m[0], HasSubstr("pass --licence TEXT or add \"licence\" to \"dataset\" in " +
                              f.string() + ".meta.json"));
}

TEST(read_files, bad_meta_keys_types_and_crs_are_all_reported) {
  auto const dir = temp_dir();
  auto const f = write_file(dir / "s.csv", kSites);
  auto const meta = write_file(dir / "s.csv.meta.json", R"({
    "dataset": {"id": "s", "license": "CC0", "title": 5},
    "crs": "utm50", "geometry": "maybe", "colums": {}, "columns": {"lon": 3, "height": "h"}})");
  auto const out = read_files({f}, with_licence());
  auto const m = meta.string();
  EXPECT_THAT(messages(out),
              ElementsAre(m + ": columns.height: unknown field (expected id, name, name_en, "
                              "aliases, kind, lon, lat, era, start, end, geometry, source_title, source_url)",
                          m + ": columns.lon: expected a string, got number",
                          m + ": colums: unknown key (expected dataset, format, crs, kind, "
                              "columns, geometry, records, citations, kinds, predicates) (did you "
                              "mean \"columns\"?)",
                          m + ": crs: unknown CRS \"utm50\" (expected wgs84, gcj02 or bd09)",
                          m + ": dataset.license: unknown key (expected id, title, licence, url, "
                              "attribution) (did you mean \"licence\"?)",
                          m + ": dataset.title: expected a string, got number",
                          m + ": geometry: expected \"required\" or \"optional\", got \"maybe\""));
}

TEST(read_files, meta_syntax_error_names_the_line) {
  auto const dir = temp_dir();
  auto const f = write_file(dir / "s.csv", kSites);
  auto const meta =
      write_file(dir / "s.csv.meta.json", "{\n  \"crs\": \"wgs84\"\n  \"kind\": \"x\"\n}");
  auto const m = messages(read_files({f}, with_licence()));
  ASSERT_EQ(m.size(), 1U);
  EXPECT_THAT(m[0], StartsWith(meta.string() + ":3: JSON syntax error: "));
}

TEST(read_files, meta_not_an_object) {
  auto const dir = temp_dir();
  auto const f = write_file(dir / "s.csv", kSites);
  auto const meta = write_file(dir / "s.csv.meta.json", "[]");
  EXPECT_THAT(messages(read_files({f}, with_licence())),
              ElementsAre(meta.string() + ": expected a JSON object, got array"));
}

TEST(read_files, format_from_extension_and_flag) {
  auto const dir = temp_dir();
  auto const txt = write_file(dir / "s.txt", kSites);
  auto opt = with_licence();
  opt.kind_ = "site";
  auto const m = messages(read_files({txt}, opt));
  ASSERT_EQ(m.size(), 1U);
  EXPECT_EQ(m[0], txt.string() +
                      ": format: cannot tell the format from the extension \".txt\" "
                      "(expected .csv, .geojson, .json or .nt): pass --format "
                      "csv|geojson|ntriples or set \"format\" in the meta file");
  opt.format_ = file_format::kCsv;
  EXPECT_TRUE(read_files({txt}, opt).ok());
}

TEST(read_files, json_extension_reads_geojson) {
  auto const dir = temp_dir();
  auto const f = write_file(
      dir / "a.JSON",
      R"({"type":"Feature","id":"a","properties":{"name":"甲"},"geometry":{"type":"Point","coordinates":[1,2]}})");
  auto opt = with_licence();
  opt.kind_ = "site";
  auto const out = read_files({f}, opt);
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.entities_.size(), 1U);
}

TEST(read_files, missing_file) {
  auto const dir = temp_dir();
  auto const out = read_files({dir / "nope.csv"}, with_licence());
  EXPECT_THAT(messages(out),
              ElementsAre((dir / "nope.csv").string() + ": cannot read: no such file"));
}

TEST(read_files, duplicate_ids_across_files) {
  auto const dir = temp_dir();
  auto const a = write_file(dir / "a.csv", "id,name,lon,lat\nx,甲,112,34\ny,乙,112,34\n");
  auto const b = write_file(dir / "b.csv", "id,name,lon,lat\nz,丙,112,34\n\ny,丁,112,34\n");
  auto opt = with_licence();
  opt.kind_ = "site";
  auto const out = read_files({a, b}, opt);
  EXPECT_THAT(messages(out), ElementsAre(b.string() + ":4: id: duplicate id \"y\" (first at " +
                                         a.string() + ":3)"));
  EXPECT_TRUE(out.batch_.entities_.empty());
  EXPECT_EQ(out.n_records_, 4U);
}

TEST(read_files, duplicate_ids_between_csv_and_geojson) {
  auto const dir = temp_dir();
  auto const a = write_file(dir / "a.csv", "id,name,lon,lat\nx,甲,112,34\n");
  auto const b = write_file(
      dir / "b.geojson",
      R"({"type":"FeatureCollection","features":[{"type":"Feature","id":"x","properties":{"name":"乙"},"geometry":{"type":"Point","coordinates":[1,2]}}]})");
  auto opt = with_licence();
  opt.kind_ = "site";
  EXPECT_THAT(messages(read_files({a, b}, opt)),
              ElementsAre(b.string() + ": feature 0: id: duplicate id \"x\" (first at " +
                          a.string() + ":2)"));
}

TEST(read_files, files_of_one_dataset_name_their_records_by_file) {
  auto const dir = temp_dir();
  auto const a = write_file(dir / "a.csv", "id,name,lon,lat\nx,甲,112,34\n");
  auto const b = write_file(dir / "b.csv", "id,name,lon,lat\ny,乙,112,34\n");
  auto opt = with_licence();
  opt.kind_ = "site";
  opt.dataset_id_ = "both";
  auto const out = read_files({a, b}, opt);
  ASSERT_THAT(messages(out), ElementsAre());
  ASSERT_EQ(out.batch_.datasets_.size(), 1U);
  EXPECT_EQ(out.batch_.entities_[0].sources_[0], (model::source_ref{"both", "a.csv line 2"}));
  EXPECT_EQ(out.batch_.entities_[1].sources_[0], (model::source_ref{"both", "b.csv line 2"}));
}

TEST(read_files, separate_datasets_keep_plain_records) {
  auto const dir = temp_dir();
  auto const a = write_file(dir / "a.csv", "id,name,lon,lat\nx,甲,112,34\n");
  auto const b = write_file(dir / "b.csv", "id,name,lon,lat\ny,乙,112,34\n");
  auto opt = with_licence();
  opt.kind_ = "site";
  auto const out = read_files({a, b}, opt);
  ASSERT_THAT(messages(out), ElementsAre());
  ASSERT_EQ(out.batch_.datasets_.size(), 2U);
  EXPECT_EQ(out.batch_.entities_[1].sources_[0], (model::source_ref{"b", "line 2"}));
}

TEST(read_files, one_dataset_described_two_ways) {
  auto const dir = temp_dir();
  auto const a = write_file(dir / "a.csv", "id,name,lon,lat\nx,甲,112,34\n");
  auto const b = write_file(dir / "b.csv", "id,name,lon,lat\ny,乙,112,34\n");
  write_file(dir / "a.csv.meta.json", R"({"dataset":{"id":"d","licence":"A"},"kind":"site"})");
  write_file(dir / "b.csv.meta.json", R"({"dataset":{"id":"d","licence":"B"},"kind":"site"})");
  EXPECT_THAT(messages(read_files({a, b}, {})),
              ElementsAre(b.string() + ": dataset: data set d is described differently for " +
                          a.string() + " (title, licence, url and attribution must match)"));
}

TEST(read_files, sidecars_listed_beside_their_data_file_are_skipped) {
  auto const dir = temp_dir();
  auto const a = write_file(dir / "a.csv", kSites);
  auto const meta =
      write_file(dir / "a.csv.meta.json", R"({"dataset":{"licence":"CC0"},"kind":"site"})");
  auto const out = read_files({a, meta}, {});
  ASSERT_THAT(messages(out), ElementsAre());
  EXPECT_EQ(out.batch_.entities_.size(), 2U);
}

TEST(read_files, a_lone_meta_file_is_an_error) {
  auto const dir = temp_dir();
  auto const meta = write_file(dir / "a.csv.meta.json", "{}");
  EXPECT_THAT(messages(read_files({meta}, {})),
              ElementsAre(meta.string() + ": this is a meta file: pass the data file it describes "
                                          "(or use --map to apply it to other files)"));
}

TEST(read_files, invalid_kind_flag) {
  auto const dir = temp_dir();
  auto const f = write_file(dir / "s.csv", kSites);
  auto opt = with_licence();
  opt.kind_ = "Museum";
  EXPECT_THAT(messages(read_files({f}, opt)),
              ElementsAre(f.string() + ": kind: --kind \"Museum\" is not a valid kind "
                                       "(lower_snake_case ASCII such as heritage_site)"));
}

TEST(read_files, max_errors_applies_to_the_whole_import) {
  auto const dir = temp_dir();
  auto const a = write_file(dir / "a.csv", "id,name,lon,lat\nx,甲,abc,34\ny,乙,abc,34\n");
  auto const b = write_file(dir / "b.csv", "id,name,lon,lat\nz,丙,abc,34\n");
  auto opt = with_licence();
  opt.kind_ = "site";
  opt.max_errors_ = 2;
  auto const out = read_files({a, b}, opt);
  EXPECT_EQ(out.errors_.size(), 2U);
  EXPECT_EQ(out.n_errors_, 3U);
}

}  // namespace
}  // namespace zhitu::io
