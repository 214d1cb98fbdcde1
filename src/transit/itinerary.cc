// SPDX-License-Identifier: Apache-2.0
#include "transit/itinerary.h"

#include <algorithm>
#include <cstdio>
#include <memory>

#include "model/check.h"

namespace zhitu::transit {

namespace {

struct leg_time {
  time_s_t departure_;
  time_s_t arrival_;
};

// Earliest arrivals between the tour's places (node 0: the start; node i + 1: places_[i]) from
// profiles per node and day, relative to the request's day.
class leg_times {
 public:
  leg_times(timetable const& tt, raptor_state& state, itinerary_request const& r)
      : tt_{tt}, state_{state}, r_{r}, cache_(r.places_.size() + 1) {
    nodes_.push_back(r.start_.stops_);
    for (auto const& v : r.places_) {
      nodes_.push_back(v.place_.stops_);
    }
    if (r.travel_hours_) {
      from_s_ = r.travel_hours_->from_s_;
      to_s_ = r.travel_hours_->to_s_;
    }
  }

  std::size_t n_nodes() const { return nodes_.size(); }

  // The earliest arrival at node j leaving node i at or after `ready`, within the travel hours,
  // waiting at most max_wait_days_ days; nullopt when there is none.
  std::optional<leg_time> earliest(std::size_t i, std::size_t j, time_s_t ready) {
    std::optional<leg_time> best;
    auto const first = ready / kSecondsPerDay;
    for (auto d = first; d <= first + r_.max_wait_days_; ++d) {
      auto const day_start = d * kSecondsPerDay;
      if (best && day_start + from_s_ >= best->arrival_) {
        break;
      }
      auto const& steps = profile(i, d)[j];
      auto const lo = std::max(ready - day_start, from_s_);
      auto const it =
          std::lower_bound(steps.begin(), steps.end(), lo,
                           [](profile_step const& s, time_s_t t) { return s.departure_ < t; });
      if (it == steps.end() || (r_.travel_hours_ && it->arrival_ > to_s_)) {
        continue;
      }
      if (!best || it->arrival_ + day_start < best->arrival_) {
        best = leg_time{it->departure_ + day_start, it->arrival_ + day_start};
      }
    }
    return best;
  }

  // Whether any train of the first max_wait_days_ days takes node i to node j (`earliest`
  // from the start of the request's day already looks that far).
  bool connects(std::size_t i, std::size_t j) { return earliest(i, j, 0).has_value(); }

  // The trains of a leg found by `earliest`, fewest transfers first.
  journey trains(std::size_t i, std::size_t j, leg_time const& t) {
    auto const d = t.departure_ / kSecondsPerDay;
    auto const shift = d * kSecondsPerDay;
    journey_query q;
    q.from_ = nodes_[i];
    q.to_ = nodes_[j];
    q.day_ = r_.day_ + d;
    q.depart_s_ = t.departure_ - shift;
    q.arrive_by_s_ = t.arrival_ - shift;
    q.max_transfers_ = r_.max_transfers_;
    q.horizon_days_ = horizon_days() + 1;
    for (auto found : earliest_arrival(tt_, state_, q)) {
      if (found.arrival_ == t.arrival_ - shift) {
        found.departure_ += shift;
        found.arrival_ += shift;
        for (auto& l : found.legs_) {
          l.departure_ += shift;
          l.arrival_ += shift;
        }
        return found;
      }
    }
    ZHITU_CHECK(false, "itinerary: the leg's profile arrival has no journey");
    return {};
  }

 private:
  int horizon_days() const { return r_.travel_hours_ ? 0 : 2; }

  using day_profiles = std::vector<std::vector<profile_step>>;  // to every node

  // Node i's profiles to every node for departures on day d, in day d's own times; computed
  // once per node for days that run the same trips.
  day_profiles const& profile(std::size_t i, time_s_t d) {
    auto& c = cache_[i];
    auto const slot = static_cast<std::size_t>(d);
    if (slot < c.by_day_.size() && c.by_day_[slot] != nullptr) {
      return *c.by_day_[slot];
    }
    if (slot >= c.by_day_.size()) {
      c.by_day_.resize(slot + 1, nullptr);
    }
    auto const day = r_.day_ + static_cast<day_t>(d);
    for (auto const& [computed_day, to] : c.computed_) {
      if (tt_.same_service(computed_day, day, tt_.max_trip_days(), horizon_days())) {
        return *(c.by_day_[slot] = to.get());
      }
    }
    journey_query q;
    q.from_ = nodes_[i];
    q.day_ = day;
    q.depart_s_ = from_s_;
    q.window_s_ = to_s_ - from_s_;
    if (r_.travel_hours_) {
      q.arrive_by_s_ = to_s_;  // a leg ends within the day's travel hours
    }
    q.max_transfers_ = r_.max_transfers_;
    q.horizon_days_ = horizon_days();
    c.computed_.emplace_back(
        day, std::make_unique<day_profiles const>(profiles(tt_, state_, q, nodes_)));
    return *(c.by_day_[slot] = c.computed_.back().second.get());
  }

  timetable const& tt_;
  raptor_state& state_;
  itinerary_request const& r_;
  std::vector<std::vector<stop_idx_t>> nodes_;
  time_s_t from_s_{0};
  time_s_t to_s_{kSecondsPerDay - 1};
  struct node_cache {
    std::vector<std::pair<day_t, std::unique_ptr<day_profiles const>>> computed_;
    std::vector<day_profiles const*> by_day_;  // by day after the request's; null: not asked yet
  };
  std::vector<node_cache> cache_;  // by node
};

constexpr auto kNone = kInfinity;

// Following `order` (indices into `kept`) from the start: the end time, or kNone.
time_s_t tour_end(leg_times& legs, itinerary_request const& r, std::vector<std::size_t> const& kept,
                  std::vector<std::size_t> const& order, std::vector<leg_time>* steps = nullptr) {
  auto at = std::size_t{0};
  auto ready = r.depart_s_;
  auto arrival = r.depart_s_;
  for (auto const p : order) {
    auto const node = kept[p] + 1;
    auto const t = legs.earliest(at, node, ready);
    if (!t) {
      return kNone;
    }
    if (steps != nullptr) {
      steps->push_back(*t);
    }
    at = node;
    arrival = t->arrival_;
    ready = arrival + r.places_[kept[p]].stay_s_;
  }
  if (!r.return_to_start_) {
    return ready;
  }
  auto const back = legs.earliest(at, 0, ready);
  if (!back) {
    return kNone;
  }
  if (steps != nullptr) {
    steps->push_back(*back);
  }
  return back->arrival_;
}

// Held–Karp over the kept places: exact by FIFO (see the header).
std::vector<std::size_t> exact_order(leg_times& legs, itinerary_request const& r,
                                     std::vector<std::size_t> const& kept) {
  auto const m = kept.size();
  auto const full = (std::size_t{1} << m) - 1;
  std::vector<time_s_t> best((full + 1) * m, kNone);
  std::vector<std::uint8_t> parent((full + 1) * m, 0);
  auto const at = [m](std::size_t mask, std::size_t j) { return mask * m + j; };
  for (std::size_t j = 0; j < m; ++j) {
    if (auto const t = legs.earliest(0, kept[j] + 1, r.depart_s_)) {
      best[at(std::size_t{1} << j, j)] = t->arrival_;
    }
  }
  for (std::size_t mask = 1; mask <= full; ++mask) {
    for (std::size_t j = 0; j < m; ++j) {
      auto const arrival = best[at(mask, j)];
      if (arrival == kNone) {
        continue;
      }
      auto const ready = arrival + r.places_[kept[j]].stay_s_;
      for (std::size_t k = 0; k < m; ++k) {
        if ((mask >> k & 1U) != 0) {
          continue;
        }
        auto const t = legs.earliest(kept[j] + 1, kept[k] + 1, ready);
        auto const next = mask | std::size_t{1} << k;
        if (t && t->arrival_ < best[at(next, k)]) {
          best[at(next, k)] = t->arrival_;
          parent[at(next, k)] = static_cast<std::uint8_t>(j);
        }
      }
    }
  }
  auto end = kNone;
  auto last = m;
  for (std::size_t j = 0; j < m; ++j) {
    auto const arrival = best[at(full, j)];
    if (arrival == kNone) {
      continue;
    }
    auto const ready = arrival + r.places_[kept[j]].stay_s_;
    auto const back = r.return_to_start_ ? legs.earliest(kept[j] + 1, 0, ready)
                                         : std::optional{leg_time{ready, ready}};
    if (back && back->arrival_ < end) {
      end = back->arrival_;
      last = j;
    }
  }
  std::vector<std::size_t> order;
  if (last == m) {
    return order;
  }
  for (auto mask = full, j = last; mask != 0;) {
    order.push_back(j);
    auto const prev = parent[at(mask, j)];
    mask &= ~(std::size_t{1} << j);
    j = prev;
  }
  std::reverse(order.begin(), order.end());
  return order;
}

// Nearest next place, then single-place moves and reversed stretches while the end improves.
std::vector<std::size_t> heuristic_order(leg_times& legs, itinerary_request const& r,
                                         std::vector<std::size_t> const& kept) {
  auto const m = kept.size();
  std::vector<std::size_t> order;
  std::vector<bool> used(m, false);
  auto at = std::size_t{0};
  auto ready = r.depart_s_;
  for (std::size_t step = 0; step < m; ++step) {
    auto best = m;
    auto best_arrival = kNone;
    for (std::size_t k = 0; k < m; ++k) {
      if (used[k]) {
        continue;
      }
      auto const t = legs.earliest(at, kept[k] + 1, ready);
      if (t && t->arrival_ < best_arrival) {
        best = k;
        best_arrival = t->arrival_;
      }
    }
    if (best == m) {  // stuck: append the rest and let the moves below repair it
      for (std::size_t k = 0; k < m; ++k) {
        if (!used[k]) {
          order.push_back(k);
        }
      }
      break;
    }
    used[best] = true;
    order.push_back(best);
    at = kept[best] + 1;
    ready = best_arrival + r.places_[kept[best]].stay_s_;
  }
  auto end = tour_end(legs, r, kept, order);
  for (auto improved = true; improved;) {
    improved = false;
    for (std::size_t a = 0; a < m && !improved; ++a) {
      for (std::size_t b = 0; b < m && !improved; ++b) {
        if (a == b) {
          continue;
        }
        for (auto const reverse : {false, true}) {
          if (reverse && b < a) {
            continue;
          }
          auto candidate = order;
          if (reverse) {
            std::reverse(candidate.begin() + static_cast<std::ptrdiff_t>(a),
                         candidate.begin() + static_cast<std::ptrdiff_t>(b) + 1);
          } else {
            auto const p = candidate[a];
            candidate.erase(candidate.begin() + static_cast<std::ptrdiff_t>(a));
            candidate.insert(candidate.begin() + static_cast<std::ptrdiff_t>(b), p);
          }
          auto const e = tour_end(legs, r, kept, candidate);
          if (e < end) {
            end = e;
            order = std::move(candidate);
            improved = true;
            break;
          }
        }
      }
    }
  }
  return end == kNone ? std::vector<std::size_t>{} : order;
}

}  // namespace

std::string format_hours(time_s_t t) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%02d:%02d", t / 3600, (t / 60) % 60);
  return buf;
}

std::string_view to_string(why_not w) {
  switch (w) {
    case why_not::kIsStart:
      return "is_start";
    case why_not::kNoStation:
      return "no_station";
    case why_not::kUnreachable:
      return "unreachable";
    case why_not::kCannotLeave:
      return "cannot_leave";
    case why_not::kStartIsolated:
      return "start_isolated";
    case why_not::kNoConnectingOrder:
      return "no_connecting_order";
  }
  return "";
}

itinerary plan_itinerary(timetable const& tt, raptor_state& state, itinerary_request const& r) {
  ZHITU_CHECK(r.places_.size() <= kMaxPlaces, "itinerary: more than kMaxPlaces places");
  ZHITU_CHECK(r.max_transfers_ <= kMaxTransfers, "itinerary: max_transfers above kMaxTransfers");
  leg_times legs{tt, state, r};
  itinerary out;
  auto const hours = r.travel_hours_
                         ? " within the travel hours " + format_hours(r.travel_hours_->from_s_) +
                               "–" + format_hours(r.travel_hours_->to_s_)
                         : std::string{};
  auto const wait = " (waiting up to " + std::to_string(r.max_wait_days_) + " days)";

  // Leave out places no train reaches, or, on a round trip, that no train leaves; leaving one
  // out may strand another that only it connected, so repeat until nothing changes.
  std::vector<bool> kept_flag(r.places_.size(), true);
  for (auto changed = true; changed;) {
    changed = false;
    for (std::size_t p = 0; p < r.places_.size(); ++p) {
      if (!kept_flag[p]) {
        continue;
      }
      auto const node = p + 1;
      auto reached = legs.connects(0, node);
      auto leaves = r.return_to_start_ ? legs.connects(node, 0) : true;
      for (std::size_t q = 0; q < r.places_.size(); ++q) {
        if (q != p && kept_flag[q]) {
          reached = reached || legs.connects(q + 1, node);
          leaves = leaves || legs.connects(node, q + 1);
        }
      }
      auto const& name = r.places_[p].place_.name_;
      if (!reached) {
        out.left_out_.push_back({p, why_not::kUnreachable,
                                 "no train of the timetable reaches " + name + " from " +
                                     r.start_.name_ + " or another place of the tour" + hours +
                                     wait});
      } else if (!leaves) {
        out.left_out_.push_back({p, why_not::kCannotLeave,
                                 "no train of the timetable leaves " + name + " for " +
                                     r.start_.name_ + " or another place of the tour" + hours +
                                     wait});
      }
      if (!reached || !leaves) {
        kept_flag[p] = false;
        changed = true;
      }
    }
  }
  std::vector<std::size_t> kept;
  for (std::size_t p = 0; p < r.places_.size(); ++p) {
    if (kept_flag[p]) {
      kept.push_back(p);
    }
  }
  if (kept.empty()) {
    out.infeasible_code_ = why_not::kStartIsolated;
    out.infeasible_ = "no place of the tour can be reached from " + r.start_.name_ + hours + wait;
    return out;
  }

  out.exact_ = kept.size() <= kExactPlaces;
  auto const order = out.exact_ ? exact_order(legs, r, kept) : heuristic_order(legs, r, kept);
  if (order.empty()) {
    out.infeasible_code_ = why_not::kNoConnectingOrder;
    out.infeasible_ = "no order of the places is connected by trains of the timetable" + hours +
                      wait + (r.return_to_start_ ? " and back to " + r.start_.name_ : "");
    return out;
  }
  std::vector<leg_time> steps;
  out.end_ = tour_end(legs, r, kept, order, &steps);
  ZHITU_CHECK(out.end_ != kNone, "itinerary: the chosen order does not connect");
  auto from = std::size_t{0};
  for (std::size_t i = 0; i < steps.size(); ++i) {
    auto const to = i < order.size() ? kept[order[i]] + 1 : 0;
    out.legs_.push_back({from, to, legs.trains(from, to, steps[i])});
    from = to;
  }
  for (auto const p : order) {
    out.order_.push_back(kept[p]);
  }
  out.departure_ = out.legs_.front().journey_.departure_;
  out.feasible_ = true;
  return out;
}

}  // namespace zhitu::transit
