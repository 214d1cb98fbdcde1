// SPDX-License-Identifier: Apache-2.0
// RAPTOR against a brute-force oracle: earliest arrival by Dijkstra on the time-expanded graph
// (one node per departure, arrival and waiting event), on the China rail feed in data/rail/gtfs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <queue>
#include <random>

#include "transit/raptor/raptor.h"
#include "transit/test_util.h"
#include "transit/time_expanded.h"

namespace zhitu::transit {
namespace {

timetable const& rail() {
  static auto const tt = [] {
    auto const out = read_gtfs(ZHITU_SOURCE_DIR "/data/rail/gtfs");
    EXPECT_TRUE(out.ok());
    return timetable::build(out.feed_);
  }();
  return tt;
}

TEST(rail_feed, loads) {
  auto const& tt = rail();
  EXPECT_EQ(321U, tt.n_stops());
  EXPECT_GT(tt.n_trips(), 7000U);
  EXPECT_EQ(3, tt.max_trip_days());  // K101 北京 23:20 → 温州 53:49, and longer
  auto const beijing = tt.resolve("北京");
  ASSERT_TRUE(beijing.has_value());
  EXPECT_EQ("city", beijing->kind_);
  EXPECT_GE(beijing->stops_.size(), 4U);  // 北京, 北京西, 北京南, 北京北, ...
  auto const station = tt.resolve("北京站");
  ASSERT_TRUE(station.has_value());
  EXPECT_EQ("stop", station->kind_);
  EXPECT_EQ("BJP", station->id_);
}

// The goal direction's lower bounds: from the table of small feeds and from a Dijkstra search
// (forced by a table limit below the feed's size) alike, equal to a Bellman–Ford over the
// quickest hops, for single stops and for cities; and never above a real journey's duration.
TEST(rail_feed, min_times_agree_with_bellman_ford_with_and_without_the_table) {
  auto const& tt = rail();
  auto const out = read_gtfs(ZHITU_SOURCE_DIR "/data/rail/gtfs");
  timetable_config no_table;
  no_table.min_time_table_max_stops_ = 10;
  auto const searched = timetable::build(out.feed_, no_table);
  constexpr auto kNone = time_s_t{1'000'000'000};
  std::mt19937 rng{7};
  std::uniform_int_distribution<stop_idx_t> stop(0, static_cast<stop_idx_t>(tt.n_stops() - 1));
  for (auto i = 0; i < 60; ++i) {
    auto const targets = i % 3 == 0 ? tt.cities()[stop(rng) % tt.cities().size()].stops_
                                    : std::vector<stop_idx_t>{stop(rng)};
    std::vector<time_s_t> want(tt.n_stops(), kNone);
    for (auto const t : targets) {
      want[t] = 0;
    }
    for (auto changed = true; changed;) {
      changed = false;
      for (stop_idx_t to = 0; to < tt.n_stops(); ++to) {
        for (auto const& h : tt.min_hops_into(to)) {
          if (want[to] != kNone && want[to] + h.duration_s_ < want[h.from_]) {
            want[h.from_] = want[to] + h.duration_s_;
            changed = true;
          }
        }
      }
    }
    std::vector<time_s_t> from_table;
    tt.min_times_to(targets, kNone, from_table);
    std::vector<time_s_t> from_search;
    searched.min_times_to(targets, kNone, from_search);
    ASSERT_EQ(want, from_table) << i;
    ASSERT_EQ(want, from_search) << i;
  }
  auto const zhengzhou = tt.resolve("郑州东");
  auto const luoyang = tt.resolve("洛阳龙门");
  ASSERT_TRUE(zhengzhou && luoyang);
  std::vector<time_s_t> to_luoyang;
  tt.min_times_to(luoyang->stops_, kNone, to_luoyang);
  raptor_state st;
  journey_query q;
  q.from_ = zhengzhou->stops_;
  q.to_ = luoyang->stops_;
  q.day_ = test::day("2021-06-01");
  q.depart_s_ = 12 * 3600;
  auto const js = earliest_arrival(tt, st, q);
  ASSERT_FALSE(js.empty());
  EXPECT_GT(to_luoyang[zhengzhou->stops_.front()], 0);
  EXPECT_LE(to_luoyang[zhengzhou->stops_.front()], js.front().arrival_ - js.front().departure_);
}

// The fewest trains to a target: from the table and from a search alike, equal to a fixpoint over
// every ride a pattern offers (any stop to any later one) and every walk (not chained, as in
// RAPTOR); and never above a real journey's number of trains.
TEST(rail_feed, min_trains_agree_with_a_fixpoint_with_and_without_the_table) {
  auto const& tt = rail();
  auto const out = read_gtfs(ZHITU_SOURCE_DIR "/data/rail/gtfs");
  timetable_config no_table;
  no_table.min_time_table_max_stops_ = 10;
  auto const searched = timetable::build(out.feed_, no_table);
  constexpr auto kNone = int{timetable::kNoTrains};
  std::mt19937 rng{11};
  std::uniform_int_distribution<stop_idx_t> stop(0, static_cast<stop_idx_t>(tt.n_stops() - 1));
  raptor_state st;
  auto n_journeys = 0;
  for (auto i = 0; i < 40; ++i) {
    auto const targets = i % 3 == 0 ? tt.cities()[stop(rng) % tt.cities().size()].stops_
                                    : std::vector<stop_idx_t>{stop(rng)};
    // board[s]: trains from s when boarding there; arrived[s]: after arriving there by train.
    std::vector<int> board(tt.n_stops(), kNone);
    std::vector<int> arrived(tt.n_stops(), kNone);
    for (auto const t : targets) {
      board[t] = 0;
    }
    for (auto changed = true; changed;) {
      changed = false;
      for (stop_idx_t s = 0; s < tt.n_stops(); ++s) {
        auto best = board[s];
        for (auto const& fp : tt.footpaths(s)) {
          best = std::min(best, board[fp.to_]);
        }
        changed = changed || best != arrived[s];
        arrived[s] = best;
      }
      for (pattern_idx_t p = 0; p < tt.n_patterns(); ++p) {
        auto const stops = tt.pattern_stops(p);
        for (std::size_t a = 0; a < stops.size(); ++a) {
          for (auto b = a + 1; b < stops.size(); ++b) {
            if (arrived[stops[b]] != kNone && arrived[stops[b]] + 1 < board[stops[a]]) {
              board[stops[a]] = arrived[stops[b]] + 1;
              changed = true;
            }
          }
        }
      }
    }
    std::vector<std::uint8_t> from_table;
    tt.min_trains_to(targets, from_table);
    std::vector<std::uint8_t> from_search;
    searched.min_trains_to(targets, from_search);
    ASSERT_EQ(std::vector<std::uint8_t>(arrived.begin(), arrived.end()), from_table) << i;
    ASSERT_EQ(from_table, from_search) << i;
    journey_query q;
    q.from_ = {stop(rng)};
    q.to_ = targets;
    q.day_ = test::day("2021-06-01");
    q.depart_s_ = 8 * 3600;
    for (auto const& j : earliest_arrival(tt, st, q)) {
      ASSERT_LE(from_table[q.from_.front()], j.transfers_ + 1) << i;
      ++n_journeys;
    }
  }
  EXPECT_GT(n_journeys, 20);
}

// Allowing fewer transfers keeps exactly the Pareto journeys with that many transfers or fewer:
// the bounds that prune a search by the transfers left must not lose any of them.
TEST(rail_feed, fewer_transfers_keep_the_pareto_journeys_with_as_few) {
  auto const& tt = rail();
  raptor_state st;
  std::mt19937 rng{5};
  auto n_compared = 0;
  for (auto i = 0; i < 200; ++i) {
    auto const q = test::random_query(tt, rng, test::day("2021-06-01"));
    auto const all = earliest_arrival(tt, st, q);
    for (std::uint8_t m = 0; m <= 3; ++m) {
      std::vector<std::pair<time_s_t, int>> want;
      for (auto const& j : all) {
        if (j.transfers_ <= m) {
          want.emplace_back(j.arrival_, j.transfers_);
        }
      }
      auto limited = q;
      limited.max_transfers_ = m;
      std::vector<std::pair<time_s_t, int>> got;
      for (auto const& j : earliest_arrival(tt, st, limited)) {
        got.emplace_back(j.arrival_, j.transfers_);
      }
      ASSERT_EQ(want, got) << "query " << i << " with at most " << int{m}
                           << " transfers: " << tt.stop(q.from_[0]).name_ << " → "
                           << tt.stop(q.to_[0]).name_;
      n_compared += want.empty() ? 0 : 1;
    }
  }
  EXPECT_GT(n_compared, 300);
}

// RAPTOR boards from two lists per stop: daily one-train patterns by time of day, and the rest.
// Together they hold every call a train can be boarded at (not a pattern's last), each once.
TEST(rail_feed, boarding_lists_hold_every_boardable_call_once) {
  auto const& tt = rail();
  auto n_daily = std::size_t{0};
  auto n_boardable = std::size_t{0};
  for (stop_idx_t s = 0; s < tt.n_stops(); ++s) {
    std::vector<std::pair<pattern_idx_t, std::uint32_t>> expected;
    for (auto const& sp : tt.patterns_at(s)) {
      if (sp.pos_ + 1 < tt.pattern_stops(sp.pattern_).size()) {
        expected.emplace_back(sp.pattern_, sp.pos_);
      }
    }
    std::vector<std::pair<pattern_idx_t, std::uint32_t>> listed;
    for (auto const& sp : tt.other_patterns_at(s)) {
      listed.emplace_back(sp.pattern_, sp.pos_);
    }
    auto const daily = tt.daily_departures_at(s);
    n_daily += daily.size();
    for (std::size_t i = 0; i < daily.size(); ++i) {
      auto const& e = daily[i];
      listed.emplace_back(e.pattern_, e.pos_);
      ASSERT_TRUE(tt.pattern_daily(e.pattern_));
      ASSERT_EQ(1U, tt.pattern_n_trips(e.pattern_));
      ASSERT_EQ(tt.pattern_trip(e.pattern_, 0), e.trip_);
      ASSERT_EQ(tt.departure(e.trip_, e.pos_), e.days_ * kSecondsPerDay + e.time_of_day_);
      ASSERT_GE(e.time_of_day_, 0);
      ASSERT_LT(e.time_of_day_, kSecondsPerDay);
      if (i > 0) {
        ASSERT_LE(daily[i - 1].time_of_day_, e.time_of_day_) << tt.stop(s).name_;
      }
    }
    n_boardable += expected.size();
    std::sort(expected.begin(), expected.end());
    std::sort(listed.begin(), listed.end());
    ASSERT_EQ(expected, listed) << tt.stop(s).name_;
  }
  EXPECT_GT(2 * n_daily, n_boardable);  // most calls of the feed (18,102 of 26,059)
}

// Calls put on the wrong day (a multi-day train ordered by time of day) show up as impossible
// speeds: K188 上海 → 苏州 → 锦州 in 13 minutes. No hop between two stations with their own
// positions may be faster than 380 km/h in a straight line.
TEST(rail_feed, every_train_is_physically_possible) {
  auto const& tt = rail();
  auto const km = [](stop_info const& a, stop_info const& b) {
    constexpr auto kRad = 3.14159265358979 / 180;
    auto const h = std::pow(std::sin((b.lat_ - a.lat_) * kRad / 2), 2) +
                   std::cos(a.lat_ * kRad) * std::cos(b.lat_ * kRad) *
                       std::pow(std::sin((b.lon_ - a.lon_) * kRad / 2), 2);
    return 2 * 6371.0 * std::asin(std::sqrt(h));
  };
  auto n_hops = 0;
  for (trip_idx_t t = 0; t < tt.n_trips(); ++t) {
    auto const stops = tt.pattern_stops(tt.trip_pattern(t));
    for (std::uint32_t i = 0; i + 1 < stops.size(); ++i) {
      auto const& a = tt.stop(stops[i]);
      auto const& b = tt.stop(stops[i + 1]);
      if (a.precision_ != "station" || b.precision_ != "station") {
        continue;
      }
      auto const d = km(a, b);
      auto const hours = std::max(tt.arrival(t, i + 1) - tt.departure(t, i), 60) / 3600.0;
      EXPECT_TRUE(d < 5 || d / hours <= 380)
          << tt.trip_name(t) << " " << a.name_ << " → " << b.name_ << ": " << d << " km in "
          << hours * 60 << " min";
      ++n_hops;
    }
  }
  EXPECT_GT(n_hops, 25'000);
}

// The timetable shows G1709 leaving 郑州东 12:11 and reaching 洛阳龙门 12:47.
TEST(rail_feed, zhengzhou_east_to_luoyang_longmen) {
  auto const& tt = rail();
  raptor_state st;
  auto const js =
      earliest_arrival(tt, st, test::make_query(tt, "郑州东", "洛阳龙门", "2021-06-01", 12, 0));
  ASSERT_FALSE(js.empty());
  EXPECT_LE(js.front().arrival_, 12 * 3600 + 47 * 60) << to_string(tt, js);
  EXPECT_EQ(0, js.front().transfers_);
}

TEST(rail_feed, raptor_agrees_with_time_expanded_dijkstra) {
  auto const& tt = rail();
  auto const day = test::day("2021-06-01");
  time_expanded oracle{tt, day, journey_query{}.horizon_days_};
  raptor_state st;
  std::mt19937 rng{42};
  std::uniform_int_distribution<stop_idx_t> stop(0, static_cast<stop_idx_t>(tt.n_stops() - 1));
  std::uniform_int_distribution<time_s_t> time(0, kSecondsPerDay - 1);
  auto n_found = 0;
  for (auto i = 0; i < 1000; ++i) {
    journey_query q;
    q.day_ = day;
    q.depart_s_ = time(rng);
    if (i % 4 == 0) {  // a quarter from city to city
      auto const& cs = tt.cities();
      auto const& a = cs[stop(rng) % cs.size()];
      auto const& b = cs[stop(rng) % cs.size()];
      q.from_ = a.stops_;
      q.to_ = b.stops_;
      if (a.id_ == b.id_) {
        continue;
      }
    } else {
      q.from_ = {stop(rng)};
      q.to_ = {stop(rng)};
      if (q.from_ == q.to_) {
        continue;
      }
    }
    auto const js = earliest_arrival(tt, st, q);
    auto const raptor = js.empty() ? kInfinity : js.front().arrival_;
    auto const expected = oracle.earliest(q.from_, q.to_, q.depart_s_);
    ASSERT_EQ(expected, raptor) << "query " << i << ": " << tt.stop(q.from_[0]).name_ << " → "
                                << tt.stop(q.to_[0]).name_ << " at " << q.depart_s_ << "\n"
                                << to_string(tt, js);
    n_found += js.empty() ? 0 : 1;
    // Every journey is feasible: legs chain in time, change times are kept.
    for (auto const& j : js) {
      for (std::size_t l = 1; l < j.legs_.size(); ++l) {
        auto const& a = j.legs_[l - 1];
        auto const& b = j.legs_[l];
        auto const change = a.trip_ && b.trip_ ? tt.mtt_s(a.to_) : 0;
        EXPECT_LE(a.arrival_ + change, b.departure_);
      }
      EXPECT_GE(j.departure_, q.depart_s_);
    }
  }
  EXPECT_GT(n_found, 800);
}

// The whole Pareto set, not only the earliest arrival: for every number of trains, RAPTOR's best
// arrival with at most that many is the oracle's (Dijkstra over events and trains so far). This
// checks the bounds that drop labels by the trains still needed, on the real feed.
TEST(rail_feed, pareto_set_agrees_with_time_expanded_dijkstra_by_trains) {
  auto const& tt = rail();
  auto const day = test::day("2021-06-01");
  time_expanded oracle{tt, day, journey_query{}.horizon_days_};
  raptor_state st;
  std::mt19937 rng{17};
  auto n_multi = 0;
  for (auto i = 0; i < 40; ++i) {
    auto q = test::random_query(tt, rng, day);
    q.max_transfers_ = static_cast<std::uint8_t>(i % 2 == 0 ? kMaxTransfers : 3);
    auto const trains = std::size_t{q.max_transfers_} + 1;
    auto const js = earliest_arrival(tt, st, q);
    std::vector<time_s_t> got(trains + 1, kInfinity);
    for (auto const& j : js) {
      for (auto k = std::size_t{j.transfers_} + 1; k <= trains; ++k) {
        got[k] = std::min(got[k], j.arrival_);
      }
    }
    got[0] = kInfinity;
    ASSERT_EQ(oracle.earliest_by_trains(q.from_, q.to_, q.depart_s_, trains), got)
        << "query " << i << ": " << tt.stop(q.from_[0]).name_ << " → " << tt.stop(q.to_[0]).name_
        << " at " << q.depart_s_ << "\n"
        << to_string(tt, js);
    n_multi += js.size() > 1 ? 1 : 0;
  }
  EXPECT_GT(n_multi, 5);
}

// The range query agrees with one earliest-arrival query per departure time.
TEST(rail_feed, range_query_agrees_with_earliest_arrival) {
  auto const& tt = rail();
  raptor_state st;
  std::mt19937 rng{7};
  std::uniform_int_distribution<stop_idx_t> stop(0, static_cast<stop_idx_t>(tt.n_stops() - 1));
  std::uniform_int_distribution<time_s_t> time(5 * 3600, 18 * 3600);
  for (auto i = 0; i < 100; ++i) {
    journey_query q;
    q.day_ = test::day("2021-06-01");
    q.from_ = {stop(rng)};
    q.to_ = {stop(rng)};
    if (q.from_ == q.to_) {
      continue;
    }
    q.depart_s_ = time(rng);
    q.window_s_ = 2 * 3600;
    q.max_transfers_ = 4;
    auto const range = range_query(tt, st, q);
    for (auto const& j : range) {  // each is the best for its departure and transfers
      auto e = q;
      e.depart_s_ = j.departure_;
      e.max_transfers_ = j.transfers_;
      auto const js = earliest_arrival(tt, st, e);
      ASSERT_FALSE(js.empty());
      // A faster journey leaving after the window is not the range query's to find.
      if (js.front().departure_ <= q.depart_s_ + q.window_s_) {
        EXPECT_EQ(j.arrival_, js.front().arrival_) << to_string(tt, range) << "EA:\n"
                                                   << to_string(tt, js);
      } else {
        EXPECT_GE(j.arrival_, js.front().arrival_) << to_string(tt, range);
      }
    }
    for (auto t = q.depart_s_; t <= q.depart_s_ + q.window_s_; t += 600) {  // none is missing
      auto e = q;
      e.depart_s_ = t;
      auto const js = earliest_arrival(tt, st, e);
      auto best = kInfinity;
      for (auto const& j : range) {
        if (j.departure_ >= t) {
          best = std::min(best, j.arrival_);
        }
      }
      auto const ea = js.empty() ? kInfinity : js.front().arrival_;
      if (ea < kInfinity && js.front().departure_ <= q.depart_s_ + q.window_s_) {
        EXPECT_EQ(ea, best) << "query " << i << " at " << t << "\n" << to_string(tt, range);
      }
    }
  }
}

}  // namespace
}  // namespace zhitu::transit
