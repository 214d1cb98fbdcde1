// SPDX-License-Identifier: Apache-2.0
// Relation files and per-record citations: what the atlas's curated facts need.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace zhitu::io {

using test::csv;
using test::make_meta;
using test::messages;
using ::testing::ElementsAre;

namespace {

file_meta relations_meta() {
  auto m = make_meta();
  m.records_ = record_kind::kRelations;
  m.citations_required_ = true;
  return m;
}

file_meta cited_meta() {
  auto m = make_meta("person");
  m.geometry_required_ = false;
  m.citations_required_ = true;
  return m;
}

constexpr std::string_view kRelationHeader =
    "subject,predicate,object,start,end,source_title,source_url\n";

}  // namespace

TEST(relations_import, rows_become_relations_with_time_and_citation) {
  auto const out = csv(std::string{kRelationHeader} +
                           "ly-wu-zetian,commissioned,ly-vairocana,672,675,维基百科：卢舍那大佛,"
                           "https://zh.wikipedia.org/wiki/x\n"
                           "ly-shendu,capital_of,dyn-wu-zhou,690,705,Wikipedia: Shendu,"
                           "http://en.wikipedia.org/wiki/Luoyang\n",
                       relations_meta());
  ASSERT_TRUE(out.ok()) << testing::PrintToString(messages(out));
  ASSERT_EQ(out.batch_.relations_.size(), 2U);
  EXPECT_TRUE(out.batch_.entities_.empty());
  auto const& r = out.batch_.relations_[0];
  EXPECT_EQ(r.subject_, "ly-wu-zetian");
  EXPECT_EQ(r.predicate_, "commissioned");
  EXPECT_EQ(r.object_, "ly-vairocana");
  EXPECT_EQ(r.time_, model::time_span::exact(672, 675));
  EXPECT_EQ(r.source_, (model::source_ref{"test_set", "line 2", "维基百科：卢舍那大佛",
                                          "https://zh.wikipedia.org/wiki/x"}));
}

TEST(relations_import, one_year_alone_stands_for_both_ends) {
  auto const out = csv(std::string{kRelationHeader} + "a,inscribed_in,b,,2000,t,https://x.org\n",
                       relations_meta());
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out.batch_.relations_[0].time_, model::time_span::exact(2000, 2000));
}

TEST(relations_import, a_fact_without_a_source_is_refused_and_nothing_is_read) {
  auto const out = csv(std::string{kRelationHeader} +
                           "a,part_of,b,,,t,https://x.org\n"
                           "a,near,c,,,,https://x.org\n"
                           "a,near,d,,,t,\n"
                           "a,near,e,,,t,ftp://x.org\n"
                           "a,near,f,,,t,https://x.org/a b\n",
                       relations_meta());
  EXPECT_THAT(messages(out),
              ElementsAre("t.csv:3: source_title: missing the title of the cited source (this "
                          "data set requires a source for every fact)",
                          "t.csv:4: source_url: missing the URL of the cited source (this data "
                          "set requires a source for every fact)",
                          "t.csv:5: source_url: expected an http:// or https:// URL without "
                          "spaces, got \"ftp://x.org\"",
                          "t.csv:6: source_url: expected an http:// or https:// URL without "
                          "spaces, got \"https://x.org/a b\""));
  EXPECT_TRUE(out.batch_.relations_.empty());
}

TEST(relations_import, source_columns_are_required_when_citations_are) {
  auto const out = csv("subject,predicate,object\na,near,b\n", relations_meta());
  EXPECT_THAT(messages(out),
              ElementsAre("t.csv:1: source_title: missing column (this data set requires a "
                          "source for every fact)",
                          "t.csv:1: source_url: missing column (this data set requires a "
                          "source for every fact)"));
}

TEST(relations_import, without_required_citations_a_source_is_optional) {
  auto m = relations_meta();
  m.citations_required_ = false;
  auto const out = csv("subject,predicate,object\na,near,b\n", m);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out.batch_.relations_[0].source_, (model::source_ref{"test_set", "line 2", "", ""}));
}

TEST(relations_import, bad_ids_predicates_years_and_self_links_are_reported) {
  auto const out = csv(std::string{kRelationHeader} +
                           "a b,near,c,,,t,https://x.org\n"
                           "a,Part Of,c,,,t,https://x.org\n"
                           "a,near,a,,,t,https://x.org\n"
                           "a,near,c,700,600,t,https://x.org\n"
                           "a,near,c,soon,,t,https://x.org\n"
                           ",near,c,,,t,https://x.org\n",
                       relations_meta());
  EXPECT_THAT(
      messages(out),
      ElementsAre(
          "t.csv:2: subject: \"a b\" is not a valid entity id (no spaces, '/', '?', '#', '%' or "
          "'\\')",
          "t.csv:3: predicate: expected a lower_snake_case predicate such as part_of, got "
          "\"Part Of\"",
          "t.csv:4: object: relates \"a\" to itself", "t.csv:5: end: end 600 is before start 700",
          "t.csv:6: start: expected a year such as 618, -770, 公元前770年 or 770 BCE, got \"soon\"",
          "t.csv:7: subject: missing entity id"));
}

TEST(relations_import, a_repeated_fact_names_its_first_line) {
  auto const out = csv(std::string{kRelationHeader} +
                           "a,near,b,,,t,https://x.org\n"
                           "a,near,b,,,other,https://y.org\n",
                       relations_meta());
  EXPECT_THAT(messages(out), ElementsAre("t.csv:3: the same relation as line 2"));
}

TEST(relations_import, unknown_columns_are_refused) {
  auto const out =
      csv("subject,predicate,object,weight,source_title,source_url\n", relations_meta());
  EXPECT_THAT(messages(out),
              ElementsAre("t.csv:1: weight: unknown column (a relations file has subject, "
                          "predicate, object, start, end, source_title, source_url)"));
}

TEST(relations_import, a_relations_meta_file_may_not_map_columns) {
  auto const dir = test::temp_dir();
  auto const file = test::write_file(dir / "r.csv", std::string{kRelationHeader});
  test::write_file(dir / "r.csv.meta.json",
                   R"({"dataset": {"id": "r", "licence": "CC0-1.0"}, "records": "relations",
                       "columns": {"id": "subject"}})");
  auto const out = read_files({file}, {});
  EXPECT_THAT(
      messages(out),
      ElementsAre(file.string() + ": columns: a relations file has fixed column names (subject, "
                                  "predicate, object, start, end, source_title, source_url); drop "
                                  "\"columns\" from its meta file"));
}

TEST(relations_import, entities_and_relations_of_one_data_set_name_their_files) {
  auto const dir = test::temp_dir();
  auto const meta = std::string{R"({"dataset": {"id": "atlas", "licence": "CC0-1.0"}, )"};
  auto const people = test::write_file(
      dir / "people.csv",
      "id,name,kind,source_title,source_url\nly-a,甲,person,t,https://x.org\nly-b,乙,person,t,"
      "https://x.org\n");
  test::write_file(dir / "people.csv.meta.json",
                   meta + R"("geometry": "optional", "citations": "required"})");
  auto const links = test::write_file(
      dir / "links.csv", std::string{kRelationHeader} + "ly-a,teacher_of,ly-b,,,t,https://x.org\n");
  test::write_file(dir / "links.csv.meta.json",
                   meta + R"("records": "relations", "citations": "required"})");
  auto const out = read_files({people, links}, {});
  ASSERT_TRUE(out.ok()) << testing::PrintToString(messages(out));
  ASSERT_EQ(out.batch_.entities_.size(), 2U);
  ASSERT_EQ(out.batch_.relations_.size(), 1U);
  EXPECT_EQ(out.batch_.entities_[1].sources_[0].record_, "people.csv line 3");
  EXPECT_EQ(out.batch_.relations_[0].source_.record_, "links.csv line 2");
  EXPECT_EQ(out.batch_.datasets_.size(), 1U);
}

TEST(relations_import, relations_in_geojson_are_refused) {
  auto const dir = test::temp_dir();
  auto const file =
      test::write_file(dir / "r.geojson", R"({"type":"FeatureCollection","features":[]})");
  test::write_file(dir / "r.geojson.meta.json",
                   R"({"dataset": {"id": "r", "licence": "CC0-1.0"}, "records": "relations"})");
  auto const out = read_files({file}, {});
  EXPECT_THAT(
      messages(out),
      ElementsAre(file.string() + ": records: relations are read from CSV files only (subject, "
                                  "predicate, object, ...); an N-Triples file gives entities and "
                                  "their relations together"));
}

TEST(citation_import, an_entity_row_keeps_its_citation) {
  auto const out =
      csv("id,name,source_title,source_url\nly-bai-juyi,白居易,维基百科：白居易,"
          "https://zh.wikipedia.org/wiki/%E7%99%BD%E5%B1%85%E6%98%93\n",
          cited_meta());
  ASSERT_TRUE(out.ok()) << testing::PrintToString(messages(out));
  auto const& s = out.batch_.entities_[0].sources_[0];
  EXPECT_EQ(s.title_, "维基百科：白居易");
  EXPECT_EQ(s.url_, "https://zh.wikipedia.org/wiki/%E7%99%BD%E5%B1%85%E6%98%93");
  EXPECT_EQ(out.batch_.entities_[0].properties_, "{}");  // not also kept as properties
}

TEST(citation_import, an_entity_without_a_source_is_refused) {
  auto const out =
      csv("id,name,source_title,source_url\nly-a,甲,,\nly-b,乙,t,https://x.org\n", cited_meta());
  EXPECT_THAT(messages(out),
              ElementsAre("t.csv:2: source_title: missing the title of the cited source (this "
                          "data set requires a source for every fact)"));
  EXPECT_TRUE(out.batch_.entities_.empty());
}

TEST(citation_import, required_citations_need_their_columns) {
  auto const out = csv("id,name\nly-a,甲\n", cited_meta());
  EXPECT_THAT(messages(out),
              ElementsAre("t.csv:1: source_title: no \"source_title\" column, and this data set "
                          "requires a source for every fact",
                          "t.csv:1: source_url: no \"source_url\" column, and this data set "
                          "requires a source for every fact"));
}

TEST(citation_import, an_optional_citation_needs_title_and_url_together) {
  auto m = cited_meta();
  m.citations_required_ = false;
  auto const out = csv("id,name,source_title,source_url\nly-a,甲,,\nly-b,乙,t,\n", m);
  EXPECT_THAT(messages(out),
              ElementsAre("t.csv:3: source_url: missing the URL of the cited source (a citation "
                          "needs both title and URL)"));
}

TEST(citation_import, geojson_properties_carry_citations_too) {
  auto const out = test::geojson(
      R"({"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":null,)"
      R"("properties":{"name":"甲","source_title":"t"}}]})",
      cited_meta());
  EXPECT_THAT(messages(out),
              ElementsAre("t.geojson: feature 0: properties.source_url: missing the URL of the "
                          "cited source (this data set requires a source for every fact)"));
}

}  // namespace zhitu::io
