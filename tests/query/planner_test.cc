// SPDX-License-Identifier: Apache-2.0
// The planner on the bundled data: golden answers, plans, field-named errors, and random
// combined queries against a brute-force scan of the whole catalog.
#include "query/planner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <random>

#include "common/fixtures.h"
#include "index/space/area.h"
#include "io/import.h"
#include "model/crs.h"
#include "model/era.h"
#include "query/search.h"

namespace zhitu::query {
namespace {

using nlohmann::json;

std::shared_ptr<index::catalog const> const& bundled() {
  static auto const cat = [] {
    auto const d = test::source_dir() / "data";
    auto out = io::read_files({d / "heritage/national_heritage_sites.csv", d / "rail/stations.csv",
                               d / "admin/provinces.geojson", d / "admin/prefectures.geojson",
                               d / "admin/counties.geojson", d / "gazetteer/dynasties.csv"},
                              {});
    EXPECT_EQ(out.n_errors_, 0U);
    return index::catalog::build(std::move(out.batch_.entities_), std::move(out.batch_.datasets_),
                                 std::move(out.batch_.relations_));
  }();
  return cat;
}

std::vector<std::string> ids(index::catalog const& cat, query_result const& r) {
  std::vector<std::string> v;
  for (auto const& h : r.hits_) {
    v.push_back(cat.at(h.entity_).id_);
  }
  return v;
}

query_result run(std::string const& body) {
  auto const& cat = *bundled();
  auto const q = parse_query(cat, json::parse(body));
  EXPECT_TRUE(q) << (q ? "" : q.err().message_);
  auto r = run_query(cat, *q);
  EXPECT_TRUE(r);
  return *r;
}

constexpr auto kLongmenStation = R"("near": {"lon": 112.4563, "lat": 34.5938, "radius_m": 30000})";

TEST(planner, tang_sites_near_longmen_station_include_longmen_grottoes) {
  auto const r = run(std::string{"{"} + kLongmenStation +
                     R"(, "time": {"dynasty": "唐"}, "kinds": ["heritage_site"], "limit": 1000})");
  auto const found = ids(*bundled(), r);
  EXPECT_NE(std::find(found.begin(), found.end(), "nhs-1-37"), found.end());
  for (auto const& h : r.hits_) {
    auto const& e = bundled()->at(h.entity_);
    EXPECT_EQ(e.kind_, "heritage_site");
    ASSERT_TRUE(e.time_);
    EXPECT_TRUE(e.time_->first_year() <= 907 && e.time_->last_year() >= 618) << e.id_;
    EXPECT_LE(*h.distance_m_, 30000);
  }
}

// A common two-character name matches more entities than any fixed cut-off: the text part must
// still admit every one of them, or a combined query silently loses answers.
TEST(planner, text_matching_many_entities_filters_without_losing_any) {
  std::vector<model::entity> entities;
  for (auto i = 0; i < 12'000; ++i) {
    entities.push_back(test::make_entity("p" + std::to_string(i), "shop", "龙门商店", "",
                                         100 + (i % 100) * 0.1, 30 + (i / 100) * 0.1));
  }
  auto const cat = index::catalog::build(std::move(entities), {test::test_dataset()}, {});
  auto const q = parse_query(*cat, json::parse(R"({"text": "龙门", "bbox": [109.45, 41.45, 110.0,
                                                   42.0], "limit": 1000})"));
  ASSERT_TRUE(q) << q.err().message_;
  auto const r = run_query(*cat, *q);
  ASSERT_TRUE(r);
  // The box holds columns 95-99 of rows 115-119: 25 shops, all named 龙门商店.
  EXPECT_EQ(r->matched_, 25U);
}

TEST(planner, explain_starts_from_the_most_selective_index) {
  auto const r =
      run(std::string{"{"} + kLongmenStation +
          R"(, "time": {"dynasty": "唐"}, "kinds": ["heritage_site"], "explain": true})");
  ASSERT_EQ(r.plan_.size(), 3U);
  EXPECT_EQ(r.plan_[0].part_, "near");  // tens of entities, against ~1000 Tang and ~5000 sites
  EXPECT_EQ(r.plan_[0].role_, "drive");
  for (std::size_t i = 1; i < r.plan_.size(); ++i) {
    EXPECT_LE(r.plan_[i - 1].estimate_, r.plan_[i].estimate_);
    EXPECT_LE(r.plan_[i].count_, r.plan_[i - 1].count_);
  }
  EXPECT_EQ(r.plan_.back().count_, r.matched_);
  EXPECT_NE(r.reason_.find("near"), std::string::npos);
}

TEST(planner, within_luolong_district_holds_longmen_grottoes) {
  auto const r = run(R"({"within": "adm-410311", "kinds": ["heritage_site"], "limit": 1000})");
  auto const found = ids(*bundled(), r);
  EXPECT_NE(std::find(found.begin(), found.end(), "nhs-1-37"), found.end());
  // Oracle: every heritage site's point tested against the polygon.
  auto const& cat = *bundled();
  auto const area = *cat.find("adm-410311");
  std::size_t want = 0;
  for (index::entity_idx i = 0; i < cat.size(); ++i) {
    if (cat.at(i).kind_ == "heritage_site" && cat.point(i) &&
        index::area_contains(*cat.at(area).geometry_, *cat.point(i))) {
      ++want;
    }
  }
  EXPECT_EQ(r.matched_, want);
}

TEST(planner, nearest_alone_agrees_with_brute_force) {
  auto const& cat = *bundled();
  auto const r = run(R"({"near": {"lon": 112.4563, "lat": 34.5938}, "nearest": 10})");
  std::vector<double> want;
  for (index::entity_idx i = 0; i < cat.size(); ++i) {
    if (auto const p = cat.point(i)) {
      want.push_back(model::distance_m({112.4563, 34.5938}, *p));
    }
  }
  std::sort(want.begin(), want.end());
  ASSERT_EQ(r.hits_.size(), 10U);
  for (std::size_t i = 0; i < 10; ++i) {
    EXPECT_DOUBLE_EQ(*r.hits_[i].distance_m_, want[i]);
  }
}

TEST(planner, nearest_after_filters_ranks_the_survivors) {
  auto const r = run(R"({"near": {"lon": 112.4563, "lat": 34.5938}, "nearest": 3,
                         "time": {"dynasty": "北魏"}, "kinds": ["heritage_site"]})");
  ASSERT_EQ(r.hits_.size(), 3U);
  EXPECT_LE(*r.hits_[0].distance_m_, *r.hits_[1].distance_m_);
  EXPECT_EQ(r.plan_.back().part_, "nearest");
}

TEST(planner, related_by_derived_era) {
  auto const& cat = *bundled();
  auto const r = run(R"({"related": {"entity": "dyn-tang", "predicate": "era", "hops": 1},
                         "within": "adm-410311", "limit": 1000})");
  auto const found = ids(cat, r);
  EXPECT_NE(std::find(found.begin(), found.end(), "nhs-1-37"), found.end());
}

TEST(planner, text_with_time) {
  auto const r = run(R"({"text": "龙门", "time": {"from": 618, "to": 907}})");
  auto const found = ids(*bundled(), r);
  EXPECT_NE(std::find(found.begin(), found.end(), "nhs-1-37"), found.end());
}

TEST(planner, errors_name_the_field) {
  auto const& cat = *bundled();
  auto const message = [&](std::string const& body) {
    auto const q = parse_query(cat, json::parse(body));
    return q ? std::string{"(ok)"} : q.err().message_;
  };
  EXPECT_TRUE(message(R"({"bbox": [1, 2, 3]})").starts_with("bbox: "));
  EXPECT_TRUE(
      message(R"({"near": {"lon": 200, "lat": 34, "radius_m": 1}})").starts_with("near.lon: "));
  EXPECT_TRUE(message(R"({"near": {"lon": 112, "lat": 34}})").starts_with("near.radius_m: "));
  EXPECT_TRUE(message(R"({"near": {"lon": 112, "lat": 34, "radius_m": -5}})")
                  .starts_with("near.radius_m: "));
  EXPECT_TRUE(message(R"({"within": "nope"})").starts_with("within: "));
  EXPECT_TRUE(message(R"({"within": "nhs-1-37"})").starts_with("within: "));  // a point
  EXPECT_TRUE(message(R"({"nearest": 5})").starts_with("nearest: "));
  EXPECT_TRUE(message(R"({"time": {"dynasty": "火星"}})").starts_with("time.dynasty: "));
  EXPECT_TRUE(message(R"({"time": {"from": 900, "to": 600}})").starts_with("time.to: "));
  EXPECT_TRUE(message(R"({"time": {"from": "618"}})").starts_with("time.from: "));
  EXPECT_TRUE(message(R"({"kinds": [1]})").starts_with("kinds[0]: "));
  EXPECT_TRUE(
      message(R"({"related": {"entity": "nhs-1-37", "hops": 9}})").starts_with("related.hops: "));
  EXPECT_TRUE(message(R"({"related": {"entity": "nhs-1-37", "predicate": "x"}})")
                  .starts_with("related.predicate: "));
  EXPECT_TRUE(message(R"({"limit": 0})").starts_with("limit: "));
  EXPECT_TRUE(message(R"({"colour": "red"})").starts_with("colour: "));
  EXPECT_TRUE(message(R"([1, 2])").starts_with("body: "));
  EXPECT_EQ(message(R"({})"), "(ok)");
}

// Random combinations of parts against a scan that applies every part to every entity.
// Text with a box: whichever part drives, the hits and their scores are the text search's own
// matches inside the box, in its order — characters, a homophone slip, pinyin, 1 to 4 characters.
TEST(planner, text_in_a_box_equals_the_text_search_filtered) {
  auto const& cat = *bundled();
  for (auto const* text :
       {"龙门", "寺", "石窟", "洛阳龙门", "龙们石窟", "longmen", "白马寺", "站"}) {
    for (auto const s : {0.05, 0.5, 5.0}) {
      json const body = {
          {"text", text}, {"bbox", {112.45 - s, 34.6 - s, 112.45 + s, 34.6 + s}}, {"limit", 1000}};
      auto const q = parse_query(cat, body);
      ASSERT_TRUE(q) << body.dump();
      auto const r = run_query(cat, *q);
      ASSERT_TRUE(r);
      auto const matches = match_entities(cat, text);
      ASSERT_TRUE(matches);
      std::vector<std::pair<double, index::entity_idx>> want;
      for (auto const& m : *matches) {
        if (auto const p = cat.point(m.entity_); p && q->bbox_->contains(*p)) {
          want.emplace_back(-m.score_, m.entity_);
        }
      }
      std::sort(want.begin(), want.end());
      std::vector<std::pair<double, index::entity_idx>> got;
      for (auto const& h : r->hits_) {
        got.emplace_back(-*h.text_score_, h.entity_);
      }
      EXPECT_EQ(got, want) << body.dump();
    }
  }
}

TEST(planner, random_combined_queries_agree_with_brute_force) {
  auto const& cat = *bundled();
  std::mt19937 rng{2024};
  std::uniform_real_distribution<double> lon{100, 120};
  std::uniform_real_distribution<double> lat{25, 40};
  char const* kinds[] = {"heritage_site", "station", "county", "dynasty"};
  char const* dynasties[] = {"唐", "明", "北魏", "新石器时代", "汉", "清末"};
  char const* areas[] = {"adm-410311", "adm-410300", "adm-410000", "adm-110101"};
  for (auto t = 0; t < 150; ++t) {
    json body = json::object();
    if (rng() % 2 == 0) {
      auto const x = lon(rng);
      auto const y = lat(rng);
      auto const s = (rng() % 2 == 0) ? 0.2 : 3.0;
      body["bbox"] = {x, y, x + s, y + s};
    }
    if (rng() % 2 == 0) {
      body["near"] = {
          {"lon", lon(rng)}, {"lat", lat(rng)}, {"radius_m", 5000.0 + (rng() % 300000)}};
    }
    if (rng() % 3 == 0) {
      body["within"] = areas[rng() % 4];
    }
    if (rng() % 2 == 0) {
      body["time"] = {{"dynasty", dynasties[rng() % 6]}};
    }
    if (rng() % 2 == 0) {
      body["kinds"] = {kinds[rng() % 4]};
    }
    body["limit"] = 1000;
    auto const q = parse_query(cat, body);
    ASSERT_TRUE(q) << body.dump();
    auto const r = run_query(cat, *q);
    ASSERT_TRUE(r);
    std::size_t want = 0;
    for (index::entity_idx i = 0; i < cat.size(); ++i) {
      auto const p = cat.point(i);
      auto const& e = cat.at(i);
      auto ok = true;
      if (q->bbox_) ok = ok && p && q->bbox_->contains(*p);
      if (q->near_)
        ok = ok && p && model::distance_m(q->near_->center_, *p) <= *q->near_->radius_m_;
      if (q->within_) {
        ok =
            ok && i != *q->within_ && p && index::area_contains(*cat.at(*q->within_).geometry_, *p);
      }
      if (q->time_) {
        ok = ok && e.time_ && e.time_->first_year() <= q->time_->to_ &&
             e.time_->last_year() >= q->time_->from_;
      }
      if (q->kinds_) {
        ok = ok &&
             std::find(q->kinds_->begin(), q->kinds_->end(), cat.kind_of(i)) != q->kinds_->end();
      }
      want += ok ? 1 : 0;
    }
    ASSERT_EQ(r->matched_, want) << body.dump();
  }
}

TEST(catalog_derived, every_fact_names_its_rule) {
  auto const& cat = *bundled();
  std::size_t located = 0;
  std::size_t eras = 0;
  for (auto const& r : cat.derived_relations()) {
    ASSERT_EQ(r.source_.dataset_, "derived");
    ASSERT_FALSE(r.source_.record_.empty());
    (r.predicate_ == "located_in" ? located : eras) += 1;
  }
  std::cout << "catalog: " << cat.size() << " entities, derived located_in " << located << ", era "
            << eras << "; build " << cat.stats().build_ms_ << " ms, index "
            << cat.stats().index_bytes_ / 1024 << " KiB\n";
  EXPECT_GT(located, 5000U);
  EXPECT_GT(eras, 5000U);
}

TEST(catalog_derived, longmen_grottoes_located_in_luolong_and_of_tang) {
  auto const& cat = *bundled();
  auto const i = *cat.find("nhs-1-37");
  std::vector<std::string> located, eras;
  for (auto const& e : cat.relation_graph().out(i)) {
    auto const& rel = cat.relation_at(e.relation_);
    EXPECT_TRUE(cat.is_derived(e.relation_));
    EXPECT_EQ(rel.source_.dataset_, "derived");
    EXPECT_FALSE(rel.source_.record_.empty());  // the rule
    (rel.predicate_ == "located_in" ? located : eras).push_back(rel.object_);
  }
  EXPECT_EQ(located, std::vector<std::string>{"adm-410311"});
  EXPECT_NE(std::find(eras.begin(), eras.end(), "dyn-tang"), eras.end());
  EXPECT_NE(std::find(eras.begin(), eras.end(), "dyn-northern-wei"), eras.end());
  EXPECT_EQ(std::find(eras.begin(), eras.end(), "dyn-ming"), eras.end());
  EXPECT_EQ(std::find(eras.begin(), eras.end(), "dyn-wu-zhou"), eras.end());  // inside 唐
  EXPECT_EQ(std::find(eras.begin(), eras.end(), "dyn-bohai"), eras.end());    // regional
  // County → prefecture → province through the admin units' own links.
  auto const path = cat.relation_graph().shortest_path(i, *cat.find("adm-410000"), {}, 4);
  ASSERT_TRUE(path);
  EXPECT_EQ(path->size(), 3U);
}

TEST(catalog_derived, regional_eras_only_when_the_era_text_names_them) {
  auto out = io::read_files({test::source_dir() / "data/gazetteer/dynasties.csv"}, {});
  auto liao = test::make_entity("s1", "heritage_site", "甲", "", 116, 40);
  liao.time_ = model::parse_era("辽、金");
  liao.properties_ = R"({"era": "辽、金"})";
  auto song = test::make_entity("s2", "heritage_site", "乙", "", 120, 30);
  song.time_ = model::parse_era("北宋");
  song.properties_ = R"({"era": "北宋"})";
  out.batch_.entities_.push_back(liao);
  out.batch_.entities_.push_back(song);
  auto const cat = index::catalog::build(std::move(out.batch_.entities_), {}, {});
  auto const eras_of = [&](std::string const& id) {
    std::vector<std::string> v;
    for (auto const& e : cat->relation_graph().out(*cat->find(id))) {
      v.push_back(cat->relation_at(e.relation_).object_);
    }
    return v;
  };
  auto const has = [](std::vector<std::string> const& v, char const* id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  };
  EXPECT_TRUE(has(eras_of("s1"), "dyn-liao"));
  EXPECT_TRUE(has(eras_of("s1"), "dyn-jin-jurchen"));
  EXPECT_TRUE(has(eras_of("s2"), "dyn-northern-song"));
  EXPECT_FALSE(has(eras_of("s2"), "dyn-liao"));  // overlaps in time, named nowhere
  EXPECT_FALSE(has(eras_of("s2"), "dyn-western-xia"));
}

}  // namespace
}  // namespace zhitu::query
