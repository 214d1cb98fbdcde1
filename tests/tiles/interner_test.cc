// SPDX-License-Identifier: Apache-2.0
#include "tiles/detail/interner.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace zhitu::tiles::detail {

namespace {

struct string_table {
  interner index_;
  std::vector<std::string> items_;

  std::pair<std::uint32_t, bool> intern(std::string const& s, std::uint64_t hash) {
    auto const r = index_.intern(hash, [&](std::uint32_t i) { return items_[i] == s; });
    if (r.second) {
      items_.push_back(s);
    }
    return r;
  }
  std::pair<std::uint32_t, bool> intern(std::string const& s) {
    return intern(s, std::hash<std::string>{}(s));
  }
};

}  // namespace

TEST(interner, numbers_items_in_order_of_first_appearance) {
  string_table t;
  EXPECT_EQ(t.intern("name"), (std::pair{0U, true}));
  EXPECT_EQ(t.intern("id"), (std::pair{1U, true}));
  EXPECT_EQ(t.intern("name"), (std::pair{0U, false}));
  EXPECT_EQ(t.intern("kind"), (std::pair{2U, true}));
  EXPECT_EQ(t.index_.size(), 3U);
}

TEST(interner, keeps_indices_as_it_grows) {
  string_table t;
  for (auto i = 0U; i < 10'000U; ++i) {
    ASSERT_EQ(t.intern(std::to_string(i)), (std::pair{i, true}));
  }
  for (auto i = 0U; i < 10'000U; ++i) {
    ASSERT_EQ(t.intern(std::to_string(i)), (std::pair{i, false}));
  }
}

TEST(interner, tells_apart_items_whose_hashes_collide) {
  string_table t;
  EXPECT_EQ(t.intern("a", 42), (std::pair{0U, true}));
  EXPECT_EQ(t.intern("b", 42), (std::pair{1U, true}));
  EXPECT_EQ(t.intern("a", 42), (std::pair{0U, false}));
  EXPECT_EQ(t.intern("b", 42), (std::pair{1U, false}));
}

}  // namespace zhitu::tiles::detail
