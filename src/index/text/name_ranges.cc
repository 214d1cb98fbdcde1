// SPDX-License-Identifier: Apache-2.0
#include "index/text/name_ranges.h"

#include <algorithm>
#include <array>
#include <bit>

#include "model/check.h"

namespace zhitu::index {

namespace {

constexpr std::uint64_t kWordsPerBlock = 8;

// Per byte and k < 8: the position of its k-th set bit.
constexpr auto kInByte = [] {
  std::array<std::uint8_t, 256 * 8> t{};
  for (unsigned b = 0; b < 256; ++b) {
    for (unsigned k = 0, seen = 0; k < 8; ++k) {
      if ((b >> k & 1U) != 0) {
        t[b * 8 + seen++] = static_cast<std::uint8_t>(k);
      }
    }
  }
  return t;
}();

// The position of the k-th (from 0) set bit of w, which has more than k: broadword, after
// Vigna, "Broadword implementation of rank/select queries" (2008) — the bytes' running counts
// in one multiplication, the byte holding it by a parallel comparison, then a walk of that byte.
unsigned select_in_word(std::uint64_t w, unsigned k) {
  constexpr std::uint64_t kOnes8 = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh8 = 0x8080808080808080ULL;
  auto c = w - (w >> 1U & 0x5555555555555555ULL);
  c = (c & 0x3333333333333333ULL) + (c >> 2U & 0x3333333333333333ULL);
  c = ((c + (c >> 4U)) & 0x0f0f0f0f0f0f0f0fULL) * kOnes8;  // byte i: the bits set in bytes 0–i
  // The bytes whose running count is at most k: the target is in the byte after them.
  auto const at_most = ((k * kOnes8 | kHigh8) - c) & kHigh8;
  auto const shift = static_cast<unsigned>(std::popcount(at_most)) * 8;
  auto left = k - (shift == 0 ? 0U : static_cast<unsigned>(c >> (shift - 8) & 0xffU));
  return shift + kInByte[(w >> shift & 0xffU) * 8 + left];
}

}  // namespace

name_ranges::name_ranges(std::span<std::uint32_t const> names_per_entity) {
  std::uint64_t total = 0;
  for (auto const n : names_per_entity) {
    total += n;
  }
  ZHITU_CHECK(total + names_per_entity.size() < UINT32_MAX, "name_ranges: too many names");
  entities_ = static_cast<std::uint32_t>(names_per_entity.size());
  names_ = static_cast<std::uint32_t>(total);
  auto const n_bits = total + entities_;
  bits_.assign((n_bits + 63) / 64 + 1, 0);  // a spare word: reads may run one past the last bit
  std::uint64_t at = 0;
  std::uint64_t name = 0;
  std::uint64_t entity = 0;
  for (auto const n : names_per_entity) {
    for (auto i = (kSampleEvery - name % kSampleEvery) % kSampleEvery; i < n; i += kSampleEvery) {
      zero_at_.push_back(static_cast<std::uint32_t>(at + i));
    }
    name += n;
    at += n;
    if (entity++ % kSampleEvery == 0) {
      one_at_.push_back(static_cast<std::uint32_t>(at));
    }
    bits_[at / 64] |= std::uint64_t{1} << (at % 64);
    ++at;
  }
  entity_step_.reserve(names_);
  group_entity_.reserve(names_ / kStepGroup + 1);
  for (std::uint32_t e = 0; e < entities_; ++e) {
    for (auto n = names_per_entity[e]; n > 0; --n) {
      if (entity_step_.size() % kStepGroup == 0) {
        group_entity_.push_back(e);
      }
      entity_step_.push_back(
          static_cast<std::uint8_t>(std::min<std::uint32_t>(e - group_entity_.back(), kFarStep)));
    }
  }
  zero_at_.push_back(static_cast<std::uint32_t>(n_bits));
  one_at_.push_back(static_cast<std::uint32_t>(n_bits));
  auto const n_blocks = (n_bits + kBlockBits - 1) / kBlockBits;
  ones_before_.reserve(n_blocks + 1);
  std::uint32_t ones = 0;
  for (std::uint64_t b = 0; b <= n_blocks; ++b) {
    ones_before_.push_back(ones);
    for (auto w = b * kWordsPerBlock; w < std::min((b + 1) * kWordsPerBlock, bits_.size()); ++w) {
      ones += static_cast<std::uint32_t>(std::popcount(bits_[w]));
    }
  }
}

std::uint64_t name_ranges::select(bool one, std::uint64_t k) const {
  auto const word_at = [&](std::uint64_t w) { return one ? bits_[w] : ~bits_[w]; };
  auto const& sample = one ? one_at_ : zero_at_;
  auto const s = k / kSampleEvery;
  std::uint64_t const from = sample[s];  // where the s·kSampleEvery-th is
  std::uint64_t const to = sample[s + 1];
  auto w = from / 64;
  // Still to pass, counted from the start of word w.
  auto left = k - s * kSampleEvery +
              static_cast<std::uint64_t>(
                  std::popcount(word_at(w) & ((std::uint64_t{1} << (from % 64)) - 1)));
  if (to / 64 - w > kWordsPerBlock) {
    // A long run between the samples: the last block with at most k of them before it.
    auto const before = [&](std::uint64_t block) -> std::uint64_t {
      return one ? ones_before_[block] : block * kBlockBits - ones_before_[block];
    };
    auto lo = from / kBlockBits;
    auto hi = to / kBlockBits + 1;
    while (hi - lo > 1) {
      auto const mid = lo + (hi - lo) / 2;
      if (before(mid) <= k) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    w = lo * kWordsPerBlock;
    left = k - before(lo);
  }
  for (;; ++w) {
    auto const word = word_at(w);
    auto const n = static_cast<std::uint64_t>(std::popcount(word));
    if (left < n) {
      return w * 64 + select_in_word(word, static_cast<unsigned>(left));
    }
    left -= n;
  }
}

std::uint32_t name_ranges::first(std::uint32_t entity) const {
  ZHITU_CHECK(entity <= entities_, "name_ranges::first: no such entity");
  if (entity == 0) {
    return 0;
  }
  // After the 1 that closes the entity before it: the names before that 1.
  return static_cast<std::uint32_t>(select(true, entity - 1) + 1 - entity);
}

std::uint32_t name_ranges::entity_of(std::uint32_t name) const {
  ZHITU_CHECK(name < names_, "name_ranges::entity_of: no such name");
  if (auto const step = entity_step_[name]; step != kFarStep) {
    return group_entity_[name / kStepGroup] + step;
  }
  // The 1s before the name's 0.
  return static_cast<std::uint32_t>(select(false, name) - name);
}

std::size_t name_ranges::memory_bytes() const {
  return bits_.capacity() * 8 +
         (ones_before_.capacity() + zero_at_.capacity() + one_at_.capacity() +
          group_entity_.capacity()) *
             4 +
         entity_step_.capacity();
}

}  // namespace zhitu::index
