// SPDX-License-Identifier: Apache-2.0
#include "index/time/interval_index.h"

#include <algorithm>
#include <limits>

namespace zhitu::index {

interval_index::interval_index(std::span<std::optional<model::time_span> const> spans) {
  by_item_.assign(spans.size(), {std::numeric_limits<std::int32_t>::max(),
                                 std::numeric_limits<std::int32_t>::min()});
  for (std::uint32_t i = 0; i < spans.size(); ++i) {
    if (spans[i]) {
      by_first_.push_back({spans[i]->first_year(), spans[i]->last_year(), i});
      by_item_[i] = {spans[i]->first_year(), spans[i]->last_year()};
    }
  }
  by_last_ = by_first_;
  std::sort(by_first_.begin(), by_first_.end(), [](entry const& a, entry const& b) {
    return a.first_ != b.first_ ? a.first_ < b.first_ : a.item_ < b.item_;
  });
  std::sort(by_last_.begin(), by_last_.end(), [](entry const& a, entry const& b) {
    return a.last_ != b.last_ ? a.last_ < b.last_ : a.item_ < b.item_;
  });
  for (std::size_t b = 0; b < by_first_.size(); b += kBlockSize) {
    auto const end = std::min(b + kBlockSize, by_first_.size());
    auto m = by_first_[b].last_;
    for (auto i = b; i < end; ++i) {
      m = std::max(m, by_first_[i].last_);
    }
    block_max_.push_back(m);
  }
}

void interval_index::overlaps(std::int32_t from, std::int32_t to,
                              std::vector<std::uint32_t>& out) const {
  if (from > to) {
    return;
  }
  // Only items starting at or before `to` can overlap; of those, the ones ending at or after
  // `from`. Blocks whose latest end is before `from` are skipped whole.
  auto const n = static_cast<std::size_t>(
      std::upper_bound(by_first_.begin(), by_first_.end(), to,
                       [](std::int32_t y, entry const& e) { return y < e.first_; }) -
      by_first_.begin());
  for (std::size_t b = 0; b < n; b += kBlockSize) {
    if (block_max_[b / kBlockSize] < from) {
      continue;
    }
    auto const end = std::min<std::size_t>(b + kBlockSize, n);
    for (auto i = b; i < end; ++i) {
      if (by_first_[i].last_ >= from) {
        out.push_back(by_first_[i].item_);
      }
    }
  }
}

std::size_t interval_index::count_overlaps(std::int32_t from, std::int32_t to) const {
  if (from > to) {
    return 0;
  }
  // The items that miss [from, to] either start after `to` or end before `from`, never both
  // (that would need last < from <= to < first), so subtracting both counts is exact.
  auto const starts_after = static_cast<std::size_t>(
      by_first_.end() -
      std::upper_bound(by_first_.begin(), by_first_.end(), to,
                       [](std::int32_t y, entry const& e) { return y < e.first_; }));
  auto const ends_before = static_cast<std::size_t>(
      std::lower_bound(by_last_.begin(), by_last_.end(), from,
                       [](entry const& e, std::int32_t y) { return e.last_ < y; }) -
      by_last_.begin());
  return by_first_.size() - starts_after - ends_before;
}

void interval_index::during(std::int32_t from, std::int32_t to,
                            std::vector<std::uint32_t>& out) const {
  auto it = std::lower_bound(by_first_.begin(), by_first_.end(), from,
                             [](entry const& e, std::int32_t y) { return e.first_ < y; });
  for (; it != by_first_.end() && it->first_ <= to; ++it) {
    if (it->last_ <= to) {
      out.push_back(it->item_);
    }
  }
}

void interval_index::before(std::int32_t year, std::vector<std::uint32_t>& out) const {
  for (auto it = by_last_.begin(); it != by_last_.end() && it->last_ < year; ++it) {
    out.push_back(it->item_);
  }
}

void interval_index::after(std::int32_t year, std::vector<std::uint32_t>& out) const {
  auto it = std::upper_bound(by_first_.begin(), by_first_.end(), year,
                             [](std::int32_t y, entry const& e) { return y < e.first_; });
  for (; it != by_first_.end(); ++it) {
    out.push_back(it->item_);
  }
}

std::size_t interval_index::memory_bytes() const {
  return (by_first_.capacity() + by_last_.capacity()) * sizeof(entry) +
         block_max_.capacity() * sizeof(std::int32_t) + by_item_.capacity() * sizeof(span);
}

}  // namespace zhitu::index
