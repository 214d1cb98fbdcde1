// SPDX-License-Identifier: Apache-2.0
#include "transit/journey_api.h"

#include <algorithm>
#include <charconv>
#include <set>

namespace zhitu::transit {

using nlohmann::json;

namespace {

std::optional<int> parse_int(std::string_view s) {
  int v = 0;
  auto const [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size() || s.empty()) {
    return std::nullopt;
  }
  return v;
}

}  // namespace

result<time_s_t> parse_hhmm(std::string const& name, std::string const& text, int max_hours) {
  auto const colon = text.find(':');
  auto const bad = invalid_argument(name + ": expected a time HH:MM (hours 0-" +
                                    std::to_string(max_hours) + "), got \"" + text + "\"");
  if (colon == std::string::npos || text.size() - colon != 3) {
    return bad;
  }
  auto const h = parse_int(std::string_view{text}.substr(0, colon));
  auto const m = parse_int(std::string_view{text}.substr(colon + 1));
  if (!h || !m || *h < 0 || *h > max_hours || *m < 0 || *m > 59) {
    return bad;
  }
  return *h * 3600 + *m * 60;
}

json stop_json(timetable const& tt, stop_idx_t s) {
  auto const& x = tt.stop(s);
  json j{{"id", x.id_}, {"name", x.name_}, {"lon", x.lon_}, {"lat", x.lat_}};
  if (!x.precision_.empty()) {
    j["position_precision"] = x.precision_;
  }
  return j;
}

json location_json(location const& l) {
  return {{"id", l.id_}, {"name", l.name_}, {"kind", l.kind_}};
}

result<day_t> parse_service_date(timetable const& tt, std::string const& name,
                                 std::string const& t) {
  auto const y =
      t.size() == 10 && t[4] == '-' && t[7] == '-' ? parse_int(t.substr(0, 4)) : std::nullopt;
  auto const m = y ? parse_int(t.substr(5, 2)) : std::nullopt;
  auto const dd = m ? parse_int(t.substr(8, 2)) : std::nullopt;
  if (!dd || *m < 1 || *m > 12 || *dd < 1 || *dd > 31) {
    return invalid_argument(name + ": expected YYYY-MM-DD, got \"" + t + "\"");
  }
  auto const day = days_from_civil(*y, static_cast<unsigned>(*m), static_cast<unsigned>(*dd));
  if (format_day(day) != t) {
    return invalid_argument(name + ": no such day \"" + t + "\"");
  }
  if (day < tt.first_day() - 1 || day > tt.last_day()) {
    return invalid_argument(name + ": " + t + " is outside the timetable (" +
                            format_day(tt.first_day()) + " to " + format_day(tt.last_day()) + ")");
  }
  return day;
}

result<journey_params> parse_journey_params(timetable const& tt,
                                            std::multimap<std::string, std::string> const& args) {
  static std::set<std::string> const kAllowed{
      "from", "to", "date", "depart", "arrive_by", "max_transfers", "window"};
  for (auto it = args.begin(); it != args.end(); it = args.upper_bound(it->first)) {
    if (!kAllowed.contains(it->first)) {
      return invalid_argument(it->first +
                              ": unknown parameter; expected one of arrive_by, date, depart, from, "
                              "max_transfers, to, window");
    }
    if (args.count(it->first) > 1) {
      return invalid_argument(it->first + ": given more than once");
    }
  }
  auto const get = [&](char const* k) -> std::optional<std::string> {
    auto const it = args.find(k);
    return it == args.end() ? std::nullopt : std::optional{it->second};
  };
  journey_params p;
  for (auto const* k : {"from", "to"}) {
    auto const v = get(k);
    if (!v || v->empty()) {
      return invalid_argument(std::string{k} + ": required (a station or city, by id or name)");
    }
    auto const l = tt.resolve(*v);
    if (!l) {
      return invalid_argument(std::string{k} + ": no station or city \"" + *v +
                              "\" in the timetable");
    }
    if (l->stops_.empty()) {
      return invalid_argument(std::string{k} + ": \"" + *v + "\" has no stops");
    }
    (std::string_view{k} == "from" ? p.from_ : p.to_) = *l;
  }
  if (p.from_.id_ == p.to_.id_) {
    return invalid_argument("to: the same place as from (\"" + p.from_.name_ + "\")");
  }
  p.query_.from_ = p.from_.stops_;
  p.query_.to_ = p.to_.stops_;

  if (auto const d = get("date")) {
    auto const day = parse_service_date(tt, "date", *d);
    if (!day) {
      return day.err();
    }
    p.query_.day_ = *day;
  } else {
    auto const first = tt.first_service_day();
    p.query_.day_ = first.value_or(tt.first_day());
  }
  if (auto const d = get("depart")) {
    auto const t = parse_hhmm("depart", *d, 23);
    if (!t) {
      return t.err();
    }
    p.query_.depart_s_ = *t;
  }
  if (auto const d = get("arrive_by")) {
    auto const t = parse_hhmm("arrive_by", *d, 71);
    if (!t) {
      return t.err();
    }
    if (*t < p.query_.depart_s_) {
      return invalid_argument("arrive_by: " + *d + " is before depart");
    }
    p.query_.arrive_by_s_ = *t;
  }
  if (auto const d = get("max_transfers")) {
    auto const v = parse_int(*d);
    if (!v || *v < 0 || *v > kMaxTransfers) {
      return invalid_argument("max_transfers: expected a whole number 0-" +
                              std::to_string(kMaxTransfers) + ", got \"" + *d + "\"");
    }
    p.query_.max_transfers_ = static_cast<std::uint8_t>(*v);
  } else {
    p.query_.max_transfers_ = 4;
  }
  if (auto const d = get("window")) {
    auto const v = parse_int(*d);
    if (!v || *v < 0 || *v > 1440) {
      return invalid_argument("window: expected minutes 0-1440, got \"" + *d + "\"");
    }
    p.query_.window_s_ = *v * 60;
    p.range_ = true;
  }
  return p;
}

namespace {

// [[lon, lat], …] of every call of the train from boarding to alighting (a walk: both ends), so a
// map draws the leg through the stations it passes rather than straight across.
json path_json(timetable const& tt, leg const& l) {
  auto const point = [&](stop_idx_t s) { return json::array({tt.stop(s).lon_, tt.stop(s).lat_}); };
  auto path = json::array();
  if (l.trip_) {
    auto const stops = tt.pattern_stops(tt.trip_pattern(*l.trip_));
    auto const board = std::find(stops.begin(), stops.end(), l.from_);
    auto const alight =
        board == stops.end() ? stops.end() : std::find(board + 1, stops.end(), l.to_);
    if (alight != stops.end()) {
      for (auto it = board; it != alight + 1; ++it) {
        path.push_back(point(*it));
      }
      return path;
    }
  }
  path.push_back(point(l.from_));
  path.push_back(point(l.to_));
  return path;
}

}  // namespace

json journey_json(timetable const& tt, day_t day, journey const& j) {
  auto legs = json::array();
  for (auto const& l : j.legs_) {
    json leg{{"train", l.trip_ ? json(tt.trip_name(*l.trip_)) : json(nullptr)},
             {"from", tt.stop(l.from_).name_},
             {"to", tt.stop(l.to_).name_},
             {"departure", format_time(day, l.departure_)},
             {"arrival", format_time(day, l.arrival_)},
             {"from_stop", stop_json(tt, l.from_)},
             {"to_stop", stop_json(tt, l.to_)}};
    if (l.trip_) {
      leg["trip_id"] = tt.trip_id(*l.trip_);
    } else {
      leg["walk"] = true;
    }
    leg["path"] = path_json(tt, l);
    legs.push_back(std::move(leg));
  }
  return {{"departure", format_time(day, j.departure_)},
          {"arrival", format_time(day, j.arrival_)},
          {"duration_min", (j.arrival_ - j.departure_) / 60},
          {"transfers", j.transfers_},
          {"legs", std::move(legs)}};
}

json find_journeys(timetable const& tt, raptor_state& state, journey_params const& p) {
  auto const& q = p.query_;
  auto const js = p.range_ ? range_query(tt, state, q) : earliest_arrival(tt, state, q);
  auto out = json::array();
  for (auto const& j : js) {
    out.push_back(journey_json(tt, q.day_, j));
  }
  return {{"from", location_json(p.from_)},
          {"to", location_json(p.to_)},
          {"date", format_day(q.day_)},
          {"journeys", std::move(out)}};
}

}  // namespace zhitu::transit
