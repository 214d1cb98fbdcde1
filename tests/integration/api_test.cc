// SPDX-License-Identifier: Apache-2.0
// The HTTP API of a real `zhitu serve` on the bundled data, read by an HTTP client and by curl.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "index/catalog.h"
#include "integration/demo_store.h"
#include "model/crs.h"
#include "store/sqlite_store.h"

namespace zhitu::test {

using nlohmann::json;

namespace {

struct live_server {
  temp_dir dir_;
  std::unique_ptr<background_process> process_;
  int port_{0};
  std::shared_ptr<index::catalog const> oracle_;  // the same store, loaded in-process
};

live_server* g_server = nullptr;

httplib::Client client() {
  httplib::Client c{"127.0.0.1", g_server->port_};
  c.set_read_timeout(30);
  c.set_tcp_nodelay(true);
  return c;
}

json get_json(std::string const& path, int expected_status = 200) {
  auto c = client();
  auto const res = c.Get(path);
  EXPECT_TRUE(res) << path;
  if (!res) {
    return nullptr;
  }
  EXPECT_EQ(res->status, expected_status) << path << ": " << res->body;
  return json::parse(res->body);
}

std::string encode(std::string const& s) {
  std::string out;
  for (auto const c : s) {
    auto const u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == ',') {
      out.push_back(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof(buf), "%%%02X", u);
      out += buf;
    }
  }
  return out;
}

// Starts one server for the suite; a failure here fails every test (not a silent skip).
std::string start_server() {
  g_server = new live_server();
  auto const db = g_server->dir_ / "zhitu.db";
  auto const imported = import_demo_data(db);
  if (imported.exit_code_ != 0) {
    return "importing the demo data failed: " + imported.err_;
  }
  g_server->process_ = std::make_unique<background_process>(
      std::vector<std::string>{zhitu_binary(), "serve", "--db", db.string(), "--port", "0",
                               "--web", (source_dir() / "web" / "dist").string()},
      g_server->dir_ / "serve.log");
  if (!g_server->process_->wait_for_log("(Ctrl-C stops)", 60000)) {
    return "zhitu serve did not start: " + g_server->process_->log();
  }
  std::smatch m;
  auto const log = g_server->process_->log();
  if (!std::regex_search(log, m, std::regex{R"(http://127\.0\.0\.1:(\d+))"})) {
    return "no address in the server log: " + log;
  }
  g_server->port_ = std::stoi(m[1]);
  store::sqlite_store const s{db, store::open_mode::kReadOnly};
  g_server->oracle_ = index::catalog::build(s.load_entities(), s.load_datasets(), {});
  return {};
}

std::string g_setup_error;

class api : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { g_setup_error = start_server(); }
  static void TearDownTestSuite() {
    delete g_server;
    g_server = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(g_setup_error.empty()) << g_setup_error; }
};

}  // namespace

TEST_F(api, health_reports_every_entity) {
  auto const j = get_json("/health");
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["entities"], g_server->oracle_->size());
  EXPECT_GT(g_server->oracle_->size(), 5150U + 3000U);  // heritage sites, stations, admin units
}

TEST_F(api, search_finds_longmen_grottoes_first_where_it_stands) {
  auto const j = get_json("/api/search?q=" + encode("龙门石窟"));
  ASSERT_FALSE(j["results"].empty());
  auto const& first = j["results"][0];
  EXPECT_EQ(first["names"]["zh"], "龙门石窟");
  EXPECT_EQ(first["kind"], "heritage_site");
  auto const d = model::distance_m({first["lon"].get<double>(), first["lat"].get<double>()},
                                    {112.471, 34.556});
  EXPECT_LT(d, 500) << first.dump();
  EXPECT_EQ(first["matched"]["match"], "exact");
}

TEST_F(api, search_by_kind_and_limit) {
  auto const j = get_json("/api/search?q=" + encode("北京") + "&kind=station&limit=3");
  ASSERT_EQ(j["results"].size(), 3U);
  for (auto const& r : j["results"]) {
    EXPECT_EQ(r["kind"], "station");
  }
  EXPECT_EQ(j["results"][0]["names"]["zh"], "北京");
}

TEST_F(api, suggest_completes_pinyin_initials_as_the_user_types) {
  auto const j = get_json("/api/suggest?q=lmsk&limit=5");
  ASSERT_FALSE(j["suggestions"].empty());
  auto const& first = j["suggestions"][0];
  EXPECT_EQ(first["id"], "nhs-1-37");
  EXPECT_EQ(first["label"], "龙门石窟");
  EXPECT_LE(j["suggestions"].size(), 5U);
  // Every prefix of 龙门石窟 already finds it among the first suggestions.
  for (auto const* prefix : {"龙", "龙门", "龙门石"}) {
    auto const s = get_json("/api/suggest?q=" + encode(prefix));
    auto const& list = s["suggestions"];
    EXPECT_TRUE(std::any_of(list.begin(), list.end(),
                            [](json const& r) { return r["id"] == "nhs-1-37"; }))
        << prefix;
  }
  EXPECT_EQ(get_json("/api/suggest?q=", 400)["title"], "Invalid argument");
  get_json("/api/suggest?q=a&limit=21", 400);
}

TEST_F(api, near_puts_the_closer_of_equal_names_first) {
  // Three 兴国寺塔 are on the national list (江苏, 山东, 河南): near Wuxi, Jinan and Zhengzhou
  // the first answer is the closest exact match.
  for (auto const& [lon, lat] :
       {std::pair{120.30, 31.57}, std::pair{117.00, 36.67}, std::pair{113.62, 34.75}}) {
    auto const j = get_json("/api/search?q=" + encode("兴国寺塔") + "&limit=100&near=" +
                            std::to_string(lon) + "," + std::to_string(lat));
    std::vector<double> exact;
    for (auto const& r : j["results"]) {
      if (r["names"]["zh"] == "兴国寺塔" && r.contains("lon")) {
        exact.push_back(model::distance_m({r["lon"].get<double>(), r["lat"].get<double>()},
                                          {lon, lat}));
      }
    }
    ASSERT_EQ(exact.size(), 3U);
    EXPECT_EQ(exact.front(), *std::min_element(exact.begin(), exact.end())) << lon << "," << lat;
  }
  get_json("/api/search?q=a&near=200,1", 400);
}

TEST_F(api, entity_card_has_sources_and_licence) {
  auto const search = get_json("/api/search?q=" + encode("白马寺") + "&limit=1");
  auto const id = search["results"][0]["id"].get<std::string>();
  auto const e = get_json("/api/entities/" + encode(id));
  EXPECT_EQ(e["id"], id);
  EXPECT_EQ(e["names"]["zh"], "白马寺");
  ASSERT_FALSE(e["sources"].empty());
  EXPECT_FALSE(e["sources"][0]["licence"].get<std::string>().empty());
  EXPECT_TRUE(e["sources"][0]["record"].get<std::string>().starts_with("line "));
  EXPECT_EQ(e["geometry"]["type"], "Point");
}

TEST_F(api, entity_with_chinese_id_is_reachable_percent_encoded) {
  auto const& cat = *g_server->oracle_;
  for (auto const& e : cat.entities()) {
    if (std::any_of(e.id_.begin(), e.id_.end(), [](char c) { return (c & 0x80) != 0; })) {
      EXPECT_EQ(get_json("/api/entities/" + encode(e.id_))["id"], e.id_);
      return;
    }
  }
  GTEST_SKIP() << "no entity id with non-ASCII characters in the bundled data";
}

TEST_F(api, unknown_entity_is_404_problem) {
  auto c = client();
  auto const res = c.Get("/api/entities/no-such-thing");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  auto const j = json::parse(res->body);
  EXPECT_EQ(j["status"], 404);
  EXPECT_EQ(j["detail"], "no entity with id \"no-such-thing\"");
}

TEST_F(api, bad_parameters_are_400_naming_the_parameter) {
  EXPECT_EQ(get_json("/api/features?bbox=1,2,3", 400)["detail"],
            "bbox: expected 4 numbers west,south,east,north; got \"1,2,3\"");
  EXPECT_EQ(get_json("/api/features?limit=100000", 400)["detail"],
            "limit: 100000 is out of range [1, 10000]");
  EXPECT_EQ(get_json("/api/search?q=", 400)["detail"], "q: empty query");
  EXPECT_TRUE(get_json("/api/search?q=" + std::string(300, 'x'), 400)["detail"]
                  .get<std::string>()
                  .starts_with("q: query of 300 bytes"));
  EXPECT_EQ(get_json("/api/search?query=x", 400)["detail"],
            "query: unknown parameter; expected one of kind, limit, near, q");
  EXPECT_EQ(get_json("/api/nothing-here", 404)["status"], 404);
}

TEST_F(api, features_in_luoyang_box_match_brute_force) {
  model::box const luoyang{112.3, 34.5, 112.7, 34.8};
  auto const& cat = *g_server->oracle_;
  std::set<std::string> expected;
  for (index::entity_idx i = 0; i < cat.size(); ++i) {
    if (cat.at(i).geometry_ && cat.bounds(i).intersects(luoyang) && cat.at(i).kind_ == "heritage_site") {
      expected.insert(cat.at(i).id_);
    }
  }
  ASSERT_GT(expected.size(), 10U);

  // Page through with small pages following the `next` links.
  std::set<std::string> got;
  std::string path = "/api/features?bbox=112.3,34.5,112.7,34.8&kind=heritage_site&limit=7";
  auto pages = 0;
  while (!path.empty()) {
    auto const j = get_json(path);
    EXPECT_EQ(j["type"], "FeatureCollection");
    EXPECT_EQ(j["numberMatched"], expected.size());
    for (auto const& f : j["features"]) {
      EXPECT_TRUE(got.insert(f["id"].get<std::string>()).second) << "duplicate " << f["id"];
      EXPECT_EQ(f["properties"]["kind"], "heritage_site");
    }
    path.clear();
    for (auto const& l : j["links"]) {
      if (l["rel"] == "next") {
        path = l["href"].get<std::string>();
      }
    }
    ASSERT_LT(++pages, 100);
  }
  EXPECT_EQ(got, expected);
}

TEST_F(api, kinds_lists_every_kind_with_counts) {
  auto const j = get_json("/api/kinds");
  std::set<std::string> kinds;
  for (auto const& k : j["kinds"]) {
    kinds.insert(k["kind"].get<std::string>());
    EXPECT_GT(k["count"].get<int>(), 0);
  }
  for (auto const* k : {"heritage_site", "station", "province", "prefecture", "county"}) {
    EXPECT_TRUE(kinds.contains(k)) << k;
  }
}

TEST_F(api, serves_many_concurrent_clients) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (auto t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      auto c = client();
      c.set_keep_alive(true);
      for (auto i = 0; i < 25; ++i) {
        auto const res = c.Get("/api/search?q=" + encode("洛阳") + "&limit=5");
        if (res && res->status == 200) {
          ++ok;
        }
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  EXPECT_EQ(ok.load(), 200);
}

TEST_F(api, curl_reads_gzip_json) {
  auto const r = run({"/usr/bin/curl", "-sS", "--compressed", "-H", "Accept-Encoding: gzip", "-w",
                      "\n%{http_code} %{content_type}",
                      "http://127.0.0.1:" + std::to_string(g_server->port_) + "/api/kinds"});
  ASSERT_EQ(r.exit_code_, 0) << r.err_;
  auto const nl = r.out_.rfind('\n');
  EXPECT_TRUE(json::parse(r.out_.substr(0, nl)).contains("kinds"));
  EXPECT_EQ(r.out_.substr(nl + 1), "200 application/json");
}

TEST_F(api, serves_the_web_app) {
  if (!std::filesystem::exists(source_dir() / "web" / "dist" / "index.html")) {
    GTEST_SKIP() << "web/dist not built (make web)";
  }
  auto c = client();
  auto const res = c.Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("<html"), std::string::npos);
  EXPECT_EQ(res->body.find("https://"), std::string::npos) << "the page must not load from the internet";
}

TEST_F(api, picks_up_an_import_made_while_serving) {
  auto const csv = g_server->dir_ / "late.csv";
  {
    std::ofstream out{csv};
    out << "id,name,kind,lon,lat\nlate-1,天堂明堂遗址测试,heritage_site,112.62,34.68\n";
  }
  auto const r = run({zhitu_binary(), "import", "--db", (g_server->dir_ / "zhitu.db").string(),
                      "--licence", "CC0-1.0", csv.string()});
  ASSERT_EQ(r.exit_code_, 0) << r.err_;
  for (auto i = 0; i < 100; ++i) {
    auto const j = get_json("/api/search?q=" + encode("天堂明堂遗址测试"));
    if (!j["results"].empty()) {
      EXPECT_EQ(j["results"][0]["id"], "late-1");
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  FAIL() << "the server did not reload within 10 s";
}

}  // namespace zhitu::test
