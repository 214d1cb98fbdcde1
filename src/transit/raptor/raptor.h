// SPDX-License-Identifier: Apache-2.0
// RAPTOR (Delling, Pajor, Werneck 2012): round k finds the earliest arrivals with k trains.
//
//   raptor_state state;                               // reuse per thread: no allocation per query
//   journey_query q;
//   q.from_ = tt.resolve("郑州东")->stops_;
//   q.to_ = tt.resolve("洛阳")->stops_;              // a city: any of its stations
//   q.day_ = days_from_civil(2021, 6, 1);
//   q.depart_s_ = 12 * 3600;
//   auto const js = earliest_arrival(tt, state, q);  // Pareto set: fewer transfers, later arrival
//   q.window_s_ = 4 * 3600;
//   auto const all = range_query(tt, state, q);      // every best journey leaving 12:00-16:00
//
// `earliest_arrival` returns, for k = 1..max_transfers + 1 trains, the journey with k trains
// if it arrives strictly earlier than every journey with fewer trains: the Pareto set of
// (arrival, transfers). `range_query` runs rRAPTOR: one search per departure from the origin in
// the window, latest first, keeping the labels between searches; it returns the journeys that no
// other journey beats on departure (later), arrival (earlier) and transfers (fewer). Boarding at
// the origin needs no change time; changing trains at a stop takes `tt.mtt_s(stop)`; walking
// to another stop of the same station or city takes the footpath's time (no chained walks).
// Trips of the days before the query day still running (overnight trains) are boarded with
// their times shifted by whole days. Journeys may continue `horizon_days_` days past the query
// day. With a target, labels that cannot beat the best arrival found so far (by the quickest
// rides to the target, timetable::min_times_to) or need more trains than rounds are left
// (timetable::min_trains_to) are dropped. Cost: O(rounds × (patterns × stops + footpaths)),
// under a millisecond at p99 on the China rail feed.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "transit/timetable.h"

namespace zhitu::transit {

constexpr auto kMaxTransfers = std::uint8_t{7U};
constexpr auto kInfinity = time_s_t{std::numeric_limits<time_s_t>::max() / 2};

struct journey_query {
  std::vector<stop_idx_t> from_;
  std::vector<stop_idx_t> to_;
  day_t day_{0};
  time_s_t depart_s_{0};                       // seconds after the day's midnight
  time_s_t window_s_{0};                       // range_query: departures in [depart, depart+window]
  std::optional<time_s_t> arrive_by_s_;        // latest arrival, seconds after the day's midnight
  std::uint8_t max_transfers_{kMaxTransfers};  // REQUIRES: <= kMaxTransfers
  int horizon_days_{3};                        // board trips of days up to day_ + horizon_days_
};

struct leg {
  std::optional<trip_idx_t> trip_;  // nullopt: a walk between stations (same station or city)
  stop_idx_t from_;
  stop_idx_t to_;
  time_s_t departure_;  // relative to the query day's midnight
  time_s_t arrival_;
};

struct journey {
  time_s_t departure_;
  time_s_t arrival_;
  std::uint8_t transfers_;  // trains − 1
  std::vector<leg> legs_;
};

// Labels per round and stop, allocated on first use and reused (nigiri raptor_state).
struct raptor_state {
  void resize(std::size_t n_stops, std::size_t n_rounds);
  void reset();

  std::size_t n_stops_{0};
  std::size_t n_rounds_{0};
  // [round * n_stops + stop]
  std::vector<time_s_t> trip_arr_;  // arrival by a train in this round
  std::vector<time_s_t> walk_arr_;  // arrival on foot after this round's train
  std::vector<time_s_t> ready_;     // earliest time to board the next train
  struct trip_parent {
    trip_idx_t trip_;
    std::int16_t day_;  // trip service day − query day
    std::uint32_t board_pos_;
    std::uint32_t alight_pos_;
  };
  std::vector<trip_parent> trip_parent_;
  std::vector<stop_idx_t> walk_parent_;
  // [round * n_stops + stop]: the best arrival with at most `round` trains, over every run of a
  // range query — not over all rounds, which would let a later departure with more trains
  // prune a journey with fewer.
  std::vector<time_s_t> best_trip_arr_;
  std::vector<time_s_t> best_walk_arr_;
  std::vector<time_s_t> best_target_;  // per round
  std::vector<std::uint8_t> marked_;
  std::vector<std::uint8_t> marked_next_;
  std::vector<std::uint8_t> board_;          // improved in the previous round: worth boarding from
  std::vector<std::uint32_t> pattern_from_;  // earliest marked position, or UINT32_MAX
  std::vector<std::uint32_t> pattern_to_;    // latest marked position (valid with pattern_from_)
  std::vector<std::uint8_t> is_target_;
  // Per pattern: one past the last position at a target stop (0: none), for this query's targets;
  // `target_patterns_` lists the patterns set, to clear them for the next query.
  std::vector<std::uint32_t> target_end_;
  std::vector<pattern_idx_t> target_patterns_;
  std::vector<time_s_t> to_target_s_;     // a lower bound on the time from each stop to a target
  std::vector<std::uint8_t> min_trains_;  // the fewest trains from each stop to a target
  // Per stop: the earliest time its daily trains were boarded from in this run; trains leaving
  // later were boarded then.
  std::vector<time_s_t> swept_from_;
  // Per trip: the last time it was boarded in this query — day, position and round. Riding the
  // same instance from there or later in a later round improves no label, so it is skipped.
  struct boarding {
    std::uint32_t query_{0};  // == query_ of the state when valid: no clearing between queries
    std::int32_t day_{0};
    std::uint32_t pos_{0};
    std::uint32_t round_{0};
  };
  std::vector<boarding> boarded_;
  std::uint32_t query_{0};
};

std::vector<journey> earliest_arrival(timetable const& tt, raptor_state& state,
                                      journey_query const& q);

std::vector<journey> range_query(timetable const& tt, raptor_state& state, journey_query const& q);

// One step of a profile: leaving at `departure` (or later, up to the next step's departure)
// reaches the target at `arrival` at the earliest.
struct profile_step {
  time_s_t departure_;
  time_s_t arrival_;
};

// One-to-many profiles (rRAPTOR without target pruning): for every departure from `q.from_` in
// [depart, depart + window], the earliest arrival at each target (a group of stops), kept where
// it improves on every later departure. Per target, steps ascend by departure and by arrival;
// the earliest arrival leaving at or after t is the first step with departure ≥ t. `q.to_` is
// ignored; with `q.arrive_by_s_`, arrivals after it are not searched for (nor listed).
std::vector<std::vector<profile_step>> profiles(
    timetable const& tt, raptor_state& state, journey_query const& q,
    std::vector<std::vector<stop_idx_t>> const& targets);

// "2021-06-01T12:38" style local time of a time relative to the query day.
std::string format_time(day_t day, time_s_t t);

// One line per journey and leg, for golden tests and logs:
// "12:38 → 13:09, 0 transfers: G1922 郑州东 12:45 → 洛阳龙门 13:19"
std::string to_string(timetable const& tt, std::vector<journey> const& js);

}  // namespace zhitu::transit
