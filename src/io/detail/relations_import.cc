// SPDX-License-Identifier: Apache-2.0
// CSV rows → relations between entities. The columns have fixed names (a relation has no
// properties to map): subject, predicate, object, start, end, source_title, source_url. Whether
// the subject and object exist is the store's check, made against this import and what it
// already holds.
#include <array>
#include <map>
#include <optional>
#include <tuple>

#include "io/detail/csv_reader.h"
#include "io/detail/parsers.h"
#include "io/detail/text.h"
#include "model/time_span.h"

namespace zhitu::io::detail {

namespace {

enum relation_column : std::size_t {
  kSubject,
  kPredicate,
  kObject,
  kRelStart,
  kRelEnd,
  kCitedTitle,
  kCitedUrl,
  kNumRelationColumns
};
constexpr std::array<std::string_view, kNumRelationColumns> kRelationColumns{
    "subject", "predicate", "object", "start", "end", "source_title", "source_url"};

std::string column_list() {
  std::string s;
  for (auto const c : kRelationColumns) {
    s += (s.empty() ? "" : ", ") + std::string{c};
  }
  return s;
}

}  // namespace

void parse_relations_csv(std::string_view text, std::string const& file, file_meta const& meta,
                         import_context& ctx, read_outcome& out) {
  auto const report = [&](std::size_t line, std::string field, std::string message) {
    ctx.report(
        {.file_ = file, .line_ = line, .field_ = std::move(field), .message_ = std::move(message)});
  };
  if (!meta.explicit_fields_.empty()) {
    report(0, "columns",
           "a relations file has fixed column names (" + column_list() +
               "); drop \"columns\" from its meta file");
    return;
  }
  csv_row row;
  auto opened = open_csv(text, file, "a header row with " + column_list(), ctx, row);
  if (!opened) {
    return;
  }
  auto& reader = *opened;

  std::array<std::optional<std::size_t>, kNumRelationColumns> col;
  auto header_ok = true;
  for (std::size_t i = 0; i < row.fields_.size(); ++i) {
    auto const name = trim(row.fields_[i]);
    std::optional<std::size_t> which;
    for (std::size_t c = 0; c < kNumRelationColumns; ++c) {
      if (name == kRelationColumns[c]) {
        which = c;
      }
    }
    if (!which) {
      report(row.line_, std::string{name},
             "unknown column (a relations file has " + column_list() + ")");
      header_ok = false;
    } else if (col[*which]) {
      report(row.line_, std::string{name}, "duplicate column");
      header_ok = false;
    } else {
      col[*which] = i;
    }
  }
  auto required = std::vector<relation_column>{kSubject, kPredicate, kObject};
  if (meta.citations_required_) {
    required.insert(required.end(), {kCitedTitle, kCitedUrl});
  }
  for (auto const c : required) {
    if (!col[c]) {
      report(row.line_, std::string{kRelationColumns[c]},
             "missing column" +
                 std::string{c >= kCitedTitle ? " (this data set requires a source for every fact)"
                                              : ""});
      header_ok = false;
    }
  }
  if (!header_ok) {
    return;
  }
  auto const n_columns = row.fields_.size();

  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> first_line;
  while (reader.next(row)) {
    if (row.blank_) {
      continue;
    }
    ++out.n_records_;
    if (row.error_) {
      report(row.error_->line_, "", row.error_->message_);
      continue;
    }
    if (row.fields_.size() != n_columns) {
      report(row.line_, "",
             "wrong number of fields: expected " + std::to_string(n_columns) +
                 " (as in the header), got " + std::to_string(row.fields_.size()));
      continue;
    }
    auto const value = [&](relation_column c) {
      return col[c] ? trim(row.fields_[*col[c]]) : std::string_view{};
    };
    auto ok = true;
    auto const fail = [&](relation_column c, std::string message) {
      report(row.line_, std::string{kRelationColumns[c]}, std::move(message));
      ok = false;
    };
    for (auto const c : {kSubject, kObject}) {
      if (!model::is_valid_id(value(c))) {
        fail(c, value(c).empty() ? "missing entity id"
                                 : quote_value(value(c)) +
                                       " is not a valid entity id (no spaces, '/', '?', '#', "
                                       "'%' or '\\')");
      }
    }
    if (!model::is_valid_kind(value(kPredicate))) {
      fail(kPredicate, value(kPredicate).empty()
                           ? "missing predicate"
                           : "expected a lower_snake_case predicate such as part_of, got " +
                                 quote_value(value(kPredicate)));
    }
    if (ok && value(kSubject) == value(kObject)) {
      fail(kObject, "relates " + quote_value(value(kSubject)) + " to itself");
    }
    std::array<std::optional<std::int32_t>, 2> years;
    for (auto const c : {kRelStart, kRelEnd}) {
      if (auto const t = value(c); !t.empty()) {
        years[c - kRelStart] = model::parse_year(t);
        if (!years[c - kRelStart]) {
          fail(c,
               "expected a year such as 618, -770, 公元前770年 or 770 BCE, got " + quote_value(t));
        }
      }
    }
    auto const first = years[0] ? years[0] : years[1];
    auto const last = years[1] ? years[1] : years[0];
    if (first && last && *first > *last) {
      fail(kRelEnd, "end " + std::to_string(*last) + " is before start " + std::to_string(*first));
    }
    if (auto const problem = citation_problem(
            value(kCitedTitle), value(kCitedUrl), meta.citations_required_,
            std::string{kRelationColumns[kCitedTitle]}, std::string{kRelationColumns[kCitedUrl]})) {
      report(row.line_, problem->first, problem->second);
      ok = false;
    }
    if (!ok) {
      continue;
    }
    auto key = std::tuple{std::string{value(kSubject)}, std::string{value(kPredicate)},
                          std::string{value(kObject)}};
    auto const [it, inserted] = first_line.try_emplace(key, row.line_);
    if (!inserted) {
      report(row.line_, "", "the same relation as line " + std::to_string(it->second));
      continue;
    }
    model::relation r;
    r.subject_ = std::get<0>(key);
    r.predicate_ = std::get<1>(key);
    r.object_ = std::get<2>(key);
    if (first) {
      r.time_ = model::time_span::exact(*first, *last);
    }
    r.source_ = {.dataset_ = meta.dataset_.id_,
                 .record_ = "line " + std::to_string(row.line_),
                 .title_ = std::string{value(kCitedTitle)},
                 .url_ = std::string{value(kCitedUrl)}};
    out.batch_.relations_.push_back(std::move(r));
  }
}

}  // namespace zhitu::io::detail
