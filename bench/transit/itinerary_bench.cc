// SPDX-License-Identifier: Apache-2.0
// Itinerary designer benchmark: seeded random tours on a GTFS feed (default data/rail/gtfs).
//
//   itinerary_bench [FEED_DIR] [N=50] [PLACES=8] [SEED=1] [DAY_OFFSET=3]
//
// Each tour starts at a random city and visits PLACES other random cities (each with at least
// 100 departures a day) with 24 h stays, 07:00–23:00 travel hours and a return to the start,
// planned from scratch (no profile is kept between tours, as for one request to the server), on
// the feed's first service day + DAY_OFFSET (the API's default date is the first day whose
// overnight trains from earlier days are in the feed: + 3 on the bundled feed; + 0 is slower,
// as each of the first days runs different trains and needs profiles of its own). Prints
// p50/p90/p99/max of the whole plan (profiles, order, trains), how many were feasible and exact,
// and a checksum of the tours' end times so that a fast wrong answer shows.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "transit/itinerary.h"

using namespace zhitu::transit;  // NOLINT(google-build-using-namespace): a benchmark's main

int main(int argc, char** argv) {
  auto const dir = argc > 1 ? std::string{argv[1]} : std::string{"data/rail/gtfs"};
  auto const n = argc > 2 ? std::stoi(argv[2]) : 50;
  auto const n_places = argc > 3 ? static_cast<std::size_t>(std::stoi(argv[3])) : std::size_t{8};
  auto const seed = argc > 4 ? static_cast<unsigned>(std::stoul(argv[4])) : 1U;
  auto const day_offset = argc > 5 ? std::stoi(argv[5]) : 3;
  auto const feed = read_gtfs(dir);
  if (!feed.ok()) {
    std::fprintf(stderr, "%s\n", feed.errors_.front().to_string().c_str());
    return 2;
  }
  auto const tt = timetable::build(feed.feed_);
  auto const day = *tt.first_service_day() + day_offset;
  std::vector<location> cities;
  for (auto const& c : tt.cities()) {
    auto departures = std::size_t{0};
    for (auto const s : c.stops_) {
      for (auto const& sp : tt.patterns_at(s)) {
        departures += tt.pattern_n_trips(sp.pattern_);
      }
    }
    if (auto const l = tt.resolve(c.id_); l && departures >= 100) {
      cities.push_back(*l);
    }
  }
  std::mt19937 rng{seed};
  std::vector<double> ms;
  auto n_exact = 0;
  auto n_feasible = 0;
  long long checksum = 0;
  raptor_state state;
  for (auto i = 0; i < n; ++i) {
    std::shuffle(cities.begin(), cities.end(), rng);
    itinerary_request r;
    r.start_ = cities[0];
    for (std::size_t p = 1; p <= n_places; ++p) {
      r.places_.push_back({cities[p], 24 * 3600});
    }
    r.day_ = day;
    r.depart_s_ = 8 * 3600;
    auto const t0 = std::chrono::steady_clock::now();
    auto const plan = plan_itinerary(tt, state, r);
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    n_exact += plan.exact_ ? 1 : 0;
    n_feasible += plan.feasible_ ? 1 : 0;
    checksum += plan.feasible_ ? plan.end_ : -1;
  }
  std::sort(ms.begin(), ms.end());
  auto const at = [&](double p) { return ms[static_cast<std::size_t>(p * (ms.size() - 1))]; };
  std::printf(
      "itinerary over %zu places (+ start), %zu cities to pick from, day %s  n=%d  p50 %7.1f ms  "
      "p90 %7.1f ms  p99 %7.1f ms  max "
      "%7.1f ms\n",
      n_places, cities.size(), format_day(day).c_str(), n, at(0.5), at(0.9), at(0.99), ms.back());
  std::printf("feasible %d of %d, exact %d, checksum %lld\n", n_feasible, n, n_exact, checksum);
  return 0;
}
