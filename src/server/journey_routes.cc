// SPDX-License-Identifier: Apache-2.0
// GET /api/journeys: rail journeys on the GTFS timetable loaded at start (`zhitu serve --gtfs`);
// POST /api/itineraries: tours over several places, with the heritage around each arrival
// station from the catalog; GET /api/itineraries/themes: the themes (`--themes DIR`).
// Without a feed the server still starts and these endpoints answer 503 saying why.
#include <chrono>
#include <iostream>
#include <memory>

#include "query/planner.h"
#include "server/routes.h"
#include "server/views.h"
#include "transit/itinerary_api.h"
#include "transit/journey_api.h"

namespace zhitu::server {

using nlohmann::json;

namespace {

// What a visitor would stop for around a station.
constexpr auto kSiteKinds = {"world_heritage", "heritage_site", "museum", "scenic_area"};
constexpr std::size_t kMaxItineraryBodyBytes = 64U * 1024U;

struct journey_service {
  std::shared_ptr<transit::timetable const> tt_;
  std::string unavailable_;  // why there is no timetable
  std::vector<transit::theme> themes_;
};

void load_themes(journey_service& svc, std::filesystem::path const& dir) {
  if (dir.empty() || !std::filesystem::is_directory(dir)) {
    return;
  }
  auto out = transit::read_themes(dir);
  if (!out.errors_.empty()) {
    std::cerr << "zhitu: themes in " << dir.string() << " not loaded:\n";
    for (auto const& e : out.errors_) {
      std::cerr << "  " << e.to_string() << '\n';
    }
    return;
  }
  svc.themes_ = std::move(out.themes_);
  std::cerr << "zhitu: loaded " << svc.themes_.size() << " itinerary themes from " << dir.string()
            << '\n';
}

// The most prominent sites within the radius of each stop's arrival station.
void add_sites(index::catalog const& cat, transit::itinerary_params const& p, json& plan) {
  if (!plan.contains("stops")) {
    return;
  }
  query::query q;
  q.kinds_.emplace();
  for (auto const* k : kSiteKinds) {
    if (auto const i = cat.find_kind(k)) {
      q.kinds_->push_back(*i);
    }
  }
  q.limit_ = p.sites_limit_;
  for (auto& stop : plan["stops"]) {
    auto sites = json::array();
    auto const& station = stop["station"];
    q.near_ = query::near_part{{station["lon"].get<double>(), station["lat"].get<double>()},
                               p.sites_radius_m_};
    auto const r = p.sites_limit_ == 0 || q.kinds_->empty()
                       ? result<query::query_result>{query::query_result{}}
                       : query::run_query(cat, q);
    if (r) {
      for (auto const& h : r->hits_) {
        auto j = entity_ref(cat, h.entity_);
        if (h.distance_m_) {
          j["distance_m"] = std::round(*h.distance_m_);
        }
        sites.push_back(std::move(j));
      }
    }
    stop["sites"] = std::move(sites);
    stop["sites_matched"] = r ? r->matched_ : 0;
  }
}

std::shared_ptr<journey_service const> load(std::filesystem::path const& dir,
                                            std::filesystem::path const& themes_dir) {
  auto svc = std::make_shared<journey_service>();
  load_themes(*svc, themes_dir);
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

void add_journey_routes(httplib::Server& svr, route_context const& ctx,
                        std::filesystem::path const& gtfs_dir,
                        std::filesystem::path const& themes_dir) {
  auto const svc = load(gtfs_dir, themes_dir);
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

  svr.Get("/api/itineraries/themes", [svc](httplib::Request const&, httplib::Response& res) {
    auto out = json::array();
    for (auto const& t : svc->themes_) {
      auto places = json::array();
      for (auto const& p : t.places_) {
        auto const at = svc->tt_ ? svc->tt_->resolve(p.place_) : std::nullopt;
        places.push_back({{"place", p.place_},
                          {"name_en", p.name_en_},
                          {"adcode", p.adcode_},
                          {"note", p.note_},
                          {"in_timetable", at.has_value() && !at->stops_.empty()},
                          {"source", {{"title", p.source_title_}, {"url", p.source_url_}}}});
      }
      out.push_back({{"id", t.id_},
                     {"name", {{"zh", t.name_zh_}, {"en", t.name_en_}}},
                     {"description", {{"zh", t.description_zh_}, {"en", t.description_en_}}},
                     {"places", std::move(places)}});
    }
    reply_json(res, {{"themes", std::move(out)}});
  });

  svr.Post("/api/itineraries", [svc, ctx](httplib::Request const& req, httplib::Response& res) {
    if (!svc->tt_) {
      return reply_error(res, error{error_kind::kUnavailable, svc->unavailable_});
    }
    if (req.body.size() > kMaxItineraryBodyBytes) {
      return reply_error(
          res, {error_kind::kPayloadTooLarge,
                "body: larger than " + std::to_string(kMaxItineraryBodyBytes) + " bytes"});
    }
    auto const body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) {
      return reply_error(res, invalid_argument("body: not valid JSON"));
    }
    auto const& tt = *svc->tt_;
    auto const p = transit::parse_itinerary_params(tt, svc->themes_, body);
    if (!p) {
      return reply_error(res, p.err());
    }
    thread_local transit::raptor_state state;
    auto const plan = transit::plan_itinerary(tt, state, p->request_);
    auto out = transit::itinerary_json(tt, *p, plan);
    add_sites(*ctx.catalog(), *p, out);
    reply_json(res, out);
  });
}

}  // namespace zhitu::server
