// SPDX-License-Identifier: Apache-2.0
#include "index/text/name_entities.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace zhitu::index {

namespace {

// Checks every name's entity against the counts they came from.
void expect_entities(std::vector<std::uint32_t> const& counts) {
  name_entities const r{counts};
  ASSERT_EQ(r.entities(), counts.size());
  std::uint32_t name = 0;
  for (std::uint32_t e = 0; e < counts.size(); ++e) {
    for (std::uint32_t i = 0; i < counts[e]; ++i, ++name) {
      ASSERT_EQ(r.entity_of(name), e) << "name " << name;
    }
  }
  EXPECT_EQ(r.names(), name);
}

}  // namespace

TEST(name_entities, small_hand_made_counts) {
  name_entities const r{std::vector<std::uint32_t>{1, 0, 3}};
  EXPECT_EQ(r.names(), 4U);
  EXPECT_EQ(r.entity_of(0), 0U);
  EXPECT_EQ(r.entity_of(1), 2U);
  EXPECT_EQ(r.entity_of(3), 2U);
}

TEST(name_entities, no_entities_and_no_names) {
  expect_entities({});
  expect_entities({0, 0, 0});
}

// One name each (the benchmark's POIs), then entities far from their 64's first: after
// thousands without a name, and after one with thousands of aliases, on both sides of 255.
TEST(name_entities, entities_far_from_their_groups_first) {
  std::vector<std::uint32_t> counts(3000, 1);
  counts.insert(counts.end(), 5000, 0);
  counts.push_back(7000);
  counts.insert(counts.end(), 254, 0);
  counts.push_back(1);
  counts.insert(counts.end(), 255, 0);
  counts.push_back(1);
  counts.insert(counts.end(), 700, 2);
  expect_entities(counts);
}

TEST(name_entities, random_counts) {
  std::mt19937 rng{7};
  for (int round = 0; round < 20; ++round) {
    std::vector<std::uint32_t> counts(rng() % 5000);
    for (auto& c : counts) {
      c = rng() % 8 == 0 ? rng() % 70 : rng() % 3;
      if (rng() % 500 == 0) {
        counts.insert(counts.end(), rng() % 600, 0);
        break;
      }
    }
    expect_entities(counts);
  }
}

}  // namespace zhitu::index
