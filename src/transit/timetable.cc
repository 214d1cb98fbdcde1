// SPDX-License-Identifier: Apache-2.0
#include "transit/timetable.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <tuple>

#include "model/check.h"

namespace zhitu::transit {

namespace {

// A stop with no path to the target in the rows of `min_time_rows_`.
constexpr auto kNoPath = std::numeric_limits<time_s_t>::max();

std::string_view strip_suffix(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.ends_with(suffix) ? s.substr(0, s.size() - suffix.size())
                                                         : s;
}

}  // namespace

timetable timetable::build(gtfs_feed const& feed, timetable_config const& cfg) {
  timetable tt;

  // Stops; stations (location_type 1) are kept as stops without trips, so their ids resolve.
  for (auto const& s : feed.stops_) {
    if (s.location_type_ > 1) {
      continue;
    }
    tt.stop_by_id_.emplace(s.id_, static_cast<stop_idx_t>(tt.stops_.size()));
    tt.stops_.push_back({s.id_, s.name_, s.lat_, s.lon_, s.precision_, s.location_type_ == 1});
  }
  auto const n = tt.stops_.size();
  std::map<std::string, std::size_t> station_of;
  for (auto const& s : feed.stops_) {
    if (s.location_type_ == 1) {
      station_of.emplace(s.id_, tt.stations_.size());
      tt.stations_.push_back({s.id_, s.name_, {}});
    }
  }
  for (auto const& s : feed.stops_) {
    if (s.location_type_ == 0 && !s.parent_id_.empty()) {
      auto const it = station_of.find(s.parent_id_);
      if (it != station_of.end()) {
        tt.stations_[it->second].stops_.push_back(tt.stop_by_id_.at(s.id_));
      }
    }
  }
  for (auto const& a : feed.areas_) {
    group g{a.id_, a.name_, {}};
    for (auto const& id : a.stop_ids_) {
      auto const it = tt.stop_by_id_.find(id);
      if (it == tt.stop_by_id_.end()) {
        continue;
      }
      if (tt.stops_[it->second].is_group_) {  // an area may list a station: take its stops
        for (auto const& st : tt.stations_) {
          if (st.id_ == id) {
            g.stops_.insert(g.stops_.end(), st.stops_.begin(), st.stops_.end());
          }
        }
      } else {
        g.stops_.push_back(it->second);
      }
    }
    std::sort(g.stops_.begin(), g.stops_.end());
    g.stops_.erase(std::unique(g.stops_.begin(), g.stops_.end()), g.stops_.end());
    tt.cities_.push_back(std::move(g));
  }

  // Services: one byte per (service, day) over the feed's whole date range.
  std::map<std::string, std::uint32_t> service_idx;
  day_t lo = std::numeric_limits<day_t>::max();
  day_t hi = std::numeric_limits<day_t>::min();
  for (auto const& c : feed.calendars_) {
    service_idx.emplace(c.service_id_, static_cast<std::uint32_t>(service_idx.size()));
    lo = std::min(lo, c.start_);
    hi = std::max(hi, c.end_);
  }
  for (auto const& c : feed.calendar_dates_) {
    service_idx.emplace(c.service_id_, static_cast<std::uint32_t>(service_idx.size()));
    lo = std::min(lo, c.day_);
    hi = std::max(hi, c.day_);
  }
  if (lo > hi) {
    lo = hi = 0;
  }
  tt.first_day_ = lo;
  tt.n_days_ = hi - lo + 1;
  tt.service_days_.assign(service_idx.size() * static_cast<std::size_t>(tt.n_days_), 0);
  auto const at = [&](std::string const& svc, day_t d) -> std::uint8_t& {
    return tt.service_days_[service_idx.at(svc) * static_cast<std::size_t>(tt.n_days_) +
                            static_cast<std::size_t>(d - lo)];
  };
  for (auto const& c : feed.calendars_) {
    for (auto d = c.start_; d <= c.end_; ++d) {
      at(c.service_id_, d) = (c.weekdays_ >> weekday(d)) & 1U;
    }
  }
  for (auto const& c : feed.calendar_dates_) {
    at(c.service_id_, c.day_) = c.added_ ? 1 : 0;
  }

  // Trips → stop sequences (stop_times_ is grouped by trip in sequence order).
  std::map<std::string, std::size_t> trip_of;
  for (std::size_t i = 0; i < feed.trips_.size(); ++i) {
    trip_of.emplace(feed.trips_[i].id_, i);
  }
  std::map<std::string, std::size_t> route_of;
  for (std::size_t i = 0; i < feed.routes_.size(); ++i) {
    route_of.emplace(feed.routes_[i].id_, i);
  }
  struct raw_trip {
    std::size_t gtfs_idx_;
    std::vector<stop_idx_t> stops_;
    std::vector<time_s_t> times_;  // arr, dep pairs
  };
  std::vector<raw_trip> raw;
  for (std::size_t i = 0; i < feed.stop_times_.size();) {
    auto j = i;
    raw_trip r{trip_of.at(feed.stop_times_[i].trip_id_), {}, {}};
    for (; j < feed.stop_times_.size() &&
           feed.stop_times_[j].trip_id_ == feed.stop_times_[i].trip_id_;
         ++j) {
      r.stops_.push_back(tt.stop_by_id_.at(feed.stop_times_[j].stop_id_));
      r.times_.push_back(feed.stop_times_[j].arrival_s_);
      r.times_.push_back(feed.stop_times_[j].departure_s_);
    }
    if (r.stops_.size() >= 2) {
      raw.push_back(std::move(r));
    }
    i = j;
  }
  // Group by stop sequence, sort by first departure, split so that no trip overtakes another.
  std::map<std::vector<stop_idx_t>, std::vector<std::size_t>> by_seq;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    by_seq[raw[i].stops_].push_back(i);
  }
  for (auto& [seq, idxs] : by_seq) {
    std::sort(idxs.begin(), idxs.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(raw[a].times_, raw[a].gtfs_idx_) < std::tie(raw[b].times_, raw[b].gtfs_idx_);
    });
    std::vector<std::vector<std::size_t>> parts;
    for (auto const i : idxs) {
      auto placed = false;
      for (auto& p : parts) {
        auto const& last = raw[p.back()].times_;
        auto fifo = true;
        for (std::size_t k = 0; k < last.size(); ++k) {
          fifo = fifo && raw[i].times_[k] >= last[k];
        }
        if (fifo) {
          p.push_back(i);
          placed = true;
          break;
        }
      }
      if (!placed) {
        parts.push_back({i});
      }
    }
    for (auto const& p : parts) {
      auto const pattern = static_cast<pattern_idx_t>(tt.patterns_.size());
      auto& header = tt.patterns_.emplace_back();
      header.first_stop_ = static_cast<std::uint32_t>(tt.pattern_stops_.size());
      header.n_stops_ = static_cast<std::uint32_t>(seq.size());
      header.first_trip_ = static_cast<trip_idx_t>(tt.trip_names_.size());
      header.n_trips_ = static_cast<std::uint32_t>(p.size());
      tt.pattern_stops_.insert(tt.pattern_stops_.end(), seq.begin(), seq.end());
      auto pattern_days = 0;
      for (auto const i : p) {
        pattern_days = std::max(pattern_days, raw[i].times_.back() / kSecondsPerDay);
        auto const& g = feed.trips_[raw[i].gtfs_idx_];
        tt.trip_event_offset_.push_back(static_cast<std::uint32_t>(tt.event_times_.size()));
        tt.event_times_.insert(tt.event_times_.end(), raw[i].times_.begin(), raw[i].times_.end());
        tt.trip_pattern_.push_back(pattern);
        tt.trip_service_.push_back(service_idx.at(g.service_id_));
        auto name = g.short_name_;
        if (name.empty()) {
          auto const& r = feed.routes_[route_of.at(g.route_id_)];
          name = r.short_name_.empty() ? r.long_name_ : r.short_name_;
        }
        tt.trip_names_.push_back(name.empty() ? g.id_ : name);
        tt.trip_ids_.push_back(g.id_);
        tt.max_trip_days_ = std::max(tt.max_trip_days_, raw[i].times_.back() / kSecondsPerDay);
      }
      header.max_days_ = static_cast<std::uint8_t>(std::min(pattern_days, 255));
    }
  }

  // Position-major departures: a boarding search reads one contiguous run per position.
  for (pattern_idx_t p = 0; p < tt.n_patterns(); ++p) {
    tt.patterns_[p].first_departure_ = static_cast<std::uint32_t>(tt.pattern_departures_.size());
    auto const n_stops = tt.pattern_stops(p).size();
    for (std::uint32_t pos = 0; pos < n_stops; ++pos) {
      for (std::uint32_t i = 0; i < tt.pattern_n_trips(p); ++i) {
        tt.pattern_departures_.push_back(tt.departure(tt.pattern_trip(p, i), pos));
      }
    }
  }

  // Stop → (pattern, position).
  std::vector<std::vector<stop_pattern>> sp(n);
  for (pattern_idx_t p = 0; p < tt.n_patterns(); ++p) {
    auto const stops = tt.pattern_stops(p);
    for (std::uint32_t i = 0; i < stops.size(); ++i) {
      sp[stops[i]].push_back({p, i});
    }
  }
  tt.stop_pattern_offset_.push_back(0);
  for (auto const& v : sp) {
    tt.stop_patterns_.insert(tt.stop_patterns_.end(), v.begin(), v.end());
    tt.stop_pattern_offset_.push_back(static_cast<std::uint32_t>(tt.stop_patterns_.size()));
  }

  // Transfers: minimum change times and footpaths.
  tt.mtt_s_.assign(n, cfg.default_mtt_s_);
  std::map<std::pair<stop_idx_t, stop_idx_t>, time_s_t> fp;  // -1: forbidden
  for (auto const& st : tt.stations_) {
    for (auto const a : st.stops_) {
      for (auto const b : st.stops_) {
        if (a != b) {
          fp[{a, b}] = cfg.default_sibling_s_;
        }
      }
    }
  }
  // A transfer given for a station applies to each of its stops.
  auto const expand = [&](std::string const& id) {
    auto const s = tt.stop_by_id_.at(id);
    if (!tt.stops_[s].is_group_) {
      return std::vector<stop_idx_t>{s};
    }
    for (auto const& st : tt.stations_) {
      if (st.id_ == id) {
        return st.stops_;
      }
    }
    return std::vector<stop_idx_t>{};
  };
  for (auto const& t : feed.transfers_) {
    auto const d = t.type_ == 3   ? -1
                   : t.type_ == 2 ? t.min_transfer_s_
                   : t.type_ == 1 ? 0
                                  : -2;  // 0: recommended, no time: the default
    if (t.type_ > 3) {
      continue;  // in-seat transfers (4, 5) need trip ids: not modelled
    }
    for (auto const a : expand(t.from_stop_id_)) {
      for (auto const b : expand(t.to_stop_id_)) {
        if (a == b) {
          tt.mtt_s_[a] = d == -2 ? cfg.default_mtt_s_ : d == -1 ? kSecondsPerDay * 365 : d;
        } else {
          fp[{a, b}] = d == -2 ? cfg.default_sibling_s_ : d;
        }
      }
    }
  }
  std::vector<std::vector<footpath>> fps(n);
  for (auto const& [k, d] : fp) {
    if (d >= 0) {
      fps[k.first].push_back({k.second, d});
    }
  }
  tt.footpath_offset_.push_back(0);
  for (auto const& v : fps) {
    tt.footpaths_.insert(tt.footpaths_.end(), v.begin(), v.end());
    tt.footpath_offset_.push_back(static_cast<std::uint32_t>(tt.footpaths_.size()));
  }
  tt.build_min_hops(cfg.min_time_table_max_stops_);
  tt.build_min_trains(cfg.min_time_table_max_stops_);
  tt.mark_daily_patterns();
  tt.build_boarding_lists();
  return tt;
}

void timetable::build_boarding_lists() {
  daily_departure_offset_.assign(1, 0);
  other_pattern_offset_.assign(1, 0);
  for (stop_idx_t s = 0; s < n_stops(); ++s) {
    auto const first_daily = daily_departures_.size();
    for (auto const& sp : patterns_at(s)) {
      if (sp.pos_ + 1 == pattern_stops(sp.pattern_).size()) {
        continue;
      }
      if (pattern_daily(sp.pattern_) && pattern_n_trips(sp.pattern_) == 1) {
        auto const t = pattern_trip(sp.pattern_, 0);
        auto const dep = departure(t, sp.pos_);
        daily_departures_.push_back(
            {dep % kSecondsPerDay, dep / kSecondsPerDay, sp.pattern_, sp.pos_, t});
      } else {
        other_patterns_.push_back(sp);
      }
    }
    std::sort(daily_departures_.begin() + static_cast<std::ptrdiff_t>(first_daily),
              daily_departures_.end(), [](daily_departure const& a, daily_departure const& b) {
                return std::tie(a.time_of_day_, a.trip_) < std::tie(b.time_of_day_, b.trip_);
              });
    daily_departure_offset_.push_back(static_cast<std::uint32_t>(daily_departures_.size()));
    other_pattern_offset_.push_back(static_cast<std::uint32_t>(other_patterns_.size()));
  }
}

void timetable::mark_daily_patterns() {
  for (pattern_idx_t p = 0; p < n_patterns(); ++p) {
    patterns_[p].daily_ = 1;
    for (std::uint32_t i = 0; i < pattern_n_trips(p) && patterns_[p].daily_ != 0; ++i) {
      for (auto d = first_day_; d < first_day_ + n_days_; ++d) {
        if (!trip_runs(pattern_trip(p, i), d)) {
          patterns_[p].daily_ = 0;
          break;
        }
      }
    }
  }
}

void timetable::build_min_hops(std::size_t table_max_stops) {
  std::map<std::pair<stop_idx_t, stop_idx_t>, time_s_t> quickest;  // (from, to) → seconds
  auto const hop = [&](stop_idx_t a, stop_idx_t b, time_s_t seconds) {
    auto const [it, added] = quickest.emplace(std::pair{b, a}, seconds);
    if (!added) {
      it->second = std::min(it->second, seconds);
    }
  };
  for (pattern_idx_t p = 0; p < n_patterns(); ++p) {
    auto const stops = pattern_stops(p);
    for (std::uint32_t i = 0; i < pattern_n_trips(p); ++i) {
      auto const t = pattern_trip(p, i);
      for (std::uint32_t pos = 0; pos + 1 < stops.size(); ++pos) {
        hop(stops[pos], stops[pos + 1], std::max(0, arrival(t, pos + 1) - departure(t, pos)));
      }
    }
  }
  for (stop_idx_t s = 0; s < stops_.size(); ++s) {
    for (auto const& fp : footpaths(s)) {
      hop(s, fp.to_, fp.duration_s_);
    }
  }
  // Keyed (to, from): the map's order is already grouped by head stop.
  min_hop_offset_.assign(stops_.size() + 1, 0);
  for (auto const& [key, seconds] : quickest) {
    min_hops_.push_back({key.second, seconds});
    ++min_hop_offset_[key.first + 1];
  }
  std::partial_sum(min_hop_offset_.begin(), min_hop_offset_.end(), min_hop_offset_.begin());

  // A row per target for small feeds: a query then needs no search of its own.
  if (n_stops() <= table_max_stops) {
    min_time_rows_.reserve(n_stops() * n_stops());
    std::vector<time_s_t> row;
    for (stop_idx_t t = 0; t < n_stops(); ++t) {
      dijkstra_to(std::span{&t, 1}, kNoPath, row);
      min_time_rows_.insert(min_time_rows_.end(), row.begin(), row.end());
    }
  }
}

void timetable::dijkstra_to(std::span<stop_idx_t const> targets, time_s_t unreachable,
                            std::vector<time_s_t>& out) const {
  out.assign(n_stops(), unreachable);
  thread_local std::vector<std::pair<time_s_t, stop_idx_t>> queue;  // a min-heap
  queue.clear();
  auto const later = std::greater<>{};
  for (auto const t : targets) {
    out[t] = 0;
    queue.emplace_back(0, t);
  }
  std::make_heap(queue.begin(), queue.end(), later);
  while (!queue.empty()) {
    std::pop_heap(queue.begin(), queue.end(), later);
    auto const [d, s] = queue.back();
    queue.pop_back();
    if (d > out[s]) {
      continue;
    }
    for (auto const& h : min_hops_into(s)) {
      if (d + h.duration_s_ < out[h.from_]) {
        out[h.from_] = d + h.duration_s_;
        queue.emplace_back(out[h.from_], h.from_);
        std::push_heap(queue.begin(), queue.end(), later);
      }
    }
  }
}

void timetable::min_times_to(std::span<stop_idx_t const> targets, time_s_t unreachable,
                             std::vector<time_s_t>& out) const {
  if (min_time_rows_.empty()) {
    dijkstra_to(targets, unreachable, out);
    return;
  }
  out.assign(n_stops(), unreachable);
  for (auto const t : targets) {
    auto const* row = min_time_rows_.data() + std::size_t{t} * n_stops();
    for (std::size_t s = 0; s < n_stops(); ++s) {
      out[s] = std::min(out[s], row[s] == kNoPath ? unreachable : row[s]);
    }
  }
}

void timetable::build_min_trains(std::size_t table_max_stops) {
  walk_in_offset_.assign(n_stops() + 1, 0);
  for (auto const& fp : footpaths_) {
    ++walk_in_offset_[fp.to_ + 1];
  }
  std::partial_sum(walk_in_offset_.begin(), walk_in_offset_.end(), walk_in_offset_.begin());
  walks_in_.resize(footpaths_.size());
  auto fill = walk_in_offset_;
  for (stop_idx_t s = 0; s < n_stops(); ++s) {
    for (auto const& fp : footpaths(s)) {
      walks_in_[fill[fp.to_]++] = s;
    }
  }
  if (n_stops() <= table_max_stops) {
    min_train_rows_.reserve(n_stops() * n_stops());
    std::vector<std::uint8_t> row;
    for (stop_idx_t t = 0; t < n_stops(); ++t) {
      fewest_trains_search(std::span{&t, 1}, row);
      min_train_rows_.insert(min_train_rows_.end(), row.begin(), row.end());
    }
  }
}

// Breadth first over trains from the targets backwards: level l holds the stops l trains away.
void timetable::fewest_trains_search(std::span<stop_idx_t const> targets,
                                     std::vector<std::uint8_t>& out) const {
  out.assign(n_stops(), kNoTrains);
  // Per pattern: positions before this one already have their level; a later visit at an
  // earlier position, at the same or a higher level, has nothing to add.
  std::vector<std::uint32_t> levelled(n_patterns(), 0);
  std::vector<stop_idx_t> level;
  std::vector<stop_idx_t> next;
  auto const reach = [&](stop_idx_t s, std::uint8_t trains, std::vector<stop_idx_t>& into) {
    if (out[s] != kNoTrains) {
      return;
    }
    out[s] = trains;
    into.push_back(s);
    for (auto i = walk_in_offset_[s]; i < walk_in_offset_[s + 1]; ++i) {
      if (out[walks_in_[i]] == kNoTrains) {
        out[walks_in_[i]] = trains;
        into.push_back(walks_in_[i]);
      }
    }
  };
  for (auto const t : targets) {
    reach(t, 0, level);
  }
  for (std::uint8_t trains = 1; !level.empty() && trains < kNoTrains; ++trains) {
    next.clear();
    for (auto const s : level) {
      for (auto const& sp : patterns_at(s)) {
        auto const stops = pattern_stops(sp.pattern_);
        auto& done = levelled[sp.pattern_];
        for (auto i = done; i < sp.pos_; ++i) {
          reach(stops[i], trains, next);
        }
        done = std::max(done, sp.pos_);
      }
    }
    std::swap(level, next);
  }
}

void timetable::min_trains_to(std::span<stop_idx_t const> targets,
                              std::vector<std::uint8_t>& out) const {
  if (min_train_rows_.empty()) {
    fewest_trains_search(targets, out);
    return;
  }
  out.assign(n_stops(), kNoTrains);
  for (auto const t : targets) {
    auto const* row = min_train_rows_.data() + std::size_t{t} * n_stops();
    for (std::size_t s = 0; s < n_stops(); ++s) {
      out[s] = std::min(out[s], row[s]);
    }
  }
}

std::optional<stop_idx_t> timetable::find_stop(std::string_view id) const {
  auto const it = stop_by_id_.find(std::string{id});
  return it == stop_by_id_.end() ? std::nullopt : std::optional{it->second};
}

std::optional<location> timetable::resolve(std::string_view text) const {
  auto const as_stop = [&](stop_idx_t s) -> location {
    if (stops_[s].is_group_) {
      for (auto const& st : stations_) {
        if (st.id_ == stops_[s].id_) {
          return {st.id_, st.name_, "station", st.stops_};
        }
      }
    }
    return {stops_[s].id_, stops_[s].name_, "stop", {s}};
  };
  if (auto const s = find_stop(text)) {
    return as_stop(*s);
  }
  for (auto const& c : cities_) {
    if (c.id_ == text) {
      return location{c.id_, c.name_, "city", c.stops_};
    }
  }
  for (auto const name : {text, strip_suffix(text, "市")}) {
    for (auto const& c : cities_) {
      if (c.name_ == name) {
        return location{c.id_, c.name_, "city", c.stops_};
      }
    }
  }
  for (auto const name : {text, strip_suffix(text, "站")}) {
    for (stop_idx_t s = 0; s < stops_.size(); ++s) {
      if (stops_[s].name_ == name) {
        return as_stop(s);
      }
    }
  }
  return std::nullopt;
}

bool timetable::has_service(day_t day) const {
  auto const i = day - first_day_;
  if (i < 0 || i >= n_days_) {
    return false;
  }
  for (std::size_t s = 0; s * static_cast<std::size_t>(n_days_) < service_days_.size(); ++s) {
    if (service_days_[s * static_cast<std::size_t>(n_days_) + static_cast<std::size_t>(i)] != 0) {
      return true;
    }
  }
  return false;
}

bool timetable::same_service(day_t a, day_t b, int before, int after) const {
  auto const n_services =
      n_days_ == 0 ? 0 : service_days_.size() / static_cast<std::size_t>(n_days_);
  auto const runs = [&](std::size_t service, day_t day) {
    auto const i = day - first_day_;
    return i >= 0 && i < n_days_ &&
           service_days_[service * static_cast<std::size_t>(n_days_) +
                         static_cast<std::size_t>(i)] != 0;
  };
  for (std::size_t s = 0; s < n_services; ++s) {
    for (auto o = -before; o <= after; ++o) {
      if (runs(s, a + o) != runs(s, b + o)) {
        return false;
      }
    }
  }
  return true;
}

std::optional<day_t> timetable::first_service_day() const {
  for (auto d = first_day_; d < first_day_ + n_days_; ++d) {
    if (has_service(d)) {
      return d;
    }
  }
  return std::nullopt;
}

}  // namespace zhitu::transit
