// SPDX-License-Identifier: Apache-2.0
#include "index/text/front_coded.h"

#include <algorithm>
#include <bit>

#include "model/check.h"

namespace zhitu::index {

namespace {

// A key after the first of its block: the leading bits it shares with the one before (7 bits:
// 64 for an equal key, which ends there), how many bits follow the first that differs, which
// is set (6 bits), then those bits.
constexpr unsigned kSharedBits = 7;
constexpr unsigned kKeptBits = 6;

std::uint64_t read_bits(std::vector<std::uint64_t> const& words, std::size_t at, unsigned n) {
  if (n == 0) {
    return 0;
  }
  auto const w = at / 64;
  auto const off = at % 64;
  // The next word's low bits, shifted in two steps so that off == 0 shifts by 64 in neither.
  auto const v = words[w] >> off | (words[w + 1] << 1U) << (63 - off);
  return n == 64 ? v : v & ((std::uint64_t{1} << n) - 1);
}

void write_bits(std::vector<std::uint64_t>& words, std::size_t& at, std::uint64_t v, unsigned n) {
  if (n == 0) {
    return;
  }
  while (words.size() < (at + n) / 64 + 2) {
    words.push_back(0);
  }
  auto const w = at / 64;
  auto const off = at % 64;
  words[w] |= v << off;
  if (off + n > 64) {
    words[w + 1] |= v >> (64 - off);
  }
  at += n;
}

}  // namespace

front_coded::front_coded(std::span<std::uint64_t const> keys) : size_(keys.size()) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i % kBlock == 0) {
      heads_.push_back(keys[i]);
      ZHITU_CHECK(at < UINT32_MAX, "front_coded: too many keys");
      first_bit_.push_back(static_cast<std::uint32_t>(at));
      continue;
    }
    ZHITU_CHECK(keys[i - 1] <= keys[i], "front_coded: keys must ascend");
    auto const shared = static_cast<unsigned>(std::countl_zero(keys[i - 1] ^ keys[i]));
    write_bits(bits_, at, shared, kSharedBits);
    if (shared == 64) {
      continue;
    }
    auto const tail = 63 - shared;  // bits after the first that differs
    auto const trailing = static_cast<unsigned>(std::countr_zero(keys[i]));
    auto const kept = tail > trailing ? tail - trailing : 0;  // up to the last set bit
    write_bits(bits_, at, kept, kKeptBits);
    write_bits(bits_, at, (keys[i] >> (tail - kept)) & ((std::uint64_t{1} << kept) - 1), kept);
  }
  heads_.shrink_to_fit();
  first_bit_.shrink_to_fit();
  bits_.shrink_to_fit();
}

template <typename OnKey>
void front_coded::decode(std::size_t block, OnKey const& on_key) const {
  auto key = heads_[block];
  auto at = static_cast<std::size_t>(first_bit_[block]);
  auto const end = std::min(size_, (block + 1) * kBlock);
  for (auto i = block * kBlock; i < end; ++i) {
    if (i > block * kBlock) {
      auto const shared = static_cast<unsigned>(read_bits(bits_, at, kSharedBits));
      at += kSharedBits;
      if (shared < 64) {  // else the same key as before
        auto const kept = static_cast<unsigned>(read_bits(bits_, at, kKeptBits));
        at += kKeptBits;
        auto const tail = 63 - shared;
        auto const prefix = shared == 0 ? 0 : key >> (64 - shared) << (64 - shared);
        key = prefix | std::uint64_t{1} << tail | read_bits(bits_, at, kept) << (tail - kept);
        at += kept;
      }
    }
    if (!on_key(i, key)) {
      return;
    }
  }
}

std::uint64_t front_coded::operator[](std::size_t i) const {
  std::uint64_t found = 0;
  decode(i / kBlock, [&](std::size_t at, std::uint64_t key) {
    found = key;
    return at < i;
  });
  return found;
}

std::size_t front_coded::lower_bound(std::uint64_t key, std::size_t from, std::size_t to) const {
  if (from >= to) {
    return to;
  }
  // Of the blocks that hold [from, to), the last whose first key is below `key` (or the first)
  // holds the answer, or it is the next block's first.
  auto const first_block = static_cast<std::ptrdiff_t>(from / kBlock);
  auto const end_block = static_cast<std::ptrdiff_t>((to - 1) / kBlock + 1);
  auto const after =
      std::lower_bound(heads_.begin() + first_block + 1, heads_.begin() + end_block, key);
  auto const block = static_cast<std::size_t>(after - heads_.begin()) - 1;
  auto found = std::min(to, (block + 1) * kBlock);
  decode(block, [&](std::size_t at, std::uint64_t k) {
    if (k >= key) {
      found = at;
      return false;
    }
    return true;
  });
  return std::clamp(found, from, to);
}

std::size_t front_coded::memory_bytes() const {
  return heads_.capacity() * 8 + first_bit_.capacity() * 4 + bits_.capacity() * 8;
}

}  // namespace zhitu::index
