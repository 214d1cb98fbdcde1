// SPDX-License-Identifier: Apache-2.0
// The `zhitu` command line on real files: errors a user can act on, and nothing half-done.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "integration/demo_store.h"
#include "model/crs.h"

namespace zhitu::test {

namespace {

void write(std::filesystem::path const& p, std::string const& text) {
  std::ofstream out{p, std::ios::binary};
  out << text;
}

}  // namespace

TEST(cli, bad_csv_row_names_file_line_and_field_and_changes_nothing) {
  temp_dir dir;
  auto const db = dir / "z.db";
  write(dir / "good.csv", "id,name,lon,lat\ng1,好,112.4,34.6\n");
  ASSERT_EQ(run({zhitu_binary(), "import", "--db", db.string(), "--licence", "CC0-1.0", "--kind",
                 "site", (dir / "good.csv").string()})
                .exit_code_,
            0);
  auto const before = run({zhitu_binary(), "export", "--db", db.string(), "--format", "csv"}).out_;

  auto const bad = dir / "bad.csv";
  write(bad, "id,name,lon,lat\nb1,甲,112.4,34.6\nb2,乙,abc,34.6\nb3,丙,112.4,95\n");
  auto const r = run({zhitu_binary(), "import", "--db", db.string(), "--licence", "CC0-1.0", "--kind",
                      "site", bad.string()});
  EXPECT_EQ(r.exit_code_, 1);
  EXPECT_NE(r.err_.find(bad.string() + ":3: lon:"), std::string::npos) << r.err_;
  EXPECT_NE(r.err_.find(bad.string() + ":4: lat:"), std::string::npos) << r.err_;
  EXPECT_NE(r.err_.find("nothing was imported"), std::string::npos) << r.err_;
  EXPECT_EQ(run({zhitu_binary(), "export", "--db", db.string(), "--format", "csv"}).out_, before);
}

TEST(cli, gcj02_source_needs_crs_flag_to_land_on_longmen) {
  auto const sample = source_dir() / "data" / "samples" / "luoyang_heritage_gcj02.csv";
  if (!std::filesystem::exists(sample)) {
    GTEST_SKIP() << "data/samples not generated";
  }
  auto const longmen_distance = [&](std::string const& crs) {
    temp_dir dir;
    auto const db = dir / "z.db";
    auto const r = run({zhitu_binary(), "import", "--db", db.string(), "--crs", crs, sample.string()});
    EXPECT_EQ(r.exit_code_, 0) << r.err_;
    auto const q = run({zhitu_binary(), "query", "--db", db.string(), "-q", "龙门石窟", "--limit", "1",
                        "--format", "json"});
    auto const f = nlohmann::json::parse(q.out_);
    auto const c = f["geometry"]["coordinates"];
    return model::distance_m({c[0].get<double>(), c[1].get<double>()}, {112.471, 34.556});
  };
  EXPECT_LT(longmen_distance("gcj02"), 500);
  EXPECT_GT(longmen_distance("wgs84"), 500);  // the mistake the flag prevents
}

TEST(cli, export_round_trips_through_import) {
  temp_dir dir;
  auto const db = dir / "z.db";
  write(dir / "a.csv", "id,name,name_en,aliases,lon,lat,start,end,note\n"
                       "x1,龙门石窟,Longmen Grottoes,伊阙|龙门,112.471269,34.559899,493,1127,\"a, b\"\n");
  ASSERT_EQ(run({zhitu_binary(), "import", "--db", db.string(), "--licence", "CC0-1.0", "--kind",
                 "heritage_site", (dir / "a.csv").string()})
                .exit_code_,
            0);
  auto const exported = run({zhitu_binary(), "export", "--db", db.string(), "--format", "csv", "-o",
                             (dir / "out.csv").string()});
  ASSERT_EQ(exported.exit_code_, 0) << exported.err_;
  auto const db2 = dir / "z2.db";
  auto const r = run({zhitu_binary(), "import", "--db", db2.string(), "--licence", "CC0-1.0",
                      (dir / "out.csv").string()});
  ASSERT_EQ(r.exit_code_, 0) << r.err_;
  auto const a = run({zhitu_binary(), "query", "--db", db.string(), "--format", "json"}).out_;
  auto const b = run({zhitu_binary(), "query", "--db", db2.string(), "--format", "json"}).out_;
  auto ja = nlohmann::json::parse(a);
  auto jb = nlohmann::json::parse(b);
  // Provenance differs (the second store's source is the exported file); the rest is equal.
  for (auto* j : {&ja, &jb}) {
    for (auto const* k : {"dataset", "record"}) {
      (*j)["properties"].erase(k);
    }
  }
  EXPECT_EQ(ja, jb);
}

TEST(cli, export_geojson_to_gcj02_for_amap_users) {
  temp_dir dir;
  auto const db = dir / "z.db";
  write(dir / "a.csv", "id,name,lon,lat\nx1,龙门石窟,112.471269,34.559899\n");
  ASSERT_EQ(run({zhitu_binary(), "import", "--db", db.string(), "--licence", "CC0-1.0", "--kind",
                 "heritage_site", (dir / "a.csv").string()})
                .exit_code_,
            0);
  auto const r = run({zhitu_binary(), "export", "--db", db.string(), "--format", "geojson", "--crs", "gcj02"});
  ASSERT_EQ(r.exit_code_, 0) << r.err_;
  auto const fc = nlohmann::json::parse(r.out_);
  auto const c = fc["features"][0]["geometry"]["coordinates"];
  EXPECT_LT(model::distance_m({c[0].get<double>(), c[1].get<double>()}, {112.477463, 34.558782}), 30);
}

TEST(cli, check_validates_files_without_importing) {
  temp_dir dir;
  write(dir / "a.csv", "id,name,lon,lat\nx1,甲,112.4,34.6\nx1,乙,112.5,34.6\n");
  auto const r = run({zhitu_binary(), "check", "--licence", "CC0-1.0", "--kind", "site",
                      (dir / "a.csv").string()});
  EXPECT_EQ(r.exit_code_, 1);
  EXPECT_NE(r.err_.find(":3: id:"), std::string::npos) << r.err_;
  EXPECT_FALSE(std::filesystem::exists(dir / "var"));
}

TEST(cli, bundled_data_imports_cleanly) {
  temp_dir dir;
  auto const r = import_demo_data(dir / "z.db");
  ASSERT_EQ(r.exit_code_, 0) << r.err_;
  auto const check = run({zhitu_binary(), "check", "--db", (dir / "z.db").string()});
  EXPECT_EQ(check.exit_code_, 0);
  EXPECT_NE(check.out_.find(": ok,"), std::string::npos) << check.out_;
}

TEST(cli, every_subcommand_has_help) {
  for (auto const* sub : {"import", "serve", "query", "export", "check"}) {
    auto const r = run({zhitu_binary(), sub, "--help"});
    EXPECT_EQ(r.exit_code_, 0) << sub;
    EXPECT_NE(r.out_.find("--db"), std::string::npos) << sub;
  }
}

TEST(cli, missing_store_is_an_environment_error) {
  temp_dir dir;
  auto const r = run({zhitu_binary(), "query", "--db", (dir / "none.db").string(), "-q", "x"});
  EXPECT_EQ(r.exit_code_, 2);
  EXPECT_NE(r.err_.find("zhitu import"), std::string::npos) << r.err_;
}

}  // namespace zhitu::test
