// SPDX-License-Identifier: Apache-2.0
// /api/itineraries and /api/itineraries/themes over loopback, on the bundled rail feed, themes
// and heritage data.
#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "loopback.h"
#include "server/routes.h"

namespace zhitu::server {
namespace {

using nlohmann::json;

class journey_routes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cat_ = test::catalog_of({"heritage/national_heritage_sites.csv", "rail/stations.csv"});
    server_ = std::make_unique<test::loopback_server>([](httplib::Server& s) {
      add_journey_routes(s, {.catalog = [] { return cat_; }, .limits_ = {}},
                         test::source_dir() / "data/rail/gtfs", test::source_dir() / "data/themes");
    });
  }
  static void TearDownTestSuite() {
    server_.reset();
    cat_.reset();
  }
  static json post(json const& body, int status = 200) {
    httplib::Client c{"127.0.0.1", server_->port()};
    auto const res = c.Post("/api/itineraries", body.dump(), "application/json");
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, status) << res->body;
    return json::parse(res->body);
  }

  static inline std::shared_ptr<index::catalog const> cat_;
  static inline std::unique_ptr<test::loopback_server> server_;
};

TEST_F(journey_routes, ancient_capitals_tour_lists_every_capital_and_the_sites_near_it) {
  auto const plan = post({{"start", "洛阳龙门"}, {"theme", "ancient_capitals"}});
  ASSERT_TRUE(plan["feasible"].get<bool>()) << plan.dump();
  EXPECT_EQ("exact", plan["method"]);
  EXPECT_EQ("ancient_capitals", plan["theme"]["id"]);
  // Every capital of the theme is visited, left out with a reason, or the start's own city.
  std::set<std::string> seen;
  for (auto const& s : plan["stops"]) {
    seen.insert(s["place"]["name"].get<std::string>());
  }
  // 安阳 has no station of the key-station feed; 洛阳 is where the tour starts.
  std::map<std::string, std::string> left_out;
  for (auto const& l : plan["left_out"]) {
    EXPECT_FALSE(l["reason"].get<std::string>().empty());
    left_out[l["place"].get<std::string>()] = l["code"].get<std::string>();
    seen.insert(l["place"].get<std::string>());
  }
  EXPECT_EQ("no_station", left_out["安阳"]);
  EXPECT_EQ("is_start", left_out["洛阳"]);
  EXPECT_EQ((std::set<std::string>{"北京", "西安", "洛阳", "南京", "开封", "杭州", "安阳", "郑州"}),
            seen);
  // Legs chain: each leaves where the last arrived, after the stay, and the tour comes home.
  auto const& legs = plan["legs"];
  ASSERT_EQ(plan["stops"].size() + 1, legs.size());
  EXPECT_EQ("洛阳龙门", legs.front()["from_place"]["name"]);
  EXPECT_EQ("洛阳龙门", legs.back()["to_place"]["name"]);
  for (std::size_t i = 0; i + 1 < legs.size(); ++i) {
    EXPECT_EQ(legs[i]["to_place"], legs[i + 1]["from_place"]);
    EXPECT_LT(legs[i]["arrival"].get<std::string>(), legs[i + 1]["departure"].get<std::string>());
  }
  // Sites: heritage within 10 km of the arrival station, nearest data first by prominence.
  auto any_sites = false;
  for (auto const& s : plan["stops"]) {
    EXPECT_LE(s["sites"].size(), 8U);
    for (auto const& site : s["sites"]) {
      EXPECT_EQ("heritage_site", site["kind"]);
      EXPECT_LE(site["distance_m"].get<double>(), 10'000.0);
    }
    any_sites = any_sites || !s["sites"].empty();
  }
  EXPECT_TRUE(any_sites);
}

TEST_F(journey_routes, chosen_places_with_their_own_stays_one_way) {
  auto const plan = post({{"start", "郑州东"},
                          {"places", {"开封", json{{"place", "西安"}, {"stay_hours", 48}}}},
                          {"return_to_start", false},
                          {"travel_hours", nullptr},
                          {"sites_limit", 0}});
  ASSERT_TRUE(plan["feasible"].get<bool>()) << plan.dump();
  EXPECT_EQ(2U, plan["legs"].size());
  EXPECT_EQ(nullptr, plan["travel_hours"]);
  for (auto const& s : plan["stops"]) {
    EXPECT_TRUE(s["sites"].empty());
    EXPECT_EQ(s["place"]["name"] == "西安" ? 48.0 : 24.0, s["stay_hours"].get<double>());
  }
  EXPECT_EQ(nullptr, plan["stops"].back()["departure"]);
}

TEST_F(journey_routes, bad_requests_name_the_field) {
  auto const detail = [](json const& body) { return post(body, 400)["detail"].get<std::string>(); };
  EXPECT_EQ("start: required (a station or city, by id or name)",
            detail({{"theme", "ancient_capitals"}}));
  EXPECT_EQ("start: no station or city \"火星\" in the timetable",
            detail({{"start", "火星"}, {"places", {"西安"}}}));
  EXPECT_EQ("places: give either theme or places, not both",
            detail({{"start", "郑州东"}, {"theme", "ancient_capitals"}, {"places", {"西安"}}}));
  EXPECT_EQ("places[1]: no station or city \"长安城\" in the timetable",
            detail({{"start", "郑州东"}, {"places", {"西安", "长安城"}}}));
  EXPECT_EQ("places[1]: \"西安北\" is already in the tour (as \"西安\")",
            detail({{"start", "郑州东"}, {"places", {"西安", "西安北"}}}));
  EXPECT_EQ("places[0]: \"郑州\" is the start",
            detail({{"start", "郑州东"}, {"places", {"郑州"}}}));
  EXPECT_EQ(
      "places[0].stay_hours: expected a number 0–240, got -1",
      detail({{"start", "郑州东"}, {"places", {json{{"place", "西安"}, {"stay_hours", -1}}}}}));
  EXPECT_EQ("travel_hours.to: expected a time after from and by 24:00, got \"06:00\"",
            detail({{"start", "郑州东"},
                    {"places", {"西安"}},
                    {"travel_hours", {{"from", "07:00"}, {"to", "06:00"}}}}));
  EXPECT_EQ(
      "theme: no theme \"capitals\"; known: ancient_capitals, historic_cities, "
      "provincial_capitals",
      detail({{"start", "郑州东"}, {"theme", "capitals"}}));
  EXPECT_EQ("date: 2030-01-01 is outside the timetable (2021-01-01 to 2021-12-31)",
            detail({{"start", "郑州东"}, {"places", {"西安"}}, {"date", "2030-01-01"}}));
  EXPECT_EQ(
      "budget: unknown field; expected one of date, depart, max_transfers, min_stay_hours, "
      "places, return_to_start, sites_limit, sites_radius_km, start, theme, travel_hours",
      detail({{"start", "郑州东"}, {"places", {"西安"}}, {"budget", 5}}));
  httplib::Client c{"127.0.0.1", server_->port()};
  auto const res = c.Post("/api/itineraries", "{\"start\":", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(400, res->status);
}

TEST_F(journey_routes, themes_list_their_places_with_sources) {
  httplib::Client c{"127.0.0.1", server_->port()};
  auto const res = c.Get("/api/itineraries/themes");
  ASSERT_TRUE(res);
  ASSERT_EQ(200, res->status);
  auto const themes = json::parse(res->body)["themes"];
  ASSERT_EQ(3U, themes.size());
  for (auto const& t : themes) {
    EXPECT_FALSE(t["name"]["zh"].get<std::string>().empty());
    for (auto const& p : t["places"]) {
      EXPECT_TRUE(p["source"]["url"].get<std::string>().starts_with("http")) << p.dump();
    }
  }
  EXPECT_EQ("ancient_capitals", themes[0]["id"]);
  EXPECT_EQ(8U, themes[0]["places"].size());
}

}  // namespace
}  // namespace zhitu::server
