// SPDX-License-Identifier: Apache-2.0
#include "index/text/pinyin_postings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>
#include <vector>

namespace zhitu::index {

// Every class of every key reads back in rank order with its characters left (few, sharing a
// byte with the next initial, and many), next initial and (far from the name's end) position;
// keys with empty classes, repeated ranks and ranks far apart included.
TEST(pinyin_postings, classes_read_back_in_rank_order) {
  std::mt19937 rng{21};
  std::vector<pinyin_posting> raw;
  for (std::uint64_t key = 3; key < 300; key += 7) {
    auto const n = key % 5 == 0 ? 0U : rng() % 200;
    for (std::uint32_t i = 0; i < n; ++i) {
      auto const far = rng() % 10 == 0;
      auto const cls = static_cast<std::uint8_t>(key % 4 == 0 ? 2 : rng() % 3);
      raw.push_back({key, static_cast<std::uint32_t>(rng() % (key % 2 == 0 ? 50 : 5000000)),
                     static_cast<std::uint16_t>(far ? 300 + rng() % 60000 : rng() % 200), cls,
                     static_cast<std::uint8_t>(far              ? pinyin_postings::kFar
                                               : rng() % 2 == 0 ? rng() % 12
                                                                : rng() % 255),
                     static_cast<std::uint8_t>(rng() % pinyin_postings::kNextValues)});
    }
  }
  auto want = raw;
  std::shuffle(raw.begin(), raw.end(), rng);
  pinyin_postings const p{std::move(raw)};
  std::vector<pinyin_posting> got;
  for (std::size_t k = 0; k < p.keys().size(); ++k) {
    for (unsigned cls = 0; cls < pinyin_postings::kClasses; ++cls) {
      auto const before = got.size();
      for (auto c = p.list(k, cls); c.next();) {
        auto const far = c.rest() == pinyin_postings::kFar;
        got.push_back({p.keys()[k], c.rank(), far ? c.far_pos() : std::uint16_t{0},
                       static_cast<std::uint8_t>(cls), c.rest(), c.next_initial()});
      }
      EXPECT_EQ(got.size() == before, p.empty(k, cls));
    }
  }
  auto const fields = [](pinyin_posting const& a) {
    return std::make_tuple(a.key_, a.class_, a.rank_, a.rest_, a.next_, a.pos_);
  };
  auto const by_fields = [&](pinyin_posting const& a, pinyin_posting const& b) {
    return fields(a) < fields(b);
  };
  // In (key, class, rank) order as read; the same postings (those that tie on rank may come in
  // any order among themselves).
  EXPECT_TRUE(std::is_sorted(got.begin(), got.end(), [](auto const& a, auto const& b) {
    return std::tie(a.key_, a.class_, a.rank_) < std::tie(b.key_, b.class_, b.rank_);
  }));
  for (auto& w : want) {
    w.pos_ = w.rest_ == pinyin_postings::kFar ? w.pos_ : 0;
  }
  std::sort(want.begin(), want.end(), by_fields);
  std::sort(got.begin(), got.end(), by_fields);
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(fields(got[i]), fields(want[i])) << i;
  }
  EXPECT_TRUE(p.find(3));
  EXPECT_FALSE(p.find(4));
}

TEST(pinyin_postings, empty_has_no_keys) {
  pinyin_postings const p{std::vector<pinyin_posting>{}};
  EXPECT_TRUE(p.keys().empty());
  EXPECT_FALSE(p.find(0));
}

}  // namespace zhitu::index
