// SPDX-License-Identifier: Apache-2.0
// Macro benchmark: seeded random journeys on a GTFS feed (default data/rail/gtfs).
//
//   raptor_bench [FEED_DIR] [N=1000] [SEED=1]
//
// Prints p50/p90/p99/max of earliest-arrival queries (stop → stop, random departure time on the
// feed's first service day) and of 4 h range queries, and a checksum of the answers so that a
// fast wrong result shows (the checksum of the bundled feed is printed in bench/transit/README.md).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "transit/raptor/raptor.h"

namespace {

using namespace zhitu::transit;

struct stats {
  std::vector<double> us_;
  void print(char const* name) {
    std::sort(us_.begin(), us_.end());
    auto const at = [&](double p) { return us_[static_cast<std::size_t>(p * (us_.size() - 1))]; };
    std::printf("%-28s n=%zu  p50 %8.1f us  p90 %8.1f us  p99 %8.1f us  max %8.1f us\n", name,
                us_.size(), at(0.5), at(0.9), at(0.99), us_.back());
  }
};

}  // namespace

int main(int argc, char** argv) {
  std::string const dir = argc > 1 ? argv[1] : "data/rail/gtfs";
  auto const n = argc > 2 ? std::stoi(argv[2]) : 1000;
  auto const seed = argc > 3 ? static_cast<unsigned>(std::stoul(argv[3])) : 1U;
  auto const feed = read_gtfs(dir);
  if (!feed.ok()) {
    std::fprintf(stderr, "%s\n", feed.errors_.front().to_string().c_str());
    return 2;
  }
  auto const tt = timetable::build(feed.feed_);
  auto const day = tt.first_service_day().value_or(tt.first_day());
  std::printf("feed %s: %zu stops, %zu trips, %zu patterns\n", dir.c_str(), tt.n_stops(),
              tt.n_trips(), tt.n_patterns());

  std::mt19937 rng{seed};
  std::uniform_int_distribution<stop_idx_t> stop(0, static_cast<stop_idx_t>(tt.n_stops() - 1));
  std::uniform_int_distribution<time_s_t> time(0, kSecondsPerDay - 1);
  std::vector<journey_query> qs;
  while (qs.size() < static_cast<std::size_t>(n)) {
    journey_query q;
    q.from_ = {stop(rng)};
    q.to_ = {stop(rng)};
    if (q.from_ == q.to_) {
      continue;
    }
    q.day_ = day;
    q.depart_s_ = time(rng);
    qs.push_back(q);
  }

  raptor_state state;
  long long checksum = 0;
  for (auto const max_transfers : {kMaxTransfers, std::uint8_t{4}}) {
    stats ea;
    for (auto q : qs) {
      q.max_transfers_ = max_transfers;
      auto const t0 = std::chrono::steady_clock::now();
      auto const js = earliest_arrival(tt, state, q);
      ea.us_.push_back(
          std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
      for (auto const& j : js) {
        checksum += j.arrival_ + j.transfers_;
      }
    }
    ea.print(max_transfers == 4 ? "earliest arrival, <= 4 tr." : "earliest arrival, <= 7 tr.");
  }

  stats range;
  long long range_journeys = 0;
  for (auto q : qs) {
    q.window_s_ = 4 * 3600;
    q.max_transfers_ = 4;  // the API's default
    auto const t0 = std::chrono::steady_clock::now();
    auto const js = range_query(tt, state, q);
    range.us_.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    range_journeys += static_cast<long long>(js.size());
    for (auto const& j : js) {
      checksum += j.departure_ + j.arrival_;
    }
  }
  range.print("range query, 4 h window");
  std::printf("range journeys %lld, checksum %lld\n", range_journeys, checksum);
  return 0;
}
