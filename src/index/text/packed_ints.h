// SPDX-License-Identifier: Apache-2.0
// A read-only array of unsigned integers in as many bits each as the largest needs: names and
// ranks below a million take 20 bits, not 32.
//
//   packed_ints const a{std::vector<std::uint32_t>{5, 900000, 7}};
//   a[1] == 900000; a.size() == 3;
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace zhitu::index {

class packed_ints {
 public:
  packed_ints() = default;
  explicit packed_ints(std::span<std::uint32_t const> values);

  std::uint32_t operator[](std::size_t i) const {
    auto const bit = i * width_;
    auto const w = bit / 64;
    auto const off = bit % 64;
    // The next word's low bits, shifted in two steps so that off == 0 shifts by 64 in neither.
    auto const v = words_[w] >> off | (words_[w + 1] << 1U) << (63 - off);
    return static_cast<std::uint32_t>(v & mask_);
  }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t memory_bytes() const { return words_.capacity() * 8; }

 private:
  std::vector<std::uint64_t> words_{0, 0};  // and a spare word, read past the last value
  std::size_t size_ = 0;
  unsigned width_ = 0;
  std::uint64_t mask_ = 0;
};

}  // namespace zhitu::index
