// SPDX-License-Identifier: Apache-2.0
#include "query/search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/bundled_catalog.h"
#include "common/fixtures.h"
#include "index/text/han.h"
#include "query/features.h"

namespace zhitu::query {

namespace {

std::shared_ptr<index::catalog const> luoyang() {
  auto longmen =
      test::make_entity("nhs-1-37", "heritage_site", "龙门石窟", "Longmen Grottoes", 112.47, 34.56);
  longmen.properties_ = R"({"batch":1})";
  auto other = test::make_entity("nhs-7-9", "heritage_site", "龙门石窟寺", "", 100.0, 30.0);
  other.properties_ = R"({"batch":7})";
  return index::catalog::build(
      {other, longmen,
       test::make_entity("rail-LLF", "station", "洛阳龙门", "Luoyang Longmen", 112.456, 34.594),
       test::make_entity("adm-410300", "prefecture", "洛阳市", "Luoyang", 112.43, 34.66),
       test::make_entity("rail-LYF", "station", "洛阳", "", 112.43, 34.687)},
      {}, {});
}

std::vector<std::string> ids(index::catalog const& cat, result<std::vector<search_hit>> const& r) {
  std::vector<std::string> out;
  for (auto const& h : *r) {
    out.push_back(cat.at(h.entity_).id_);
  }
  return out;
}

}  // namespace

TEST(search, exact_name_comes_first) {
  auto const cat = luoyang();
  auto const r = search(*cat, {.text_ = "龙门石窟"});
  ASSERT_TRUE(r);
  EXPECT_EQ(ids(*cat, r), (std::vector<std::string>{"nhs-1-37", "nhs-7-9"}));
  EXPECT_EQ(r->front().match_.kind_, index::match_kind::kExact);
}

TEST(search, prefix_before_substring_then_prominence) {
  auto const cat = luoyang();
  auto const r = search(*cat, {.text_ = "龙门"});
  ASSERT_TRUE(r);
  EXPECT_EQ(ids(*cat, r), (std::vector<std::string>{"nhs-1-37", "nhs-7-9", "rail-LLF"}));
}

TEST(search, exact_english_and_ties_by_kind) {
  auto const cat = luoyang();
  auto const r = search(*cat, {.text_ = "luoyang"});
  ASSERT_TRUE(r);
  // Exact: "Luoyang" (English) and 洛阳 (pinyin), the English name first; then prefixes
  // (洛阳市 is the same entity as "Luoyang"), ranked by prominence.
  EXPECT_EQ(ids(*cat, r), (std::vector<std::string>{"adm-410300", "rail-LYF", "rail-LLF"}));
  EXPECT_EQ(matched_name(*cat, r->front()), "Luoyang");
  EXPECT_EQ(matched_pinyin(*cat, (*r)[1]), "luo yang");
}

TEST(search, near_point_breaks_ties_within_a_tier) {
  auto const cat = luoyang();
  auto const far = search(*cat, {.text_ = "龙门石窟寺"});
  ASSERT_TRUE(far);
  EXPECT_EQ(ids(*cat, far).front(), "nhs-7-9");
  // Both 龙门石窟 (prefix 2 of 龙门石窟寺? no: 龙门石窟 is shorter) — use a substring both share.
  auto const a = search(*cat, {.text_ = "石窟", .near_ = model::lon_lat{100.0, 30.0}});
  auto const b = search(*cat, {.text_ = "石窟", .near_ = model::lon_lat{112.47, 34.56}});
  ASSERT_TRUE(a && b);
  EXPECT_EQ(ids(*cat, a).front(), "nhs-7-9");
  EXPECT_EQ(ids(*cat, b).front(), "nhs-1-37");
}

TEST(search, pinyin_and_homophone_hits_carry_pinyin_and_span) {
  auto const cat = luoyang();
  auto const r = search(*cat, {.text_ = "lmsk"});
  ASSERT_TRUE(r);
  ASSERT_FALSE(r->empty());
  EXPECT_EQ(cat->at(r->front().entity_).id_, "nhs-1-37");
  EXPECT_EQ(matched_pinyin(*cat, r->front()), "long men shi ku");
  EXPECT_EQ(r->front().match_.begin_, 0);
  EXPECT_EQ(r->front().match_.end_, 4);
  auto const slip = search(*cat, {.text_ = "龙们石窟"});
  ASSERT_TRUE(slip);
  ASSERT_FALSE(slip->empty());
  EXPECT_EQ(cat->at(slip->front().entity_).id_, "nhs-1-37");
}

TEST(search, kind_filter_and_limit) {
  auto const cat = luoyang();
  auto const stations = std::vector<index::kind_idx>{*cat->find_kind("station")};
  auto const r = search(*cat, {.text_ = "洛阳", .kinds_ = stations, .limit_ = 1});
  ASSERT_TRUE(r);
  EXPECT_EQ(ids(*cat, r), (std::vector<std::string>{"rail-LYF"}));
  auto const none = search(*cat, {.text_ = "洛阳", .kinds_ = std::vector<index::kind_idx>{}});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

// The planner's view of a search: every matching entity once, in entity order, with the score
// search gives it (its best name's).
TEST(search, match_entities_lists_each_match_once_with_its_search_score) {
  auto const cat = luoyang();
  for (auto const* text : {"龙门", "luoyang", "洛阳", "lmsk", "龙们石窟"}) {
    auto const all = search(*cat, {.text_ = text, .limit_ = cat->size()});
    auto const matches = match_entities(*cat, text);
    ASSERT_TRUE(all && matches) << text;
    ASSERT_EQ(all->size(), matches->size()) << text;
    for (std::size_t i = 0; i < matches->size(); ++i) {
      auto const& m = (*matches)[i];
      if (i > 0) {
        EXPECT_LT((*matches)[i - 1].entity_, m.entity_) << text;
      }
      auto const hit = std::find_if(all->begin(), all->end(),
                                    [&](search_hit const& h) { return h.entity_ == m.entity_; });
      ASSERT_NE(hit, all->end()) << text;
      EXPECT_EQ(hit->score_, m.score_) << text << " " << cat->at(m.entity_).id_;
    }
  }
  EXPECT_FALSE(match_entities(*cat, "  ,"));
}

// The answer without `kinds` (the faster ways: ranked heads, pinyin read best first) is the one
// of ranking every match, which a kind filter listing every kind forces.
void expect_answer_of_ranking_every_match(index::catalog const& cat, std::string const& q,
                                          std::size_t limit,
                                          std::vector<index::kind_idx> const& every_kind) {
  auto const fast = search(cat, {.text_ = q, .limit_ = limit});
  auto const full = search(cat, {.text_ = q, .kinds_ = every_kind, .limit_ = limit});
  ASSERT_TRUE(fast && full);
  ASSERT_EQ(full->size(), fast->size()) << q;
  for (std::size_t h = 0; h < fast->size(); ++h) {
    auto const& a = (*fast)[h];
    auto const& b = (*full)[h];
    ASSERT_EQ(cat.at(b.entity_).id_, cat.at(a.entity_).id_) << q << " #" << h;
    EXPECT_EQ(b.score_, a.score_) << q;
    EXPECT_EQ(b.match_.kind_, a.match_.kind_) << q;
    EXPECT_EQ(b.match_.via_, a.match_.via_) << q;
    EXPECT_EQ(b.match_.field_, a.match_.field_) << q;
    EXPECT_EQ(b.match_.alias_idx_, a.match_.alias_idx_) << q;
    EXPECT_EQ(b.match_.begin_, a.match_.begin_) << q;
    EXPECT_EQ(b.match_.end_, a.match_.end_) << q;
  }
}

// Common characters, pairs and triples answer from their ranked heads; the answer must be the
// one of ranking every match (which a kind filter listing every kind forces), for every piece of
// one to three characters of the bundled names, at several limits.
TEST(search, ranked_heads_answer_as_ranking_every_match) {
  auto const cat = test::bundled_catalog();
  std::vector<index::kind_idx> every_kind;
  for (std::size_t k = 0; k < cat->kinds().size(); ++k) {
    every_kind.push_back(static_cast<index::kind_idx>(k));
  }
  std::set<std::string> pieces;  // each character of a name, pair and triple
  for (index::entity_idx i = 0; i < cat->size(); ++i) {
    std::vector<std::string> chars;
    for (auto const c : cat->at(i).names_.zh_) {
      if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {  // not a continuation byte
        chars.emplace_back();
      }
      chars.back().push_back(c);
    }
    for (std::size_t c = 0; c < chars.size(); ++c) {
      std::string piece;
      for (auto n = c; n < c + 3 && n < chars.size(); ++n) {
        piece += chars[n];
        pieces.insert(piece);
      }
    }
  }
  auto n_from_heads = 0;
  auto n_triples = 0;
  std::vector<index::name_match> scratch;
  for (auto const& q : pieces) {
    for (std::size_t const limit : {1, 10, 100}) {
      scratch.clear();
      if (!cat->names().best_text_matches(q, limit, scratch)) {
        continue;
      }
      ++n_from_heads;
      n_triples += std::count_if(
                       q.begin(), q.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }) == 3
                       ? 1
                       : 0;
      expect_answer_of_ranking_every_match(*cat, q, limit, every_kind);
    }
  }
  EXPECT_GT(n_from_heads, 30);
  EXPECT_GT(n_triples, 0);
}

std::vector<std::string> syllables_of(std::string const& name) {
  std::vector<std::string> out;
  std::istringstream in{index::display_pinyin(name)};
  for (std::string w; in >> w;) {
    if (std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      out.push_back(w);
    }
  }
  return out;
}

// Pinyin is read best first and stops early (name_index::match_top); the answer must be the one
// of ranking every match, for pinyin typed every way people type it — spaced, run together,
// initials, mixed, a prefix, a slip — of the bundled names, at several limits.
TEST(search, pinyin_read_best_first_answers_as_ranking_every_match) {
  auto const cat = test::bundled_catalog();
  std::vector<index::kind_idx> every_kind;
  for (std::size_t k = 0; k < cat->kinds().size(); ++k) {
    every_kind.push_back(static_cast<index::kind_idx>(k));
  }
  std::set<std::string> queries;
  for (index::entity_idx i = 0; i < cat->size(); i += 37) {
    auto const syl = syllables_of(cat->at(i).names_.zh_);
    if (syl.size() < 2) {
      continue;
    }
    std::string spaced;
    std::string joined;
    std::string initials;
    std::string mixed = syl[0];
    for (std::size_t k = 0; k < syl.size(); ++k) {
      spaced += (k > 0 ? " " : "") + syl[k];
      joined += syl[k];
      initials += syl[k][0];
      mixed += k > 0 ? syl[k].substr(0, 1) : "";
    }
    auto const two = syl[0] + syl[1];
    auto slip = two;
    std::swap(slip[1], slip[2]);  // a transposition
    for (auto const& q :
         {spaced, joined, initials, mixed, two, two.substr(0, two.size() - 1), slip}) {
      if (q.size() >= 2 && q.size() <= 64) {
        queries.insert(q);
      }
    }
  }
  ASSERT_GT(queries.size(), 500U);
  std::size_t n_stopped_early = 0;
  std::vector<index::name_match> top;
  std::vector<index::name_match> all;
  for (auto const& q : queries) {
    for (std::size_t const limit : {1, 20}) {
      expect_answer_of_ranking_every_match(*cat, q, limit, every_kind);
      if (HasFailure()) {
        return;
      }
      top.clear();
      all.clear();
      cat->names().match_top(q, limit, top, std::max<std::size_t>(limit, 10));
      cat->names().match(q, all, std::max<std::size_t>(limit, 10));
      n_stopped_early += top.size() < all.size() ? 1 : 0;
    }
  }
  // Many of them stop before the end: the test covers the early stop.
  EXPECT_GT(n_stopped_early, queries.size() / 2);
}

TEST(search, rejects_empty_long_and_punctuation_only_queries) {
  auto const cat = luoyang();
  EXPECT_EQ(search(*cat, {.text_ = ""}).err().message_, "q: empty query");
  EXPECT_FALSE(search(*cat, {.text_ = std::string(300, 'a')}));
  EXPECT_FALSE(search(*cat, {.text_ = " · "}));
  EXPECT_EQ(search(*cat, {.text_ = "\xff\xfe"}).err().message_, "q: not valid UTF-8");
  EXPECT_FALSE(search(*cat, {.text_ = std::string(70, 'a')}));  // > 64 characters
}

TEST(features, pages_through_a_box) {
  auto const cat = luoyang();
  features_params p{.bbox_ = model::box{112, 34, 113, 35}, .limit_ = 2};
  auto const first = select_features(*cat, p);
  EXPECT_EQ(first.matched_, 4U);
  ASSERT_EQ(first.entities_.size(), 2U);
  p.offset_ = 2;
  auto const second = select_features(*cat, p);
  ASSERT_EQ(second.entities_.size(), 2U);
  EXPECT_LT(first.entities_.back(), second.entities_.front());
  p.offset_ = 10;
  EXPECT_TRUE(select_features(*cat, p).entities_.empty());
}

TEST(features, kind_filter_without_box) {
  auto const cat = luoyang();
  auto const page = select_features(
      *cat,
      {.kinds_ = std::vector<index::kind_idx>{*cat->find_kind("heritage_site")}, .limit_ = 10});
  EXPECT_EQ(page.matched_, 2U);
}

}  // namespace zhitu::query
