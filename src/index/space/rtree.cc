// SPDX-License-Identifier: Apache-2.0
#include "index/space/rtree.h"

#include <algorithm>
#include <numeric>

namespace zhitu::index {

namespace {

// Position of (x, y) on a Hilbert curve over a 2^16 × 2^16 grid (Warren, Hacker's Delight).
std::uint32_t hilbert_index(std::uint32_t x, std::uint32_t y) {
  std::uint32_t d = 0;
  for (std::uint32_t s = 1U << 15U; s > 0; s >>= 1U) {
    auto const rx = (x & s) > 0 ? 1U : 0U;
    auto const ry = (y & s) > 0 ? 1U : 0U;
    d += s * s * ((3U * rx) ^ ry);
    if (ry == 0) {
      if (rx == 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      std::swap(x, y);
    }
  }
  return d;
}

}  // namespace

rtree::rtree(std::span<model::box const> boxes) {
  std::vector<std::uint32_t> items;
  model::box extent;
  for (std::uint32_t i = 0; i < boxes.size(); ++i) {
    if (!boxes[i].empty()) {
      items.push_back(i);
      extent.extend(boxes[i]);
    }
  }
  n_items_ = items.size();
  if (items.empty()) {
    return;
  }

  // Sort items along the Hilbert curve so that neighbours on the map share leaves.
  auto const width = std::max(extent.max_lon_ - extent.min_lon_, 1e-12);
  auto const height = std::max(extent.max_lat_ - extent.min_lat_, 1e-12);
  constexpr auto kGrid = double{(1U << 16U) - 1U};
  std::vector<std::uint32_t> keys(boxes.size());
  for (auto const i : items) {
    auto const c = boxes[i].center();
    keys[i] = hilbert_index(static_cast<std::uint32_t>(kGrid * (c.lon_ - extent.min_lon_) / width),
                            static_cast<std::uint32_t>(kGrid * (c.lat_ - extent.min_lat_) / height));
  }
  std::sort(items.begin(), items.end(), [&](auto a, auto b) {
    return keys[a] != keys[b] ? keys[a] < keys[b] : a < b;
  });

  for (auto const i : items) {
    boxes_.push_back(boxes[i]);
    refs_.push_back(i);
  }
  level_ends_.push_back(static_cast<std::uint32_t>(boxes_.size()));

  // Pack each level into parents of kNodeSize children until one root remains.
  auto level_begin = std::uint32_t{0};
  while (level_ends_.back() - level_begin > 1) {
    auto const level_end = level_ends_.back();
    for (auto child = level_begin; child < level_end; child += kNodeSize) {
      model::box b;
      auto const last = std::min(child + kNodeSize, level_end);
      for (auto c = child; c < last; ++c) {
        b.extend(boxes_[c]);
      }
      boxes_.push_back(b);
      refs_.push_back(child);
    }
    level_begin = level_end;
    level_ends_.push_back(static_cast<std::uint32_t>(boxes_.size()));
  }
}

void rtree::search(model::box const& query, std::vector<std::uint32_t>& out) const {
  if (n_items_ == 0 || query.empty()) {
    return;
  }
  // Explicit stack of (node position, level); depth is log16(n), so it stays tiny.
  struct frame {
    std::uint32_t pos_;
    std::uint32_t level_;
  };
  std::vector<frame> stack{{static_cast<std::uint32_t>(boxes_.size() - 1),
                            static_cast<std::uint32_t>(level_ends_.size() - 1)}};
  while (!stack.empty()) {
    auto const [pos, level] = stack.back();
    stack.pop_back();
    if (!boxes_[pos].intersects(query)) {
      continue;
    }
    if (level == 0) {
      out.push_back(refs_[pos]);
      continue;
    }
    auto const first = refs_[pos];
    auto const last = std::min(first + kNodeSize, level_ends_[level - 1]);
    for (auto c = first; c < last; ++c) {
      stack.push_back({c, level - 1});
    }
  }
}

std::size_t rtree::memory_bytes() const {
  return boxes_.capacity() * sizeof(model::box) + refs_.capacity() * sizeof(std::uint32_t) +
         level_ends_.capacity() * sizeof(std::uint32_t);
}

}  // namespace zhitu::index
