// SPDX-License-Identifier: Apache-2.0
#include "index/text/front_coded.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <vector>

namespace zhitu::index {

namespace {

// Every key reads back, and lower_bound agrees with the array's for keys in and between them.
void expect_as_array(std::vector<std::uint64_t> const& keys) {
  front_coded const k{keys};
  ASSERT_EQ(k.size(), keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    ASSERT_EQ(k[i], keys[i]) << i;
  }
  auto const expect_bound = [&](std::uint64_t v) {
    auto const want =
        static_cast<std::size_t>(std::lower_bound(keys.begin(), keys.end(), v) - keys.begin());
    ASSERT_EQ(k.lower_bound(v), want) << v;
  };
  expect_bound(0);
  expect_bound(UINT64_MAX);
  for (auto const v : keys) {
    expect_bound(v);
    expect_bound(v - 1);
    expect_bound(v + 1);
  }
  // Within a range, as the array's within it.
  std::mt19937 rng{static_cast<unsigned>(keys.size())};
  for (int i = 0; i < 200 && !keys.empty(); ++i) {
    auto from = rng() % (keys.size() + 1);
    auto to = rng() % (keys.size() + 1);
    if (from > to) std::swap(from, to);
    auto const v = keys[rng() % keys.size()] + rng() % 3 - 1;
    auto const want = static_cast<std::size_t>(
        std::lower_bound(keys.begin() + static_cast<std::ptrdiff_t>(from),
                         keys.begin() + static_cast<std::ptrdiff_t>(to), v) -
        keys.begin());
    ASSERT_EQ(k.lower_bound(v, from, to), want) << v << " in [" << from << ", " << to << ")";
  }
}

}  // namespace

TEST(front_coded, small_hand_made_keys) {
  front_coded const k{std::vector<std::uint64_t>{0x10, 0x18, 0x1c}};
  EXPECT_EQ(k.lower_bound(0x19), 2U);
  EXPECT_EQ(k[1], 0x18U);
  EXPECT_EQ(k.lower_bound(0x1d), 3U);
  EXPECT_EQ(k.lower_bound(0x19, 0, 1), 1U);
  EXPECT_EQ(k.lower_bound(0x10, 1, 3), 1U);
  expect_as_array({});
  expect_as_array({0});
  expect_as_array({0, 1, UINT64_MAX - 1, UINT64_MAX});
  front_coded const equal{std::vector<std::uint64_t>{0x10, 0x18, 0x18, 0x1c}};
  EXPECT_EQ(equal.lower_bound(0x18), 1U);
  EXPECT_EQ(equal.lower_bound(0x19), 3U);
  EXPECT_EQ(equal.lower_bound(0x19, 0, 2), 2U);
  // Runs of equal keys across blocks: the first of each run.
  std::vector<std::uint64_t> runs;
  for (std::uint64_t v = 1; v < 6; ++v) {
    runs.insert(runs.end(), v * 7, v << 60U);
  }
  expect_as_array(runs);
  expect_as_array(std::vector<std::uint64_t>(40, 0));
}

// Keys sharing no bits, every bit, and only the top one; across many blocks.
TEST(front_coded, keys_of_every_shape_read_back) {
  std::vector<std::uint64_t> keys;
  for (unsigned b = 0; b < 64; ++b) {
    keys.push_back(std::uint64_t{1} << b);
    keys.push_back((std::uint64_t{1} << b) | 1U);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  expect_as_array(keys);
}

// Spellings as the name index packs them: five bits a letter from the top, zero past the end.
TEST(front_coded, random_spellings_read_back) {
  std::mt19937_64 rng{5};
  std::multiset<std::uint64_t> spellings;  // some spelled alike, as polyphonic names are
  while (spellings.size() < 5000) {
    std::uint64_t s = 0;
    auto const letters = 2 + rng() % 11;
    for (std::size_t i = 0; i < letters; ++i) {
      s |= (1 + rng() % 4) << (5 * (11 - i));  // few letters, so that many share a prefix
    }
    spellings.insert(s);
  }
  std::vector<std::uint64_t> const keys(spellings.begin(), spellings.end());
  expect_as_array(keys);
  std::set<std::uint64_t> random;
  while (random.size() < 1000) {
    random.insert(rng());
  }
  expect_as_array({random.begin(), random.end()});
}

}  // namespace zhitu::index
