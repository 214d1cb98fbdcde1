// SPDX-License-Identifier: Apache-2.0
// A span of years in astronomical numbering (1 BCE = 0, 2 BCE = -1), with fuzzy ends:
// the start lies in [start_earliest_, start_latest_], the end in [end_earliest_, end_latest_].
//
//   auto const tang = time_span::exact(618, 907);
//   auto const neolithic = time_span{-8000, -6000, -2500, -2000};   // fuzzy ends
//   tang.overlaps(time_span::exact(700, 700));                      // true
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zhitu::model {

// A year that is known only to lie between two years, both included.
struct year_range {
  std::int32_t earliest_;
  std::int32_t latest_;
  friend bool operator==(year_range const&, year_range const&) = default;
};

struct time_span {
  std::int32_t start_earliest_;
  std::int32_t start_latest_;
  std::int32_t end_earliest_;
  std::int32_t end_latest_;

  static time_span exact(std::int32_t start, std::int32_t end) { return {start, start, end, end}; }

  // The widest reading: from the earliest possible start to the latest possible end.
  std::int32_t first_year() const { return start_earliest_; }
  std::int32_t last_year() const { return end_latest_; }
  year_range start() const { return {start_earliest_, start_latest_}; }
  year_range end() const { return {end_earliest_, end_latest_}; }
  bool overlaps(time_span const& o) const {
    return first_year() <= o.last_year() && o.first_year() <= last_year();
  }
  bool valid() const {
    return start_earliest_ <= start_latest_ && end_earliest_ <= end_latest_ &&
           start_earliest_ <= end_latest_;
  }
  friend bool operator==(time_span const&, time_span const&) = default;
};

// The most digits a year may have: the Paleolithic began some three million years ago.
inline constexpr std::size_t kMaxYearDigits = 7;

// Astronomical year from the text of a year: "-770", "618", "公元前770年", "618年", "770 BCE".
// Returns nullopt for anything else.
std::optional<std::int32_t> parse_year(std::string_view text);

// A year as parse_year reads it (earliest = latest), or an ISO 8601-2 one-of range of such
// years, "[1822..1844]", with earliest <= latest. Returns nullopt for anything else.
std::optional<year_range> parse_year_range(std::string_view text);

// The text parse_year_range reads back: "618" or "[1822..1844]".
std::string to_string(year_range r);

}  // namespace zhitu::model
