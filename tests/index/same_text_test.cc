// SPDX-License-Identifier: Apache-2.0
#include "index/text/same_text.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <vector>

namespace zhitu::index {

namespace {

std::vector<std::uint32_t> led_by(same_text const& s, std::uint32_t lead) {
  std::vector<std::uint32_t> names;
  s.for_each_led(lead, [&](std::uint32_t n) { names.push_back(n); });
  return names;
}

}  // namespace

TEST(same_text, a_lead_lists_its_names_in_the_order_given) {
  same_text const s{{{3, 9}, {0, 1}, {3, 7}}, 10};
  EXPECT_EQ(led_by(s, 3), (std::vector<std::uint32_t>{9, 7}));
  auto const [first, end] = s.led_range(3);
  ASSERT_EQ(end - first, 2U);
  EXPECT_EQ(s.led_at(first), 9U);
  EXPECT_EQ(s.led_range(5).first, s.led_range(5).second);
  EXPECT_EQ(led_by(s, 0), (std::vector<std::uint32_t>{1}));
  EXPECT_EQ(s.count_led(3), 2U);
  EXPECT_TRUE(s.leads(0));
  EXPECT_FALSE(s.leads(1));
  EXPECT_EQ(s.count_led(9), 0U);
  EXPECT_TRUE(led_by(s, 4).empty());
}

TEST(same_text, nothing_led) {
  same_text const empty{{}, 0};
  EXPECT_FALSE(empty.leads(0));
  same_text const none{{}, 130};
  for (std::uint32_t n = 0; n < 130; ++n) {
    EXPECT_EQ(none.count_led(n), 0U);
  }
}

// Leads across many 64-name words, some words without any: each finds exactly its own names.
TEST(same_text, random_groups_read_back) {
  std::mt19937 rng{11};
  constexpr std::uint32_t kNames = 5000;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> led;
  std::map<std::uint32_t, std::vector<std::uint32_t>> want;
  for (std::uint32_t name = 0; name < kNames; ++name) {
    auto const lead = static_cast<std::uint32_t>(rng() % kNames);
    if (lead != name && lead % 3 == 0 && (lead / 64) % 4 != 1) {
      led.emplace_back(lead, name);
      want[lead].push_back(name);
    }
  }
  same_text const s{std::move(led), kNames};
  for (std::uint32_t n = 0; n < kNames; ++n) {
    auto const it = want.find(n);
    auto const expected = it == want.end() ? std::vector<std::uint32_t>{} : it->second;
    ASSERT_EQ(led_by(s, n), expected) << n;
    ASSERT_EQ(s.count_led(n), expected.size()) << n;
  }
}

}  // namespace zhitu::index
