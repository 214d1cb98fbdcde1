// SPDX-License-Identifier: Apache-2.0
// POST /api/itineraries without HTTP: the JSON body parsed into a request, and the plan as JSON,
// so the server (server/journey_routes.cc) and tests call the same code.
//
//   auto const p = parse_itinerary_params(tt, themes, nlohmann::json::parse(R"({
//       "start": "洛阳龙门", "theme": "ancient_capitals", "min_stay_hours": 24})"));
//   if (!p) { return problem(p.err()); }          // "places[2]: no station or city \"…\" …"
//   auto const plan = plan_itinerary(tt, state, p->request_);
//   auto const body = itinerary_json(tt, *p, plan);
//
// Body fields (only `start` and one of `theme` / `places` are required):
//   start            station or city, by id or name (timetable::resolve)
//   theme            a theme id (themes.h); its places the timetable does not know are left out
//   places           ["西安", {"place": "北京", "stay_hours": 48}, …], 1 to kMaxPlaces
//   min_stay_hours   stay at each place unless it says otherwise, 0–240 (default 24)
//   return_to_start  default true
//   date, depart     YYYY-MM-DD (default: the first service day whose overnight trains from
//                    earlier days are in the feed), HH:MM (default: the start of the travel hours)
//   travel_hours     {"from": "07:00", "to": "23:00"} (the default), or null for any hour
//   max_transfers    per leg, 0–7 (default 3)
//   sites_radius_km  heritage sites listed around each arrival station, 0–50 (default 10)
//   sites_limit      0–50 (default 8)
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/result.h"
#include "transit/itinerary.h"
#include "transit/themes.h"

namespace zhitu::transit {

struct itinerary_params {
  itinerary_request request_;
  theme const* theme_{nullptr};
  struct not_planned {
    std::string place_;
    why_not code_;
    std::string reason_;
  };
  std::vector<not_planned> not_planned_;  // theme places the timetable lacks, or the start's city
  double sites_radius_m_{10'000};
  std::size_t sites_limit_{8};
};

result<itinerary_params> parse_itinerary_params(timetable const& tt,
                                                std::vector<theme> const& themes,
                                                nlohmann::json const& body);

// {"start", "date", "theme", "method", "feasible", "departure", "end", "total_hours",
//  "stops": [{"place", "station", "arrival", "departure", "stay_hours"}],
//  "legs": [{"from", "to", "departure", "arrival", "duration_min", "transfers", "legs": [...]}],
//  "left_out": [{"place", "reason"}]} (+ "reason" when not feasible)
nlohmann::json itinerary_json(timetable const& tt, itinerary_params const& p,
                              itinerary const& plan);

}  // namespace zhitu::transit
