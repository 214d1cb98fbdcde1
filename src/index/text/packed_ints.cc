// SPDX-License-Identifier: Apache-2.0
#include "index/text/packed_ints.h"

#include <algorithm>
#include <bit>

namespace zhitu::index {

packed_ints::packed_ints(std::span<std::uint32_t const> values)
    : size_(values.size()),
      width_(static_cast<unsigned>(
          std::bit_width(values.empty() ? 0U : *std::max_element(values.begin(), values.end())))),
      mask_((std::uint64_t{1} << width_) - 1) {
  words_.assign(std::max<std::size_t>((size_ * width_ + 63) / 64 + 1, 2), 0);
  for (std::size_t i = 0; i < size_; ++i) {
    auto const bit = i * width_;
    auto const off = bit % 64;
    words_[bit / 64] |= static_cast<std::uint64_t>(values[i]) << off;
    if (off + width_ > 64) {
      words_[bit / 64 + 1] |= static_cast<std::uint64_t>(values[i]) >> (64 - off);
    }
  }
  words_.shrink_to_fit();
}

}  // namespace zhitu::index
