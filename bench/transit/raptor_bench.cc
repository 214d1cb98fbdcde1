// SPDX-License-Identifier: Apache-2.0
// Macro benchmark: seeded random journeys on a GTFS feed (default data/rail/gtfs).
//
//   raptor_bench [FEED_DIR] [N=1000] [SEED=1]
//   raptor_bench --queries FILE [FEED_DIR] [MAX_TRANSFERS=7]
//
// Prints p50/p90/p99/max of earliest-arrival queries (stop → stop, random departure time on the
// feed's first service day; after one untimed pass over them) and of 4 h range queries, and a checksum of the answers so that a
// fast wrong result shows (the checksum of the bundled feed is printed in bench/transit/README.md).
//
// --queries: earliest-arrival queries read from FILE, one a line `qid from_stop_id to_stop_id
// YYYYMMDD depart_s` ('#' lines skipped), as written by pgr_compare.py for the pgRouting side.
// One untimed pass over all queries, then one timed pass; prints a `#` header (with the
// horizon in days), per query `qid arrival_s transfers us` (arrival −1: no journey; seconds
// after the day's midnight) and `# p50/p90/p99/mean` to stdout.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
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

struct file_query {
  std::string qid_;
  journey_query q_;
};

int run_query_file(std::string const& file, std::string const& dir, std::uint8_t max_transfers) {
  auto const feed = read_gtfs(dir);
  if (!feed.ok()) {
    std::fprintf(stderr, "%s\n", feed.errors_.front().to_string().c_str());
    return 2;
  }
  auto const tt = timetable::build(feed.feed_);
  std::ifstream in{file};
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", file.c_str());
    return 2;
  }
  std::vector<file_query> qs;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    std::istringstream ls{line};
    file_query fq;
    std::string from;
    std::string to;
    std::string ymd;
    ls >> fq.qid_ >> from >> to >> ymd >> fq.q_.depart_s_;
    auto const f = tt.find_stop(from);
    auto const t = tt.find_stop(to);
    if (!ls || !f || !t || ymd.size() != 8) {
      std::fprintf(stderr, "bad query line: %s\n", line.c_str());
      return 2;
    }
    fq.q_.from_ = {*f};
    fq.q_.to_ = {*t};
    fq.q_.day_ = days_from_civil(std::stoi(ymd.substr(0, 4)),
                                 static_cast<unsigned>(std::stoi(ymd.substr(4, 2))),
                                 static_cast<unsigned>(std::stoi(ymd.substr(6, 2))));
    fq.q_.max_transfers_ = max_transfers;
    qs.push_back(std::move(fq));
  }
  // horizon_days: how many days after the query day trains are boarded (the graph of the
  // pgRouting side must hold the same days).
  std::printf(
      "# feed %s: %zu stops, %zu trips, %zu patterns; %zu queries, max_transfers %d, "
      "horizon_days %d\n",
      dir.c_str(), tt.n_stops(), tt.n_trips(), tt.n_patterns(), qs.size(), int{max_transfers},
      journey_query{}.horizon_days_);
  raptor_state state;
  for (auto const& fq : qs) {  // warm-up pass: state allocation, caches
    static_cast<void>(earliest_arrival(tt, state, fq.q_));
  }
  stats st;
  for (auto const& fq : qs) {
    auto const t0 = std::chrono::steady_clock::now();
    auto const js = earliest_arrival(tt, state, fq.q_);
    auto const us =
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
    st.us_.push_back(us);
    // Pareto set sorted by arrival: the first journey is the earliest arrival.
    std::printf("%s %d %d %.3f\n", fq.qid_.c_str(), js.empty() ? -1 : js.front().arrival_,
                js.empty() ? -1 : int{js.front().transfers_}, us);
  }
  if (st.us_.empty()) {
    return 0;
  }
  auto mean = 0.0;
  for (auto const v : st.us_) {
    mean += v;
  }
  mean /= static_cast<double>(st.us_.size());
  std::printf("# ");
  st.print("earliest arrival (file)");
  std::printf("# mean %.1f us\n", mean);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 2 && std::string{argv[1]} == "--queries") {
    auto const mt = argc > 4 ? std::stoi(argv[4]) : int{kMaxTransfers};
    if (mt < 0 || mt > kMaxTransfers) {
      std::fprintf(stderr, "MAX_TRANSFERS must be 0..%d\n", int{kMaxTransfers});
      return 2;
    }
    return run_query_file(argv[2], argc > 3 ? argv[3] : "data/rail/gtfs",
                          static_cast<std::uint8_t>(mt));
  }
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
  // One untimed pass, as in --queries mode: the state's first allocation and cold caches are
  // not what a running server's queries see.
  for (auto const& q : qs) {
    static_cast<void>(earliest_arrival(tt, state, q));
  }
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
