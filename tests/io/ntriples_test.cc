// SPDX-License-Identifier: Apache-2.0
// N-Triples: the reader on the grammar's corners, and Wikidata-style items → entities and
// relations.
#include "io/detail/ntriples.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace zhitu::io {

using test::make_meta;
using test::messages;
using ::testing::ElementsAre;

namespace {

std::vector<detail::rdf_triple> triples(std::string_view text) {
  detail::ntriples_reader r{text};
  std::vector<detail::rdf_triple> out;
  detail::rdf_triple t;
  while (r.next(t)) {
    out.push_back(t);
  }
  return out;
}

std::string error_of(std::string_view line) {
  auto const ts = triples(line);
  if (ts.size() != 1 || !ts[0].error_) {
    return "no error";
  }
  return "column " + std::to_string(ts[0].error_->column_) + ": " + ts[0].error_->message_;
}

read_outcome nt(std::string_view text, file_meta meta = make_meta()) {
  return read_ntriples(text, "t.nt", meta, 100);
}

constexpr auto kWd = "http://www.wikidata.org/entity/";

// Two items as Wikidata's truthy dump writes them (labels, coordinates, class, inception, a
// link between them), plus one with a W3C geo point.
std::string const kItems =
    std::string{} +
    "# items\n"
    "<" +
    kWd +
    "Q1> <http://www.w3.org/2000/01/rdf-schema#label> \"龙门石窟\"@zh .\n"
    "<" +
    kWd +
    "Q1> <http://www.w3.org/2000/01/rdf-schema#label> \"Longmen Grottoes\"@en .\n"
    "<" +
    kWd +
    "Q1> <http://www.w3.org/2000/01/rdf-schema#label> \"龍門石窟\"@zh-hant .\n"
    "<" +
    kWd +
    "Q1> <http://www.w3.org/2004/02/skos/core#altLabel> \"伊阙石窟\"@zh .\n"
    "<" +
    kWd +
    "Q1> <http://www.wikidata.org/prop/direct/P625> "
    "\"Point(112.471269 34.559899)\"^^<http://www.opengis.net/ont/geosparql#wktLiteral> .\n"
    "<" +
    kWd + "Q1> <http://www.wikidata.org/prop/direct/P31> <" + kWd +
    "Q9259> .\n"
    "<" +
    kWd +
    "Q1> <http://www.wikidata.org/prop/direct/P571> "
    "\"+0493-01-01T00:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n"
    "<" +
    kWd + "Q1> <http://www.wikidata.org/prop/direct/P131> <" + kWd +
    "Q2> .\n"
    "<" +
    kWd + "Q1> <http://www.wikidata.org/prop/direct/P1435> <" + kWd +
    "Q1188447> .\n"
    "<" +
    kWd +
    "Q1> <http://schema.org/description> \"佛教石窟\"@zh .\n"
    "\n"
    "<" +
    kWd +
    "Q2> <http://www.w3.org/2000/01/rdf-schema#label> \"洛龙区\"@zh .\n"
    "<" +
    kWd +
    "Q2> <http://www.w3.org/2003/01/geo/wgs84_pos#lat> \"34.619\" .\n"
    "<" +
    kWd +
    "Q2> <http://www.w3.org/2003/01/geo/wgs84_pos#long> \"112.456\" .\n"
    "<" +
    kWd +
    "Q3> <http://www.w3.org/2000/01/rdf-schema#label> \"秦咸阳城\"@zh .\n"
    "<" +
    kWd +
    "Q3> <http://www.wikidata.org/prop/direct/P625> \"Point(108.76 34.38)\" .\n"
    "<" +
    kWd +
    "Q3> <http://www.wikidata.org/prop/direct/P571> "
    "\"-0349\"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n"
    "<" +
    kWd + "Q3> <http://www.wikidata.org/prop/direct/P576> \"-0205-12-01T00:00:00Z\" .\n";

}  // namespace

TEST(ntriples_reader, terms_escapes_tags_and_datatypes) {
  auto const ts = triples(
      "<http://a.org/s> <http://a.org/p> \"tab\\there \\\"q\\\" \\u9F99\\U0001F600\"@zh-Hans-CN "
      ".\r\n"
      "_:b1 <http://a.org/p> \"7\"^^<http://www.w3.org/2001/XMLSchema#integer> . # comment\n"
      "  # a comment line\n"
      "<http://a.org/s> <http://a.org/p> _:b2.\n"
      "<http://a.org/\\u00E9> <http://a.org/p> <http://a.org/o> .");
  ASSERT_EQ(ts.size(), 4U);
  for (auto const& t : ts) {
    EXPECT_FALSE(t.error_) << t.line_ << ": " << t.error_->message_;
  }
  EXPECT_EQ(ts[0].object_.value_, "tab\there \"q\" 龙😀");
  EXPECT_EQ(ts[0].object_.lang_, "zh-hans-cn");
  EXPECT_EQ(ts[1].subject_.type_, detail::rdf_term::type::kBlank);
  EXPECT_EQ(ts[1].subject_.value_, "b1");
  EXPECT_EQ(ts[1].object_.datatype_, "http://www.w3.org/2001/XMLSchema#integer");
  EXPECT_EQ(ts[2].line_, 4U);
  EXPECT_EQ(ts[2].object_.value_, "b2");
  EXPECT_EQ(ts[3].subject_.value_, "http://a.org/é");
}

TEST(ntriples_reader, errors_say_where_and_what) {
  EXPECT_EQ("column 38: expected '.' to end the triple",
            error_of("<http://a.org/s> <http://a.org/p> \"x\""));
  EXPECT_EQ("column 18: relative IRI <p>: N-Triples needs absolute IRIs (scheme:...)",
            error_of("<http://a.org/s> <p> \"x\" ."));
  EXPECT_EQ("column 18: expected a predicate <IRI>, got '\"'",
            error_of("<http://a.org/s> \"p\" \"x\" ."));
  EXPECT_EQ("column 35: string literal not closed with '\"'",
            error_of("<http://a.org/s> <http://a.org/p> \"x ."));
  EXPECT_EQ("column 38: unknown escape \\q (expected \\t \\b \\n \\r \\f \\\" \\' \\\\ \\u \\U)",
            error_of("<http://a.org/s> <http://a.org/p> \"a\\q\" ."));
  EXPECT_EQ("column 36: escape is not a Unicode scalar value (surrogate or above U+10FFFF)",
            error_of("<http://a.org/s> <http://a.org/p> \"\\uD800\" ."));
  EXPECT_EQ("column 33: character not allowed in an IRI (spaces, quotes, <, {, }, |, ^, `)",
            error_of("<http://a.org/s> <http://a.org/p q> \"x\" ."));
  EXPECT_EQ("column 39: expected a language tag after '@' (such as zh, en, zh-Hans)",
            error_of("<http://a.org/s> <http://a.org/p> \"x\"@ ."));
  EXPECT_EQ("column 41: unexpected text after the triple's '.'",
            error_of("<http://a.org/s> <http://a.org/p> \"x\" . <x>"));
  // A bad line does not hide the next one.
  auto const ts = triples("<bad\n<http://a.org/s> <http://a.org/p> \"x\" .\n");
  ASSERT_EQ(ts.size(), 2U);
  EXPECT_TRUE(ts[0].error_);
  EXPECT_FALSE(ts[1].error_);
}

TEST(ntriples_import, wikidata_items_become_entities_with_names_points_kinds_and_years) {
  auto meta = make_meta("");
  meta.kind_ = "place";
  meta.rdf_kinds_ = {{"Q9259", "world_heritage"}};
  auto const out = nt(kItems, meta);
  ASSERT_TRUE(out.ok()) << testing::PrintToString(messages(out));
  ASSERT_EQ(out.batch_.entities_.size(), 3U);
  auto const& q1 = out.batch_.entities_[0];
  EXPECT_EQ(q1.id_, "Q1");
  EXPECT_EQ(q1.kind_, "world_heritage");
  EXPECT_EQ(q1.names_.zh_, "龙门石窟");
  EXPECT_EQ(q1.names_.en_, "Longmen Grottoes");
  EXPECT_THAT(q1.names_.aliases_, ElementsAre("龍門石窟", "伊阙石窟"));
  EXPECT_EQ(q1.geometry_, model::make_point({112.471269, 34.559899}));
  EXPECT_EQ(q1.time_, model::time_span::exact(493, 493));
  auto const props = nlohmann::json::parse(q1.properties_);
  EXPECT_EQ(props["p1435"], "http://www.wikidata.org/entity/Q1188447");
  EXPECT_EQ(props["class"], "Q9259");
  EXPECT_EQ(props["description_zh"], "佛教石窟");
  EXPECT_EQ(q1.sources_.at(0).record_, "line 2");
  auto const& q2 = out.batch_.entities_[1];
  EXPECT_EQ(q2.kind_, "place");  // no class: the data set's kind
  EXPECT_EQ(q2.geometry_, model::make_point({112.456, 34.619}));
  // XSD years are astronomical: -0349 is 350 BCE.
  EXPECT_EQ(out.batch_.entities_[2].time_, model::time_span::exact(-349, -205));
  // The item's link to another item of the file is a relation; to one outside, a property.
  ASSERT_EQ(out.batch_.relations_.size(), 1U);
  EXPECT_EQ(out.batch_.relations_[0].subject_, "Q1");
  EXPECT_EQ(out.batch_.relations_[0].predicate_, "p131");
  EXPECT_EQ(out.batch_.relations_[0].object_, "Q2");
  EXPECT_EQ(out.batch_.relations_[0].source_.record_, "line 9");
}

TEST(ntriples_import, predicates_map_to_relation_names) {
  auto meta = make_meta("place");
  meta.rdf_predicates_ = {{"http://www.wikidata.org/prop/direct/P131", "located_in"}};
  auto const out = nt(kItems, meta);
  ASSERT_TRUE(out.ok()) << testing::PrintToString(messages(out));
  EXPECT_EQ(out.batch_.relations_.at(0).predicate_, "located_in");
}

// As in CSV and GeoJSON, an era gives the span when no year does, so an export reads back equal.
TEST(ntriples_import, an_era_is_one_text_and_gives_the_span) {
  auto const item = [](std::string const& q, std::string const& era) {
    return "<" + std::string{kWd} + q + "> <http://schema.org/name> \"甲\" .\n<" + kWd + q +
           "> <http://a.org/era> \"" + era + "\" .\n";
  };
  auto meta = make_meta("place");
  meta.geometry_required_ = false;
  auto const out =
      nt(item("Q1", "唐") + item("Q2", "北魏") + item("Q2", "唐") + item("Q3", "清末") + "<" + kWd +
             "Q3> <http://www.wikidata.org/prop/direct/P571> \"1850\" .\n",
         meta);
  ASSERT_TRUE(out.ok()) << testing::PrintToString(messages(out));
  auto const& es = out.batch_.entities_;
  ASSERT_EQ(es.size(), 3U);
  EXPECT_EQ(es[0].time_, model::time_span::exact(618, 907));
  EXPECT_EQ(nlohmann::json::parse(es[1].properties_)["era"], "北魏、唐");
  EXPECT_EQ(es[2].time_, model::time_span::exact(1850, 1850));  // the year wins
  EXPECT_EQ(nlohmann::json::parse(es[2].properties_)["era"], "清末");
}

TEST(ntriples_import, gcj02_points_are_converted) {
  auto meta = make_meta("place");
  meta.crs_ = model::crs::kGcj02;
  // 洛阳站 as Amap gives it (GCJ-02) and its WGS84 point (data/README.md, china_rail).
  auto const out =
      nt(std::string{"<"} + kWd +
             "Q9> <http://www.w3.org/2000/01/rdf-schema#label> \"洛阳站\"@zh .\n<" + kWd +
             "Q9> <http://www.wikidata.org/prop/direct/P625> "
             "\"Point(112.436235 34.685686)\" .\n",
         meta);
  ASSERT_TRUE(out.ok()) << testing::PrintToString(messages(out));
  auto const p = out.batch_.entities_[0].geometry_->points_.at(0);
  EXPECT_NEAR(p.lon_, 112.429938, 2e-5);
  EXPECT_NEAR(p.lat_, 34.68662, 2e-5);
}

TEST(ntriples_import, bad_items_are_reported_and_nothing_is_read) {
  auto const out = nt(std::string{} + "<" + kWd +
                      "Q1> <http://www.wikidata.org/prop/direct/P625> \"Point(1)\" .\n"
                      "<" +
                      kWd +
                      "Q1> <http://www.w3.org/2000/01/rdf-schema#label> \"甲\"@zh .\n"
                      "_:x <http://www.w3.org/2000/01/rdf-schema#label> \"乙\" .\n"
                      "<" +
                      kWd +
                      "Q3> <http://www.w3.org/2000/01/rdf-schema#label> \"丙\"@zh .\n"
                      "<" +
                      kWd +
                      "Q3> <http://www.wikidata.org/prop/direct/P571> \"circa 600\" .\n"
                      "<" +
                      kWd +
                      "Q3> <http://www.wikidata.org/prop/direct/P625> \"Point(1 2)\" .\n"
                      "<http://b.org/x/Q3> <http://www.w3.org/2000/01/rdf-schema#label> \"丁\" .\n"
                      "<" +
                      kWd +
                      "Q4> <http://www.wikidata.org/prop/direct/P625> \"Point(1 2)\" .\n"
                      "<" +
                      kWd + "Q5> <http://www.w3.org/2000/01/rdf-schema#label> \"戊\" \n");
  EXPECT_FALSE(out.ok());
  EXPECT_TRUE(out.batch_.entities_.empty());
  EXPECT_THAT(
      messages(out),
      ElementsAre(
          "t.nt:3: subject: blank node _:x as a subject: entities need an IRI (its last segment "
          "is the id)",
          "t.nt:9: column 88: expected '.' to end the triple",
          "t.nt:7: subject: <http://b.org/x/Q3> and <http://www.wikidata.org/entity/Q3> would both "
          "be entity \"Q3\"",
          "t.nt:1: geometry: line 1: expected a WKT point such as \"Point(112.47 34.55)\", got "
          "\"Point(1)\"",
          "t.nt:4: start: line 5: expected an xsd date or year such as \"+0618-01-01T00:00:00Z\", "
          "got \"circa 600\"",
          "t.nt:8: name: missing name (give name or name_en)"));
}

TEST(ntriples_import, read_files_knows_the_extension_and_the_meta_keys) {
  auto const dir = test::temp_dir();
  auto const file = test::write_file(dir / "items.nt", kItems);
  test::write_file(dir / "items.nt.meta.json", R"({
    "dataset": {"id": "wd_sample", "title": "Sample items", "licence": "CC0-1.0"},
    "kind": "place", "kinds": {"Q9259": "world_heritage"},
    "predicates": {"P131": "located_in"}})");
  auto const out = read_files({file}, {});
  ASSERT_TRUE(out.ok()) << testing::PrintToString(messages(out));
  EXPECT_EQ(out.batch_.entities_.size(), 3U);
  EXPECT_EQ(out.batch_.entities_[0].kind_, "world_heritage");
  EXPECT_EQ(out.batch_.relations_.at(0).predicate_, "located_in");

  test::write_file(dir / "items.nt.meta.json", R"({
    "dataset": {"id": "wd_sample", "title": "Sample items", "licence": "CC0-1.0"},
    "kinds": {"Q9259": "World Heritage"}})");
  EXPECT_THAT(messages(read_files({file}, {})),
              ElementsAre(testing::HasSubstr(
                  "kinds.Q9259: \"World Heritage\" is not a valid name (lower_snake_case")));
}

}  // namespace zhitu::io
