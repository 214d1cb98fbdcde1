// SPDX-License-Identifier: Apache-2.0
// The point clusters of the low zooms, made once per catalog, so that a tile over a province
// reads its few hundred clusters instead of every point under it.
//
//   cluster_index const clusters{*catalog};             // the grid of tile_config{}
//   render_tile(*catalog, req, {}, &clusters);          // zooms below cluster_below_zoom_
//
// A cluster is a cell of a grid: each tile of zoom z is cut into (extent / cluster_cell)² cells,
// so a cell of zoom z is the four cells of zoom z+1 under it: the deepest zoom's clusters are
// summed from the points after one radix sort by cell, each zoom above from the one below it.
// Each kind clusters on its own (a tile has a layer a kind). Cells are kept in Morton order of
// their column and row, with the kind above those bits, so one kind's cells in one tile are a
// contiguous run found by binary search: a tile costs O(log cells + its cells).
//
// A cluster's point is the mean of its members' world positions (exact integer sums, rounded);
// its representative is the most prominent member, the lowest entity index among equals. The
// renderer makes the same clusters from a tile's own points when it has no index. For a
// request filtered by years the index keeps the points themselves in cell order too: a tile's
// points of a kind are one run, summed into its cells as they come, those outside the years
// left out (no R-tree, no projection, no sort).
//
// Entities that are not single points are drawn as geometry at every zoom; the index keeps an
// R-tree over their boxes so a low-zoom tile need not list the points to find them.
// Memory: 24 bytes a cell a zoom, 12 bytes a point, and about 40 bytes an entity that is not a
// single point.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "index/catalog.h"
#include "index/space/rtree.h"
#include "tiles/render.h"
#include "tiles/tile_id.h"

namespace zhitu::tiles {

struct cluster {
  std::uint64_t cell_;  // the kind, then the Morton code of the cell's column and row
  std::uint32_t count_;
  index::entity_idx best_;
  world_point centre_;
};

// A point being clustered.
struct cluster_member {
  std::uint64_t cell_;
  world_point at_;
  index::entity_idx entity_;
};

// log2 of the cells a tile side. Throws std::invalid_argument unless `cfg.cluster_cell_`
// divides `cfg.extent_` by a power of two and every clustering zoom's cells are whole world
// steps (zoom + grid bits <= 32).
unsigned cluster_grid_bits(tile_config const& cfg);

// The key of the cell of zoom `z` holding `w`, for a grid of 2^grid_bits cells a tile side.
std::uint64_t cell_key(index::kind_idx k, world_point w, unsigned z, unsigned grid_bits);

// Sorts `members` by cell and appends one cluster per cell, in cell order, to `out`.
void make_clusters(index::catalog const& cat, std::vector<cluster_member>& members,
                   std::vector<cluster>& out);

class cluster_index {
 public:
  // Throws std::invalid_argument when `cfg`'s cells do not divide its extent by a power of two,
  // or its zooms and the catalog's kinds do not fit a 64-bit key.
  explicit cluster_index(index::catalog const& cat, tile_config const& cfg = {});

  // Kind `k`'s clusters in tile `t`, in cell order. REQUIRES: t.z_ < cluster_below_zoom_.
  std::span<cluster const> in_tile(index::kind_idx k, tile_id const& t) const;

  // The same of only the points whose time span overlaps [from, to] (the time index's widest
  // reading; undated points never), appended to `out`. `cat` is the catalog the index was made
  // from. REQUIRES: t.z_ < cluster_below_zoom_.
  void in_tile_during(index::catalog const& cat, index::kind_idx k, tile_id const& t,
                      std::int32_t from, std::int32_t to, std::vector<cluster>& out) const;

  // Appends the entities that are not single points and whose box meets `query`.
  void others_in_box(model::box const& query, std::vector<index::entity_idx>& out) const;

  // Whether this index clusters as `cfg` asks (same extent, cell and zooms).
  bool made_for(tile_config const& cfg) const;

  std::size_t size(unsigned z) const { return levels_.at(z).size(); }
  std::size_t memory_bytes() const;

 private:
  tile_config cfg_;
  unsigned grid_bits_;
  std::vector<std::vector<cluster>> levels_;  // by zoom
  // The points in the deepest zoom's cell order; kind k's are [kind_first_[k], kind_first_[k+1]).
  struct point {
    world_point at_;
    index::entity_idx entity_;
  };
  std::vector<point> points_;
  std::vector<std::uint32_t> kind_first_;
  index::rtree others_;  // items: positions in `others_entity_`
  std::vector<index::entity_idx> others_entity_;
};

}  // namespace zhitu::tiles
