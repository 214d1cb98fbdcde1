// SPDX-License-Identifier: Apache-2.0
// PMTiles v3 archives (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md): the map's
// vector tiles in one static file that MapLibre reads through the `pmtiles` protocol, with no
// server — for publishing an atlas on any web host or a USB stick.
//
//   pmtiles_options opt{.max_zoom_ = 10, .sets_ = {tileset::kBasemap, tileset::kEntities}};
//   std::ofstream out{"luoyang.pmtiles", std::ios::binary};
//   auto const summary = write_pmtiles(*catalog, opt, out);
//
// Every tile from zoom 0 to max_zoom_ that holds a feature of the chosen sets (all sets of a tile
// in one MVT: their layers side by side) is rendered as the server would, gzip-compressed, and
// written in tile-id (Hilbert) order; identical tiles are stored once and runs of them share one
// directory entry. Directories are gzip-compressed; a root too large for the first 16 KiB is
// split into leaf directories. Metadata is TileJSON-like JSON (name, attribution, vector_layers).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "index/catalog.h"
#include "tiles/render.h"

namespace zhitu::tiles {

struct pmtiles_options {
  std::uint8_t min_zoom_{0};
  std::uint8_t max_zoom_{8};
  std::vector<tileset> sets_{tileset::kBasemap, tileset::kEntities};
  std::optional<model::box> bounds_;  // default: the extent of the chosen sets' entities
  std::string name_{"zhitu"};
};

struct pmtiles_summary {
  std::size_t tiles_addressed_{0};  // tiles with data
  std::size_t tile_contents_{0};    // distinct tiles stored
  std::size_t bytes_{0};
};

// The PMTiles tile id of (z, x, y): tiles of lower zooms first, then the Hilbert curve.
std::uint64_t pmtiles_tile_id(tile_id const& t);

// Called after each zoom: (zoom, tiles with data so far).
using pmtiles_progress = std::function<void(std::uint8_t, std::size_t)>;

// REQUIRES: min_zoom_ <= max_zoom_ <= 15. Throws zhitu::exception when the stream fails.
pmtiles_summary write_pmtiles(index::catalog const& cat, pmtiles_options const& opt,
                              std::ostream& out, pmtiles_progress const& progress = {});

}  // namespace zhitu::tiles
