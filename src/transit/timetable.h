// SPDX-License-Identifier: Apache-2.0
// The timetable RAPTOR routes on, built once from a validated GTFS feed (gtfs.h).
//
//   auto const feed = read_gtfs("data/rail/gtfs");
//   auto const tt = timetable::build(feed.feed_);             // REQUIRES: feed.ok()
//   auto const from = tt.resolve("郑州东");                   // stop, station or city (area)
//   raptor_state state;                                       // raptor/raptor.h
//   auto const js = earliest_arrival(tt, state, {from->stops_, to->stops_, day, 12 * 3600});
//
// Layout (nigiri-style flat arrays): trips with the same stop sequence form a *pattern*
// (a RAPTOR route); within a pattern trips are sorted and never overtake each other (a pattern
// whose trips would overtake is split). Event times are seconds after the trip's service day
// midnight and may pass 24 h; a trip runs on day D when its service is active on D, so an
// overnight trip of day D is seen from a query on D + 1 with its times shifted by −86,400.
// China has no daylight saving time; the feed's local midnight is taken as the day start.
//
// Transfers: `mtt_s_[s]` is the minimum time to change trains at stop s (transfers.txt from = to,
// type 2; else the config default); footpaths between different stops come from transfers.txt
// (type 2 with a time, type 0/1 with the default) and between stops of one parent station (the
// config default for siblings). Type 3 (not possible) removes a pair. Trip- and route-specific
// transfers are ignored. Groups: a parent station stands for its stops, an area (areas.txt,
// zhitu: a city) for its member stops.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "transit/gtfs.h"

namespace zhitu::transit {

using stop_idx_t = std::uint32_t;
using pattern_idx_t = std::uint32_t;
using trip_idx_t = std::uint32_t;
using time_s_t = std::int32_t;  // seconds after the query day's midnight

constexpr auto kSecondsPerDay = time_s_t{86400};

struct timetable_config {
  time_s_t default_mtt_s_{120};      // change at one stop when transfers.txt says nothing
  time_s_t default_sibling_s_{300};  // between stops of one parent station
  // Up to this many stops, the lower bounds of travel times and of trains between all stops are
  // kept (5 bytes a pair); a larger feed searches them per query.
  std::size_t min_time_table_max_stops_{2048};
};

struct stop_info {
  std::string id_;
  std::string name_;
  double lat_{0.0};
  double lon_{0.0};
  std::string precision_;
  bool is_group_{false};  // a station (location_type 1): no trips call at it
};

struct group {
  std::string id_;
  std::string name_;
  std::vector<stop_idx_t> stops_;
};

// What a from/to parameter resolved to: one stop, a station's stops, or a city's stops.
struct location {
  std::string id_;
  std::string name_;
  std::string kind_;  // "stop", "station", "city"
  std::vector<stop_idx_t> stops_;
};

struct footpath {
  stop_idx_t to_;
  time_s_t duration_s_;
};

class timetable {
 public:
  static timetable build(gtfs_feed const& feed, timetable_config const& cfg = {});

  std::size_t n_stops() const { return stops_.size(); }
  std::size_t n_patterns() const { return patterns_.size(); }
  std::size_t n_trips() const { return trip_names_.size(); }

  stop_info const& stop(stop_idx_t s) const { return stops_[s]; }
  std::optional<stop_idx_t> find_stop(std::string_view id) const;
  // By stop id, area id, stop name or area name; a name with a trailing 站 or 市 also matches.
  // A city wins over a stop of the same name (北京 → every Beijing station; 北京站 → the stop).
  std::optional<location> resolve(std::string_view text) const;
  std::vector<group> const& cities() const { return cities_; }
  std::vector<group> const& stations() const { return stations_; }

  // Patterns: stops in order and trips sorted by departure.
  std::span<stop_idx_t const> pattern_stops(pattern_idx_t p) const {
    return {pattern_stops_.data() + patterns_[p].first_stop_, patterns_[p].n_stops_};
  }
  std::uint32_t pattern_n_trips(pattern_idx_t p) const { return patterns_[p].n_trips_; }
  trip_idx_t pattern_trip(pattern_idx_t p, std::uint32_t i) const {
    return patterns_[p].first_trip_ + i;
  }
  // Times of trip t at its position `pos` in its pattern (service-day seconds).
  time_s_t arrival(trip_idx_t t, std::uint32_t pos) const {
    return event_times_[trip_event_offset_[t] + 2 * pos];
  }
  time_s_t departure(trip_idx_t t, std::uint32_t pos) const {
    return event_times_[trip_event_offset_[t] + 2 * pos + 1];
  }
  // arr0, dep0, arr1, dep1, … of trip t, for scanning a trip without an index lookup per stop.
  time_s_t const* trip_events(trip_idx_t t) const {
    return event_times_.data() + trip_event_offset_[t];
  }
  // The departures of all trips of pattern p at position `pos`, in trip order (ascending: no
  // overtaking), side by side for the boarding search.
  std::span<time_s_t const> departures_at(pattern_idx_t p, std::uint32_t pos) const {
    auto const n = pattern_n_trips(p);
    return {pattern_departures_.data() + patterns_[p].first_departure_ + std::size_t{pos} * n, n};
  }
  pattern_idx_t trip_pattern(trip_idx_t t) const { return trip_pattern_[t]; }
  std::string const& trip_name(trip_idx_t t) const { return trip_names_[t]; }
  std::string const& trip_id(trip_idx_t t) const { return trip_ids_[t]; }
  bool trip_runs(trip_idx_t t, day_t day) const {
    auto const s = trip_service_[t];
    auto const i = day - first_day_;
    return i >= 0 && i < n_days_ && service_days_[static_cast<std::size_t>(s) * n_days_ + i] != 0;
  }

  // (pattern, position) pairs through stop s.
  struct stop_pattern {
    pattern_idx_t pattern_;
    std::uint32_t pos_;
  };
  std::span<stop_pattern const> patterns_at(stop_idx_t s) const {
    return {stop_patterns_.data() + stop_pattern_offset_[s],
            stop_patterns_.data() + stop_pattern_offset_[s + 1]};
  }
  // The same, split for boarding (the last stop of a pattern left out). Most patterns of a rail
  // feed are one train running every day: those come as the train's departures by time of day,
  // so a search reaching s at time r finds the next trains without looking at every pattern.
  struct daily_departure {
    time_s_t time_of_day_;  // [0, 86400)
    std::int32_t days_;     // whole days of the departure after the trip's service day
    pattern_idx_t pattern_;
    std::uint32_t pos_;
    trip_idx_t trip_;
  };
  std::span<daily_departure const> daily_departures_at(stop_idx_t s) const {
    return {daily_departures_.data() + daily_departure_offset_[s],
            daily_departures_.data() + daily_departure_offset_[s + 1]};
  }
  // Boardable (pattern, position) pairs at s of the other patterns: several trips, or not daily.
  std::span<stop_pattern const> other_patterns_at(stop_idx_t s) const {
    return {other_patterns_.data() + other_pattern_offset_[s],
            other_patterns_.data() + other_pattern_offset_[s + 1]};
  }
  std::span<footpath const> footpaths(stop_idx_t s) const {
    return {footpaths_.data() + footpath_offset_[s], footpaths_.data() + footpath_offset_[s + 1]};
  }
  time_s_t mtt_s(stop_idx_t s) const { return mtt_s_[s]; }

  // For goal-directed search: the time-independent graph of the quickest ride (over all trips)
  // or walk between two consecutive stops. Its shortest paths, ignoring waits and changes, bound
  // any journey's travel time from below. Edges by their head stop, for searches from a target.
  struct min_hop {
    stop_idx_t from_;
    time_s_t duration_s_;
  };
  std::span<min_hop const> min_hops_into(stop_idx_t to) const {
    return {min_hops_.data() + min_hop_offset_[to], min_hops_.data() + min_hop_offset_[to + 1]};
  }
  // Sets out[s], for every stop s, to the length of the shortest path over those hops from s to
  // the nearest of `targets`, or to `unreachable` (at least every path's length) without one.
  // Feeds of up to timetable_config::min_time_table_max_stops_ stops keep every stop's row, so
  // that this is a minimum over the targets' rows; larger ones run a Dijkstra search.
  void min_times_to(std::span<stop_idx_t const> targets, time_s_t unreachable,
                    std::vector<time_s_t>& out) const;
  // Sets out[s], for every stop s, to the fewest trains that can take a journey from s to one of
  // `targets` (0 at a target and where a walk leads to one), ignoring times: a train takes s to
  // every later stop of its pattern, and a walk after a train takes none (walks are not chained,
  // as in RAPTOR). kNoTrains where none can. Rows are kept for small feeds as for min_times_to.
  static constexpr std::uint8_t kNoTrains = 255;
  void min_trains_to(std::span<stop_idx_t const> targets, std::vector<std::uint8_t>& out) const;

  // Service calendar: the days the feed covers, and the first day with any service.
  day_t first_day() const { return first_day_; }
  day_t last_day() const { return first_day_ + n_days_ - 1; }
  std::optional<day_t> first_service_day() const;
  bool has_service(day_t day) const;
  // Whether the same trips run on a + o as on b + o for every o in [−before, after]: searches
  // on day a and day b then find the same journeys, one shifted by whole days against the other.
  bool same_service(day_t a, day_t b, int before, int after) const;
  // Whether every trip of pattern p runs on every day the feed covers (trip_runs needs no lookup).
  bool pattern_daily(pattern_idx_t p) const { return patterns_[p].daily_ != 0; }
  bool in_calendar(day_t day) const { return day >= first_day_ && day - first_day_ < n_days_; }
  // Longest trip, in whole days past its service day (0: every trip ends before 24:00).
  int max_trip_days() const { return max_trip_days_; }
  // The same for the trips of one pattern: how many days before the query day to look back.
  int pattern_max_days(pattern_idx_t p) const { return patterns_[p].max_days_; }

 private:
  void build_min_hops(std::size_t table_max_stops);
  void dijkstra_to(std::span<stop_idx_t const> targets, time_s_t unreachable,
                   std::vector<time_s_t>& out) const;
  void build_min_trains(std::size_t table_max_stops);
  void fewest_trains_search(std::span<stop_idx_t const> targets,
                            std::vector<std::uint8_t>& out) const;
  void mark_daily_patterns();
  void build_boarding_lists();

  std::vector<stop_info> stops_;
  std::unordered_map<std::string, stop_idx_t> stop_by_id_;
  std::vector<group> stations_;
  std::vector<group> cities_;

  // What a search reads of a pattern, side by side: one cache line serves a pattern's scan.
  struct pattern_header {
    std::uint32_t first_stop_;  // into pattern_stops_
    std::uint32_t n_stops_;
    trip_idx_t first_trip_;  // its trips are first_trip_ .. first_trip_ + n_trips_ − 1
    std::uint32_t n_trips_;
    std::uint32_t first_departure_;  // into pattern_departures_
    std::uint8_t max_days_;
    std::uint8_t daily_;
  };
  std::vector<pattern_header> patterns_;
  std::vector<stop_idx_t> pattern_stops_;

  std::vector<std::uint32_t> trip_event_offset_;
  std::vector<time_s_t> event_times_;         // per trip: arr0, dep0, arr1, dep1, ...
  std::vector<time_s_t> pattern_departures_;  // per pattern, position-major: dep of each trip
  std::vector<pattern_idx_t> trip_pattern_;
  std::vector<std::uint32_t> trip_service_;
  std::vector<std::string> trip_names_;
  std::vector<std::string> trip_ids_;

  std::vector<std::uint32_t> stop_pattern_offset_;
  std::vector<stop_pattern> stop_patterns_;
  std::vector<std::uint32_t> daily_departure_offset_;
  std::vector<daily_departure> daily_departures_;
  std::vector<std::uint32_t> other_pattern_offset_;
  std::vector<stop_pattern> other_patterns_;
  std::vector<std::uint32_t> footpath_offset_;
  std::vector<footpath> footpaths_;
  std::vector<time_s_t> mtt_s_;
  std::vector<std::uint32_t> min_hop_offset_;
  std::vector<min_hop> min_hops_;
  std::vector<time_s_t> min_time_rows_;        // [target * n_stops + s]; empty for large feeds
  std::vector<std::uint32_t> walk_in_offset_;  // footpaths by their head stop: tails only
  std::vector<stop_idx_t> walks_in_;
  std::vector<std::uint8_t> min_train_rows_;  // [target * n_stops + s]; empty for large feeds

  day_t first_day_{0};
  int n_days_{0};
  std::vector<std::uint8_t> service_days_;  // n_services × n_days
  int max_trip_days_{0};
};

}  // namespace zhitu::transit
