// SPDX-License-Identifier: Apache-2.0
// The pinyin posting lists of the name index, packed. A key's postings run in three classes —
// where a match through them would be a prefix, a word prefix, a substring — and each class
// ascends by rank (the name's place in search order), so that a query can read the best names
// first and stop. A posting is the varint difference from the rank before it, then the
// characters left in the name from it (up to 255) and what it knows of the character after its
// key's (one of kNextValues): both in one byte when 2 to 10 characters are left, as in most
// names, else a marker and a byte each. The position is the name's length less the characters
// left, and is kept apart for the rare postings 255 or more characters from the end. About 3
// bytes a posting.
//
//   pinyin_postings p{std::move(raw)};
//   for (auto c = p.list(k, 0); c.next();) use(c.rank(), c.rest(), c.next_initial());
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "index/text/packed_ints.h"

namespace zhitu::index {

struct pinyin_posting {
  std::uint64_t key_;
  std::uint32_t rank_;
  std::uint16_t pos_;
  std::uint8_t class_;  // 0, 1, 2
  std::uint8_t rest_;   // characters left in the name from pos_, up to 255
  std::uint8_t next_;   // the next initial's code (name_index.cc), below kNextValues
};

class pinyin_postings {
 public:
  static constexpr unsigned kClasses = 3;
  static constexpr std::uint8_t kFar = UINT8_MAX;  // rest_ of a posting that keeps its position
  static constexpr unsigned kNextValues = 28;

  pinyin_postings() = default;
  // Sorts and packs `raw` (emptied), keeping duplicates.
  explicit pinyin_postings(std::vector<pinyin_posting>&& raw);

  // Reads one class of one key forward.
  class cursor {
   public:
    // Moves to the next posting; false past the last.
    bool next();
    std::uint32_t rank() const { return rank_; }
    std::uint8_t rest() const { return rest_; }
    std::uint8_t next_initial() const { return next_; }
    // The position, for a posting whose rest() is kFar.
    std::uint16_t far_pos() const;

   private:
    friend class pinyin_postings;
    pinyin_postings const* p_ = nullptr;
    std::uint8_t const* at_ = nullptr;       // the next posting
    std::uint8_t const* end_ = nullptr;      // of the list
    std::uint8_t const* posting_ = nullptr;  // the current one
    std::uint32_t rank_ = 0;
    std::uint8_t rest_ = 0;
    std::uint8_t next_ = 0;
  };

  std::optional<std::size_t> find(std::uint64_t key) const;
  std::span<std::uint64_t const> keys() const { return keys_; }
  cursor list(std::size_t k, unsigned cls) const;
  bool empty(std::size_t k, unsigned cls) const {
    return byte_[k * kClasses + cls + 1] == byte_[k * kClasses + cls];
  }
  std::size_t memory_bytes() const;

 private:
  std::vector<std::uint64_t> keys_;  // sorted
  packed_ints byte_;                 // per key and class: where its bytes begin; then the end
  std::vector<std::uint8_t> bytes_;
  // (where a posting begins in bytes_, its position), of those with rest kFar; by where.
  std::vector<std::pair<std::uint32_t, std::uint16_t>> far_;
};

}  // namespace zhitu::index
