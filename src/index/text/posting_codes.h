// SPDX-License-Identifier: Apache-2.0
// What the packed posting stores (packed_postings.h, pinyin_postings.h) share: LEB128 varints
// (7 bits a byte, low first) and finding a key's place among sorted keys.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace zhitu::index {

inline void put_varint(std::vector<std::uint8_t>& out, std::uint32_t v) {
  while (v >= 0x80U) {
    out.push_back(static_cast<std::uint8_t>(v | 0x80U));
    v >>= 7U;
  }
  out.push_back(static_cast<std::uint8_t>(v));
}

// Reads a varint that put_varint wrote at `at`, and moves past it.
inline std::uint32_t get_varint(std::uint8_t const*& at) {
  std::uint32_t v = 0;
  for (unsigned shift = 0;; shift += 7) {
    auto const b = *at++;
    v |= static_cast<std::uint32_t>(b & 0x7fU) << shift;
    if (b < 0x80U) {
      return v;
    }
  }
}

inline std::optional<std::size_t> find_key(std::span<std::uint64_t const> sorted,
                                           std::uint64_t key) {
  auto const it = std::lower_bound(sorted.begin(), sorted.end(), key);
  if (it == sorted.end() || *it != key) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(it - sorted.begin());
}

}  // namespace zhitu::index
