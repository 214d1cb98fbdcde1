// SPDX-License-Identifier: Apache-2.0
// Posting lists of (name, position), keyed by a 64-bit key and stored the way search engines
// store their own: each list ascends by (name, position) and is cut into blocks of kBlock
// postings; a block keeps its first name and where its bytes begin, and packs each posting's
// difference from the name before (0 for the same name) and its position in as many bits as
// the block's largest need (frame of reference; two bytes say how many). About 1.7 bytes a
// posting on the benchmark's names, where a flat (u32, u16) pair takes 6 and varints 2.2.
//
//   packed_postings p{std::move(raw)};        // raw: (key, name, pos), any order
//   if (auto k = p.find(key)) {
//     for (auto c = p.list(*k); c.next();) use(c.name(), c.pos());
//   }
//
// Cost: find is a binary search over the keys; next() reads one unaligned word; seek() skips
// whole blocks by their first names, then decodes forward.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace zhitu::index {

struct raw_posting {
  std::uint64_t key_;
  std::uint32_t name_;
  std::uint16_t pos_;
};

class packed_postings {
 public:
  static constexpr std::uint32_t kBlock = 64;

  packed_postings() = default;
  // Sorts and packs `raw` (emptied), keeping duplicates.
  explicit packed_postings(std::vector<raw_posting>&& raw);

  // Reads one key's list forward, from its first posting.
  class cursor {
   public:
    // Moves to the next posting; false past the last.
    bool next();
    // Moves to the first posting at or after (name, pos) — never backwards — and tells whether
    // there is one. Targets must not decrease from one call to the next.
    bool seek(std::uint32_t name, std::uint16_t pos);
    std::uint32_t name() const { return name_; }
    std::uint16_t pos() const { return pos_; }

   private:
    friend class packed_postings;
    void enter(std::uint32_t block);

    packed_postings const* p_ = nullptr;
    std::uint32_t block_ = 0;      // holding the current posting
    std::uint32_t end_block_ = 0;  // of the list
    std::uint32_t left_ = 0;       // postings after the current one in its list
    std::uint32_t left_in_block_ = 0;
    std::uint8_t const* at_ = nullptr;  // the block's bits
    std::uint32_t bit_ = 0;             // the next posting's, among them
    std::uint8_t delta_bits_ = 0;
    std::uint8_t pos_bits_ = 0;
    std::uint32_t name_ = 0;
    std::uint16_t pos_ = 0;
    bool started_ = false;
  };

  std::optional<std::size_t> find(std::uint64_t key) const;
  // The keys in [lo, hi): where they begin and end among keys().
  std::pair<std::size_t, std::size_t> range(std::uint64_t lo, std::uint64_t hi) const;
  std::span<std::uint64_t const> keys() const { return keys_; }
  std::uint32_t size(std::size_t k) const { return first_[k + 1] - first_[k]; }
  // How many postings the keys [from, to) have together.
  std::uint32_t size(std::size_t from, std::size_t to) const { return first_[to] - first_[from]; }
  cursor list(std::size_t k) const;
  std::size_t memory_bytes() const;

 private:
  struct block {
    std::uint32_t name_;  // of its first posting
    std::uint32_t byte_;  // where its postings begin in bytes_
  };
  std::vector<std::uint64_t> keys_;       // sorted
  std::vector<std::uint32_t> first_;      // per key, its first posting's number; then the total
  std::vector<std::uint32_t> blocks_of_;  // per key, its first block; then the total
  std::vector<block> blocks_;
  std::vector<std::uint8_t> bytes_;
};

}  // namespace zhitu::index
