// SPDX-License-Identifier: Apache-2.0
// A brute-force oracle for RAPTOR (tests and the GTFS fuzzer): Dijkstra on the time-expanded
// graph of one query day, one node per arrival, departure and waiting event.
//
//   time_expanded oracle{tt, day, journey_query{}.horizon_days_};
//   oracle.earliest(from, to, 12 * 3600);                  // any number of trains
//   oracle.earliest_by_trains(from, to, 12 * 3600, 8)[k];  // with at most k trains
//
// The model is RAPTOR's (raptor.h): trips of the days the search may board, boarding at the
// origin without a change time, a change at a stop taking its minimum change time, a walk only
// after a train and never two in a row.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <queue>
#include <tuple>
#include <utility>
#include <vector>

#include "transit/raptor/raptor.h"
#include "transit/timetable.h"

namespace zhitu::transit {

class time_expanded {
 public:
  // Every trip occurrence of days [day − max_trip_days, day + horizon_days].
  time_expanded(timetable const& tt, day_t day, int horizon_days) : tt_{tt} {
    waits_.resize(tt.n_stops());
    for (trip_idx_t t = 0; t < tt.n_trips(); ++t) {
      auto const stops = tt.pattern_stops(tt.trip_pattern(t));
      auto const n = static_cast<std::uint32_t>(stops.size());
      for (auto d = -tt.max_trip_days(); d <= horizon_days; ++d) {
        if (!tt.trip_runs(t, day + d)) {
          continue;
        }
        auto const first = static_cast<std::uint32_t>(nodes_.size());
        auto const shift = d * kSecondsPerDay;
        for (std::uint32_t i = 0; i < n; ++i) {
          nodes_.push_back(
              {node::kArr, stops[i], tt.arrival(t, i) + shift, first + 2 * i + 2, i + 1 < n});
          nodes_.push_back(
              {node::kDep, stops[i], tt.departure(t, i) + shift, first + 2 * i + 3, i + 1 < n});
          if (i + 1 < n) {
            waits_[stops[i]].push_back({tt.departure(t, i) + shift, first + 2 * i + 1});
          }
        }
      }
    }
    for (auto& w : waits_) {
      std::sort(w.begin(), w.end());
    }
    // Wait nodes after the event nodes: one per (stop, departure), chained in time order.
    for (stop_idx_t s = 0; s < waits_.size(); ++s) {
      wait_offset_.push_back(static_cast<std::uint32_t>(nodes_.size()));
      for (std::size_t j = 0; j < waits_[s].size(); ++j) {
        nodes_.push_back(
            {node::kWait, s, waits_[s][j].first, waits_[s][j].second, j + 1 < waits_[s].size()});
      }
    }
  }

  // Earliest arrival at any of `to` leaving any of `from` at `t` (kInfinity: none).
  time_s_t earliest(std::vector<stop_idx_t> const& from, std::vector<stop_idx_t> const& to,
                    time_s_t t) {
    return search(from, to, t, 0).front();
  }

  // [k]: the earliest arrival with at most k trains, k = 1..max_trains ([0]: kInfinity).
  std::vector<time_s_t> earliest_by_trains(std::vector<stop_idx_t> const& from,
                                           std::vector<stop_idx_t> const& to, time_s_t t,
                                           std::size_t max_trains) {
    auto first = search(from, to, t, max_trains);
    for (std::size_t k = 1; k < first.size(); ++k) {
      first[k] = std::min(first[k], first[k - 1]);
    }
    return first;
  }

 private:
  struct node {
    enum kind : std::uint8_t { kArr, kDep, kWait } type_;
    stop_idx_t stop_;
    time_s_t time_;
    std::uint32_t next_;  // arr/dep: the trip's next arrival + 1 (dep) ; wait: the dep node
    bool has_next_;
  };

  // max_trains 0: trains are not counted, and the first arrival is returned as [0]. Else [j] is
  // the first arrival with exactly j trains, over states (event, trains so far).
  std::vector<time_s_t> search(std::vector<stop_idx_t> const& from,
                               std::vector<stop_idx_t> const& to, time_s_t t,
                               std::size_t max_trains) {
    auto const counted = max_trains > 0;
    auto const layers = max_trains + 1;
    std::vector<time_s_t> first(layers, kInfinity);
    std::vector<std::uint8_t> target(tt_.n_stops());
    for (auto const s : to) {
      target[s] = 1;
    }
    seen_.assign(nodes_.size() * layers, 0);
    constexpr auto kWalked = UINT32_MAX;  // an arrival at a target on foot
    using item = std::tuple<time_s_t, std::uint32_t, std::uint32_t>;  // time, node, trains
    std::priority_queue<item, std::vector<item>, std::greater<>> pq;
    auto const push = [&](std::uint32_t n, std::uint32_t trains) {
      pq.push({nodes_[n].time_, n, trains});
    };
    auto const wait_at = [&](stop_idx_t s, time_s_t ready, std::uint32_t trains) {
      auto const& w = waits_[s];
      auto const it = std::lower_bound(w.begin(), w.end(), std::pair{ready, 0U});
      if (it != w.end()) {
        push(wait_offset_[s] + static_cast<std::uint32_t>(it - w.begin()), trains);
      }
    };
    // Whether an arrival with `trains` trains can still be the first with as few.
    auto const open = [&](std::uint32_t trains) {
      return std::all_of(first.begin(), first.begin() + trains + 1,
                         [](time_s_t v) { return v == kInfinity; });
    };
    for (auto const s : from) {
      wait_at(s, t, 0);
    }
    while (!pq.empty()) {
      auto const [time, n, trains] = pq.top();
      pq.pop();
      if (!open(trains)) {
        continue;
      }
      if (n == kWalked) {
        first[trains] = time;
        if (!counted) {
          break;
        }
        continue;
      }
      auto& seen = seen_[std::size_t{n} * layers + trains];
      if (seen != 0) {
        continue;
      }
      seen = 1;
      auto const& x = nodes_[n];
      switch (x.type_) {
        case node::kWait:
          if (!counted || trains < max_trains) {
            push(x.next_, counted ? trains + 1 : 0);  // board
          }
          if (x.has_next_) {
            push(n + 1, trains);  // wait for the next departure
          }
          break;
        case node::kDep:
          push(x.next_ - 1, trains);  // ride to the next arrival
          break;
        case node::kArr:
          if (target[x.stop_] != 0 && std::find(from.begin(), from.end(), x.stop_) == from.end()) {
            first[trains] = x.time_;
            if (!counted) {
              return first;
            }
            break;
          }
          if (x.has_next_) {
            push(n + 1, trains);  // stay seated
          }
          wait_at(x.stop_, x.time_ + tt_.mtt_s(x.stop_), trains);
          for (auto const& fp : tt_.footpaths(x.stop_)) {
            if (target[fp.to_] != 0) {
              pq.push({x.time_ + fp.duration_s_, kWalked, trains});
            }
            wait_at(fp.to_, x.time_ + fp.duration_s_, trains);
          }
          break;
      }
    }
    return first;
  }

  timetable const& tt_;
  std::vector<node> nodes_;
  std::vector<std::vector<std::pair<time_s_t, std::uint32_t>>> waits_;
  std::vector<std::uint32_t> wait_offset_;
  std::vector<std::uint8_t> seen_;
};

}  // namespace zhitu::transit
