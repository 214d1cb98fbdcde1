// SPDX-License-Identifier: Apache-2.0
// GET /api/journeys: rail journeys on the GTFS timetable loaded at start (`zhitu serve --gtfs`).
// Without a feed the server still starts and this endpoint answers 503 saying why.
#include <chrono>
#include <iostream>
#include <memory>

#include "server/routes.h"
#include "transit/journey_api.h"

namespace zhitu::server {

namespace {

struct journey_service {
  std::shared_ptr<transit::timetable const> tt_;
  std::string unavailable_;  // why there is no timetable
};

std::shared_ptr<journey_service const> load(std::filesystem::path const& dir) {
  auto svc = std::make_shared<journey_service>();
  if (dir.empty()) {
    svc->unavailable_ = "no timetable loaded: start the server with --gtfs DIR";
    return svc;
  }
  auto const start = std::chrono::steady_clock::now();
  auto const out = transit::read_gtfs(dir);
  if (!out.ok()) {
    std::cerr << "zhitu: GTFS feed " << dir.string() << " not loaded (" << out.n_errors_
              << " errors):\n";
    for (auto const& e : out.errors_) {
      std::cerr << "  " << e.to_string() << '\n';
    }
    svc->unavailable_ = "no timetable loaded: the GTFS feed " + dir.string() + " has " +
                        std::to_string(out.n_errors_) +
                        " errors, first: " + out.errors_.front().to_string();
    return svc;
  }
  svc->tt_ = std::make_shared<transit::timetable const>(transit::timetable::build(out.feed_));
  auto const ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  std::cerr << "zhitu: loaded timetable " << dir.string() << ": " << svc->tt_->n_stops()
            << " stops, " << svc->tt_->n_trips() << " trips, " << svc->tt_->n_patterns()
            << " patterns in " << static_cast<long>(ms.count()) << " ms\n";
  return svc;
}

}  // namespace

void add_journey_routes(httplib::Server& svr, route_context const&,
                        std::filesystem::path const& gtfs_dir) {
  auto const svc = load(gtfs_dir);
  svr.Get("/api/journeys", [svc](httplib::Request const& req, httplib::Response& res) {
    if (!svc->tt_) {
      return reply_error(res, error{error_kind::kUnavailable, svc->unavailable_});
    }
    auto const& tt = *svc->tt_;
    query_args args;
    for (auto const& [k, v] : req.params) {
      args.emplace(k, v);
    }
    auto const p = transit::parse_journey_params(tt, args);
    if (!p) {
      return reply_error(res, p.err());
    }
    thread_local transit::raptor_state state;  // reused: no allocation per query
    reply_json(res, transit::find_journeys(tt, state, *p));
  });
}

}  // namespace zhitu::server
