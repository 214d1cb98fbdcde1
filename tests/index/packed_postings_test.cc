// SPDX-License-Identifier: Apache-2.0
#include "index/text/packed_postings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <tuple>
#include <utility>
#include <vector>

namespace zhitu::index {

namespace {

using posting = std::pair<std::uint32_t, std::uint16_t>;

// Lists of every length around the block size, names far apart and close (repeated too, at
// several positions), in shuffled order.
std::map<std::uint64_t, std::vector<posting>> random_lists(std::mt19937& rng) {
  std::map<std::uint64_t, std::vector<posting>> lists;
  for (std::uint64_t key = 1; key <= 40; ++key) {
    auto const n = key <= 20 ? key * 7 : rng() % 700;
    auto const spread = key % 3 == 0 ? 5U : key % 3 == 1 ? 2000U : 3000000U;
    std::uint32_t name = rng() % 100;
    for (std::size_t i = 0; i < n; ++i) {
      name += rng() % spread;
      auto const pos = rng() % 3 == 0 ? 300U : rng() % 40U;
      lists[key * 1000003].push_back({name, static_cast<std::uint16_t>(pos)});
      if (rng() % 4 == 0) {
        lists[key * 1000003].push_back({name, static_cast<std::uint16_t>(rng() % 65535)});
      }
    }
  }
  return lists;
}

packed_postings pack(std::map<std::uint64_t, std::vector<posting>>& lists, std::mt19937& rng) {
  std::vector<raw_posting> raw;
  for (auto& [key, l] : lists) {
    for (auto const& [name, pos] : l) {
      raw.push_back({key, name, pos});
    }
    std::sort(l.begin(), l.end());
  }
  std::shuffle(raw.begin(), raw.end(), rng);
  return packed_postings{std::move(raw)};
}

}  // namespace

TEST(packed_postings, lists_read_back_in_name_and_position_order) {
  std::mt19937 rng{11};
  auto lists = random_lists(rng);
  auto const p = pack(lists, rng);
  ASSERT_EQ(p.keys().size(), lists.size());
  for (auto const& [key, want] : lists) {
    auto const k = p.find(key);
    ASSERT_TRUE(k) << key;
    EXPECT_EQ(p.size(*k), want.size());
    std::vector<posting> got;
    for (auto c = p.list(*k); c.next();) {
      got.emplace_back(c.name(), c.pos());
    }
    EXPECT_EQ(got, want) << key;
  }
  EXPECT_FALSE(p.find(7));
  EXPECT_FALSE(p.find(41 * 1000003));
}

TEST(packed_postings, seek_finds_the_first_posting_at_or_after_each_rising_target) {
  std::mt19937 rng{12};
  auto lists = random_lists(rng);
  auto const p = pack(lists, rng);
  for (auto const& [key, want] : lists) {
    if (want.empty()) continue;
    for (int round = 0; round < 20; ++round) {
      auto c = p.list(*p.find(key));
      // Rising targets through one cursor: on postings, between them, past every one; few
      // (long skips) or many (short ones).
      std::vector<posting> targets;
      for (int i = 0; i < (round % 2 == 0 ? 3 : 60); ++i) {
        targets.push_back(
            rng() % 3 == 0 ? want[rng() % want.size()]
                           : posting{static_cast<std::uint32_t>(rng() % (want.back().first + 10)),
                                     static_cast<std::uint16_t>(rng() % 400)});
      }
      std::sort(targets.begin(), targets.end());
      for (auto const& t : targets) {
        auto const it = std::lower_bound(want.begin(), want.end(), t);
        auto const found = c.seek(t.first, t.second);
        ASSERT_EQ(found, it != want.end()) << key << " " << t.first << "," << t.second;
        if (!found) break;
        EXPECT_EQ(posting(c.name(), c.pos()), *it) << key << " " << t.first << "," << t.second;
      }
    }
  }
}

TEST(packed_postings, range_gives_the_keys_between_two_bounds) {
  std::vector<raw_posting> raw{{5, 1, 0}, {9, 2, 0}, {9, 3, 1}, {12, 4, 0}};
  packed_postings const p{std::move(raw)};
  EXPECT_EQ(p.range(6, 12), (std::pair<std::size_t, std::size_t>{1, 2}));
  EXPECT_EQ(p.range(0, 100), (std::pair<std::size_t, std::size_t>{0, 3}));
  EXPECT_EQ(p.range(13, 100), (std::pair<std::size_t, std::size_t>{3, 3}));
  EXPECT_EQ(p.size(1), 2U);
}

TEST(packed_postings, empty_has_no_keys) {
  packed_postings const p{std::vector<raw_posting>{}};
  EXPECT_TRUE(p.keys().empty());
  EXPECT_FALSE(p.find(0));
}

}  // namespace zhitu::index
