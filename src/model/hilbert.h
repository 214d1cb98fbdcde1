// SPDX-License-Identifier: Apache-2.0
// Position of a cell on the Hilbert curve over a 2^order × 2^order grid (Warren, Hacker's
// Delight): the packing order of the R-tree and the tile order of PMTiles archives.
//
//   hilbert_index(1, 1, 0) == 3;   hilbert_index(1, 0, 1) == 1
#pragma once

#include <cstdint>
#include <utility>

namespace zhitu::model {

// REQUIRES: order <= 32, x and y < 2^order.
constexpr std::uint64_t hilbert_index(std::uint32_t order, std::uint64_t x, std::uint64_t y) {
  std::uint64_t d = 0;
  for (auto s = (std::uint64_t{1} << order) / 2; s > 0; s /= 2) {
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

}  // namespace zhitu::model
