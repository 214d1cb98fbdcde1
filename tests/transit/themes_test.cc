// SPDX-License-Identifier: Apache-2.0
#include "transit/themes.h"

#include <gtest/gtest.h>

#include <fstream>

#include "common/fixtures.h"
#include "transit/test_util.h"

namespace zhitu::transit {
namespace {

constexpr auto kMeta =
    R"({"records": "theme", "id": "capitals", "name": {"zh": "古都", "en": "Capitals"},
 "description": {"zh": "两座古都", "en": "Two capitals"}, "citations": "required"})";
constexpr auto kHeader = "place,name_en,adcode,note,source_title,source_url\n";

void write(std::filesystem::path const& p, std::string const& text) {
  std::ofstream{p, std::ios::binary} << text;
}

std::string errors_of(std::string const& csv, std::string const& meta = kMeta) {
  test::temp_dir const dir;
  write(dir / "capitals.csv", csv);
  write(dir / "capitals.theme.json", meta);
  auto const out = read_themes(dir.path());
  std::string s;
  for (auto const& e : out.errors_) {
    s += e.to_string() + "\n";
  }
  EXPECT_EQ(s.empty(), !out.themes_.empty());  // all or nothing
  return s;
}

TEST(themes, a_cited_theme_reads) {
  test::temp_dir const dir;
  write(dir / "capitals.csv", std::string{kHeader} +
                                  "西安,Xi'an,610100,,List,https://example.org/a\n"
                                  "洛阳,Luoyang,410300,\"13 dynasties, 1,500 years\",List,"
                                  "https://example.org/b\n");
  write(dir / "capitals.theme.json", kMeta);
  auto const out = read_themes(dir.path());
  ASSERT_TRUE(out.errors_.empty());
  auto const* t = find_theme(out.themes_, "capitals");
  ASSERT_NE(nullptr, t);
  EXPECT_EQ("古都", t->name_zh_);
  ASSERT_EQ(2U, t->places_.size());
  EXPECT_EQ("13 dynasties, 1,500 years", t->places_[1].note_);
  EXPECT_EQ(nullptr, find_theme(out.themes_, "capital"));
}

TEST(themes, every_row_cites_its_source) {
  EXPECT_EQ(
      "capitals.csv:2: source_url: expected an http:// or https:// URL, got \"\"\n"
      "capitals.csv:3: source_title: required value is empty\n"
      "capitals.csv:3: source_url: expected an http:// or https:// URL, got "
      "\"ftp://example.org\"\n",
      errors_of(std::string{kHeader} + "西安,Xi'an,610100,,List,\n" +
                "洛阳,Luoyang,410300,,,ftp://example.org\n"));
}

TEST(themes, rows_headers_and_meta_are_checked) {
  EXPECT_EQ(
      "capitals.csv:1: expected the header place,name_en,adcode,note,source_title,source_url\n",
      errors_of("place,source\n西安,x\n"));
  EXPECT_EQ("capitals.csv:3: place: \"西安\" is listed twice\n",
            errors_of(std::string{kHeader} + "西安,Xi'an,610100,,L,https://a.org\n" +
                      "西安,Xian,610100,,L,https://a.org\n"));
  EXPECT_EQ("capitals.csv:2: expected 6 fields, got 3\ncapitals.csv:2: the theme lists no place\n",
            errors_of(std::string{kHeader} + "西安,Xi'an,610100\n"));
  EXPECT_EQ("capitals.csv:2: the theme lists no place\n", errors_of(kHeader));
  EXPECT_EQ(
      "capitals.theme.json: id: expected \"capitals\", the CSV file's name\n"
      "capitals.theme.json: description.en: expected a non-empty string\n",
      errors_of(std::string{kHeader} + "西安,Xi'an,610100,,L,https://a.org\n",
                R"({"records": "theme", "id": "capital", "name": {"zh": "古都", "en": "C"},
                   "description": {"zh": "两座"}})"));
}

TEST(themes, the_bundled_themes_read_and_name_places_the_timetable_knows) {
  auto const out = read_themes(ZHITU_SOURCE_DIR "/data/themes");
  for (auto const& e : out.errors_) {
    ADD_FAILURE() << e.to_string();
  }
  auto const tt = timetable::build(read_gtfs(ZHITU_SOURCE_DIR "/data/rail/gtfs").feed_);
  for (auto const* id : {"ancient_capitals", "provincial_capitals", "historic_cities"}) {
    auto const* t = find_theme(out.themes_, id);
    ASSERT_NE(nullptr, t) << id;
    auto known = std::size_t{0};
    for (auto const& p : t->places_) {
      known += tt.resolve(p.place_).has_value() ? 1U : 0U;
    }
    // Places without a key station are left out of tours with the reason.
    EXPECT_GE(known, std::string_view{id} == "historic_cities" ? 60U : t->places_.size() - 1) << id;
  }
  EXPECT_EQ(8U, find_theme(out.themes_, "ancient_capitals")->places_.size());
  EXPECT_EQ(31U, find_theme(out.themes_, "provincial_capitals")->places_.size());
}

}  // namespace
}  // namespace zhitu::transit
