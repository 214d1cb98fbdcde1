// SPDX-License-Identifier: Apache-2.0
// Gives each distinct item a dense index in order of first appearance: what an MVT layer needs
// for its `keys` and `values` tables. The items stay with the caller, which knows how to store
// them compactly and how to compare them; the interner holds only (hash, index) slots.
//
//   std::vector<std::string_view> keys;
//   interner index;
//   auto const [i, is_new] = index.intern(hash_of(key), [&](std::uint32_t j) {
//     return keys[j] == key;
//   });
//   if (is_new) { keys.push_back(key); }    // i == keys.size() - 1
//
// Open addressing with linear probing, at most 3/4 full: a tile layer interns tens of thousands
// of mostly unique names and ids, and a node-based map spent more time allocating and chasing
// nodes than hashing.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace zhitu::tiles::detail {

class interner {
 public:
  // The index of the item with this hash for which `equal(index)` holds; when there is none,
  // the next index (`size()` before the call), and true. The caller then stores the item there.
  template <typename Equal>
  std::pair<std::uint32_t, bool> intern(std::uint64_t hash, Equal const& equal) {
    if ((size_ + 1) * 4 > slots_.size() * 3) {
      grow();
    }
    auto const h = static_cast<std::uint32_t>(hash ^ (hash >> 32U));
    auto const mask = slots_.size() - 1;
    for (auto s = h & mask;; s = (s + 1) & mask) {
      auto& candidate = slots_[s];
      if (candidate.index_ == kEmpty) {
        candidate = {h, size_++};
        return {candidate.index_, true};
      }
      if (candidate.hash_ == h && equal(candidate.index_)) {
        return {candidate.index_, false};
      }
    }
  }

  std::uint32_t size() const { return size_; }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;

  struct slot {
    std::uint32_t hash_{0};  // kept, so a mismatch seldom calls `equal` and growing never
                             // hashes an item again
    std::uint32_t index_{kEmpty};
  };

  void grow() {
    std::vector<slot> old(std::max<std::size_t>(16, slots_.size() * 2));
    old.swap(slots_);
    auto const mask = slots_.size() - 1;
    for (auto const& o : old) {
      if (o.index_ == kEmpty) {
        continue;
      }
      auto s = o.hash_ & mask;
      while (slots_[s].index_ != kEmpty) {
        s = (s + 1) & mask;
      }
      slots_[s] = o;
    }
  }

  std::vector<slot> slots_;
  std::uint32_t size_{0};
};

}  // namespace zhitu::tiles::detail
