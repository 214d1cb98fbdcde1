// SPDX-License-Identifier: Apache-2.0
#include "transit/itinerary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "transit/test_util.h"

namespace zhitu::transit {
namespace {

// Start S; A is nearer than B, but A → B runs only at 11:00 and B → S late in the day, so going
// to the nearer place first ends five hours later. X has no trains; Y can be reached, not left.
constexpr auto kTourFeed = R"(
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
S,Sigma,30.0,110.0
A,Alpha,30.0,110.1
B,Beta,30.0,110.2
X,Xi,31.0,111.0
Y,Ypsilon,31.0,110.0
# routes.txt
route_id,route_short_name,route_type
R,R,2
# trips.txt
route_id,service_id,trip_id
R,daily,SA
R,daily,SB
R,daily,AB
R,daily,BA
R,daily,AS1
R,daily,AS2
R,daily,BS1
R,daily,BS2
R,daily,SY
R,daily,LATE
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
SA,08:00:00,08:00:00,S,1
SA,08:30:00,08:30:00,A,2
SB,08:00:00,08:00:00,S,1
SB,09:00:00,09:00:00,B,2
AB,11:00:00,11:00:00,A,1
AB,12:00:00,12:00:00,B,2
BA,11:30:00,11:30:00,B,1
BA,12:30:00,12:30:00,A,2
AS1,13:00:00,13:00:00,A,1
AS1,13:30:00,13:30:00,S,2
AS2,15:00:00,15:00:00,A,1
AS2,15:30:00,15:30:00,S,2
BS1,12:00:00,12:00:00,B,1
BS1,13:00:00,13:00:00,S,2
BS2,19:00:00,19:00:00,B,1
BS2,20:00:00,20:00:00,S,2
SY,09:00:00,09:00:00,S,1
SY,10:00:00,10:00:00,Y,2
LATE,23:30:00,23:30:00,B,1
LATE,24:10:00,24:10:00,S,2
# calendar.txt
service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
daily,1,1,1,1,1,1,1,20240101,20241231
)";

location place(timetable const& tt, std::string_view name) {
  auto const l = tt.resolve(name);
  EXPECT_TRUE(l.has_value()) << name;
  return l.value_or(location{});
}

itinerary_request tour(timetable const& tt, std::string_view start,
                       std::vector<std::string_view> const& places, time_s_t stay_s) {
  itinerary_request r;
  r.start_ = place(tt, start);
  for (auto const p : places) {
    r.places_.push_back({place(tt, p), stay_s});
  }
  r.day_ = test::day("2024-03-28");
  r.depart_s_ = 7 * 3600;
  return r;
}

std::string hhmm(time_s_t t) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%02d:%02d%s", (t % kSecondsPerDay) / 3600, (t / 60) % 60,
                t >= kSecondsPerDay ? ("+" + std::to_string(t / kSecondsPerDay)).c_str() : "");
  return buf;
}

// "S 08:00 → B 09:00 (SB)" per leg, then the end and what was left out.
std::string describe(timetable const& tt, itinerary const& plan) {
  if (!plan.feasible_) {
    return "infeasible: " + plan.infeasible_;
  }
  std::string out;
  for (auto const& l : plan.legs_) {
    for (auto const& t : l.journey_.legs_) {
      out += tt.stop(t.from_).id_ + " " + hhmm(t.departure_) + " → " + tt.stop(t.to_).id_ + " " +
             hhmm(t.arrival_) + " (" + (t.trip_ ? tt.trip_id(*t.trip_) : "walk") + ")\n";
    }
  }
  out += "end " + hhmm(plan.end_) + (plan.exact_ ? "" : " heuristic") + "\n";
  for (auto const& l : plan.left_out_) {
    out += "left out " + std::to_string(l.place_) + " (" + std::string{to_string(l.code_)} +
           "): " + l.reason_ + "\n";
  }
  return out;
}

TEST(itinerary, the_nearest_place_first_is_not_the_best_order) {
  auto const tt = test::load_feed(kTourFeed);
  raptor_state st;
  auto r = tour(tt, "S", {"A", "B"}, 2 * 3600);
  r.travel_hours_.reset();
  EXPECT_EQ(
      "S 08:00 → B 09:00 (SB)\n"
      "B 11:30 → A 12:30 (BA)\n"
      "A 15:00 → S 15:30 (AS2)\n"
      "end 15:30\n",
      describe(tt, plan_itinerary(tt, st, r)));
}

TEST(itinerary, a_longer_stay_changes_the_order) {
  auto const tt = test::load_feed(kTourFeed);
  raptor_state st;
  auto r = tour(tt, "S", {"A", "B"}, 2 * 3600);
  r.places_[1].stay_s_ = 8 * 3600;  // B first: BA at 11:30 is missed until tomorrow
  r.travel_hours_.reset();
  EXPECT_EQ(
      "S 08:00 → A 08:30 (SA)\n"
      "A 11:00 → B 12:00 (AB)\n"
      "B 23:30 → S 00:10+1 (LATE)\n"
      "end 00:10+1\n",
      describe(tt, plan_itinerary(tt, st, r)));
}

TEST(itinerary, travel_hours_keep_legs_within_the_day) {
  auto const tt = test::load_feed(kTourFeed);
  raptor_state st;
  auto r = tour(tt, "S", {"A", "B"}, 2 * 3600);
  r.travel_hours_ = travel_hours{7 * 3600, 14 * 3600};  // A → S at 15:00 arrives too late
  auto const plan = plan_itinerary(tt, st, r);
  EXPECT_EQ(
      "S 08:00 → A 08:30 (SA)\n"
      "A 11:00 → B 12:00 (AB)\n"
      "B 12:00+1 → S 13:00+1 (BS1)\n"
      "end 13:00+1\n",
      describe(tt, plan));
}

TEST(itinerary, places_no_train_reaches_or_leaves_are_left_out_with_the_reason) {
  auto const tt = test::load_feed(kTourFeed);
  raptor_state st;
  auto r = tour(tt, "S", {"X", "A", "Y"}, 2 * 3600);
  r.travel_hours_.reset();
  auto const plan = plan_itinerary(tt, st, r);
  EXPECT_EQ(
      "S 08:00 → A 08:30 (SA)\n"
      "A 13:00 → S 13:30 (AS1)\n"
      "end 13:30\n"
      "left out 0 (unreachable): no train of the timetable reaches Xi from Sigma or another "
      "place of the tour "
      "(waiting up to 7 days)\n"
      "left out 2 (cannot_leave): no train of the timetable leaves Ypsilon for Sigma or another "
      "place of the tour (waiting up to 7 days)\n",
      describe(tt, plan));
  EXPECT_EQ(std::vector<std::size_t>{1}, plan.order_);
}

TEST(itinerary, a_one_way_tour_may_end_where_no_train_leaves) {
  auto const tt = test::load_feed(kTourFeed);
  raptor_state st;
  auto r = tour(tt, "S", {"Y", "A"}, 2 * 3600);
  r.return_to_start_ = false;
  r.travel_hours_.reset();
  auto const plan = plan_itinerary(tt, st, r);
  ASSERT_TRUE(plan.feasible_) << plan.infeasible_;
  EXPECT_TRUE(plan.left_out_.empty());
  EXPECT_EQ((std::vector<std::size_t>{1, 0}), plan.order_) << describe(tt, plan);
}

TEST(itinerary, no_reachable_place_is_infeasible_and_says_why) {
  auto const tt = test::load_feed(kTourFeed);
  raptor_state st;
  auto const plan = plan_itinerary(tt, st, tour(tt, "S", {"X"}, 3600));
  EXPECT_FALSE(plan.feasible_);
  EXPECT_EQ(
      "no place of the tour can be reached from Sigma within the travel hours 07:00–23:00 "
      "(waiting up to 7 days)",
      plan.infeasible_);
  EXPECT_EQ(why_not::kStartIsolated, plan.infeasible_code_);
  ASSERT_EQ(1U, plan.left_out_.size());
}

// --- the China rail feed -------------------------------------------------------------------

timetable const& rail() {
  static auto const tt = timetable::build(read_gtfs(ZHITU_SOURCE_DIR "/data/rail/gtfs").feed_);
  return tt;
}

// Every train leg is a real trip of the feed: it calls at both stops in order, on a day it runs,
// at exactly the times given.
void expect_real_trains(timetable const& tt, day_t day, itinerary const& plan) {
  for (auto const& l : plan.legs_) {
    for (auto const& t : l.journey_.legs_) {
      if (!t.trip_) {
        continue;
      }
      auto const stops = tt.pattern_stops(tt.trip_pattern(*t.trip_));
      auto found = false;
      for (std::uint32_t i = 0; i < stops.size() && !found; ++i) {
        for (auto j = i + 1; j < stops.size() && !found; ++j) {
          if (stops[i] != t.from_ || stops[j] != t.to_) {
            continue;
          }
          auto const shift = t.departure_ - tt.departure(*t.trip_, i);
          found = shift % kSecondsPerDay == 0 && tt.arrival(*t.trip_, j) + shift == t.arrival_ &&
                  tt.trip_runs(*t.trip_, day + shift / kSecondsPerDay);
        }
      }
      EXPECT_TRUE(found) << tt.trip_name(*t.trip_) << " " << tt.stop(t.from_).name_ << " → "
                         << tt.stop(t.to_).name_;
    }
  }
}

// The stays and travel hours of the request hold between consecutive legs.
void expect_request_kept(itinerary_request const& r, itinerary const& plan) {
  ASSERT_TRUE(plan.feasible_) << plan.infeasible_;
  EXPECT_EQ(r.places_.size(), plan.order_.size() + plan.left_out_.size());
  EXPECT_EQ(plan.order_.size() + (r.return_to_start_ ? 1 : 0), plan.legs_.size());
  EXPECT_GE(plan.legs_.front().journey_.departure_, r.depart_s_);
  for (std::size_t i = 0; i + 1 < plan.legs_.size(); ++i) {
    auto const stay = r.places_[plan.order_[i]].stay_s_;
    EXPECT_GE(plan.legs_[i + 1].journey_.departure_, plan.legs_[i].journey_.arrival_ + stay);
  }
  for (auto const& l : plan.legs_) {
    if (r.travel_hours_) {
      EXPECT_GE(l.journey_.departure_ % kSecondsPerDay, r.travel_hours_->from_s_);
      EXPECT_LE(l.journey_.arrival_ % kSecondsPerDay, r.travel_hours_->to_s_);
      EXPECT_EQ(l.journey_.departure_ / kSecondsPerDay, l.journey_.arrival_ / kSecondsPerDay);
    }
  }
}

TEST(itinerary_rail, ancient_capitals_from_luoyang_longmen_with_24_hour_stays) {
  auto const& tt = rail();
  raptor_state st;
  itinerary_request r;
  r.start_ = place(tt, "洛阳龙门");
  for (auto const* city : {"北京", "西安", "南京", "开封", "杭州", "郑州"}) {
    r.places_.push_back({place(tt, city), 24 * 3600});
  }
  r.day_ = *tt.first_service_day();
  r.depart_s_ = 8 * 3600;
  auto const plan = plan_itinerary(tt, st, r);
  expect_request_kept(r, plan);
  expect_real_trains(tt, r.day_, plan);
  EXPECT_TRUE(plan.exact_);
  EXPECT_TRUE(plan.left_out_.empty());
  // Six places with a day each and the trains between them: a week, not two.
  EXPECT_LT(plan.end_ - plan.departure_, 8 * kSecondsPerDay);
  EXPECT_GT(plan.end_ - plan.departure_, 6 * kSecondsPerDay);
}

// An independent leg oracle: plain earliest-arrival searches, one day at a time.
std::optional<journey> oracle_leg(timetable const& tt, raptor_state& st, itinerary_request const& r,
                                  location const& from, location const& to, time_s_t ready) {
  for (auto d = ready / kSecondsPerDay; d <= ready / kSecondsPerDay + r.max_wait_days_; ++d) {
    journey_query q;
    q.from_ = from.stops_;
    q.to_ = to.stops_;
    q.day_ = r.day_ + d;
    q.depart_s_ = std::max(ready - d * kSecondsPerDay, r.travel_hours_->from_s_);
    q.arrive_by_s_ = r.travel_hours_->to_s_;
    q.max_transfers_ = r.max_transfers_;
    auto js = earliest_arrival(tt, st, q);
    if (!js.empty()) {
      js.front().arrival_ += d * kSecondsPerDay;
      return js.front();
    }
  }
  return std::nullopt;
}

time_s_t oracle_end(timetable const& tt, raptor_state& st, itinerary_request const& r,
                    std::vector<std::size_t> const& order) {
  auto at = r.start_;
  auto ready = r.depart_s_;
  auto arrival = ready;
  for (auto const p : order) {
    auto const j = oracle_leg(tt, st, r, at, r.places_[p].place_, ready);
    if (!j) {
      return kInfinity;
    }
    at = r.places_[p].place_;
    arrival = j->arrival_;
    ready = arrival + r.places_[p].stay_s_;
  }
  auto const back = oracle_leg(tt, st, r, at, r.start_, ready);
  return back ? back->arrival_ : kInfinity;
}

TEST(itinerary_rail, dynamic_programming_matches_every_order_tried) {
  auto const& tt = rail();
  raptor_state st;
  std::vector<std::string_view> const cities{
      "北京", "上海",   "广州", "西安", "成都", "武汉", "长沙", "南京", "杭州", "济南",
      "太原", "石家庄", "合肥", "福州", "南昌", "贵阳", "昆明", "兰州", "沈阳", "郑州"};
  std::mt19937 rng{20211};  // NOLINT(cert-msc32-c): a fixed seed keeps the cases reproducible
  for (auto round = 0; round < 4; ++round) {
    auto pick = cities;
    std::shuffle(pick.begin(), pick.end(), rng);
    auto r = tour(tt, pick[0], {pick[1], pick[2], pick[3], pick[4]}, 24 * 3600);
    r.day_ = *tt.first_service_day();
    r.depart_s_ = static_cast<time_s_t>(6 + round * 3) * 3600;
    auto const plan = plan_itinerary(tt, st, r);
    std::vector<std::size_t> order{0, 1, 2, 3};
    auto best = kInfinity;
    do {
      best = std::min(best, oracle_end(tt, st, r, order));
    } while (std::next_permutation(order.begin(), order.end()));
    ASSERT_TRUE(plan.feasible_) << pick[0] << ": " << plan.infeasible_;
    EXPECT_EQ(best, plan.end_) << "from " << pick[0] << " at " << r.depart_s_ / 3600 << ":00";
    EXPECT_EQ(oracle_end(tt, st, r, plan.order_), plan.end_);
    expect_real_trains(tt, r.day_, plan);
  }
}

TEST(itinerary_rail, more_than_ten_places_use_the_heuristic_and_stay_valid) {
  auto const& tt = rail();
  raptor_state st;
  auto r = tour(tt, "北京",
                {"天津", "石家庄", "太原", "郑州", "西安", "武汉", "长沙", "南昌", "合肥", "南京",
                 "杭州", "上海"},
                24 * 3600);
  r.day_ = *tt.first_service_day();
  auto const plan = plan_itinerary(tt, st, r);
  EXPECT_FALSE(plan.exact_);
  expect_request_kept(r, plan);
  expect_real_trains(tt, r.day_, plan);
  EXPECT_EQ(oracle_end(tt, st, r, plan.order_), plan.end_);
  // Twelve one-day stays on the densest part of the network: about two weeks at most.
  EXPECT_LT(plan.end_ - plan.departure_, 15 * kSecondsPerDay);
}

}  // namespace
}  // namespace zhitu::transit
