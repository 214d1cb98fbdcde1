// SPDX-License-Identifier: Apache-2.0
#include "tiles/cluster_index.h"

#include <algorithm>
#include <array>
#include <bit>
#include <numeric>
#include <stdexcept>

namespace zhitu::tiles {

namespace {

// Spreads the low 32 bits of v to the even bits of the result.
std::uint64_t spread_bits(std::uint64_t v) {
  v &= 0xFFFF'FFFFU;
  v = (v | (v << 16U)) & 0x0000'FFFF'0000'FFFFU;
  v = (v | (v << 8U)) & 0x00FF'00FF'00FF'00FFU;
  v = (v | (v << 4U)) & 0x0F0F'0F0F'0F0F'0F0FU;
  v = (v | (v << 2U)) & 0x3333'3333'3333'3333U;
  v = (v | (v << 1U)) & 0x5555'5555'5555'5555U;
  return v;
}

std::uint64_t morton(std::uint64_t column, std::uint64_t row) {
  return spread_bits(column) | (spread_bits(row) << 1U);
}

bool more_prominent(index::catalog const& cat, index::entity_idx a, index::entity_idx b) {
  auto const pa = cat.prominence(a);
  auto const pb = cat.prominence(b);
  return pa > pb || (pa == pb && a < b);
}

// A cell's members summed: what a cluster is made of, and what the cell above is made from.
struct cell_total {
  std::uint64_t cell_;
  std::uint64_t sum_x_;
  std::uint64_t sum_y_;
  std::uint32_t count_;
  index::entity_idx best_;
};

// LSD radix sort by cell, 11 bits a pass, only over the bits some key has; a plain sort for
// the few points of one tile.
void sort_by_cell(std::vector<cluster_member>& members) {
  constexpr std::size_t kRadixFrom = 4096;
  constexpr unsigned kDigitBits = 11;
  if (members.size() < kRadixFrom) {
    std::sort(members.begin(), members.end(),
              [](cluster_member const& a, cluster_member const& b) { return a.cell_ < b.cell_; });
    return;
  }
  std::uint64_t any_bits = 0;
  for (auto const& m : members) {
    any_bits |= m.cell_;
  }
  std::vector<cluster_member> sorted(members.size());
  for (unsigned shift = 0; shift < static_cast<unsigned>(std::bit_width(any_bits));
       shift += kDigitBits) {
    std::array<std::size_t, std::size_t{1} << kDigitBits> starts{};
    auto const digit = [shift](cluster_member const& m) {
      return (m.cell_ >> shift) & ((std::uint64_t{1} << kDigitBits) - 1);
    };
    for (auto const& m : members) {
      ++starts[digit(m)];
    }
    std::size_t at = 0;
    for (auto& s : starts) {
      at += std::exchange(s, at);
    }
    for (auto const& m : members) {
      sorted[starts[digit(m)]++] = m;
    }
    members.swap(sorted);
  }
}

// One total per run of equal cells in `members` (sorted by cell).
std::vector<cell_total> totals_of(index::catalog const& cat,
                                  std::vector<cluster_member> const& members) {
  std::vector<cell_total> out;
  for (auto const& m : members) {
    if (out.empty() || out.back().cell_ != m.cell_) {
      out.push_back({m.cell_, 0, 0, 0, m.entity_});
    } else if (more_prominent(cat, m.entity_, out.back().best_)) {
      out.back().best_ = m.entity_;
    }
    auto& t = out.back();
    t.sum_x_ += m.at_.x_;
    t.sum_y_ += m.at_.y_;
    ++t.count_;
  }
  return out;
}

// The totals of the zoom above: a cell's key without its two lowest bits is its parent's.
std::vector<cell_total> parent_totals(index::catalog const& cat,
                                      std::vector<cell_total> const& children) {
  std::vector<cell_total> out;
  for (auto const& c : children) {
    auto const parent = c.cell_ >> 2U;
    if (out.empty() || out.back().cell_ != parent) {
      out.push_back({parent, 0, 0, 0, c.best_});
    } else if (more_prominent(cat, c.best_, out.back().best_)) {
      out.back().best_ = c.best_;
    }
    auto& t = out.back();
    t.sum_x_ += c.sum_x_;
    t.sum_y_ += c.sum_y_;
    t.count_ += c.count_;
  }
  return out;
}

cluster cluster_of(cell_total const& t) {
  auto const mean = [&](std::uint64_t sum) {
    return static_cast<std::uint32_t>((sum + t.count_ / 2) / t.count_);
  };
  return {t.cell_, t.count_, t.best_, {mean(t.sum_x_), mean(t.sum_y_)}};
}

void append_clusters(std::vector<cell_total> const& totals, std::vector<cluster>& out) {
  out.reserve(out.size() + totals.size());
  for (auto const& t : totals) {
    out.push_back(cluster_of(t));
  }
}

}  // namespace

unsigned cluster_grid_bits(tile_config const& cfg) {
  auto const cells = cfg.cluster_cell_ == 0 ? 0 : cfg.extent_ / cfg.cluster_cell_;
  if (cells == 0 || cells * cfg.cluster_cell_ != cfg.extent_ || !std::has_single_bit(cells)) {
    throw std::invalid_argument("tile_config: cluster_cell_ must divide extent_ by a power of two");
  }
  auto const bits = static_cast<unsigned>(std::countr_zero(cells));
  // A cell is addressed in world steps (2^32 a side).
  if (cfg.cluster_below_zoom_ > 0 && cfg.cluster_below_zoom_ - 1U + bits > 32U) {
    throw std::invalid_argument("tile_config: cluster cells finer than world_position's steps");
  }
  return bits;
}

std::uint64_t cell_key(index::kind_idx k, world_point w, unsigned z, unsigned grid_bits) {
  auto const bits = z + grid_bits;
  auto const column = std::uint64_t{w.x_} >> (32U - bits);
  auto const row = std::uint64_t{w.y_} >> (32U - bits);
  return (std::uint64_t{k} << (2U * bits)) | morton(column, row);
}

void make_clusters(index::catalog const& cat, std::vector<cluster_member>& members,
                   std::vector<cluster>& out) {
  sort_by_cell(members);
  append_clusters(totals_of(cat, members), out);
}

cluster_index::cluster_index(index::catalog const& cat, tile_config const& cfg)
    : cfg_{cfg}, grid_bits_{cluster_grid_bits(cfg)}, levels_(cfg.cluster_below_zoom_) {
  if (cfg.cluster_below_zoom_ == 0) {
    return;
  }
  auto const deepest = cfg.cluster_below_zoom_ - 1U;
  // A key holds two bits a level of the deepest zoom's cells, and the kind above them.
  auto const cell_bits = 2U * (deepest + grid_bits_);
  if (cell_bits + static_cast<unsigned>(std::bit_width(cat.kinds().size())) > 64U) {
    throw std::invalid_argument("tile_config: cluster zooms too deep for the cluster index");
  }
  std::vector<cluster_member> members;
  members.reserve(cat.size());
  std::vector<model::box> other_boxes;
  // The catalog's per-entity arrays, read in order: the entities themselves are far larger.
  for (index::entity_idx i = 0; i < cat.size(); ++i) {
    if (!cat.is_single_point(i)) {
      if (!cat.bounds(i).empty()) {  // empty: no geometry
        others_entity_.push_back(i);
        other_boxes.push_back(cat.bounds(i));
      }
      continue;
    }
    auto const w = world_position(*cat.point(i));
    members.push_back({cell_key(cat.kind_of(i), w, deepest, grid_bits_), w, i});
  }
  others_ = index::rtree{other_boxes};
  sort_by_cell(members);
  points_.reserve(members.size());
  kind_first_.assign(cat.kinds().size() + 1, 0);
  for (auto const& m : members) {
    points_.push_back({m.at_, m.entity_});
    ++kind_first_[cat.kind_of(m.entity_) + 1];
  }
  std::partial_sum(kind_first_.begin(), kind_first_.end(), kind_first_.begin());
  auto totals = totals_of(cat, members);
  members = {};
  append_clusters(totals, levels_[deepest]);
  for (auto z = deepest; z-- > 0;) {
    totals = parent_totals(cat, totals);
    append_clusters(totals, levels_[z]);
  }
}

std::span<cluster const> cluster_index::in_tile(index::kind_idx k, tile_id const& t) const {
  auto const& level = levels_.at(t.z_);
  auto const bits = t.z_ + grid_bits_;
  auto const first = (std::uint64_t{k} << (2U * bits)) | (morton(t.x_, t.y_) << (2U * grid_bits_));
  auto const last = first + (std::uint64_t{1} << (2U * grid_bits_));
  auto const by_cell = [](cluster const& c, std::uint64_t cell) { return c.cell_ < cell; };
  auto const begin = std::lower_bound(level.begin(), level.end(), first, by_cell);
  auto const end = std::lower_bound(begin, level.end(), last, by_cell);
  return {begin, end};
}

void cluster_index::in_tile_during(index::catalog const& cat, index::kind_idx k, tile_id const& t,
                                   std::int32_t from, std::int32_t to,
                                   std::vector<cluster>& out) const {
  auto const deepest = cfg_.cluster_below_zoom_ - 1U;
  auto const cells_below = 2U * (deepest - t.z_);  // bits of the deepest cells under a cell
  auto const tile_bits = 2U * grid_bits_ + cells_below;
  auto const first = morton(t.x_, t.y_) << tile_bits;
  auto const last = first + (std::uint64_t{1} << tile_bits);
  auto const deep_key = [&](point const& p) { return cell_key(0, p.at_, deepest, grid_bits_); };
  auto const kind_points =
      std::span{points_}.subspan(kind_first_.at(k), kind_first_.at(k + 1) - kind_first_.at(k));
  auto const begin = std::partition_point(kind_points.begin(), kind_points.end(),
                                          [&](point const& p) { return deep_key(p) < first; });
  auto const end = std::partition_point(begin, kind_points.end(),
                                        [&](point const& p) { return deep_key(p) < last; });
  // In cell order already: the tile's cells are the deepest cells' keys without their low bits.
  thread_local std::vector<cluster_member> members;
  members.clear();
  for (auto it = begin; it != end; ++it) {
    if (cat.times().item_overlaps(it->entity_, from, to)) {
      members.push_back({deep_key(*it) >> cells_below, it->at_, it->entity_});
    }
  }
  append_clusters(totals_of(cat, members), out);
}

void cluster_index::others_in_box(model::box const& query,
                                  std::vector<index::entity_idx>& out) const {
  auto const first = out.size();
  others_.search(query, out);
  for (auto i = first; i < out.size(); ++i) {
    out[i] = others_entity_[out[i]];
  }
}

bool cluster_index::made_for(tile_config const& cfg) const {
  return cfg.extent_ == cfg_.extent_ && cfg.cluster_cell_ == cfg_.cluster_cell_ &&
         cfg.cluster_below_zoom_ == cfg_.cluster_below_zoom_;
}

std::size_t cluster_index::memory_bytes() const {
  auto bytes = others_.memory_bytes() + others_entity_.capacity() * sizeof(index::entity_idx) +
               points_.capacity() * sizeof(point) + kind_first_.capacity() * sizeof(std::uint32_t);
  for (auto const& l : levels_) {
    bytes += l.capacity() * sizeof(cluster);
  }
  return bytes;
}

}  // namespace zhitu::tiles
