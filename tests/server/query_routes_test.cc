// SPDX-License-Identifier: Apache-2.0
// POST /api/query and the relation endpoints, served in-process over loopback.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "loopback.h"
#include "server/routes.h"

namespace zhitu::server {
namespace {

using nlohmann::json;

class query_routes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cat_ = test::catalog_of({"heritage/national_heritage_sites.csv", "admin/provinces.geojson",
                             "admin/prefectures.geojson", "admin/counties.geojson",
                             "gazetteer/dynasties.csv"});
    server_ = std::make_unique<test::loopback_server>([](httplib::Server& s) {
      add_query_routes(s, {.catalog = [] { return cat_; }, .limits_ = {}});
    });
    port_ = server_->port();
  }
  static void TearDownTestSuite() {
    server_.reset();
    cat_.reset();
  }

  static httplib::Result post(std::string const& body, char const* path = "/api/query") {
    httplib::Client c{"127.0.0.1", port_};
    return c.Post(path, body, "application/json");
  }
  static httplib::Result get(std::string const& path) {
    httplib::Client c{"127.0.0.1", port_};
    return c.Get(path);
  }

  static inline std::shared_ptr<index::catalog const> cat_;
  static inline std::unique_ptr<test::loopback_server> server_;
  static inline int port_ = 0;
};

TEST_F(query_routes, tang_sites_near_longmen_station_with_explain) {
  auto const res = post(R"({"near": {"lon": 112.4563, "lat": 34.5938, "radius_m": 30000},
                            "time": {"dynasty": "唐"}, "kinds": ["heritage_site"], "limit": 100,
                            "explain": true})");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto const j = json::parse(res->body);
  auto const& results = j["results"];
  EXPECT_TRUE(std::any_of(results.begin(), results.end(),
                          [](json const& r) { return r["id"] == "nhs-1-37"; }));
  EXPECT_EQ(j["explain"]["steps"][0]["part"], "near");
  EXPECT_EQ(j["explain"]["steps"][0]["role"], "drive");
  EXPECT_EQ(j["matched"], j["explain"]["steps"].back()["count"]);
}

TEST_F(query_routes, bad_field_is_a_400_problem_naming_it) {
  auto const res = post(R"({"near": {"lon": 112.4, "lat": 34.6, "radius_m": "far"}})");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(json::parse(res->body)["field"], "near.radius_m");
}

TEST_F(query_routes, invalid_json_and_oversized_bodies_are_refused) {
  auto const bad = post("{\"text\": ");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(json::parse(bad->body)["field"], "body");
  auto const big = post("{\"text\": \"" + std::string(70000, 'a') + "\"}");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
}

TEST_F(query_routes, relations_of_longmen_grottoes_are_derived_with_rules) {
  auto const res = get("/api/entities/nhs-1-37/relations");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto const rel = json::parse(res->body)["relations"];
  ASSERT_FALSE(rel.empty());
  for (auto const& r : rel) {
    EXPECT_TRUE(r["derived"].get<bool>());
    EXPECT_FALSE(r["rule"].get<std::string>().empty());
  }
  EXPECT_TRUE(std::any_of(rel.begin(), rel.end(), [](json const& r) {
    return r["predicate"] == "located_in" && r["object"] == "adm-410311";
  }));
}

TEST_F(query_routes, graph_has_nodes_and_edges_within_hops) {
  auto const res = get("/api/entities/adm-410311/graph?hops=1&predicate=located_in");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto const j = json::parse(res->body);
  EXPECT_EQ(j["nodes"][0]["id"], "adm-410311");
  EXPECT_GT(j["nodes"].size(), 2U);
  EXPECT_GE(j["edges"].size(), j["nodes"].size() - 1);
  EXPECT_EQ(get("/api/entities/adm-410311/graph?hops=9")->status, 400);
  EXPECT_EQ(get("/api/entities/adm-410311/graph?colour=red")->status, 400);
  EXPECT_EQ(get("/api/entities/nope/graph")->status, 404);
}

TEST_F(query_routes, path_from_a_site_to_its_province) {
  auto const res = get("/api/path?from=nhs-1-37&to=adm-410000");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto const j = json::parse(res->body);
  EXPECT_TRUE(j["found"].get<bool>());
  EXPECT_EQ(j["steps"].size(), 3U);
  EXPECT_EQ(j["steps"].back()["node"]["id"], "adm-410000");
  EXPECT_EQ(get("/api/path?from=nhs-1-37")->status, 400);
  EXPECT_EQ(get("/api/path?from=nhs-1-37&to=zzz")->status, 404);
}

TEST_F(query_routes, graph_shows_hubs_without_walking_through_them) {
  auto const count = [](std::string const& path) {
    auto const res = get(path);
    EXPECT_EQ(res->status, 200) << res->body;
    return json::parse(res->body)["nodes"].size();
  };
  // 龙门石窟's dynasties have hundreds of relations each.
  auto const around = count("/api/entities/nhs-1-37/graph?hops=2");
  auto const j = json::parse(get("/api/entities/nhs-1-37/graph?hops=2")->body);
  auto const tang = std::find_if(j["nodes"].begin(), j["nodes"].end(),
                                     [](json const& n) { return n["id"] == "dyn-tang"; });
  ASSERT_NE(tang, j["nodes"].end());
  EXPECT_EQ((*tang)["hub"], true);
  EXPECT_FALSE(j["nodes"][0].contains("hub"));  // the start is always walked through
  EXPECT_LT(around, 40U);
  EXPECT_GT(count("/api/entities/nhs-1-37/graph?hops=2&hub_degree=100000"), around * 5);
  EXPECT_EQ(get("/api/entities/nhs-1-37/graph?hub_degree=0")->status, 400);
}

TEST_F(query_routes, query_results_as_geojson_text_sequences_csv_and_geojson) {
  auto const q = std::string{R"({"time": {"from": 618, "to": 907}, "near": {"lon": 112.45, )"
                             R"("lat": 34.59, "radius_m": 300000}, "limit": 1000, "format": )"};
  auto const as_json = post(R"({"time": {"from": 618, "to": 907}, "near": {"lon": 112.45, )"
                            R"("lat": 34.59, "radius_m": 300000}, "limit": 1000})");
  auto const n = json::parse(as_json->body)["results"].size();
  ASSERT_GT(n, 3U);

  auto const seq = post(q + R"("geojsonseq"})");
  ASSERT_EQ(seq->status, 200) << seq->body;
  EXPECT_EQ(seq->get_header_value("Content-Type"), "application/geo+json-seq");
  std::size_t records = 0;
  for (std::size_t pos = 0; pos < seq->body.size(); ++records) {
    ASSERT_EQ(seq->body[pos], '\x1e');
    auto const end = seq->body.find('\n', pos);
    ASSERT_NE(end, std::string::npos);
    auto const f = json::parse(seq->body.substr(pos + 1, end - pos - 1));
    EXPECT_EQ(f["type"], "Feature");
    pos = end + 1;
  }
  EXPECT_EQ(records, n);

  auto const csv = post(q + R"("csv"})");
  ASSERT_EQ(csv->status, 200);
  EXPECT_TRUE(csv->body.starts_with("id,kind,name,"));
  EXPECT_EQ(static_cast<std::size_t>(std::count(csv->body.begin(), csv->body.end(), '\n')),
            n + 1);  // no field of these rows holds a line break
  auto const geojson = post(q + R"("geojson"})");
  EXPECT_EQ(json::parse(geojson->body)["features"].size(), n);
  auto const bad = post(q + R"("kml"})");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(json::parse(bad->body)["field"], "format");
}

TEST_F(query_routes, annotate_returns_mentions_with_utf16_offsets) {
  auto const res = post(R"({"text": "洛阳市的龙门石窟"})", "/api/annotate");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto const j = json::parse(res->body);
  EXPECT_EQ(j["offsets"], "utf16");
  ASSERT_EQ(j["mentions"].size(), 2U);
  auto const& m = j["mentions"][1];
  EXPECT_EQ(m["surface"], "龙门石窟");
  EXPECT_EQ(m["entity_id"], "nhs-1-37");
  EXPECT_EQ(m["kind"], "heritage_site");
  EXPECT_EQ(m["start"], 4);
  EXPECT_EQ(m["end"], 8);
  EXPECT_EQ(m["start_byte"], 12);
  EXPECT_EQ(m["entity"]["id"], "nhs-1-37");
  EXPECT_GT(m["confidence"].get<double>(), 0.5);
  EXPECT_EQ(j["mentions"][0]["entity_id"], "adm-410300");
}

TEST_F(query_routes, annotate_kinds_choose_what_to_look_for) {
  auto const res = post(R"({"text": "洛阳市的龙门石窟", "kinds": ["prefecture"]})", "/api/annotate");
  ASSERT_EQ(res->status, 200) << res->body;
  auto const j = json::parse(res->body);
  ASSERT_EQ(j["mentions"].size(), 1U);
  EXPECT_EQ(j["mentions"][0]["entity_id"], "adm-410300");
}

TEST_F(query_routes, annotate_refuses_bad_bodies_naming_the_field) {
  for (auto const& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {"[1]", "body"},
           {"{}", "text"},
           {R"({"text": 5})", "text"},
           {R"({"text": "a", "lang": "zh"})", "lang"},
           {R"({"text": "a", "kinds": ["castle"]})", "kinds"},
           {R"({"text": "a", "min_confidence": 2})", "min_confidence"},
           {"{\"text\": \"\xff\"}", "body"}}) {
    auto const res = post(body, "/api/annotate");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << body;
    EXPECT_EQ(json::parse(res->body)["field"], field) << body;
  }
}

}  // namespace
}  // namespace zhitu::server
