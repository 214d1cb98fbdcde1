// SPDX-License-Identifier: Apache-2.0
#include "transit/raptor/raptor.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdio>
#include <functional>
#include <utility>

#include "model/check.h"

namespace zhitu::transit {

void raptor_state::resize(std::size_t n_stops, std::size_t n_rounds) {
  n_stops_ = n_stops;
  n_rounds_ = n_rounds;
  auto const n = n_stops * n_rounds;
  trip_arr_.resize(n);
  walk_arr_.resize(n);
  ready_.resize(n);
  trip_parent_.resize(n);
  walk_parent_.resize(n);
  best_trip_arr_.resize(n);
  best_walk_arr_.resize(n);
  best_target_.resize(n_rounds);
  marked_.resize(n_stops);
  marked_next_.resize(n_stops);
  board_.resize(n_stops);
  is_target_.resize(n_stops);
  to_target_s_.resize(n_stops);
  swept_from_.resize(n_stops);
}

void raptor_state::reset() {
  std::fill(trip_arr_.begin(), trip_arr_.end(), kInfinity);
  std::fill(walk_arr_.begin(), walk_arr_.end(), kInfinity);
  std::fill(ready_.begin(), ready_.end(), kInfinity);
  std::fill(best_trip_arr_.begin(), best_trip_arr_.end(), kInfinity);
  std::fill(best_walk_arr_.begin(), best_walk_arr_.end(), kInfinity);
  std::fill(best_target_.begin(), best_target_.end(), kInfinity);
  std::fill(marked_.begin(), marked_.end(), 0);
  std::fill(marked_next_.begin(), marked_next_.end(), 0);
  std::fill(board_.begin(), board_.end(), 0);
  std::fill(is_target_.begin(), is_target_.end(), 0);
  std::fill(to_target_s_.begin(), to_target_s_.end(), 0);
}

namespace {

time_s_t floor_day(time_s_t t) {
  return t >= 0 ? t / kSecondsPerDay : -((-t + kSecondsPerDay - 1) / kSecondsPerDay);
}

class search {
 public:
  search(timetable const& tt, raptor_state& st, journey_query const& q)
      : tt_{tt},
        st_{st},
        q_{q},
        n_{tt.n_stops()},
        k_max_{static_cast<std::size_t>(q.max_transfers_) + 1U} {
    ZHITU_CHECK(q.max_transfers_ <= kMaxTransfers, "max_transfers above kMaxTransfers");
    st_.resize(n_, k_max_ + 1);
    if (st_.pattern_from_.size() != tt.n_patterns()) {
      st_.pattern_from_.assign(tt.n_patterns(), UINT32_MAX);
      st_.pattern_to_.assign(tt.n_patterns(), 0);
    }
    touched_.assign((tt.n_patterns() + 63) / 64, 0);
    if (st_.boarded_.size() != tt.n_trips()) {
      st_.boarded_.assign(tt.n_trips(), {});
    }
    if (st_.target_end_.size() != tt.n_patterns()) {
      st_.target_end_.assign(tt.n_patterns(), 0);
      st_.target_patterns_.clear();
    }
    for (auto const p : st_.target_patterns_) {
      st_.target_end_[p] = 0;
    }
    st_.target_patterns_.clear();
    for (auto const s : q.to_) {
      for (auto const& sp : tt.patterns_at(s)) {
        auto& end = st_.target_end_[sp.pattern_];
        if (end == 0) {
          st_.target_patterns_.push_back(sp.pattern_);
        }
        end = std::max(end, sp.pos_ + 1);
      }
    }
    ++st_.query_;
    bound_ = q.arrive_by_s_ ? *q.arrive_by_s_ + 1 : kInfinity;
    st_.reset();
    for (auto const s : q.to_) {
      st_.is_target_[s] = 1;
    }
    // Goal direction: a label that cannot reach a target before the best arrival found so far,
    // even riding the quickest trains with no wait or change, is not worth keeping; nor is one
    // from which every way to a target takes more trains than the rounds left. The second
    // prunes the last rounds of long journeys, which the first cannot before a target is reached.
    if (!q.to_.empty()) {
      tt.min_times_to(q.to_, kInfinity, st_.to_target_s_);
      tt.min_trains_to(q.to_, st_.min_trains_);
    } else {
      st_.min_trains_.assign(n_, 0);
    }
  }

  // One RAPTOR run departing at `t`; labels of earlier runs (later departures) are kept.
  // Returns the new Pareto journeys found by this run.
  void run(time_s_t t, std::vector<journey>& out) {
    std::array<time_s_t, kMaxTransfers + 2> before{};
    std::copy(st_.best_target_.begin(), st_.best_target_.end(), before.begin());
    for (auto const s : q_.from_) {
      at(st_.ready_, 0, s) = t;
      st_.marked_[s] = 1;
    }
    std::fill(st_.swept_from_.begin(), st_.swept_from_.end(), kInfinity);
    for (std::size_t k = 1; k <= k_max_; ++k) {
      st_.best_target_[k] = std::min(st_.best_target_[k], st_.best_target_[k - 1]);
      for (std::size_t s = 0; s < n_; ++s) {
        at(st_.ready_, k, s) = std::min(at(st_.ready_, k, s), at(st_.ready_, k - 1, s));
      }
      if (!scan_round(k)) {
        break;
      }
    }
    for (std::size_t k = 1; k <= k_max_; ++k) {
      auto const v = st_.best_target_[k];
      if (v < before[k] && v < st_.best_target_[k - 1] && v < kInfinity) {
        out.push_back(reconstruct(k, v));
      }
    }
  }

  // No label at or after t is of use any more (every target is already reached by then).
  void lower_bound_to(time_s_t t) { bound_ = std::min(bound_, t); }
  // Range runs: no train is boarded at an origin after the window's end.
  void last_origin_departure(time_s_t t) { last_origin_departure_ = t; }

  // Earliest arrival at s, by train or on foot, over every run so far.
  time_s_t best_arrival(stop_idx_t s) const {
    return std::min(st_.best_trip_arr_[k_max_ * n_ + s], st_.best_walk_arr_[k_max_ * n_ + s]);
  }

 private:
  time_s_t& at(std::vector<time_s_t>& v, std::size_t k, std::size_t s) { return v[k * n_ + s]; }

  // An arrival with k trains is also one with at most k' trains for every k' ≥ k.
  void lower_from(std::vector<time_s_t>& best, std::size_t k, std::size_t s, time_s_t t) {
    for (auto kk = k; kk <= k_max_; ++kk) {
      auto& b = best[kk * n_ + s];
      b = std::min(b, t);
    }
  }

  // Earliest trip of pattern p leaving position pos at or after r; `best_dep` bounds the search.
  // The hottest call of a query: a pattern whose trips run every day needs no loop over days.
  bool earliest_trip(pattern_idx_t p, std::uint32_t pos, time_s_t r, time_s_t& best_dep,
                     trip_idx_t& best_trip, int& best_day) const {
    auto const first = tt_.pattern_trip(p, 0);
    auto const deps = tt_.departures_at(p, pos);
    auto const n_trips = static_cast<std::uint32_t>(deps.size());
    auto found = false;
    if (tt_.pattern_daily(p)) {
      // Every trip runs every day of the calendar: the earliest instance of trip i leaving at or
      // after r runs ceil((r − dep) / day) days after the query day, if the calendar has it.
      for (std::uint32_t i = 0; i < n_trips; ++i) {
        auto d = static_cast<int>(floor_day(r - deps[i] + kSecondsPerDay - 1));
        d = std::max(d, tt_.first_day() - q_.day_);
        auto const dep = deps[i] + static_cast<time_s_t>(d) * kSecondsPerDay;
        if (d <= q_.horizon_days_ && dep < best_dep && tt_.in_calendar(q_.day_ + d)) {
          best_dep = dep;
          best_trip = first + i;
          best_day = d;
          found = true;
        }
      }
      return found;
    }
    for (auto d = static_cast<int>(floor_day(r)) - tt_.pattern_max_days(p); d <= q_.horizon_days_;
         ++d) {
      auto const shift = static_cast<time_s_t>(d) * kSecondsPerDay;
      if (shift >= best_dep) {
        break;
      }
      // Trips are sorted by departure at every position (no overtaking).
      auto const lo = static_cast<std::uint32_t>(
          std::lower_bound(deps.begin(), deps.end(), r - shift) - deps.begin());
      for (auto i = lo; i < n_trips; ++i) {
        auto const dep = deps[i] + shift;
        if (dep >= best_dep) {
          break;
        }
        if (tt_.trip_runs(first + i, q_.day_ + d)) {
          best_dep = dep;
          best_trip = first + i;
          best_day = d;
          found = true;
          break;
        }
      }
    }
    return found;
  }

  // On a pattern whose trips run every day, boarded on `trip` leaving position pos at best_dep:
  // whether the trip before it in time (the previous one of the day, or the day before's last)
  // leaves at or after r. Trips never overtake, so if it does not, no trip does. Only when the
  // day's departures span less than a day is that the one before; else say yes (search all).
  bool earlier_daily_trip(pattern_idx_t p, std::uint32_t pos, trip_idx_t trip, time_s_t r,
                          time_s_t best_dep) const {
    if (tt_.pattern_n_trips(p) == 1) {  // most trains: the one before is yesterday's
      return best_dep - kSecondsPerDay >= r;
    }
    auto const deps = tt_.departures_at(p, pos);
    if (deps.back() - deps.front() >= kSecondsPerDay) {
      return true;
    }
    auto const i = trip - tt_.pattern_trip(p, 0);
    auto const shift = best_dep - deps[i];
    auto const before = i > 0 ? deps[i - 1] + shift : deps.back() + shift - kSecondsPerDay;
    return before >= r;
  }

  // Whether trip t on day d was boarded at or before position pos in round k or an earlier one
  // (of this run or an earlier one): riding it from pos again can improve no label.
  bool ridden_before(trip_idx_t t, int d, std::uint32_t pos, std::size_t k) const {
    auto const& b = st_.boarded_[t];
    return b.query_ == st_.query_ && b.day_ == d && b.pos_ <= pos &&
           b.round_ <= static_cast<std::uint32_t>(k);
  }

  void touch(pattern_idx_t p, std::uint32_t pos) {
    auto& from = st_.pattern_from_[p];
    auto& to = st_.pattern_to_[p];
    if (from == UINT32_MAX) {
      touched_[p / 64] |= std::uint64_t{1} << (p % 64);
      any_touched_ = true;
      to = pos;
    }
    from = std::min(from, pos);
    to = std::max(to, pos);
  }

  // Marks the daily trains worth boarding at s, reached at r in round k − 1: those whose next
  // instance leaves before `latest` (later ones cannot beat the target), runs within the
  // calendar and horizon, and was not ridden from here or earlier already.
  void touch_daily(stop_idx_t s, time_s_t r, time_s_t latest, std::size_t k) {
    auto const deps = tt_.daily_departures_at(s);
    if (deps.empty()) {
      return;
    }
    auto const r_day = static_cast<int>(floor_day(r));
    auto const r_time = r - r_day * kSecondsPerDay;
    auto const first =
        static_cast<std::size_t>(std::lower_bound(deps.begin(), deps.end(), r_time,
                                                  [](timetable::daily_departure const& e,
                                                     time_s_t t) { return e.time_of_day_ < t; }) -
                                 deps.begin());
    auto const min_day = tt_.first_day() - q_.day_;
    auto const max_day = std::min(q_.horizon_days_, tt_.last_day() - q_.day_);
    // Around the clock from r: departures later today, then tomorrow's up to r's time of day.
    for (std::size_t j = 0; j < deps.size(); ++j) {
      auto const wrapped = first + j >= deps.size();
      auto const& e = deps[wrapped ? first + j - deps.size() : first + j];
      auto const dep_day = r_day + (wrapped ? 1 : 0);
      if (e.time_of_day_ + dep_day * kSecondsPerDay >= latest) {
        break;
      }
      auto const d = std::max(dep_day - e.days_, min_day);
      if (d > max_day || e.time_of_day_ + (d + e.days_) * kSecondsPerDay >= latest) {
        continue;
      }
      if (!ridden_before(e.trip_, d, e.pos_, k)) {
        touch(e.pattern_, e.pos_);
      }
    }
  }

  bool scan_round(std::size_t k) {
    any_touched_ = false;
    // A stop whose label did not improve in the last round was boarded from with that label
    // already; only improved (marked) stops are worth boarding from again.
    std::swap(st_.marked_, st_.board_);
    // A stop marked before the target was reached may no longer be worth leaving from.
    auto const round_bound = std::min(st_.best_target_[k], bound_);
    for (std::size_t s = 0; s < n_; ++s) {
      if (st_.board_[s] == 0) {
        continue;
      }
      if (at(st_.ready_, k - 1, s) + st_.to_target_s_[s] >= round_bound ||
          k - 1 + st_.min_trains_[s] > k_max_) {
        st_.board_[s] = 0;
        continue;
      }
      auto const stop = static_cast<stop_idx_t>(s);
      for (auto const& sp : tt_.other_patterns_at(stop)) {
        touch(sp.pattern_, sp.pos_);
      }
      // Trains leaving after an earlier round's boarding time here were boarded then: the
      // same instances, so only those leaving in between are new.
      auto const r = at(st_.ready_, k - 1, s);
      auto const latest =
          std::min(round_bound >= kInfinity ? kInfinity : round_bound - st_.to_target_s_[s],
                   st_.swept_from_[s]);
      st_.swept_from_[s] = r;
      touch_daily(stop, r, latest, k);
    }
    if (!any_touched_) {
      std::fill(st_.board_.begin(), st_.board_.end(), 0);
      return false;
    }
    arrived_.clear();
    // Raw pointers: the compiler cannot tell that the label stores do not change the vectors'
    // data pointers or the timetable, and would reload them at every stop of every trip.
    auto bound = std::min(st_.best_target_[k], bound_);
    auto* const best_trip = st_.best_trip_arr_.data() + k * n_;
    auto* const trip_arr = st_.trip_arr_.data() + k * n_;
    auto* const parent = st_.trip_parent_.data() + k * n_;
    auto* const marked_next = st_.marked_next_.data();
    auto const* const ready_prev = st_.ready_.data() + (k - 1) * n_;
    auto const* const board = st_.board_.data();
    auto const* const to_target = st_.to_target_s_.data();
    auto const* const is_target = st_.is_target_.data();
    auto const* const min_trains = st_.min_trains_.data();
    auto const scan = [&](pattern_idx_t p) {
      auto const stops = tt_.pattern_stops(p);
      auto const n_stops = static_cast<std::uint32_t>(stops.size());
      auto const from = st_.pattern_from_[p];
      auto const last_board = st_.pattern_to_[p];
      st_.pattern_from_[p] = UINT32_MAX;
      auto const daily = tt_.pattern_daily(p);
      time_s_t const* events = nullptr;  // the boarded trip's arr/dep at each position
      // Boarded where an earlier round (or run) of this query boarded the same trip instance,
      // or later: its arrivals are already labels. Still the trip to beat at later stops.
      auto ridden = false;
      trip_idx_t trip = 0;
      int day = 0;
      time_s_t shift = 0;
      std::uint32_t board_pos = 0;
      for (auto i = from; i < n_stops; ++i) {
        // Past the last stop marked for boarding nothing new can be boarded, and the trip's
        // arrivals only grow: once they reach the best arrival at the target, stop.
        if (i > last_board && (events == nullptr || ridden)) {
          break;
        }
        auto const s = stops[i];
        if (events != nullptr && !ridden) {
          auto const a = events[2 * i] + shift;
          if (i > last_board && a >= bound) {
            break;
          }
          if (a < best_trip[s] && a + to_target[s] < bound && k + min_trains[s] <= k_max_) {
            if (marked_next[s] == 0) {
              marked_next[s] = 1;
              arrived_.push_back(s);
            }
            trip_arr[s] = a;
            lower_from(st_.best_trip_arr_, k, s, a);
            parent[s] = {trip, static_cast<std::int16_t>(day), board_pos, i};
            if (is_target[s] != 0) {
              st_.best_target_[k] = std::min(st_.best_target_[k], a);
              bound = std::min(bound, a);
            }
          }
        }
        if (i + 1 == n_stops || board[s] == 0) {
          continue;
        }
        auto const r = ready_prev[s];
        if (r + to_target[s] >= bound) {  // also when r is infinite: bound is at most that
          continue;
        }
        auto best_dep = events != nullptr ? events[2 * i + 1] + shift : kInfinity;
        if (r >= best_dep) {  // no trip leaving at or after r leaves before the one boarded
          continue;
        }
        if (events != nullptr && daily && !earlier_daily_trip(p, i, trip, r, best_dep)) {
          continue;
        }
        trip_idx_t t = 0;
        int d = 0;
        if (earliest_trip(p, i, r, best_dep, t, d)) {
          if (k == 1 && best_dep > last_origin_departure_ && is_origin(s)) {
            continue;
          }
          events = tt_.trip_events(t);
          trip = t;
          day = d;
          shift = static_cast<time_s_t>(d) * kSecondsPerDay;
          board_pos = i;
          ridden = ridden_before(t, d, i, k);
          if (!ridden) {
            st_.boarded_[t] = {st_.query_, d, i, static_cast<std::uint32_t>(k)};
          }
        }
      }
    };
    // Trains that reach a target first: the arrival they find bounds the rest of the round, so
    // boardings and labels that cannot beat it are left out of the scans after them. The rest
    // in pattern order, which is the order of their stops and times in memory.
    for (auto const p : st_.target_patterns_) {
      if (st_.pattern_from_[p] != UINT32_MAX && st_.target_end_[p] > st_.pattern_from_[p] + 1) {
        touched_[p / 64] &= ~(std::uint64_t{1} << (p % 64));
        scan(p);
      }
    }
    for (std::size_t w = 0; w < touched_.size(); ++w) {
      for (auto bits = std::exchange(touched_[w], 0); bits != 0; bits &= bits - 1) {
        scan(static_cast<pattern_idx_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits))));
      }
    }
    std::fill(st_.board_.begin(), st_.board_.end(), 0);
    // Change at the stop, or walk to another stop of the same station or city.
    auto const target_bound = [&] { return std::min(st_.best_target_[k], bound_); };
    auto any = false;
    for (auto const s : arrived_) {
      st_.marked_next_[s] = 0;
      auto const a = at(st_.trip_arr_, k, s);
      auto const ready = a + tt_.mtt_s(s);
      if (ready < at(st_.ready_, k, s) && ready + st_.to_target_s_[s] < target_bound()) {
        at(st_.ready_, k, s) = ready;
        st_.marked_[s] = 1;
        any = true;
      }
      for (auto const& fp : tt_.footpaths(s)) {
        auto const w = a + fp.duration_s_;
        if (w < st_.best_walk_arr_[k * n_ + fp.to_] && k + st_.min_trains_[fp.to_] <= k_max_ &&
            w + st_.to_target_s_[fp.to_] < target_bound()) {
          at(st_.walk_arr_, k, fp.to_) = w;
          st_.walk_parent_[k * n_ + fp.to_] = s;
          lower_from(st_.best_walk_arr_, k, fp.to_, w);
          if (st_.is_target_[fp.to_] != 0) {
            st_.best_target_[k] = std::min(st_.best_target_[k], w);
          }
          if (w < at(st_.ready_, k, fp.to_)) {
            at(st_.ready_, k, fp.to_) = w;
            st_.marked_[fp.to_] = 1;
            any = true;
          }
        }
      }
    }
    return any;
  }

  bool is_origin(stop_idx_t s) const {
    return std::find(q_.from_.begin(), q_.from_.end(), s) != q_.from_.end();
  }

  journey reconstruct(std::size_t k, time_s_t arrival) {
    // Find the target stop holding this arrival (a train arrival first, else a walk).
    auto s = stop_idx_t{0};
    auto walk = false;
    auto found = false;
    for (auto const t : q_.to_) {
      if (at(st_.trip_arr_, k, t) == arrival) {
        s = t;
        found = true;
        break;
      }
    }
    for (auto const t : q_.to_) {
      if (!found && at(st_.walk_arr_, k, t) == arrival) {
        s = t;
        walk = found = true;
      }
    }
    ZHITU_CHECK(found, "raptor: no label for the target arrival");
    journey j;
    for (auto guard = 0U; guard < 4 * (k_max_ + 1); ++guard) {
      if (walk) {
        auto const from = st_.walk_parent_[k * n_ + s];
        j.legs_.push_back(
            {std::nullopt, from, s, at(st_.trip_arr_, k, from), at(st_.walk_arr_, k, s)});
        s = from;
        walk = false;
        continue;
      }
      auto const& tp = st_.trip_parent_[k * n_ + s];
      auto const shift = static_cast<time_s_t>(tp.day_) * kSecondsPerDay;
      auto const b = tt_.pattern_stops(tt_.trip_pattern(tp.trip_))[tp.board_pos_];
      auto const dep = tt_.departure(tp.trip_, tp.board_pos_) + shift;
      j.legs_.push_back({tp.trip_, b, s, dep, tt_.arrival(tp.trip_, tp.alight_pos_) + shift});
      if (is_origin(b) && at(st_.ready_, 0, b) <= dep) {
        std::reverse(j.legs_.begin(), j.legs_.end());
        j.departure_ = j.legs_.front().departure_;
        j.arrival_ = j.legs_.back().arrival_;
        auto const n_trains = std::count_if(j.legs_.begin(), j.legs_.end(),
                                            [](leg const& l) { return l.trip_.has_value(); });
        j.transfers_ = static_cast<std::uint8_t>(n_trains - 1);
        return j;
      }
      auto next = false;
      for (auto jk = k - 1; jk >= 1 && !next; --jk) {
        if (at(st_.trip_arr_, jk, b) + tt_.mtt_s(b) <= dep) {
          k = jk;
          s = b;
          next = true;
        } else if (at(st_.walk_arr_, jk, b) <= dep) {
          k = jk;
          s = b;
          walk = next = true;
        }
      }
      ZHITU_CHECK(next, "raptor: broken label chain");
    }
    ZHITU_CHECK(false, "raptor: label chain too long");
    return j;
  }

  timetable const& tt_;
  raptor_state& st_;
  journey_query const& q_;
  std::size_t n_;
  std::size_t k_max_;
  time_s_t bound_;
  time_s_t last_origin_departure_{kInfinity};
  std::vector<std::uint64_t> touched_;  // a bit per pattern to scan this round
  bool any_touched_{false};
  std::vector<stop_idx_t> arrived_;
};

// Keeps journeys no other beats on (later departure, earlier arrival, fewer transfers).
void pareto_filter(std::vector<journey>& js) {
  std::sort(js.begin(), js.end(), [](journey const& a, journey const& b) {
    return std::tie(a.departure_, a.arrival_, a.transfers_) <
           std::tie(b.departure_, b.arrival_, b.transfers_);
  });
  std::vector<journey> out;
  for (std::size_t i = 0; i < js.size(); ++i) {
    auto dominated = false;
    for (std::size_t j = 0; j < js.size() && !dominated; ++j) {
      if (i == j) {
        continue;
      }
      auto const& a = js[j];
      auto const& b = js[i];
      auto const ge =
          a.departure_ >= b.departure_ && a.arrival_ <= b.arrival_ && a.transfers_ <= b.transfers_;
      auto const same =
          a.departure_ == b.departure_ && a.arrival_ == b.arrival_ && a.transfers_ == b.transfers_;
      dominated = ge && (!same || j < i);
    }
    if (!dominated) {
      out.push_back(std::move(js[i]));
    }
  }
  js = std::move(out);
}

// Every departure from an origin stop in [depart, depart + window], latest first.
std::vector<time_s_t> origin_departures(timetable const& tt, journey_query const& q) {
  std::vector<time_s_t> deps;
  auto const lo = q.depart_s_;
  auto const hi = q.depart_s_ + q.window_s_;
  for (auto const s : q.from_) {
    for (auto const& sp : tt.patterns_at(s)) {
      auto const n_stops = tt.pattern_stops(sp.pattern_).size();
      if (sp.pos_ + 1 == n_stops) {
        continue;
      }
      for (std::uint32_t i = 0; i < tt.pattern_n_trips(sp.pattern_); ++i) {
        auto const t = tt.pattern_trip(sp.pattern_, i);
        for (auto d = floor_day(lo) - tt.max_trip_days(); d <= floor_day(hi); ++d) {
          auto const dep = tt.departure(t, sp.pos_) + d * kSecondsPerDay;
          if (dep >= lo && dep <= hi && tt.trip_runs(t, q.day_ + d)) {
            deps.push_back(dep);
          }
        }
      }
    }
  }
  std::sort(deps.begin(), deps.end(), std::greater<>{});
  deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
  return deps;
}

}  // namespace

std::vector<journey> earliest_arrival(timetable const& tt, raptor_state& state,
                                      journey_query const& q) {
  std::vector<journey> out;
  if (q.from_.empty() || q.to_.empty()) {
    return out;
  }
  search s{tt, state, q};
  s.run(q.depart_s_, out);
  pareto_filter(out);
  std::sort(out.begin(), out.end(), [](journey const& a, journey const& b) {
    return std::tie(a.arrival_, a.transfers_) < std::tie(b.arrival_, b.transfers_);
  });
  return out;
}

std::vector<journey> range_query(timetable const& tt, raptor_state& state, journey_query const& q) {
  std::vector<journey> out;
  if (q.from_.empty() || q.to_.empty()) {
    return out;
  }
  search s{tt, state, q};
  s.last_origin_departure(q.depart_s_ + q.window_s_);
  for (auto const t : origin_departures(tt, q)) {
    s.run(t, out);
  }
  pareto_filter(out);
  return out;
}

std::vector<std::vector<profile_step>> profiles(
    timetable const& tt, raptor_state& state, journey_query const& q,
    std::vector<std::vector<stop_idx_t>> const& targets) {
  std::vector<std::vector<profile_step>> out(targets.size());
  if (q.from_.empty()) {
    return out;
  }
  auto one_to_all = q;
  one_to_all.to_.clear();
  search s{tt, state, one_to_all};
  std::vector<journey> none;
  for (auto const t : origin_departures(tt, q)) {
    s.run(t, none);
    auto latest = time_s_t{0};
    for (std::size_t i = 0; i < targets.size(); ++i) {
      auto best = kInfinity;
      for (auto const stop : targets[i]) {
        best = std::min({best, s.best_arrival(stop)});
      }
      if (best < kInfinity && (out[i].empty() || best < out[i].back().arrival_)) {
        out[i].push_back({t, best});
      }
      latest = std::max(latest, best);
    }
    // Leaving earlier never arrives later: what reaches a stop after every target's best
    // arrival so far helps no target in this run or an earlier one.
    s.lower_bound_to(latest);
  }
  for (auto& steps : out) {
    std::reverse(steps.begin(), steps.end());
  }
  return out;
}

std::string format_time(day_t day, time_s_t t) {
  auto const d = floor_day(t);
  auto const rest = t - d * kSecondsPerDay;
  char buf[48];
  std::snprintf(buf, sizeof(buf), "T%02d:%02d", rest / 3600, (rest / 60) % 60);
  return format_day(day + d) + buf;
}

namespace {

std::string hhmm(time_s_t t) {
  auto const d = floor_day(t);
  auto const rest = t - d * kSecondsPerDay;
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%02d:%02d", rest / 3600, (rest / 60) % 60);
  std::string s = buf;
  if (d != 0) {
    s += (d > 0 ? "+" : "") + std::to_string(d);
  }
  return s;
}

}  // namespace

std::string to_string(timetable const& tt, std::vector<journey> const& js) {
  std::string out;
  for (auto const& j : js) {
    out += hhmm(j.departure_) + " → " + hhmm(j.arrival_) + ", " + std::to_string(j.transfers_) +
           " transfer" + (j.transfers_ == 1 ? "" : "s") + "\n";
    for (auto const& l : j.legs_) {
      out += "  " + (l.trip_ ? tt.trip_name(*l.trip_) : std::string{"walk"}) + " " +
             tt.stop(l.from_).name_ + " " + hhmm(l.departure_) + " → " + tt.stop(l.to_).name_ +
             " " + hhmm(l.arrival_) + "\n";
    }
  }
  return out;
}

}  // namespace zhitu::transit
