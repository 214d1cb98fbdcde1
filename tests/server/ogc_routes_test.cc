// SPDX-License-Identifier: Apache-2.0
// OGC API – Features (Part 1 core, GeoJSON, OpenAPI 3.0) served in-process over loopback, checked
// against the catalog's own answers.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <set>

#include "loopback.h"
#include "server/routes.h"

namespace zhitu::server {
namespace {

using nlohmann::json;

class ogc_routes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cat_ = test::catalog_of({"heritage/national_heritage_sites.csv", "rail/stations.csv",
                             "admin/provinces.geojson", "gazetteer/dynasties.csv"});
    server_ = std::make_unique<test::loopback_server>([](httplib::Server& s) {
      add_ogc_routes(s, {.catalog = [] { return cat_; }, .limits_ = {}});
      s.set_post_routing_handler(compress_other_json);
    });
    port_ = server_->port();
  }
  static void TearDownTestSuite() {
    server_.reset();
    cat_.reset();
  }
  static json get_json(std::string const& path, int status = 200) {
    httplib::Client c{"127.0.0.1", port_};
    auto const res = c.Get(path);
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, status) << path << ": " << res->body;
    return json::parse(res->body);
  }
  static std::string href(json const& links, std::string const& rel) {
    for (auto const& l : links) {
      if (l["rel"] == rel) {
        return l["href"];
      }
    }
    return {};
  }
  static std::string path_of(std::string const& url) {
    auto const p = url.find('/', std::string_view{"http://"}.size());
    return url.substr(p);
  }

  static inline std::shared_ptr<index::catalog const> cat_;
  static inline std::unique_ptr<test::loopback_server> server_;
  static inline int port_ = 0;
};

}  // namespace

TEST_F(ogc_routes, landing_page_links_to_api_conformance_and_data) {
  auto const j = get_json("/ogc");
  auto const host = "http://127.0.0.1:" + std::to_string(port_);
  EXPECT_EQ(href(j["links"], "self"), host + "/ogc");
  EXPECT_EQ(href(j["links"], "service-desc"), host + "/api");
  EXPECT_EQ(href(j["links"], "conformance"), host + "/ogc/conformance");
  EXPECT_EQ(href(j["links"], "data"), host + "/ogc/collections");
}

TEST_F(ogc_routes, conformance_declares_part_1_part_3_and_cql2_classes) {
  auto const j = get_json("/ogc/conformance");
  auto const classes = j["conformsTo"].get<std::set<std::string>>();
  EXPECT_EQ(classes, (std::set<std::string>{
                         "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                         "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                         "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
                         "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
                         "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
                         "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
                         "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
                         "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
                         "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
                         "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
                         "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions"}));
}

TEST_F(ogc_routes, queryables_list_fixed_fields_and_the_kinds_properties) {
  auto const j = get_json("/ogc/collections/heritage_site/queryables");
  EXPECT_EQ(j["type"], "object");
  for (auto const* name : {"id", "name", "geometry", "time", "batch", "category", "province"}) {
    EXPECT_TRUE(j["properties"].contains(name)) << name;
  }
  EXPECT_EQ(j["properties"]["batch"]["type"], "number");
  EXPECT_FALSE(get_json("/ogc/collections/station/queryables")["properties"].contains("batch"));
}

TEST_F(ogc_routes, filter_selects_with_cql2_and_pages_the_result) {
  // Tang-era sites of the first three batches in Henan, by CQL2 alone, against the catalog.
  std::set<std::string> expected;
  for (auto const& e : cat_->entities()) {
    auto const p = json::parse(e.properties_);
    if (e.kind_ == "heritage_site" && p.value("batch", 99) <= 3 &&
        p.value("province", "") == "河南省" && e.time_ && e.time_->first_year() <= 907 &&
        e.time_->last_year() >= 618) {
      expected.insert(e.id_);
    }
  }
  ASSERT_GE(expected.size(), 2U);
  auto const filter = percent_encode(
      "batch <= 3 AND province = '河南省' AND T_INTERSECTS(time, "
      "INTERVAL('0618-01-01','0907-12-31'))");
  auto const j = get_json(
      "/ogc/collections/heritage_site/items?limit=100&filter-lang=cql2-text&filter=" + filter);
  std::set<std::string> got;
  for (auto const& f : j["features"]) {
    got.insert(f["id"].get<std::string>());
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(j["numberMatched"], expected.size());
  auto const spatial =
      get_json("/ogc/collections/heritage_site/items?filter=" +
               percent_encode("S_INTERSECTS(geometry,BBOX(112.46,34.55,112.48,34.57))"));
  ASSERT_GE(spatial["features"].size(), 1U);
  EXPECT_EQ(spatial["features"][0]["id"], "nhs-1-37");
}

TEST_F(ogc_routes, filter_errors_are_400_naming_the_filter) {
  auto const syntax = get_json("/ogc/collections/heritage_site/items?filter=batch%20%3D", 400);
  EXPECT_EQ(syntax["detail"], "filter: expected a property or a value at character 8");
  auto const unknown = get_json("/ogc/collections/heritage_site/items?filter=colour%3D'red'", 400);
  EXPECT_EQ(unknown["detail"],
            "filter: \"colour\" is not a queryable of this collection (see its /queryables)");
  get_json("/ogc/collections/heritage_site/items?filter=batch%3D1&filter-lang=cql2-json", 400);
  get_json("/ogc/collections/heritage_site/items?filter=batch%3D1&filter-crs=EPSG:3857", 400);
}

TEST_F(ogc_routes, one_collection_per_kind_with_its_extent) {
  auto const j = get_json("/ogc/collections");
  ASSERT_EQ(j["collections"].size(), cat_->kinds().size());
  auto const& sites = j["collections"][0];
  EXPECT_EQ(sites["id"], cat_->kinds()[0].kind_);
  auto const one = get_json("/ogc/collections/heritage_site");
  EXPECT_EQ(one["itemType"], "feature");
  auto const& bbox = one["extent"]["spatial"]["bbox"][0];
  ASSERT_EQ(bbox.size(), 4U);
  EXPECT_LT(bbox[0].get<double>(), 112.47);
  EXPECT_GT(bbox[2].get<double>(), 112.47);
  auto const& interval = one["extent"]["temporal"]["interval"][0];
  ASSERT_EQ(interval.size(), 2U);
  EXPECT_TRUE(interval[0].get<std::string>().starts_with("-"));  // palaeolithic sites
  get_json("/ogc/collections/castle", 404);
}

TEST_F(ogc_routes, items_page_through_every_match_with_next_links) {
  // Tang (618–907) sites around Luoyang, three at a time, against the catalog's own answer.
  model::box const box{111.8, 34.2, 113.0, 35.0};
  std::vector<index::entity_idx> in_box;
  cat_->in_box(box, in_box);
  std::set<std::string> expected;
  for (auto const i : in_box) {
    auto const& e = cat_->at(i);
    if (e.kind_ == "heritage_site" && e.time_ && e.time_->first_year() <= 907 &&
        e.time_->last_year() >= 618) {
      expected.insert(e.id_);
    }
  }
  ASSERT_GT(expected.size(), 3U);
  std::set<std::string> got;
  auto path = std::string{
      "/ogc/collections/heritage_site/items?bbox=111.8,34.2,113.0,35.0&"
      "datetime=0618-01-01T00:00:00Z/0907-12-31&limit=3"};
  for (auto pages = 0; !path.empty() && pages < 100; ++pages) {
    auto const j = get_json(path);
    EXPECT_EQ(j["type"], "FeatureCollection");
    EXPECT_EQ(j["numberMatched"], expected.size());
    EXPECT_LE(j["numberReturned"].get<std::size_t>(), 3U);
    for (auto const& f : j["features"]) {
      got.insert(f["id"].get<std::string>());
    }
    auto const next = href(j["links"], "next");
    path = next.empty() ? std::string{} : path_of(next);
  }
  EXPECT_EQ(got, expected);
}

TEST_F(ogc_routes, datetime_takes_bce_years_and_open_intervals) {
  auto const warring =
      get_json("/ogc/collections/heritage_site/items?datetime=-0400-06-01&limit=1");
  auto const before =
      get_json("/ogc/collections/heritage_site/items?datetime=../-0400-12-31&limit=1");
  auto const all = get_json("/ogc/collections/heritage_site/items?datetime=../..&limit=1");
  EXPECT_GT(warring["numberMatched"].get<int>(), 10);
  EXPECT_GT(before["numberMatched"].get<int>(), warring["numberMatched"].get<int>());
  EXPECT_EQ(all["numberMatched"], cat_->kinds()[0].count_);
}

TEST_F(ogc_routes, skip_geometry_leaves_geometry_out) {
  auto const j = get_json("/ogc/collections/heritage_site/items?limit=3&skipGeometry=true");
  ASSERT_EQ(j["features"].size(), 3U);
  for (auto const& f : j["features"]) {
    EXPECT_TRUE(f["geometry"].is_null());
  }
  EXPECT_FALSE(
      get_json("/ogc/collections/heritage_site/items?limit=1&skipGeometry=false")["features"][0]
                                                                                 ["geometry"]
                                                                                     .is_null());
  get_json("/ogc/collections/heritage_site/items?skipGeometry=maybe", 400);
}

TEST_F(ogc_routes, geojson_is_gzipped_for_clients_that_accept_it) {
  httplib::Client c{"127.0.0.1", port_};
  c.set_decompress(false);
  auto const path = "/ogc/collections/heritage_site/items?limit=50";
  auto const zipped = c.Get(path, {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(zipped);
  EXPECT_EQ(zipped->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(zipped->get_header_value("Vary"), "Accept-Encoding");
  ASSERT_GT(zipped->body.size(), 2U);
  EXPECT_EQ(static_cast<unsigned char>(zipped->body[0]), 0x1fU);
  EXPECT_EQ(static_cast<unsigned char>(zipped->body[1]), 0x8bU);
  auto const plain = c.Get(path, {{"Accept-Encoding", "identity"}});
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
  EXPECT_EQ(json::parse(plain->body)["features"].size(), 50U);
  EXPECT_LT(zipped->body.size(), plain->body.size() / 3);
}

TEST_F(ogc_routes, one_item_and_its_links) {
  auto const f = get_json("/ogc/collections/heritage_site/items/nhs-1-37");
  EXPECT_EQ(f["type"], "Feature");
  EXPECT_EQ(f["id"], "nhs-1-37");
  EXPECT_EQ(f["properties"]["name"], "龙门石窟");
  EXPECT_TRUE(href(f["links"], "self").ends_with("/ogc/collections/heritage_site/items/nhs-1-37"));
  get_json("/ogc/collections/station/items/nhs-1-37", 404);
  get_json("/ogc/collections/heritage_site/items/nope", 404);
}

TEST_F(ogc_routes, bad_parameters_are_400_naming_them) {
  for (auto const* q : {"bbox=1,2,3", "datetime=yesterday", "datetime=0907/0618", "limit=0",
                        "limit=10001", "offset=-1", "f=html", "colour=red"}) {
    auto const j = get_json(std::string{"/ogc/collections/heritage_site/items?"} + q, 400);
    EXPECT_FALSE(j["detail"].get<std::string>().empty()) << q;
  }
  get_json("/ogc?f=xml", 400);
}

TEST_F(ogc_routes, the_openapi_document_lists_every_route) {
  httplib::Client c{"127.0.0.1", port_};
  auto const res = c.Get("/api");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/vnd.oai.openapi+json;version=3.0");
  auto const doc = json::parse(res->body);
  EXPECT_TRUE(doc["openapi"].get<std::string>().starts_with("3.0"));
  for (auto const* path : {"/health",
                           "/api",
                           "/api/kinds",
                           "/api/stats",
                           "/api/entities/{id}",
                           "/api/entities/{id}/relations",
                           "/api/entities/{id}/graph",
                           "/api/path",
                           "/api/search",
                           "/api/suggest",
                           "/api/features",
                           "/api/query",
                           "/api/annotate",
                           "/api/journeys",
                           "/api/itineraries",
                           "/api/itineraries/themes",
                           "/tiles/{set}/{z}/{x}/{y}.mvt",
                           "/tiles/{set}.json",
                           "/fonts/{fontstack}/{range}.pbf",
                           "/styles/default.json",
                           "/ogc",
                           "/ogc/conformance",
                           "/ogc/collections",
                           "/ogc/collections/{collectionId}",
                           "/ogc/collections/{collectionId}/items",
                           "/ogc/collections/{collectionId}/queryables",
                           "/ogc/collections/{collectionId}/items/{featureId}"}) {
    EXPECT_TRUE(doc["paths"].contains(path)) << path;
  }
  EXPECT_EQ(doc["paths"].size(), 27U);  // a new route needs its entry (scripts/gen_openapi.py)
}

}  // namespace zhitu::server
