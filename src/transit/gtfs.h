// SPDX-License-Identifier: Apache-2.0
// GTFS reader: a feed directory (or its files as text, for tests) → a validated `gtfs_feed`, or
// every error found, each as `file:line: field: what is wrong` (io::input_error).
//
//   auto const out = read_gtfs("data/rail/gtfs");
//   for (auto const& e : out.errors_) { std::cerr << e.to_string() << '\n'; }
//   if (!out.ok()) { return 2; }                  // then feed_ is empty: nothing is half-loaded
//   auto const tt = timetable::build(out.feed_);  // timetable.h
//
// Reads stops (location_type 0 stops and 1 stations, parent_station), routes, trips, stop_times
// (HH:MM:SS, hours past 24 for trips that run over midnight), calendar, calendar_dates,
// transfers, and the GTFS areas.txt / stop_areas.txt pair, which zhitu uses for cities (groups
// of stations). agency.txt, feed_info.txt, shapes and fares are not needed and not read; unknown
// columns are ignored, as the GTFS reference requires. Checks: required files and columns, every
// field's syntax and range, duplicate ids, every reference (trip → route, service; stop time →
// trip, stop; parent_station → a station), increasing stop_sequence and non-decreasing times
// along each trip. Cost: one pass over each file, held in memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "io/import.h"

namespace zhitu::transit {

// Days since 1970-01-01 (UTC civil calendar).
using day_t = std::int32_t;

day_t days_from_civil(int y, unsigned m, unsigned d);
// "YYYY-MM-DD".
std::string format_day(day_t day);
// Monday = 0 ... Sunday = 6.
int weekday(day_t day);

struct gtfs_stop {
  std::string id_;
  std::string name_;
  double lat_{0.0};
  double lon_{0.0};
  int location_type_{0};  // 0 stop/platform, 1 station, 2-4 entrances, nodes, boarding areas
  std::string parent_id_;
  std::string precision_;  // zhitu extension column `position_precision` ("station", "city")
};

struct gtfs_route {
  std::string id_;
  std::string short_name_;
  std::string long_name_;
  int type_{2};
};

struct gtfs_trip {
  std::string id_;
  std::string route_id_;
  std::string service_id_;
  std::string headsign_;
  std::string short_name_;
};

struct gtfs_stop_time {
  std::string trip_id_;
  std::string stop_id_;
  std::int32_t arrival_s_{0};  // seconds after the service day's midnight (may pass 86,400)
  std::int32_t departure_s_{0};
  std::uint32_t sequence_{0};
};

struct gtfs_calendar {
  std::string service_id_;
  std::uint8_t weekdays_{0};  // bit 0 Monday ... bit 6 Sunday
  day_t start_{0};
  day_t end_{0};  // inclusive
};

struct gtfs_calendar_date {
  std::string service_id_;
  day_t day_{0};
  bool added_{true};  // exception_type 1 added, 2 removed
};

struct gtfs_transfer {
  std::string from_stop_id_;
  std::string to_stop_id_;
  int type_{0};
  std::int32_t min_transfer_s_{-1};  // -1: not given
};

struct gtfs_area {
  std::string id_;
  std::string name_;
  std::vector<std::string> stop_ids_;
};

struct gtfs_feed {
  std::vector<gtfs_stop> stops_;
  std::vector<gtfs_route> routes_;
  std::vector<gtfs_trip> trips_;
  std::vector<gtfs_stop_time> stop_times_;  // grouped by trip, in stop_sequence order
  std::vector<gtfs_calendar> calendars_;
  std::vector<gtfs_calendar_date> calendar_dates_;
  std::vector<gtfs_transfer> transfers_;
  std::vector<gtfs_area> areas_;
};

struct gtfs_outcome {
  gtfs_feed feed_;
  std::vector<io::input_error> errors_;  // at most max_errors
  std::size_t n_errors_{0};
  bool ok() const { return n_errors_ == 0; }
};

// Reads `dir/*.txt`. A missing directory or required file is an error like any other.
gtfs_outcome read_gtfs(std::filesystem::path const& dir, std::size_t max_errors = 100);

// The same from file name → content ("stops.txt" → "stop_id,..."); absent names are missing files.
gtfs_outcome read_gtfs_text(std::map<std::string, std::string> const& files,
                            std::size_t max_errors = 100);

}  // namespace zhitu::transit
