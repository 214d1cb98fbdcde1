// SPDX-License-Identifier: Apache-2.0
// libFuzzer: read_gtfs_text on any feed must not crash, hang or leak, and its outcome must be
// consistent: errors and an empty feed go together, every message is valid UTF-8 and names its
// file. A clean feed must build a timetable on which RAPTOR's journeys are real: each train leg
// a ride of its trip between two of its calls, on a day the trip runs; each walk a footpath;
// legs in time order with the change times kept; and the Pareto set exact: for every number of
// trains, the best arrival with at most that many is the brute-force oracle's
// (tests/transit/time_expanded.h).
//
// Input: the feed's files, each begun by a "# name.txt" line (the inline feeds of tests/transit).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "io/detail/text.h"
#include "transit/gtfs.h"
#include "transit/raptor/raptor.h"
#include "transit/time_expanded.h"  // tests/transit: the oracle
#include "transit/timetable.h"

namespace {

using namespace zhitu::transit;

constexpr std::size_t kMaxErrors = 20;

void require(bool cond, char const* what) {
  if (!cond) {
    std::fprintf(stderr, "invariant violated: %s\n", what);
    std::abort();
  }
}

std::map<std::string, std::string> split_files(std::string_view text) {
  std::map<std::string, std::string> files;
  std::string* current = nullptr;
  while (!text.empty()) {
    auto const eol = text.find('\n');
    auto const line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    if (line.starts_with("# ")) {
      current = &files[std::string{line.substr(2)}];
    } else if (current != nullptr) {
      current->append(line).push_back('\n');
    }
  }
  return files;
}

bool contains(std::vector<stop_idx_t> const& stops, stop_idx_t s) {
  return std::find(stops.begin(), stops.end(), s) != stops.end();
}

// A train leg is its trip's ride from one call to a later one, on a day the trip runs.
bool is_ride(timetable const& tt, journey_query const& q, leg const& l) {
  auto const t = *l.trip_;
  auto const stops = tt.pattern_stops(tt.trip_pattern(t));
  for (std::uint32_t from = 0; from < stops.size(); ++from) {
    auto const offset = l.departure_ - tt.departure(t, from);
    if (stops[from] != l.from_ || offset % kSecondsPerDay != 0) {
      continue;
    }
    auto const days = offset / kSecondsPerDay;
    if (!tt.trip_runs(t, q.day_ + days)) {
      continue;
    }
    for (auto to = from + 1; to < stops.size(); ++to) {
      if (stops[to] == l.to_ && tt.arrival(t, to) + offset == l.arrival_) {
        return true;
      }
    }
  }
  return false;
}

bool is_walk(timetable const& tt, leg const& l) {
  auto const fps = tt.footpaths(l.from_);
  return std::any_of(fps.begin(), fps.end(), [&](footpath const& fp) {
    return fp.to_ == l.to_ && l.departure_ + fp.duration_s_ <= l.arrival_;
  });
}

void check_journey(timetable const& tt, journey_query const& q, journey const& j) {
  require(!j.legs_.empty(), "a journey without legs");
  require(j.legs_.front().trip_.has_value(), "a journey starts on foot");
  require(contains(q.from_, j.legs_.front().from_), "a journey starts away from the origin");
  require(contains(q.to_, j.legs_.back().to_), "a journey ends away from the target");
  require(j.departure_ == j.legs_.front().departure_ && j.arrival_ == j.legs_.back().arrival_,
          "a journey's times are not its legs'");
  require(j.departure_ >= q.depart_s_, "a journey leaves before the query's time");
  auto const trains = std::count_if(j.legs_.begin(), j.legs_.end(),
                                    [](leg const& l) { return l.trip_.has_value(); });
  require(trains == j.transfers_ + 1, "transfers are not trains - 1");
  require(j.transfers_ <= q.max_transfers_, "more transfers than allowed");
  for (std::size_t i = 0; i < j.legs_.size(); ++i) {
    auto const& l = j.legs_[i];
    require(l.departure_ <= l.arrival_, "a leg arrives before it leaves");
    require(l.trip_ ? is_ride(tt, q, l) : is_walk(tt, l), "a leg is no ride or walk of the feed");
    if (i == 0) {
      continue;
    }
    auto const& prev = j.legs_[i - 1];
    require(prev.to_ == l.from_, "legs do not meet");
    require(prev.trip_ || l.trip_, "two walks in a row");
    auto const change = prev.trip_ && l.trip_ ? tt.mtt_s(l.from_) : 0;
    require(prev.arrival_ + change <= l.departure_, "a change shorter than the stop's time");
  }
}

void check_pareto(time_expanded& oracle, journey_query const& q, std::vector<journey> const& js) {
  for (std::size_t i = 1; i < js.size(); ++i) {
    require(js[i - 1].arrival_ < js[i].arrival_ && js[i - 1].transfers_ > js[i].transfers_,
            "the Pareto set is not ordered (earlier arrival, more transfers first)");
  }
  auto const trains = std::size_t{q.max_transfers_} + 1;
  auto const want = oracle.earliest_by_trains(q.from_, q.to_, q.depart_s_, trains);
  for (std::size_t k = 1; k <= trains; ++k) {
    auto best = kInfinity;
    for (auto const& j : js) {
      if (std::size_t{j.transfers_} + 1 <= k) {
        best = std::min(best, j.arrival_);
      }
    }
    require(best == want[k], "the best arrival with k trains is not the oracle's");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const text{reinterpret_cast<char const*>(data), size};
  auto const out = read_gtfs_text(split_files(text), kMaxErrors);
  require(out.errors_.size() <= kMaxErrors && out.n_errors_ >= out.errors_.size(), "error count");
  require(out.ok() == out.errors_.empty(), "ok() disagrees with the errors");
  if (!out.ok()) {
    auto const& f = out.feed_;
    require(f.stops_.empty() && f.routes_.empty() && f.trips_.empty() && f.stop_times_.empty() &&
                f.calendars_.empty() && f.calendar_dates_.empty() && f.transfers_.empty() &&
                f.areas_.empty(),
            "a feed with errors is half-loaded");
    for (auto const& e : out.errors_) {
      auto const s = e.to_string();
      require(!zhitu::io::detail::find_invalid_utf8(s).has_value(), "error text is not UTF-8");
      require(s.find(".txt") != std::string::npos, "an error names no file");
    }
    return 0;
  }
  auto const tt = timetable::build(out.feed_);
  auto const day = tt.first_service_day().value_or(tt.first_day());
  auto const n = static_cast<stop_idx_t>(std::min<std::size_t>(tt.n_stops(), 4));
  raptor_state st;
  time_expanded oracle{tt, day, journey_query{}.horizon_days_};
  for (stop_idx_t from = 0; from < n; ++from) {
    for (stop_idx_t to = 0; to < n; ++to) {
      if (from == to) {
        continue;
      }
      journey_query q;
      q.from_ = {from};
      q.to_ = {to};
      q.day_ = day;
      q.depart_s_ = static_cast<time_s_t>((from * 7 + to * 5) % 24) * 3600;
      q.max_transfers_ = static_cast<std::uint8_t>((from + to) % (kMaxTransfers + 1));
      auto const js = earliest_arrival(tt, st, q);
      check_pareto(oracle, q, js);
      for (auto const& j : js) {
        check_journey(tt, q, j);
      }
      q.window_s_ = 3 * 3600;
      for (auto const& j : range_query(tt, st, q)) {
        check_journey(tt, q, j);
        require(j.departure_ <= q.depart_s_ + q.window_s_, "a range journey leaves too late");
      }
    }
  }
  return 0;
}
