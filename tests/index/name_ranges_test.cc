// SPDX-License-Identifier: Apache-2.0
#include "index/text/name_ranges.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace zhitu::index {

namespace {

// Checks every entity's range and every name's entity against the counts they came from.
void expect_ranges(std::vector<std::uint32_t> const& counts) {
  name_ranges const r{counts};
  ASSERT_EQ(r.entities(), counts.size());
  std::uint32_t name = 0;
  for (std::uint32_t e = 0; e < counts.size(); ++e) {
    ASSERT_EQ(r.first(e), name) << "entity " << e;
    for (std::uint32_t i = 0; i < counts[e]; ++i, ++name) {
      ASSERT_EQ(r.entity_of(name), e) << "name " << name;
    }
  }
  EXPECT_EQ(r.first(static_cast<std::uint32_t>(counts.size())), name);
  EXPECT_EQ(r.names(), name);
}

}  // namespace

TEST(name_ranges, small_hand_made_counts) {
  name_ranges const r{std::vector<std::uint32_t>{1, 0, 3}};
  EXPECT_EQ(r.first(0), 0U);
  EXPECT_EQ(r.first(1), 1U);
  EXPECT_EQ(r.first(2), 1U);
  EXPECT_EQ(r.first(3), 4U);
  EXPECT_EQ(r.entity_of(0), 0U);
  EXPECT_EQ(r.entity_of(1), 2U);
  EXPECT_EQ(r.entity_of(3), 2U);
}

TEST(name_ranges, no_entities_and_no_names) {
  expect_ranges({});
  expect_ranges({0, 0, 0});
}

// One name each (the benchmark's POIs), then runs that cross many 512-bit blocks: entities with
// no name in thousands (a block of 1s alone) and one with thousands of aliases (of 0s alone).
TEST(name_ranges, long_runs_cross_blocks) {
  std::vector<std::uint32_t> counts(3000, 1);
  counts.insert(counts.end(), 5000, 0);
  counts.push_back(7000);
  counts.insert(counts.end(), 700, 2);
  expect_ranges(counts);
}

TEST(name_ranges, random_counts) {
  std::mt19937 rng{7};
  for (int round = 0; round < 20; ++round) {
    std::vector<std::uint32_t> counts(rng() % 5000);
    for (auto& c : counts) {
      c = rng() % 8 == 0 ? rng() % 70 : rng() % 3;
    }
    expect_ranges(counts);
  }
}

}  // namespace zhitu::index
