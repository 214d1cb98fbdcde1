// SPDX-License-Identifier: Apache-2.0
#include "index/text/aho_corasick.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <tuple>

namespace zhitu::index {

namespace {

using match_set = std::multiset<std::pair<std::size_t, std::uint32_t>>;  // (end, pattern)

match_set all_matches(aho_corasick const& ac, std::string_view text) {
  match_set out;
  ac.for_each_match(text, [&](std::size_t end, std::uint32_t p) { out.insert({end, p}); });
  return out;
}

// The oracle: every position, every pattern.
match_set naive_matches(std::vector<std::string> const& patterns, std::string_view text) {
  match_set out;
  std::set<std::string> seen;
  for (std::uint32_t p = 0; p < patterns.size(); ++p) {
    if (patterns[p].empty() || !seen.insert(patterns[p]).second) {
      continue;
    }
    for (auto pos = text.find(patterns[p]); pos != std::string_view::npos;
         pos = text.find(patterns[p], pos + 1)) {
      out.insert({pos + patterns[p].size(), p});
    }
  }
  return out;
}

}  // namespace

TEST(aho_corasick, finds_overlapping_and_nested_chinese_names) {
  std::vector<std::string> const patterns{"洛阳", "洛阳龙门站", "龙门", "龙门石窟", "门石"};
  aho_corasick const ac{patterns};
  std::string const text = "从洛阳龙门站去龙门石窟";
  EXPECT_EQ(all_matches(ac, text), naive_matches(patterns, text));
  EXPECT_EQ(all_matches(ac, text).size(), 6U);
}

TEST(aho_corasick, at_one_end_longer_patterns_come_first) {
  std::vector<std::string> const patterns{"石窟", "龙门石窟", "门石窟"};
  aho_corasick const ac{patterns};
  std::vector<std::uint32_t> order;
  ac.for_each_match("龙门石窟", [&](std::size_t, std::uint32_t p) { order.push_back(p); });
  EXPECT_EQ(order, (std::vector<std::uint32_t>{1, 2, 0}));
}

TEST(aho_corasick, repeated_and_empty_patterns_report_once) {
  std::vector<std::string> const patterns{"", "ab", "ab"};
  aho_corasick const ac{patterns};
  EXPECT_EQ(all_matches(ac, "abab"), (match_set{{2, 1}, {4, 1}}));
}

TEST(aho_corasick, no_patterns_match_nothing) {
  aho_corasick const ac{std::vector<std::string>{}};
  EXPECT_TRUE(all_matches(ac, "anything").empty());
  EXPECT_TRUE(all_matches(aho_corasick{}, "anything").empty());
}

TEST(aho_corasick, agrees_with_a_naive_search_on_random_texts) {
  std::mt19937 rng{7};
  // A small alphabet, wide fan-out at some nodes (more than 8 children) and deep fail chains.
  std::string const alphabet = "aaabbcdefghijklmnop";
  auto const random_string = [&](std::size_t max_len) {
    std::string s(1 + rng() % max_len, ' ');
    for (auto& c : s) {
      c = alphabet[rng() % alphabet.size()];
    }
    return s;
  };
  for (auto round = 0; round < 200; ++round) {
    std::vector<std::string> patterns;
    for (auto i = 0; i < 30; ++i) {
      patterns.push_back(random_string(5));
    }
    aho_corasick const ac{patterns};
    auto const text = random_string(300);
    ASSERT_EQ(all_matches(ac, text), naive_matches(patterns, text)) << "round " << round;
  }
}

}  // namespace zhitu::index
