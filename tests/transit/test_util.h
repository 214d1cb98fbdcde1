// SPDX-License-Identifier: Apache-2.0
// Inline GTFS feeds for tests: "# stops.txt" lines start each file (nigiri mem_dir).
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <sstream>
#include <string>
#include <string_view>

#include "transit/gtfs.h"
#include "transit/raptor/raptor.h"
#include "transit/timetable.h"

namespace zhitu::test {

inline std::map<std::string, std::string> split_feed(std::string_view text) {
  std::map<std::string, std::string> files;
  std::string current;
  std::istringstream in{std::string{text}};
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("# ")) {
      current = line.substr(2);
      files[current];
    } else if (!current.empty() && !line.empty()) {
      files[current] += line + "\n";
    }
  }
  return files;
}

inline transit::timetable load_feed(std::string_view text) {
  auto const out = transit::read_gtfs_text(split_feed(text));
  for (auto const& e : out.errors_) {
    ADD_FAILURE() << e.to_string();
  }
  return transit::timetable::build(out.feed_);
}

inline std::string errors_of(std::string_view text) {
  auto const out = transit::read_gtfs_text(split_feed(text));
  std::string s;
  for (auto const& e : out.errors_) {
    s += e.to_string() + "\n";
  }
  return s;
}

// "2024-03-30" → day.
inline transit::day_t day(std::string_view ymd) {
  return transit::days_from_civil(std::stoi(std::string{ymd.substr(0, 4)}),
                                  static_cast<unsigned>(std::stoi(std::string{ymd.substr(5, 2)})),
                                  static_cast<unsigned>(std::stoi(std::string{ymd.substr(8, 2)})));
}

inline transit::journey_query make_query(transit::timetable const& tt, std::string_view from,
                                         std::string_view to, std::string_view date, int h, int m) {
  transit::journey_query q;
  auto const f = tt.resolve(from);
  auto const t = tt.resolve(to);
  EXPECT_TRUE(f.has_value()) << from;
  EXPECT_TRUE(t.has_value()) << to;
  if (f) {
    q.from_ = f->stops_;
  }
  if (t) {
    q.to_ = t->stops_;
  }
  q.day_ = day(date);
  q.depart_s_ = h * 3600 + m * 60;
  return q;
}

// A query between two different stops of `tt` drawn by `rng`, leaving at a random time of `day`.
inline transit::journey_query random_query(transit::timetable const& tt, std::mt19937& rng,
                                           transit::day_t day) {
  std::uniform_int_distribution<transit::stop_idx_t> stop(
      0, static_cast<transit::stop_idx_t>(tt.n_stops() - 1));
  std::uniform_int_distribution<transit::time_s_t> time(0, transit::kSecondsPerDay - 1);
  transit::journey_query q;
  q.from_ = {stop(rng)};
  do {
    q.to_ = {stop(rng)};
  } while (q.to_ == q.from_ && tt.n_stops() > 1);
  q.day_ = day;
  q.depart_s_ = time(rng);
  return q;
}

inline std::string route(transit::timetable const& tt, std::string_view from, std::string_view to,
                         std::string_view date, int h, int m) {
  transit::raptor_state st;
  return transit::to_string(
      tt, transit::earliest_arrival(tt, st, make_query(tt, from, to, date, h, m)));
}

}  // namespace zhitu::test
