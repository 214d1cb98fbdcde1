// SPDX-License-Identifier: Apache-2.0
#include "transit/itinerary_api.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "transit/journey_api.h"

namespace zhitu::transit {

using nlohmann::json;

namespace {

constexpr auto kMaxStayHours = 240.0;
constexpr auto kMaxSitesRadiusKm = 50.0;
constexpr auto kMaxSitesLimit = 50;

result<double> number_in(json const& body, std::string const& key, double lo, double hi,
                         double fallback) {
  auto const it = body.find(key);
  if (it == body.end()) {
    return fallback;
  }
  if (!it->is_number() || it->get<double>() < lo || it->get<double>() > hi) {
    return invalid_argument(key + ": expected a number " + std::to_string(static_cast<int>(lo)) +
                            "–" + std::to_string(static_cast<int>(hi)) + ", got " + it->dump());
  }
  return it->get<double>();
}

result<std::string> string_at(json const& j, std::string const& name) {
  if (!j.is_string() || j.get<std::string>().empty()) {
    return invalid_argument(name + ": expected a non-empty string, got " + j.dump());
  }
  return j.get<std::string>();
}

bool shares_stop(location const& a, location const& b) {
  return std::any_of(a.stops_.begin(), a.stops_.end(), [&](stop_idx_t s) {
    return std::find(b.stops_.begin(), b.stops_.end(), s) != b.stops_.end();
  });
}

// The first service day that runs as the day after it, overnight trains of the days before
// included: on a feed's first days those trains are missing, which a tour would not expect.
day_t default_tour_day(timetable const& tt) {
  auto const first = tt.first_service_day().value_or(tt.first_day());
  for (auto d = first; d < first + 14 && d < tt.last_day(); ++d) {
    if (tt.same_service(d, d + 1, tt.max_trip_days(), 1)) {
      return d;
    }
  }
  return first;
}

}  // namespace

result<itinerary_params> parse_itinerary_params(timetable const& tt,
                                                std::vector<theme> const& themes,
                                                json const& body) {
  static std::set<std::string> const kAllowed{
      "start",  "theme",        "places",        "min_stay_hours",  "return_to_start", "date",
      "depart", "travel_hours", "max_transfers", "sites_radius_km", "sites_limit"};
  if (!body.is_object()) {
    return invalid_argument("body: expected a JSON object");
  }
  for (auto const& [k, v] : body.items()) {
    if (!kAllowed.contains(k)) {
      return invalid_argument(k +
                              ": unknown field; expected one of date, depart, max_transfers, "
                              "min_stay_hours, places, return_to_start, sites_limit, "
                              "sites_radius_km, start, theme, travel_hours");
    }
  }
  itinerary_params p;
  auto& r = p.request_;

  if (!body.contains("start")) {
    return invalid_argument("start: required (a station or city, by id or name)");
  }
  auto const start = string_at(body["start"], "start");
  if (!start) {
    return start.err();
  }
  auto const start_at = tt.resolve(*start);
  if (!start_at || start_at->stops_.empty()) {
    return invalid_argument("start: no station or city \"" + *start + "\" in the timetable");
  }
  r.start_ = *start_at;

  auto const stay = number_in(body, "min_stay_hours", 0, kMaxStayHours, 24);
  if (!stay) {
    return stay.err();
  }
  auto const default_stay = static_cast<time_s_t>(std::lround(*stay * 3600));

  auto const add = [&](location const& l, time_s_t stay_s,
                       std::string const& field) -> result<bool> {
    if (shares_stop(l, r.start_)) {
      p.not_planned_.push_back(
          {l.name_, why_not::kIsStart, "the tour starts here (" + r.start_.name_ + ")"});
      return true;
    }
    for (auto const& v : r.places_) {
      if (shares_stop(l, v.place_)) {
        return invalid_argument(field + ": \"" + l.name_ + "\" is already in the tour (as \"" +
                                v.place_.name_ + "\")");
      }
    }
    r.places_.push_back({l, stay_s});
    return true;
  };

  auto const has_theme = body.contains("theme");
  auto const has_places = body.contains("places");
  if (has_theme == has_places) {
    return invalid_argument(has_theme ? "places: give either theme or places, not both"
                                      : "places: required, or a theme");
  }
  if (has_theme) {
    auto const id = string_at(body["theme"], "theme");
    if (!id) {
      return id.err();
    }
    p.theme_ = find_theme(themes, *id);
    if (p.theme_ == nullptr) {
      std::string known;
      for (auto const& t : themes) {
        known += (known.empty() ? "" : ", ") + t.id_;
      }
      return invalid_argument("theme: no theme \"" + *id +
                              "\"; known: " + (known.empty() ? "none loaded" : known));
    }
    for (auto const& tp : p.theme_->places_) {
      auto const l = tt.resolve(tp.place_);
      if (!l || l->stops_.empty()) {
        p.not_planned_.push_back(
            {tp.place_, why_not::kNoStation, "no station of the timetable is in " + tp.place_});
        continue;
      }
      if (auto const ok = add(*l, default_stay, "theme"); !ok) {
        return ok.err();
      }
    }
  } else {
    auto const& places = body["places"];
    if (!places.is_array() || places.empty() || places.size() > kMaxPlaces) {
      return invalid_argument("places: expected an array of 1–" + std::to_string(kMaxPlaces) +
                              " stations or cities");
    }
    for (std::size_t i = 0; i < places.size(); ++i) {
      auto const field = "places[" + std::to_string(i) + "]";
      auto const& e = places[i];
      auto name = result<std::string>{std::string{}};
      auto stay_s = default_stay;
      if (e.is_object()) {
        for (auto const& [k, v] : e.items()) {
          if (k != "place" && k != "stay_hours") {
            return invalid_argument(field + "." + k +
                                    ": unknown field; expected place, stay_hours");
          }
        }
        if (!e.contains("place")) {
          return invalid_argument(field + ".place: required");
        }
        name = string_at(e["place"], field + ".place");
        auto const h = number_in(e, "stay_hours", 0, kMaxStayHours, *stay);
        if (!h) {
          return invalid_argument(field + "." + h.err().message_);
        }
        stay_s = static_cast<time_s_t>(std::lround(*h * 3600));
      } else {
        name = string_at(e, field);
      }
      if (!name) {
        return name.err();
      }
      auto const l = tt.resolve(*name);
      if (!l || l->stops_.empty()) {
        return invalid_argument(field + ": no station or city \"" + *name + "\" in the timetable");
      }
      if (shares_stop(*l, r.start_)) {
        return invalid_argument(field + ": \"" + *name + "\" is the start");
      }
      if (auto const ok = add(*l, stay_s, field); !ok) {
        return ok.err();
      }
    }
  }
  if (r.places_.size() > kMaxPlaces) {
    return invalid_argument("theme: more than " + std::to_string(kMaxPlaces) +
                            " places; list the ones to visit in places");
  }

  if (auto const it = body.find("return_to_start"); it != body.end()) {
    if (!it->is_boolean()) {
      return invalid_argument("return_to_start: expected true or false, got " + it->dump());
    }
    r.return_to_start_ = it->get<bool>();
  }
  if (auto const it = body.find("travel_hours"); it != body.end()) {
    if (it->is_null()) {
      r.travel_hours_.reset();
    } else {
      if (!it->is_object() || !it->contains("from") || !it->contains("to") || it->size() != 2) {
        return invalid_argument(
            "travel_hours: expected {\"from\": \"HH:MM\", \"to\": \"HH:MM\"} or null, got " +
            it->dump());
      }
      auto const from = string_at((*it)["from"], "travel_hours.from");
      auto const to = string_at((*it)["to"], "travel_hours.to");
      if (!from || !to) {
        return from ? to.err() : from.err();
      }
      auto const f = parse_hhmm("travel_hours.from", *from, 23);
      auto const t = parse_hhmm("travel_hours.to", *to, 24);
      if (!f || !t) {
        return f ? t.err() : f.err();
      }
      if (*t > kSecondsPerDay || *t <= *f) {
        return invalid_argument("travel_hours.to: expected a time after from and by 24:00, got \"" +
                                *to + "\"");
      }
      r.travel_hours_ = travel_hours{*f, *t};
    }
  }
  if (auto const it = body.find("date"); it != body.end()) {
    auto const text = string_at(*it, "date");
    if (!text) {
      return text.err();
    }
    auto const day = parse_service_date(tt, "date", *text);
    if (!day) {
      return day.err();
    }
    r.day_ = *day;
  } else {
    r.day_ = default_tour_day(tt);
  }
  r.depart_s_ = r.travel_hours_ ? r.travel_hours_->from_s_ : 8 * 3600;
  if (auto const it = body.find("depart"); it != body.end()) {
    auto const text = string_at(*it, "depart");
    if (!text) {
      return text.err();
    }
    auto const t = parse_hhmm("depart", *text, 23);
    if (!t) {
      return t.err();
    }
    r.depart_s_ = *t;
  }
  auto const transfers = number_in(body, "max_transfers", 0, kMaxTransfers, 3);
  if (!transfers) {
    return transfers.err();
  }
  if (*transfers != std::floor(*transfers)) {
    return invalid_argument("max_transfers: expected a whole number");
  }
  r.max_transfers_ = static_cast<std::uint8_t>(*transfers);
  auto const radius = number_in(body, "sites_radius_km", 0, kMaxSitesRadiusKm, 10);
  if (!radius) {
    return radius.err();
  }
  p.sites_radius_m_ = *radius * 1000;
  auto const limit = number_in(body, "sites_limit", 0, kMaxSitesLimit, 8);
  if (!limit) {
    return limit.err();
  }
  if (*limit != std::floor(*limit)) {
    return invalid_argument("sites_limit: expected a whole number");
  }
  p.sites_limit_ = static_cast<std::size_t>(*limit);
  return p;
}

json itinerary_json(timetable const& tt, itinerary_params const& p, itinerary const& plan) {
  auto const& r = p.request_;
  json out{{"start", location_json(r.start_)},
           {"date", format_day(r.day_)},
           {"return_to_start", r.return_to_start_},
           {"travel_hours", r.travel_hours_ ? json{{"from", format_hours(r.travel_hours_->from_s_)},
                                                   {"to", format_hours(r.travel_hours_->to_s_)}}
                                            : json(nullptr)},
           {"max_wait_days", r.max_wait_days_},
           {"method", plan.exact_ ? "exact" : "heuristic"},
           {"feasible", plan.feasible_}};
  if (p.theme_ != nullptr) {
    out["theme"] = {
        {"id", p.theme_->id_},
        {"name", {{"zh", p.theme_->name_zh_}, {"en", p.theme_->name_en_}}},
        {"description", {{"zh", p.theme_->description_zh_}, {"en", p.theme_->description_en_}}}};
  }
  auto left = json::array();
  for (auto const& n : p.not_planned_) {
    left.push_back({{"place", n.place_}, {"code", to_string(n.code_)}, {"reason", n.reason_}});
  }
  for (auto const& l : plan.left_out_) {
    left.push_back({{"place", r.places_[l.place_].place_.name_},
                    {"code", to_string(l.code_)},
                    {"reason", l.reason_}});
  }
  out["left_out"] = std::move(left);
  if (!plan.feasible_) {
    out["reason"] = plan.infeasible_;
    out["reason_code"] = to_string(plan.infeasible_code_);
    return out;
  }
  out["departure"] = format_time(r.day_, plan.departure_);
  out["end"] = format_time(r.day_, plan.end_);
  out["total_hours"] = std::round((plan.end_ - plan.departure_) / 360.0) / 10.0;

  auto const place_of = [&](std::size_t node) -> location const& {
    return node == 0 ? r.start_ : r.places_[node - 1].place_;
  };
  auto legs = json::array();
  auto stops = json::array();
  for (std::size_t i = 0; i < plan.legs_.size(); ++i) {
    auto const& l = plan.legs_[i];
    auto leg = journey_json(tt, r.day_, l.journey_);
    leg["from_place"] = location_json(place_of(l.from_));
    leg["to_place"] = location_json(place_of(l.to_));
    legs.push_back(std::move(leg));
    if (l.to_ == 0) {
      continue;
    }
    json stop{{"place", location_json(place_of(l.to_))},
              {"station", stop_json(tt, l.journey_.legs_.back().to_)},
              {"arrival", format_time(r.day_, l.journey_.arrival_)},
              {"stay_hours", r.places_[l.to_ - 1].stay_s_ / 3600.0}};
    stop["departure"] = i + 1 < plan.legs_.size()
                            ? json(format_time(r.day_, plan.legs_[i + 1].journey_.departure_))
                            : json(nullptr);
    stops.push_back(std::move(stop));
  }
  out["stops"] = std::move(stops);
  out["legs"] = std::move(legs);
  return out;
}

}  // namespace zhitu::transit
