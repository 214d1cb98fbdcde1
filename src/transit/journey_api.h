// SPDX-License-Identifier: Apache-2.0
// The journeys endpoint without HTTP: typed parameters parsed from a query string, the search,
// and the JSON answer, so the server (server/journey_routes.cc) and tests call the same code.
//
//   auto const p = parse_journey_params(tt, {{"from", "郑州东"}, {"to", "洛阳"}, {"depart",
//   "12:00"}}); if (!p) { return problem(p.err()); }        // "depart: expected HH:MM, got
//   \"25:99\"" raptor_state state; auto const body = find_journeys(tt, state, *p);   //
//   {"journeys": [...]}
//
// Parameters: from, to (stop or station id, city area id, or a name: see timetable::resolve),
// date (YYYY-MM-DD; default: the feed's first service day), depart (HH:MM, default 00:00),
// arrive_by (HH:MM, hours up to 71 for later days), max_transfers (0-7, default 4), window
// (minutes 0-1440: every best journey departing in [depart, depart + window]).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "model/result.h"
#include "transit/raptor/raptor.h"
#include "transit/timetable.h"

namespace zhitu::transit {

struct journey_params {
  journey_query query_;
  location from_;
  location to_;
  bool range_{false};
};

// "HH:MM" with HH in [0, max_hours] → seconds; errors name the parameter.
result<time_s_t> parse_hhmm(std::string const& name, std::string const& text, int max_hours);

// "YYYY-MM-DD" within the timetable's days (or the day before its first, for overnight trains).
result<day_t> parse_service_date(timetable const& tt, std::string const& name,
                                 std::string const& text);

result<journey_params> parse_journey_params(timetable const& tt,
                                            std::multimap<std::string, std::string> const& args);

// {"departure", "arrival", "duration_min", "transfers", "legs": [{"train", "from", "to",
//  "departure", "arrival", "from_stop", "to_stop", "trip_id" or "walk", "path"}]}; times of day
//  `day`; "path" is [[lon, lat], …] through every call of the train between the two stops.
nlohmann::json journey_json(timetable const& tt, day_t day, journey const& j);

nlohmann::json location_json(location const& l);

// {"id", "name", "lon", "lat", "position_precision"}
nlohmann::json stop_json(timetable const& tt, stop_idx_t s);

// {"from": {...}, "to": {...}, "date": "...", "journeys": [{"departure", "arrival", "duration_min",
//  "transfers", "legs": [{"train", "from", "to", "departure", "arrival", ...}]}]}
nlohmann::json find_journeys(timetable const& tt, raptor_state& state, journey_params const& p);

}  // namespace zhitu::transit
