// SPDX-License-Identifier: Apache-2.0
#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "common/fixtures.h"

namespace zhitu::store {

namespace {

model::batch small_batch(std::string const& dataset = "test") {
  model::batch b;
  b.datasets_ = {test::test_dataset(dataset)};
  b.files_ = {"test.csv"};
  auto longmen = test::make_entity("nhs-1-37", "heritage_site", "龙门石窟", "Longmen Grottoes",
                                   112.471269, 34.559899);
  longmen.names_.aliases_ = {"伊阙石窟"};
  longmen.time_ = model::time_span{493, 493, 1127, 1200};
  longmen.properties_ = R"({"batch":1,"era":"北魏至宋"})";
  longmen.sources_ = {{dataset, "line 38", "UNESCO: Longmen Grottoes",
                       "https://whc.unesco.org/en/list/1003"}};
  auto station = test::make_entity("rail-LYF", "station", "洛阳", "", 112.429938, 34.68662);
  station.sources_ = {{dataset, "line 2"}};
  b.entities_ = {longmen, station};
  b.relations_ = {{"nhs-1-37", "near", "rail-LYF", std::nullopt, {dataset, "line 3"}},
                  {"rail-LYF", "serves", "nhs-1-37", model::time_span::exact(1955, 2024),
                   {dataset, "line 4", "维基百科：洛阳站",
                    "https://zh.wikipedia.org/wiki/%E6%B4%9B%E9%98%B3%E7%AB%99"}}};
  return b;
}

}  // namespace

TEST(sqlite_store, new_store_has_current_schema) {
  test::temp_dir dir;
  sqlite_store const s{dir / "z.db", open_mode::kReadWrite};
  EXPECT_EQ(s.stats().schema_version_, sqlite_store::kSchemaVersion);
  EXPECT_EQ(s.stats().n_entities_, 0U);
  EXPECT_TRUE(s.integrity_problems().empty());
}

TEST(sqlite_store, import_then_load_round_trips) {
  test::temp_dir dir;
  sqlite_store s{dir / "z.db", open_mode::kReadWrite};
  auto const b = small_batch();
  auto const r = s.import(b, on_existing::kFail);
  ASSERT_TRUE(r) << r.err().message_;
  EXPECT_EQ(r->n_entities_, 2U);
  EXPECT_EQ(r->n_relations_, 2U);

  sqlite_store const reader{dir / "z.db", open_mode::kReadOnly};
  auto const entities = reader.load_entities();
  ASSERT_EQ(entities.size(), 2U);
  EXPECT_EQ(entities[0], b.entities_[0]);  // ordered by id
  EXPECT_EQ(entities[1], b.entities_[1]);
  EXPECT_EQ(reader.load_datasets(), b.datasets_);
  EXPECT_EQ(reader.load_relations(), b.relations_);
}

TEST(sqlite_store, second_import_of_a_dataset_is_refused_and_changes_nothing) {
  test::temp_dir dir;
  sqlite_store s{dir / "z.db", open_mode::kReadWrite};
  ASSERT_TRUE(s.import(small_batch(), on_existing::kFail));
  auto const before = s.load_entities();
  auto again = small_batch();
  again.entities_.push_back(test::make_entity("extra", "site", "新", "", 1, 1));
  auto const r = s.import(again, on_existing::kFail);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().kind_, error_kind::kConflict);
  EXPECT_NE(r.err().message_.find("--replace"), std::string::npos);
  EXPECT_EQ(s.load_entities(), before);
}

TEST(sqlite_store, replace_swaps_a_datasets_entities) {
  test::temp_dir dir;
  sqlite_store s{dir / "z.db", open_mode::kReadWrite};
  ASSERT_TRUE(s.import(small_batch(), on_existing::kFail));
  model::batch b;
  b.datasets_ = {test::test_dataset()};
  b.entities_ = {test::make_entity("only", "site", "唯一", "", 1, 1)};
  auto const r = s.import(b, on_existing::kReplace);
  ASSERT_TRUE(r) << r.err().message_;
  EXPECT_EQ(r->n_replaced_, 2U);
  auto const entities = s.load_entities();
  ASSERT_EQ(entities.size(), 1U);
  EXPECT_EQ(entities[0].id_, "only");
  EXPECT_TRUE(s.load_relations().empty());
}

TEST(sqlite_store, id_owned_by_another_dataset_is_a_conflict) {
  test::temp_dir dir;
  sqlite_store s{dir / "z.db", open_mode::kReadWrite};
  ASSERT_TRUE(s.import(small_batch("first"), on_existing::kFail));
  auto const r = s.import(small_batch("second"), on_existing::kFail);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().kind_, error_kind::kConflict);
  EXPECT_NE(r.err().message_.find("nhs-1-37 (in data set first)"), std::string::npos)
      << r.err().message_;
  EXPECT_EQ(s.stats().n_datasets_, 1U);  // the second data set's row was rolled back too
  EXPECT_EQ(s.stats().n_entities_, 2U);
}

TEST(sqlite_store, relation_to_unknown_entity_is_rejected_whole) {
  test::temp_dir dir;
  sqlite_store s{dir / "z.db", open_mode::kReadWrite};
  auto b = small_batch();
  b.relations_.push_back({"nhs-1-37", "built_by", "nobody", std::nullopt, {"test", "line 9"}});
  auto const r = s.import(b, on_existing::kFail);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().message_, "line 9: relation names unknown entity \"nobody\"; nothing was imported");
  EXPECT_EQ(s.stats().n_entities_, 0U);
  EXPECT_EQ(s.stats().n_datasets_, 0U);
}

TEST(sqlite_store, version_1_store_is_migrated_keeping_its_relations) {
  test::temp_dir dir;
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open((dir / "z.db").c_str(), &raw), SQLITE_OK);
    // The schema as released at version 1 (relations without citations).
    auto const* v1 =
        "CREATE TABLE datasets(id TEXT PRIMARY KEY, title TEXT NOT NULL, licence TEXT NOT NULL, "
        "url TEXT NOT NULL, attribution TEXT NOT NULL, files TEXT NOT NULL, imported_at TEXT NOT "
        "NULL) WITHOUT ROWID;"
        "CREATE TABLE entities(id TEXT PRIMARY KEY, kind TEXT NOT NULL, name_zh TEXT NOT NULL, "
        "name_en TEXT NOT NULL, aliases TEXT NOT NULL, geometry TEXT, min_lon REAL, min_lat REAL, "
        "max_lon REAL, max_lat REAL, start_earliest INTEGER, start_latest INTEGER, end_earliest "
        "INTEGER, end_latest INTEGER, properties TEXT NOT NULL, dataset TEXT NOT NULL REFERENCES "
        "datasets(id), sources TEXT NOT NULL);"
        "CREATE TABLE relations(subject TEXT NOT NULL, predicate TEXT NOT NULL, object TEXT NOT "
        "NULL, start_earliest INTEGER, start_latest INTEGER, end_earliest INTEGER, end_latest "
        "INTEGER, dataset TEXT NOT NULL REFERENCES datasets(id), record TEXT NOT NULL);"
        "CREATE TABLE imports(seq INTEGER PRIMARY KEY, at TEXT NOT NULL, datasets TEXT NOT NULL, "
        "files TEXT NOT NULL, n_entities INTEGER NOT NULL, n_relations INTEGER NOT NULL);"
        "INSERT INTO datasets VALUES('old', 'Old', 'CC0-1.0', '', '', '[]', '2026-01-01');"
        "INSERT INTO relations VALUES('a', 'near', 'b', NULL, NULL, NULL, NULL, 'old', 'line 2');"
        "PRAGMA user_version=1;";
    ASSERT_EQ(sqlite3_exec(raw, v1, nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
  }
  sqlite_store const s{dir / "z.db", open_mode::kReadWrite};
  EXPECT_EQ(s.stats().schema_version_, sqlite_store::kSchemaVersion);
  auto const relations = s.load_relations();
  ASSERT_EQ(relations.size(), 1U);
  EXPECT_EQ(relations[0].source_, (model::source_ref{"old", "line 2", "", ""}));
}

TEST(sqlite_store, read_only_open_of_missing_file_says_how_to_create_it) {
  test::temp_dir dir;
  try {
    sqlite_store const s{dir / "missing.db", open_mode::kReadOnly};
    FAIL() << "expected an exception";
  } catch (zhitu::exception const& e) {
    EXPECT_NE(std::string{e.what()}.find("zhitu import"), std::string::npos) << e.what();
  }
}

TEST(sqlite_store, refuses_foreign_database) {
  test::temp_dir dir;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "other.db").c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_THROW((sqlite_store{dir / "other.db", open_mode::kReadWrite}), zhitu::exception);
}

TEST(sqlite_store, refuses_newer_schema) {
  test::temp_dir dir;
  { sqlite_store const s{dir / "z.db", open_mode::kReadWrite}; }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "z.db").c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_THROW((sqlite_store{dir / "z.db", open_mode::kReadOnly}), zhitu::exception);
}

TEST(sqlite_store, data_version_changes_when_another_connection_commits) {
  test::temp_dir dir;
  sqlite_store writer{dir / "z.db", open_mode::kReadWrite};
  sqlite_store const reader{dir / "z.db", open_mode::kReadOnly};
  auto const before = reader.data_version();
  ASSERT_TRUE(writer.import(small_batch(), on_existing::kFail));
  EXPECT_NE(reader.data_version(), before);
}

TEST(sqlite_store, reports_progress) {
  test::temp_dir dir;
  sqlite_store s{dir / "z.db", open_mode::kReadWrite};
  std::size_t last_done = 0;
  std::size_t last_total = 0;
  ASSERT_TRUE(s.import(small_batch(), on_existing::kFail, [&](std::size_t done, std::size_t total) {
    last_done = done;
    last_total = total;
  }));
  EXPECT_EQ(last_done, 2U);
  EXPECT_EQ(last_total, 2U);
}

}  // namespace zhitu::store
