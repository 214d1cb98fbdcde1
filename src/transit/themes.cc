// SPDX-License-Identifier: Apache-2.0
#include "transit/themes.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "io/detail/csv_reader.h"
#include "model/entity.h"

namespace zhitu::transit {

namespace {

constexpr auto kColumns = std::array<std::string_view, 6>{"place", "name_en",      "adcode",
                                                          "note",  "source_title", "source_url"};

std::string read_file(std::filesystem::path const& p) {
  std::ifstream in{p, std::ios::binary};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class theme_reader {
 public:
  explicit theme_reader(std::vector<io::input_error>& errors) : errors_{errors} {}

  void fail(std::string const& file, std::size_t line, std::string field, std::string message) {
    errors_.push_back({file, line, std::nullopt, std::move(field), std::move(message)});
  }

  void read_meta(std::filesystem::path const& path, std::string const& id, theme& t) {
    auto const file = path.filename().string();
    auto const j = nlohmann::json::parse(read_file(path), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return fail(file, 0, "", "expected a JSON object");
    }
    auto const str = [&](char const* key) {
      auto const it = j.find(key);
      return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
    };
    if (str("records") != "theme") {
      fail(file, 0, "records", "expected \"theme\"");
    }
    if (str("id") != id) {
      fail(file, 0, "id", "expected \"" + id + "\", the CSV file's name");
    }
    auto const text = [&](char const* key, char const* lang) -> std::string {
      auto const it = j.find(key);
      if (it == j.end() || !it->is_object() || !it->contains(lang) || !(*it)[lang].is_string() ||
          (*it)[lang].get<std::string>().empty()) {
        fail(file, 0, std::string{key} + "." + lang, "expected a non-empty string");
        return {};
      }
      return (*it)[lang].get<std::string>();
    };
    t.name_zh_ = text("name", "zh");
    t.name_en_ = text("name", "en");
    t.description_zh_ = text("description", "zh");
    t.description_en_ = text("description", "en");
  }

  void read_rows(std::filesystem::path const& path, theme& t) {
    auto const file = path.filename().string();
    auto text = read_file(path);
    std::string_view view{text};
    if (view.starts_with("\xEF\xBB\xBF")) {
      view.remove_prefix(3);
    }
    io::detail::csv_reader r{view};
    io::detail::csv_row row;
    auto header = true;
    std::set<std::string> seen;
    while (r.next(row)) {
      if (row.error_) {
        fail(file, row.error_->line_, "", row.error_->message_);
        continue;
      }
      if (row.blank_) {
        continue;
      }
      if (header) {
        header = false;
        if (!std::equal(row.fields_.begin(), row.fields_.end(), kColumns.begin(), kColumns.end())) {
          fail(file, row.line_, "",
               "expected the header place,name_en,adcode,note,source_title,source_url");
          return;
        }
        continue;
      }
      if (row.fields_.size() != kColumns.size()) {
        fail(file, row.line_, "", "expected 6 fields, got " + std::to_string(row.fields_.size()));
        continue;
      }
      auto const& f = row.fields_;
      theme_place p{f[0], f[1], f[2], f[3], f[4], f[5]};
      for (auto const i : {0, 1, 2, 4}) {
        if (f[static_cast<std::size_t>(i)].empty()) {
          fail(file, row.line_, std::string{kColumns[static_cast<std::size_t>(i)]},
               "required value is empty");
        }
      }
      if (!model::is_valid_source_url(p.source_url_)) {
        fail(file, row.line_, "source_url",
             "expected an http:// or https:// URL, got \"" + p.source_url_ + "\"");
      }
      if (!p.place_.empty() && !seen.insert(p.place_).second) {
        fail(file, row.line_, "place", "\"" + p.place_ + "\" is listed twice");
      }
      t.places_.push_back(std::move(p));
    }
    if (header) {
      fail(file, 1, "", "file is empty: expected a header line");
    } else if (t.places_.empty()) {
      fail(file, 2, "", "the theme lists no place");
    }
  }

 private:
  std::vector<io::input_error>& errors_;
};

}  // namespace

themes_outcome read_themes(std::filesystem::path const& dir) {
  themes_outcome out;
  theme_reader reader{out.errors_};
  std::vector<std::filesystem::path> files;
  for (auto const& e : std::filesystem::directory_iterator{dir}) {
    if (e.path().extension() == ".csv") {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (auto const& csv : files) {
    theme t;
    t.id_ = csv.stem().string();
    auto meta = csv;
    meta.replace_extension(".theme.json");
    if (!std::filesystem::exists(meta)) {
      reader.fail(csv.filename().string(), 0, "", "no " + meta.filename().string() + " beside it");
      continue;
    }
    reader.read_meta(meta, t.id_, t);
    reader.read_rows(csv, t);
    out.themes_.push_back(std::move(t));
  }
  if (!out.errors_.empty()) {
    out.themes_.clear();
  }
  return out;
}

theme const* find_theme(std::vector<theme> const& themes, std::string_view id) {
  auto const it =
      std::find_if(themes.begin(), themes.end(), [&](theme const& t) { return t.id_ == id; });
  return it == themes.end() ? nullptr : &*it;
}

}  // namespace zhitu::transit
