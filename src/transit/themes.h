// SPDX-License-Identifier: Apache-2.0
// Itinerary themes: cited lists of places to visit, one data set each (data/themes/).
//
//   auto const out = read_themes("data/themes");
//   for (auto const& e : out.errors_) { std::cerr << e.to_string() << '\n'; }  // file:line: field
//   auto const* capitals = find_theme(out.themes_, "ancient_capitals");
//
// A theme is `<id>.csv` with header place,name_en,adcode,note,source_title,source_url (every
// row cites its source: an http(s) URL and a title) beside `<id>.theme.json` (not a `.meta.json`
// sidecar: a theme is not catalog data for `zhitu import`):
// {"records": "theme", "id": "<id>", "name": {"zh", "en"}, "description": {"zh", "en"}}.
// `place` names a city or station as the timetable does (timetable::resolve). All or nothing:
// with any error no theme is returned.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "io/import.h"

namespace zhitu::transit {

struct theme_place {
  std::string place_;
  std::string name_en_;
  std::string adcode_;
  std::string note_;
  std::string source_title_;
  std::string source_url_;
};

struct theme {
  std::string id_;
  std::string name_zh_;
  std::string name_en_;
  std::string description_zh_;
  std::string description_en_;
  std::vector<theme_place> places_;
};

struct themes_outcome {
  std::vector<theme> themes_;  // by id; empty when there are errors
  std::vector<io::input_error> errors_;
};

themes_outcome read_themes(std::filesystem::path const& dir);

theme const* find_theme(std::vector<theme> const& themes, std::string_view id);

}  // namespace zhitu::transit
