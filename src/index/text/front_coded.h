// SPDX-License-Identifier: Apache-2.0
// A sorted list of 64-bit keys that share their leading bits with the key before, as keys
// packed from the top do (the name index's spelled initials, five bits a letter): each key is
// kept as how many leading bits it shares with the one before and its bits after those, up to
// its last set bit (a key equal to the one before, in 7 bits); every kBlock-th key is kept
// whole, to search by. About 2.6 bytes a key on the benchmark's spellings, where an array takes
// 8.
//
//   front_coded const k{{0x10, 0x18, 0x18, 0x1c}};
//   k.lower_bound(0x18) == 1; k.lower_bound(0x19) == 3; k.lower_bound(0x19, 0, 2) == 2;
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace zhitu::index {

class front_coded {
 public:
  static constexpr std::size_t kBlock = 16;

  front_coded() = default;
  // `keys` ascending (equal ones allowed).
  explicit front_coded(std::span<std::uint64_t const> keys);

  std::size_t size() const { return size_; }
  std::uint64_t operator[](std::size_t i) const;
  // The first key of [from, to) not below `key` (`to` if none).
  std::size_t lower_bound(std::uint64_t key, std::size_t from, std::size_t to) const;
  std::size_t lower_bound(std::uint64_t key) const { return lower_bound(key, 0, size_); }
  std::size_t memory_bytes() const;

 private:
  // Calls on_key(index, key) for the keys of `block` in order while it returns true.
  template <typename OnKey>
  void decode(std::size_t block, OnKey const& on_key) const;

  std::size_t size_ = 0;
  std::vector<std::uint64_t> heads_;       // per block, its first key
  std::vector<std::uint32_t> first_bit_;   // per block, where its other keys begin in bits_
  std::vector<std::uint64_t> bits_{0, 0};  // and a spare word, read past the last
};

}  // namespace zhitu::index
