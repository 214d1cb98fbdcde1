// SPDX-License-Identifier: Apache-2.0
// The itinerary designer: in which order to visit places, and on which trains, so that a tour
// that stays a minimum time at each place ends as early as possible.
//
//   itinerary_request r;
//   r.start_ = *tt.resolve("洛阳龙门");
//   for (auto const* city : {"北京", "西安", "南京", "开封", "杭州", "安阳", "郑州"}) {
//     r.places_.push_back({*tt.resolve(city), 24 * 3600});
//   }
//   r.day_ = *tt.first_service_day();
//   r.depart_s_ = 8 * 3600;
//   raptor_state state;
//   auto const plan = plan_itinerary(tt, state, r);  // order, trains, places left out and why
//
// Legs are time-dependent: the earliest arrival at place j leaving place i at t never decreases
// with t (waiting never helps), so the earliest arrival at each (set of places visited, place
// now) is all a later step needs: dynamic programming over subsets (Held–Karp) is exact. Up to
// kExactPlaces places it is used; beyond, a nearest-next tour improved by moving single places
// and reversing stretches until nothing improves (a heuristic: the answer says so). Arrivals
// come from one-to-many profiles per place and service day (raptor.h `profiles`), computed when
// first needed and shared between days that run the same trips.
//
// Travel hours: when set, every leg leaves at or after `from_s_` and arrives by `to_s_` of the
// same day; a leg that cannot fits into a later day. A place that no train of the feed reaches
// from the start or any other place (or, when the tour returns, that no train leaves for one)
// is left out and listed with the reason; the rest is still planned.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "transit/raptor/raptor.h"
#include "transit/timetable.h"

namespace zhitu::transit {

constexpr auto kExactPlaces = std::size_t{10};
constexpr auto kMaxPlaces = std::size_t{40};

struct visit {
  location place_;
  time_s_t stay_s_{24 * 3600};  // minimum time between arriving and leaving again
};

struct travel_hours {
  time_s_t from_s_{7 * 3600};
  time_s_t to_s_{23 * 3600};  // REQUIRES: from_s_ < to_s_ <= 24 h
};

struct itinerary_request {
  location start_;
  std::vector<visit> places_;  // REQUIRES: size() <= kMaxPlaces, no stop shared with start_
  day_t day_{0};
  time_s_t depart_s_{0};                                      // seconds after the day's midnight
  std::optional<travel_hours> travel_hours_{travel_hours{}};  // nullopt: trains at any hour
  bool return_to_start_{true};
  std::uint8_t max_transfers_{3};  // per leg; REQUIRES: <= kMaxTransfers
  int max_wait_days_{7};           // how long to wait for a train before giving up
};

struct itinerary_leg {
  std::size_t from_;  // 0: the start; i + 1: places_[i]
  std::size_t to_;
  journey journey_;  // times relative to the request's day
};

// Why a place is not in the tour, or why there is no tour: for clients that word it in their
// own language (the reason texts are English).
enum class why_not : std::uint8_t {
  kIsStart,           // the place is the start's city or station
  kNoStation,         // the timetable has no station in the place
  kUnreachable,       // no train reaches it from the start or another place
  kCannotLeave,       // on a round trip, no train leaves it for the start or another place
  kStartIsolated,     // no place can be reached from the start
  kNoConnectingOrder  // no order of the places is connected by trains
};
std::string_view to_string(why_not w);

struct left_out {
  std::size_t place_;  // index into places_
  why_not code_;
  std::string reason_;
};

struct itinerary {
  bool feasible_{false};
  why_not infeasible_code_{why_not::kStartIsolated};  // when !feasible_
  std::string infeasible_;                            // why no tour exists, when !feasible_
  bool exact_{true};                                  // false: the order comes from the heuristic
  std::vector<std::size_t> order_;                    // indices into places_, in visiting order
  std::vector<itinerary_leg> legs_;
  std::vector<left_out> left_out_;
  time_s_t departure_{0};  // the first train's departure
  time_s_t end_{0};        // back at the start, or the end of the last stay
};

itinerary plan_itinerary(timetable const& tt, raptor_state& state, itinerary_request const& r);

// "07:00": one end of the travel hours (seconds after midnight, up to 24:00).
std::string format_hours(time_s_t t);

}  // namespace zhitu::transit
