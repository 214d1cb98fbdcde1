// SPDX-License-Identifier: Apache-2.0
#include "index/text/name_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <random>
#include <tuple>

#include "common/fixtures.h"
#include "index/text/han.h"
#include "model/check.h"

namespace zhitu::index {

namespace {

std::vector<model::entity> luoyang() {
  auto longmen =
      test::make_entity("nhs-1-37", "heritage_site", "龙门石窟", "Longmen Grottoes", 112.47, 34.56);
  longmen.names_.aliases_ = {"伊阙"};
  return {
      longmen,
      test::make_entity("rail-LLF", "station", "洛阳龙门", "Luoyang Longmen", 112.456, 34.594),
      test::make_entity("nhs-1-92", "heritage_site", "白马寺", "White Horse Temple", 112.6, 34.72),
      test::make_entity("adm-610116", "county", "长安区", "", 108.9, 34.15),
      test::make_entity("adm-341500", "prefecture", "六安市", "", 116.5, 31.75),
      test::make_entity("adm-340300", "prefecture", "蚌埠市", "", 117.4, 32.9),
      test::make_entity("x-cafe", "poi", "", "Café Zürich", 8.5, 47.4)};
}

// Each entity's best match, sorted by entity.
std::map<std::uint32_t, name_match> best(name_index const& idx, std::string_view q) {
  std::vector<name_match> hits;
  idx.match(q, hits);
  std::map<std::uint32_t, name_match> out;
  for (auto const& h : hits) {
    auto const [it, inserted] = out.emplace(h.entity_, h);
    if (!inserted && h.kind_ > it->second.kind_) {
      it->second = h;
    }
  }
  return out;
}

using p = std::pair<std::uint32_t, match_kind>;

std::vector<p> find(name_index const& idx, std::string_view q) {
  std::vector<p> out;
  for (auto const& [e, m] : best(idx, q)) {
    out.emplace_back(e, m.kind_);
  }
  return out;
}

}  // namespace

TEST(normalize_for_search, folds_case_width_and_punctuation) {
  EXPECT_EQ(normalize_for_search("Longmen Grottoes"), "longmengrottoes");
  EXPECT_EQ(normalize_for_search("ＬＯＮＧＭＥＮ"), "longmen");
  EXPECT_EQ(normalize_for_search("龙门石窟（奉先寺）"), "龙门石窟奉先寺");
  EXPECT_EQ(normalize_for_search("阿倍仲麻吕·纪念碑"), "阿倍仲麻吕纪念碑");
  EXPECT_EQ(normalize_for_search(" ·-  "), "");
}

TEST(normalize_for_search, folds_traditional_accents_and_width) {
  EXPECT_EQ(normalize_for_search("龍門石窟"), "龙门石窟");
  EXPECT_EQ(normalize_for_search("Café Zürich"), "cafezurich");
  EXPECT_EQ(normalize_for_search("ＬＯＮＧ-men"), "longmen");
  EXPECT_EQ(normalize_for_search(" ·-  "), "");
}

TEST(han, pinyin_readings_and_place_name_overrides) {
  EXPECT_EQ(fold_han(U'門'), U'门');
  EXPECT_EQ(display_pinyin("龙门石窟"), "long men shi ku");
  EXPECT_EQ(display_pinyin("长安区"), "chang an qu");
  EXPECT_EQ(display_pinyin("六安市"), "lu an shi");
  EXPECT_EQ(display_pinyin("蚌埠"), "beng bu");
  EXPECT_EQ(display_pinyin("洛阳"), "luo yang");
  EXPECT_EQ(display_pinyin("重庆"), "chong qing");
  EXPECT_EQ(display_pinyin("厦门"), "xia men");
  EXPECT_TRUE(is_syllable("zhuang"));
  EXPECT_TRUE(is_syllable_prefix("zhu"));
  EXPECT_FALSE(is_syllable_prefix("zx"));
}

TEST(name_index, exact_prefix_word_prefix_and_substring) {
  auto const entities = luoyang();
  name_index const idx{entities};
  EXPECT_EQ(find(idx, "龙门石窟"), (std::vector<p>{{0, match_kind::kExact}}));
  EXPECT_EQ(find(idx, "龙门"),
            (std::vector<p>{{0, match_kind::kPrefix}, {1, match_kind::kSubstring}}));
  // "Luoyang Longmen": the second word starts with the query.
  EXPECT_EQ(find(idx, "longmen"),
            (std::vector<p>{{0, match_kind::kPrefix}, {1, match_kind::kWordPrefix}}));
  EXPECT_EQ(find(idx, "WHITE horse"), (std::vector<p>{{2, match_kind::kPrefix}}));
  EXPECT_EQ(find(idx, "伊阙"), (std::vector<p>{{0, match_kind::kExact}}));
  EXPECT_TRUE(find(idx, "开封").empty());
}

// Ranked heads on hand-made names (lists of 3+ postings keep a head of 6): the best matches in
// search order, one per entity; false when the head runs out before the limit and postings are
// left; true when the head is the whole list.
TEST(name_index, ranked_heads_give_the_best_matches_in_search_order) {
  std::vector<model::entity> entities{
      test::make_entity("a", "poi", "大龙门", "", 0, 0),     // substring
      test::make_entity("b", "poi", "龙门", "", 0, 0),       // exact
      test::make_entity("c", "poi", "龙门大街", "", 0, 0),   // prefix, more prominent
      test::make_entity("d", "poi", "龙门站", "", 0, 0),     // prefix, shorter
      test::make_entity("e", "poi", "龙门桥", "", 0, 0),     // prefix, shorter, later entity
      test::make_entity("f", "poi", "龙门龙门", "", 0, 0)};  // prefix (and substring)
  entities[5].names_.aliases_ = {"龙门"};                    // exact by its alias: its best match
  std::vector<double> const prominence{0.875, 0.125, 0.5, 0.125, 0.125, 0.0};
  // In search order: b 4.1, f's alias 4.0, c 3.5, d 3.1, e 3.1, f 3.0, a 1.9, f again 1.0.
  name_index const idx{entities, prominence, {.min_postings_ = 3, .length_ = 6}};
  std::vector<name_match> out;
  ASSERT_TRUE(idx.best_text_matches("龙门", 5, out));
  std::vector<std::uint32_t> got;
  for (auto const& m : out) {
    got.push_back(m.entity_);
  }
  EXPECT_EQ((std::vector<std::uint32_t>{1, 5, 2, 3, 4}), got);
  EXPECT_EQ(name_field::kAlias, out[1].field_);
  EXPECT_EQ(match_kind::kExact, out[1].kind_);
  EXPECT_EQ(match_kind::kPrefix, out[2].kind_);
  // The head's sixth posting is f's name, already listed by its alias: five entities in a head
  // of six, and postings left past it.
  out.clear();
  EXPECT_FALSE(idx.best_text_matches("龙门", 6, out));
  EXPECT_TRUE(out.empty());
  // Single characters and triples have heads too; pinyin and Latin words, a triple found fewer
  // than three times and longer queries are not answered from heads.
  EXPECT_TRUE(idx.best_text_matches("门", 1, out));
  EXPECT_FALSE(idx.best_text_matches("longmen", 1, out));
  EXPECT_FALSE(idx.best_text_matches("龙门大", 1, out));
  EXPECT_FALSE(idx.best_text_matches("龙门大街", 1, out));
  out.clear();
  name_index const triples{entities, prominence, {.min_postings_ = 1, .length_ = 6}};
  ASSERT_TRUE(triples.best_text_matches("龙门大", 1, out));
  EXPECT_EQ(2U, out.front().entity_);
  EXPECT_EQ(match_kind::kPrefix, out.front().kind_);
  // A head as long as its list is the whole answer, however many are asked for.
  name_index const whole{entities, prominence, {.min_postings_ = 3, .length_ = 100}};
  out.clear();
  ASSERT_TRUE(whole.best_text_matches("龙门", 100, out));
  EXPECT_EQ(6U, out.size());
  // Without prominence there are no heads.
  EXPECT_FALSE(name_index{entities}.best_text_matches("龙门", 1, out));
}

// Pinyin read best first: with many more prominent names that the query prefixes, the least
// prominent name it spells whole (an exact match, read last in the postings' order) is still
// found, through the names' spelled initials — also a name with too many readings to list
// (seven characters of two initials each: such names are checked by every query) — and where
// the names are listed, far fewer are read than match.
// Prominence is kept in 2^-10 steps: a value off that grid is a programmer's error, not a
// rounding the index may make silently (search would rank by a different score).
TEST(name_index, prominence_must_be_on_the_grid_it_is_kept_in) {
  auto const entities = luoyang();
  std::vector<double> prominence(entities.size(), 0.25);
  EXPECT_NO_THROW((name_index{entities, prominence}));
  prominence[1] = 0.3;
  EXPECT_THROW((name_index{entities, prominence}), zhitu::check_failure);
  prominence[1] = 1.0;
  EXPECT_THROW((name_index{entities, prominence}), zhitu::check_failure);
}

TEST(name_index, match_top_finds_exact_pinyin_behind_many_prefix_matches) {
  std::vector<model::entity> entities;
  std::vector<double> prominence;
  for (auto const* stem : {"龙门", "长行重乐省会朝"}) {
    for (auto i = 0; i < 40; ++i) {
      entities.push_back(test::make_entity("p" + std::to_string(entities.size()), "poi",
                                           std::string{stem} + "大街" + std::to_string(i), "", 0,
                                           0));
      prominence.push_back(0.875);
    }
    entities.push_back(test::make_entity("whole", "poi", stem, "", 0, 0));
    prominence.push_back(0.0);
  }
  name_index const idx{entities, prominence};
  struct query {
    char const* text_;
    std::uint32_t whole_;
    bool listed_;
  };
  for (auto const& [q, whole, listed] : {query{"longmen", 40, true}, query{"lm", 40, true},
                                         query{"changxingzhongleshenghuichao", 81, false},
                                         query{"zhanghangchongyuexingkuaizhao", 81, false}}) {
    std::vector<name_match> top;
    std::vector<name_match> all;
    idx.match_top(q, 1, top, 1);
    idx.match(q, all, 1);
    auto const it = std::find_if(top.begin(), top.end(),
                                 [&](name_match const& m) { return m.entity_ == whole; });
    ASSERT_NE(it, top.end()) << q;
    EXPECT_EQ(match_kind::kExact, it->kind_) << q;
    EXPECT_EQ(match_via::kPinyin, it->via_) << q;
    EXPECT_EQ(41U, all.size()) << q;
    if (listed) {
      EXPECT_LT(top.size(), 10U) << q;
    }
  }
}

TEST(name_index, traditional_query_finds_simplified_name) {
  auto const entities = luoyang();
  name_index const idx{entities};
  EXPECT_EQ(find(idx, "龍門石窟"), (std::vector<p>{{0, match_kind::kExact}}));
  EXPECT_EQ(find(idx, "白馬"), (std::vector<p>{{2, match_kind::kPrefix}}));
}

TEST(name_index, pinyin_full_spaced_initials_and_mixed) {
  auto const entities = luoyang();
  name_index const idx{entities};
  for (auto const* q :
       {"longmenshiku", "longmen shiku", "lmsk", "longmsk", "LongMen ShiKu", "long'men shi"}) {
    auto const hits = best(idx, q);
    ASSERT_TRUE(hits.contains(0)) << q;
    EXPECT_EQ(hits.at(0).field_, name_field::kZh) << q;
    EXPECT_EQ(hits.at(0).via_, match_via::kPinyin) << q;
  }
  EXPECT_EQ(best(idx, "longmenshiku").at(0).kind_, match_kind::kExact);
  EXPECT_EQ(best(idx, "baimasi").at(2).kind_, match_kind::kExact);
  // A separator must fall between syllables: "lon gmen" is not 龙门.
  EXPECT_FALSE(best(idx, "lon gmen shiku").contains(0));
}

// Pinyin postings keep the characters left in the name, not the position, but for matches 255
// or more characters from the end: those must be found where they are, with and without
// prominence, and by a homophone slip.
TEST(name_index, pinyin_finds_matches_far_from_a_long_names_end) {
  std::string long_name;
  for (int i = 0; i < 300; ++i) {
    long_name += i == 10 ? "龙门" : i == 290 ? "白马" : "水";
  }
  std::vector<model::entity> const entities{
      test::make_entity("long", "poi", long_name, "", 112.4, 34.6)};
  std::vector<double> const prominence{0.5};
  name_index const plain{entities};
  name_index const ranked{entities, prominence};
  for (auto const* idx : {&plain, &ranked}) {
    for (auto const& [q, begin] : std::vector<std::pair<std::string, std::uint16_t>>{
             {"longmen", 10}, {"lm", 10}, {"baima", 291}, {"龙们", 10}}) {
      std::vector<name_match> hits;
      idx->match_top(q, 1, hits);
      ASSERT_EQ(hits.size(), 1U) << q;
      EXPECT_EQ(hits[0].begin_, begin) << q;
      EXPECT_EQ(hits[0].end_, begin + 2) << q;
      EXPECT_EQ(hits[0].name_len_, 302) << q;
    }
  }
}

// A name's length is kept in a byte up to 254 characters and listed apart from 255: on both
// sides of that, a match reports the whole name's length, and a query as long as any (64
// characters) matches a prefix of it, not the whole.
TEST(name_index, long_names_keep_their_length) {
  std::vector<model::entity> entities;
  for (int n : {254, 255, 256, 700}) {
    std::string name;
    for (int i = 0; i < n; ++i) {
      name += i % 2 == 0 ? "龙" : "门";
    }
    entities.push_back(test::make_entity(std::to_string(n), "poi", name, "", 112.4, 34.6));
  }
  name_index const idx{entities};
  std::string longest_query;
  for (std::size_t i = 0; i < kMaxQueryChars / 2; ++i) {
    longest_query += "龙门";
  }
  auto const hits = best(idx, longest_query);
  ASSERT_EQ(hits.size(), entities.size());
  for (auto const& [e, m] : hits) {
    EXPECT_EQ(m.name_len_, entities[e].names_.zh_.size() / 3) << e;
    EXPECT_EQ(m.kind_, match_kind::kPrefix) << e;
  }
}

// The alias index is kept in 5 bits beside the name's field; later aliases are listed apart
// and must still be reported (and read) as themselves, however many there are.
TEST(name_index, aliases_past_the_thirty_first_are_reported_as_themselves) {
  auto e = test::make_entity("many", "poi", "白马寺", "", 112.6, 34.7);
  for (int i = 0; i < 8300; ++i) {
    e.names_.aliases_.push_back("别名" + std::to_string(i));
  }
  e.names_.aliases_[8250] = "Qiyun Pagoda";
  std::vector<model::entity> const entities{e};
  name_index const idx{entities};
  auto const hits = best(idx, "qiyun pagoda");
  ASSERT_TRUE(hits.contains(0));
  EXPECT_EQ(hits.at(0).field_, name_field::kAlias);
  EXPECT_EQ(hits.at(0).alias_idx_, 8250);
  EXPECT_EQ(hits.at(0).kind_, match_kind::kExact);
  EXPECT_EQ(hits.at(0).end_, 12);
  for (auto const alias : {30, 31, 32, 8190, 8191}) {
    EXPECT_EQ(best(idx, "别名" + std::to_string(alias)).at(0).alias_idx_, alias);
  }
}

TEST(name_index, place_name_readings) {
  auto const entities = luoyang();
  name_index const idx{entities};
  // (Typo matches of other names may follow when few names match; they are fuzzy.)
  EXPECT_EQ(best(idx, "changan").at(3).kind_, match_kind::kPrefix);
  EXPECT_EQ(best(idx, "luan").at(4).kind_, match_kind::kPrefix);
  EXPECT_EQ(best(idx, "bengbu").at(5).kind_, match_kind::kPrefix);
  for (auto const* q : {"changan", "luan", "bengbu"}) {
    for (auto const& [e, m] : best(idx, q)) {
      EXPECT_TRUE(e >= 3 || m.kind_ == match_kind::kFuzzy) << q << " " << e;
    }
  }
  // ICU's readings stay findable too.
  EXPECT_TRUE(best(idx, "liuan").contains(4));
}

TEST(name_index, latin_accents_and_typos) {
  auto const entities = luoyang();
  name_index const idx{entities};
  EXPECT_EQ(find(idx, "cafe zurich"), (std::vector<p>{{6, match_kind::kExact}}));
  EXPECT_EQ(find(idx, "ZÜRICH"), (std::vector<p>{{6, match_kind::kWordPrefix}}));
  auto const typo = best(idx, "grotoes");
  ASSERT_TRUE(typo.contains(0));
  EXPECT_EQ(typo.at(0).kind_, match_kind::kFuzzy);
  EXPECT_EQ(typo.at(0).via_, match_via::kTypo);
  EXPECT_TRUE(best(idx, "longmen grottose").contains(0));  // transposition in the last word
  EXPECT_TRUE(best(idx, "tmple").contains(2));             // one edit, 5 letters
  EXPECT_FALSE(best(idx, "hprse").contains(2) &&
               best(idx, "hprse").at(2).kind_ != match_kind::kFuzzy);
  EXPECT_TRUE(best(idx, "tmp").empty());  // 3 letters: no typo allowance
}

TEST(name_index, pinyin_typo_and_homophone_slip) {
  auto const entities = luoyang();
  name_index const idx{entities};
  auto const typo = best(idx, "longmne shiku");
  ASSERT_TRUE(typo.contains(0));
  EXPECT_EQ(typo.at(0).via_, match_via::kTypo);
  auto const slip = best(idx, "龙们石窟");
  ASSERT_TRUE(slip.contains(0));
  EXPECT_EQ(slip.at(0).via_, match_via::kHomophone);
  EXPECT_EQ(slip.at(0).kind_, match_kind::kFuzzy);
}

TEST(name_index, spans_are_utf16_offsets_into_the_original_name) {
  auto const entities = luoyang();
  name_index const idx{entities};
  auto const a = best(idx, "龙门").at(1);  // 洛阳龙门
  EXPECT_EQ(a.begin_, 2);
  EXPECT_EQ(a.end_, 4);
  auto const b = best(idx, "horse").at(2);  // White Horse Temple
  EXPECT_EQ(b.begin_, 6);
  EXPECT_EQ(b.end_, 11);
  std::vector<name_match> hits;
  idx.match("yanglongmen", hits);
  auto const zh = std::find_if(hits.begin(), hits.end(), [](name_match const& m) {
    return m.entity_ == 1 && m.field_ == name_field::kZh;
  });
  ASSERT_NE(zh, hits.end());
  auto const c = *zh;  // pinyin over 阳龙门 in 洛阳龙门
  EXPECT_EQ(c.begin_, 1);
  EXPECT_EQ(c.end_, 4);
}

TEST(name_index, agrees_with_brute_force_substring_scan) {
  // Random names over a small alphabet so that queries hit often; every text match must be a
  // folded substring and every folded substring must be found.
  std::mt19937 rng{7};
  std::u32string const alphabet = U"龙门石窟洛阳白马寺西湖山";
  auto const utf8 = [](std::u32string const& s) {
    std::string out;
    for (auto const c : s) {
      out += static_cast<char>(0xe0 | (c >> 12U));
      out += static_cast<char>(0x80 | ((c >> 6U) & 0x3fU));
      out += static_cast<char>(0x80 | (c & 0x3fU));
    }
    return out;
  };
  auto const random_text = [&](std::size_t n) {
    std::u32string s;
    for (std::size_t i = 0; i < n; ++i) {
      s += alphabet[rng() % alphabet.size()];
    }
    return s;
  };
  std::vector<model::entity> entities;
  for (int i = 0; i < 400; ++i) {
    entities.push_back(test::make_entity("e" + std::to_string(i), "poi",
                                         utf8(random_text(1 + rng() % 7)), "", 0, 0));
  }
  name_index const idx{entities};
  for (int round = 0; round < 300; ++round) {
    auto const q = utf8(random_text(1 + rng() % 3));
    std::vector<std::uint32_t> expected;
    for (std::uint32_t e = 0; e < entities.size(); ++e) {
      if (entities[e].names_.zh_.find(q) != std::string::npos) {
        expected.push_back(e);
      }
    }
    std::vector<name_match> hits;
    idx.match(q, hits, 0);
    std::vector<std::uint32_t> got;
    for (auto const& h : hits) {
      if (h.via_ == match_via::kText) {
        got.push_back(h.entity_);
      }
    }
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, expected) << q;
  }
}

// A planner filtering another index's candidates asks for the matches among them only: they
// must be exactly the full matches of those entities, however they were found (characters,
// pinyin, homophone slips, typos), and the character estimate must bound the full count.
TEST(name_index, match_among_is_match_filtered_to_the_candidates) {
  std::mt19937 rng{11};
  auto entities = luoyang();
  std::vector<std::string> const syllables{"龙", "门", "石", "窟", "洛", "阳", "白", "马", "寺"};
  for (int i = 0; i < 300; ++i) {
    std::string name;
    for (auto n = 1 + rng() % 5; n > 0; --n) {
      name += syllables[rng() % syllables.size()];
    }
    entities.push_back(test::make_entity("r" + std::to_string(i), "poi", name, "", 0, 0));
  }
  name_index const idx{entities};
  auto const key = [](name_match const& m) {
    return std::tuple{m.entity_, m.field_, m.alias_idx_, m.kind_,
                      m.via_,    m.edits_, m.begin_,     m.end_};
  };
  for (auto const* q : {"龙门", "门", "洛阳龙门", "石窟寺", "龙们石窟", "寺白", "longmen", "lmsk",
                        "luoyang", "zurich", "Longmen Grotoes", "西湖"}) {
    std::vector<name_match> all;
    idx.match(q, all, std::numeric_limits<std::size_t>::max());
    for (auto const share : {0.0, 0.05, 0.5, 1.0}) {
      std::vector<std::uint32_t> only;
      for (std::uint32_t e = 0; e < entities.size(); ++e) {
        if (std::uniform_real_distribution<double>{0, 1}(rng) < share) {
          only.push_back(e);
        }
      }
      std::vector<decltype(key(all[0]))> want;
      for (auto const& m : all) {
        if (std::binary_search(only.begin(), only.end(), m.entity_)) {
          want.push_back(key(m));
        }
      }
      std::vector<name_match> among;
      idx.match_among(q, only, among);
      std::vector<decltype(key(all[0]))> got;
      for (auto const& m : among) {
        got.push_back(key(m));
      }
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
      EXPECT_EQ(want, got) << q << " among " << only.size();
    }
    if (auto const estimate = idx.estimate_text_matches(q)) {
      auto const n_text = std::count_if(
          all.begin(), all.end(), [](name_match const& m) { return m.via_ == match_via::kText; });
      EXPECT_GE(*estimate, static_cast<std::size_t>(n_text)) << q;
    }
  }
  EXPECT_FALSE(idx.estimate_text_matches("longmen"));
  EXPECT_TRUE(idx.estimate_text_matches("龙门"));
}

// The planner's driving text part lists entities before scoring any: exactly those whose names
// the characters match, ascending, each once (names with repeated grams, aliases, 1 to 6
// characters); nothing for a slip that only homophones find, or for pinyin.
TEST(name_index, text_candidates_are_the_entities_of_the_character_matches) {
  std::mt19937 rng{5};
  auto entities = luoyang();
  std::vector<std::string> const chars{"龙", "门", "石", "窟", "洛", "阳", "寺"};
  auto const random_name = [&](std::size_t max_len) {
    std::string name;
    for (auto n = 1 + rng() % max_len; n > 0; --n) {
      name += chars[rng() % chars.size()];
    }
    return name;
  };
  for (int i = 0; i < 400; ++i) {
    auto e = test::make_entity("r" + std::to_string(i), "poi", random_name(7), "", 0, 0);
    if (i % 5 == 0) {
      e.names_.aliases_.push_back(random_name(4));
    }
    entities.push_back(std::move(e));
  }
  name_index const idx{entities};
  for (int i = 0; i < 200; ++i) {
    auto const q = random_name(6);
    std::vector<name_match> all;
    idx.match(q, all, std::numeric_limits<std::size_t>::max());
    std::vector<std::uint32_t> want;
    for (auto const& m : all) {
      if (m.via_ == match_via::kText) {
        want.push_back(m.entity_);
      }
    }
    std::sort(want.begin(), want.end());
    want.erase(std::unique(want.begin(), want.end()), want.end());
    std::vector<std::uint32_t> got;
    idx.text_candidates(q, got);
    EXPECT_EQ(got, want) << q;
  }
  std::vector<std::uint32_t> none;
  idx.text_candidates("龙们石窟", none);  // only a homophone of 龙门石窟
  idx.text_candidates("longmen", none);
  EXPECT_TRUE(none.empty());
}

// Names that fold to the same text share their postings (same_text.h): each must still be found
// as itself — its entity, field, alias, span in its own UTF-16 (a decomposed é is two units) —
// by every way of matching, and pinyin read best first must rank them as ranking every match,
// whichever of them is the most prominent.
TEST(name_index, names_that_fold_alike_are_each_found_as_themselves) {
  std::mt19937 rng{3};
  std::vector<std::string> const zh{"中山路", "中山路", "人民公园", "中山公园", "龍門", "龙门"};
  std::vector<std::string> const en{"Zhongshan Road", "ZHONGSHAN-road", "Cafe\u0301 Zhongshan",
                                    "Café Zhongshan"};
  std::vector<model::entity> entities;
  std::vector<double> prominence;
  for (int i = 0; i < 300; ++i) {
    auto e = test::make_entity("s" + std::to_string(i), "poi", zh[rng() % zh.size()],
                               i % 3 == 0 ? en[rng() % en.size()] : "", 0, 0);
    if (i % 7 == 0) {
      e.names_.aliases_ = {zh[rng() % zh.size()]};
    }
    entities.push_back(std::move(e));
    prominence.push_back(static_cast<double>(rng() % 4) / 8.0);
  }
  name_index const idx{entities, prominence, {.min_postings_ = 8, .length_ = 20}};
  name_index const unranked{entities};
  auto const names_with = [&](std::string_view folded_part) {
    std::size_t n = 0;
    for (auto const& e : entities) {
      for (auto const* name : {&e.names_.zh_, &e.names_.en_}) {
        n += normalize_for_search(*name).find(folded_part) != std::string::npos ? 1 : 0;
      }
      for (auto const& a : e.names_.aliases_) {
        n += normalize_for_search(a).find(folded_part) != std::string::npos ? 1 : 0;
      }
    }
    return n;
  };
  for (auto const* q : {"中山", "中山路", "门", "公园", "road", "cafe", "zhongshanroad"}) {
    for (auto const* index : {&idx, &unranked}) {
      std::vector<name_match> hits;
      index->match(q, hits, 0);
      std::vector<name_match> text_hits;
      std::copy_if(hits.begin(), hits.end(), std::back_inserter(text_hits),
                   [](name_match const& m) { return m.via_ == match_via::kText; });
      EXPECT_EQ(text_hits.size(), names_with(normalize_for_search(q))) << q;
      EXPECT_GE(index->estimate_text_matches(q).value_or(text_hits.size()), text_hits.size());
    }
  }
  std::vector<name_match> hits;
  idx.match("zhongshan", hits);
  std::size_t decomposed = 0;
  for (auto const& m : hits) {
    auto const& e = entities[m.entity_].names_;
    auto const& name = m.field_ == name_field::kZh   ? e.zh_
                       : m.field_ == name_field::kEn ? e.en_
                                                     : e.aliases_.at(m.alias_idx_);
    ASSERT_EQ(normalize_for_search(name).find("zhongshan") != std::string::npos,
              m.via_ == match_via::kText)
        << name;
    if (name.starts_with("Cafe\u0301")) {
      ++decomposed;
      EXPECT_EQ(m.begin_, 6) << name;  // C a f e ◌́ space
      EXPECT_EQ(m.end_, 15) << name;
    } else if (name.starts_with("Café")) {
      EXPECT_EQ(m.begin_, 5) << name;
    }
  }
  EXPECT_GT(decomposed, 0U);
  // Pinyin read best first, and the heads of characters and pairs, answer as ranking all.
  auto const first_entities = [&](std::vector<name_match> matches, std::size_t limit) {
    auto const key = [&](name_match const& m) {
      return std::make_tuple(-match_score(m, prominence[m.entity_]), m.name_len_, m.entity_);
    };
    std::stable_sort(matches.begin(), matches.end(),
                     [&](name_match const& a, name_match const& b) { return key(a) < key(b); });
    std::vector<std::tuple<double, std::uint16_t, std::uint32_t>> out;
    for (auto const& m : matches) {
      if (out.size() < limit && std::none_of(out.begin(), out.end(), [&](auto const& o) {
            return std::get<2>(o) == m.entity_;
          })) {
        out.push_back(key(m));
      }
    }
    return out;
  };
  for (auto const* q : {"zhongshanlu", "zsl", "zhongs", "renmingongyuan", "rmgy", "longmen",
                        "zhongshamlu", "中山", "门", "公园", "中山路"}) {
    for (std::size_t const limit : {1, 5, 20}) {
      std::vector<name_match> all;
      idx.match(q, all, limit);
      std::vector<name_match> top;
      idx.match_top(q, limit, top, limit);
      EXPECT_EQ(first_entities(top, limit), first_entities(all, limit)) << q << " " << limit;
      std::vector<name_match> best;
      if (idx.best_text_matches(q, limit, best)) {
        EXPECT_EQ(first_entities(best, limit), first_entities(all, limit)) << q << " " << limit;
      }
    }
  }
}

TEST(name_index, empty_and_separator_only_queries_find_nothing) {
  auto const entities = luoyang();
  name_index const idx{entities};
  std::vector<name_match> hits;
  idx.match("", hits);
  idx.match(" · ", hits);
  EXPECT_TRUE(hits.empty());
}

}  // namespace zhitu::index
