// SPDX-License-Identifier: Apache-2.0
#include "index/text/packed_ints.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace zhitu::index {

TEST(packed_ints, every_width_reads_back) {
  std::mt19937 rng{3};
  for (unsigned width = 0; width <= 32; ++width) {
    auto const max = width == 0 ? 0U : width == 32 ? UINT32_MAX : (1U << width) - 1;
    std::vector<std::uint32_t> values(rng() % 300 + 1);
    for (auto& v : values) {
      v = max == 0 ? 0U : static_cast<std::uint32_t>(rng() % (std::uint64_t{max} + 1));
    }
    values[rng() % values.size()] = max;  // so that the width is `width`
    packed_ints const p{values};
    ASSERT_EQ(p.size(), values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      ASSERT_EQ(p[i], values[i]) << "width " << width << ", value " << i;
    }
  }
}

TEST(packed_ints, twenty_bits_for_names_below_a_million) {
  std::vector<std::uint32_t> values(64000);
  for (std::uint32_t i = 0; i < values.size(); ++i) {
    values[i] = i * 15;
  }
  packed_ints const p{values};
  EXPECT_EQ(p[63999], 63999U * 15);
  EXPECT_LE(p.memory_bytes(), 64000 * 20 / 8 + 16);
}

TEST(packed_ints, empty) {
  packed_ints const p{std::vector<std::uint32_t>{}};
  EXPECT_TRUE(p.empty());
  EXPECT_TRUE(packed_ints{}.empty());
}

}  // namespace zhitu::index
