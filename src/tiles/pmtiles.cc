// SPDX-License-Identifier: Apache-2.0
#include "tiles/pmtiles.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "model/check.h"
#include "model/hilbert.h"
#include "tiles/cluster_index.h"
#include "tiles/tile_cache.h"

namespace zhitu::tiles {

namespace {

constexpr std::size_t kHeaderBytes = 127;
constexpr std::size_t kRootBudget = 16384 - kHeaderBytes;  // header + root in the first 16 KiB
constexpr std::uint8_t kCompressionGzip = 2;
constexpr std::uint8_t kTileTypeMvt = 1;

struct entry {
  std::uint64_t tile_id_;
  std::uint64_t offset_;
  std::uint32_t length_;
  std::uint32_t run_length_;  // 0: a leaf directory
};

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

template <typename T>
void put_le(std::string& out, T v) {
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    out.push_back(static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xff));
  }
}

// Directory encoding of the spec: count, tile id deltas, run lengths, lengths, offsets (0 when
// the entry follows the one before, else offset + 1); then gzip.
std::string encode_directory(std::span<entry const> entries) {
  std::string raw;
  put_varint(raw, entries.size());
  std::uint64_t last = 0;
  for (auto const& e : entries) {
    put_varint(raw, e.tile_id_ - last);
    last = e.tile_id_;
  }
  for (auto const& e : entries) {
    put_varint(raw, e.run_length_);
  }
  for (auto const& e : entries) {
    put_varint(raw, e.length_);
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    auto const follows =
        i > 0 && entries[i].offset_ == entries[i - 1].offset_ + entries[i - 1].length_;
    put_varint(raw, follows ? 0 : entries[i].offset_ + 1);
  }
  return gzip(raw);
}

// Root and leaves: the root alone when it fits, else leaves of a size that makes it fit.
std::pair<std::string, std::string> build_directories(std::vector<entry> const& entries) {
  auto root = encode_directory(entries);
  if (root.size() <= kRootBudget) {
    return {root, {}};
  }
  for (std::size_t leaf_size = 4096;; leaf_size *= 2) {
    std::vector<entry> root_entries;
    std::string leaves;
    for (std::size_t i = 0; i < entries.size(); i += leaf_size) {
      auto const n = std::min(leaf_size, entries.size() - i);
      auto const leaf = encode_directory(std::span{entries}.subspan(i, n));
      root_entries.push_back(
          {entries[i].tile_id_, leaves.size(), static_cast<std::uint32_t>(leaf.size()), 0});
      leaves += leaf;
    }
    root = encode_directory(root_entries);
    if (root.size() <= kRootBudget) {
      return {root, leaves};
    }
  }
}

std::int32_t e7(double degrees) { return static_cast<std::int32_t>(std::lround(degrees * 1e7)); }

model::box data_bounds(index::catalog const& cat, std::vector<tileset> const& sets) {
  auto const in_set = [&](std::string_view kind) {
    auto const basemap = std::any_of(std::begin(kBasemapLayers), std::end(kBasemapLayers),
                                     [&](basemap_layer const& l) { return l.kind_ == kind; });
    return std::find(sets.begin(), sets.end(), basemap ? tileset::kBasemap : tileset::kEntities) !=
           sets.end();
  };
  model::box b;
  for (index::entity_idx i = 0; i < cat.size(); ++i) {
    if (cat.at(i).geometry_ && in_set(cat.at(i).kind_)) {
      b.extend(cat.bounds(i));
    }
  }
  return b;
}

}  // namespace

std::uint64_t pmtiles_tile_id(tile_id const& t) {
  std::uint64_t base = 0;
  for (std::uint8_t z = 0; z < t.z_; ++z) {
    base += std::uint64_t{1} << (2 * z);
  }
  return base + model::hilbert_index(t.z_, t.x_, t.y_);
}

pmtiles_summary write_pmtiles(index::catalog const& cat, pmtiles_options const& opt,
                              std::ostream& out, pmtiles_progress const& progress) {
  ZHITU_CHECK(opt.min_zoom_ <= opt.max_zoom_ && opt.max_zoom_ <= 15, "pmtiles zoom range");
  auto const bounds = opt.bounds_.value_or(data_bounds(cat, opt.sets_));
  pmtiles_summary summary;

  // Tiles in tile-id order: every tile is rendered, compressed and kept (an export at zoom 10
  // of a province is some tens of MB).
  struct tile {
    std::uint64_t id_;
    std::string gzip_;
  };
  std::vector<tile> tiles;
  std::optional<cluster_index> clusters;
  if (!bounds.empty() && opt.min_zoom_ < tile_config{}.cluster_below_zoom_) {
    clusters.emplace(cat);
  }
  if (!bounds.empty()) {
    for (auto z = opt.min_zoom_; z <= opt.max_zoom_; ++z) {
      auto const nw = tile_of({bounds.min_lon_, bounds.max_lat_}, z);
      auto const se = tile_of({bounds.max_lon_, bounds.min_lat_}, z);
      for (auto x = nw.x_; x <= se.x_; ++x) {
        for (auto y = nw.y_; y <= se.y_; ++y) {
          std::string mvt;
          for (auto const set : opt.sets_) {
            // Layers concatenate.
            mvt += render_tile(cat, {.tile_ = {z, x, y}, .set_ = set}, {},
                               clusters ? &*clusters : nullptr);
          }
          if (!mvt.empty()) {
            tiles.push_back({pmtiles_tile_id({z, x, y}), gzip(mvt)});
          }
        }
      }
      if (progress) {
        progress(z, tiles.size());
      }
    }
  }
  std::sort(tiles.begin(), tiles.end(), [](tile const& a, tile const& b) { return a.id_ < b.id_; });

  // Identical tiles (empty seas of one county, say) are stored once; consecutive ones share an
  // entry with a run length.
  std::string data;
  std::vector<entry> entries;
  std::unordered_map<std::string_view, std::uint64_t> stored;  // content → offset in `data`
  for (auto const& t : tiles) {
    auto const it = stored.find(t.gzip_);
    auto const offset = it != stored.end() ? it->second : data.size();
    if (it == stored.end()) {
      data += t.gzip_;
      stored.emplace(t.gzip_, offset);
      ++summary.tile_contents_;
    }
    auto const length = static_cast<std::uint32_t>(t.gzip_.size());
    if (!entries.empty() && entries.back().offset_ == offset &&
        entries.back().tile_id_ + entries.back().run_length_ == t.id_) {
      ++entries.back().run_length_;
    } else {
      entries.push_back({t.id_, offset, length, 1});
    }
  }
  summary.tiles_addressed_ = tiles.size();

  auto const [root, leaves] = build_directories(entries);
  nlohmann::json layers = nlohmann::json::array();
  for (auto const set : opt.sets_) {
    if (set == tileset::kBasemap) {
      for (auto const& l : kBasemapLayers) {
        layers.push_back(
            {{"id", l.kind_}, {"minzoom", l.min_zoom_}, {"fields", nlohmann::json::object()}});
        layers.push_back({{"id", std::string{l.kind_} + "_label"},
                          {"minzoom", l.min_zoom_},
                          {"fields", nlohmann::json::object()}});
      }
    } else {
      for (auto const& k : cat.kinds()) {
        auto const basemap =
            std::any_of(std::begin(kBasemapLayers), std::end(kBasemapLayers),
                        [&](basemap_layer const& l) { return l.kind_ == k.kind_; });
        if (!basemap) {
          layers.push_back({{"id", k.kind_},
                            {"fields",
                             {{"id", "String"},
                              {"kind", "String"},
                              {"name", "String"},
                              {"name_en", "String"},
                              {"start", "Number"},
                              {"end", "Number"}}}});
        }
      }
    }
  }
  std::string attribution;
  for (auto const& d : cat.datasets()) {
    attribution += (attribution.empty() ? "" : "; ") + d.title_;
  }
  auto const metadata = gzip(nlohmann::json{
      {"name", opt.name_},
      {"format", "pbf"},
      {"attribution", attribution},
      {"vector_layers", layers}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));

  std::string header;
  header.reserve(kHeaderBytes);
  header += "PMTiles";
  header.push_back(3);
  auto const root_offset = std::uint64_t{kHeaderBytes};
  auto const metadata_offset = root_offset + root.size();
  auto const leaves_offset = metadata_offset + metadata.size();
  auto const data_offset = leaves_offset + leaves.size();
  for (auto const v : {root_offset, std::uint64_t{root.size()}, metadata_offset,
                       std::uint64_t{metadata.size()}, leaves_offset, std::uint64_t{leaves.size()},
                       data_offset, std::uint64_t{data.size()}, std::uint64_t{tiles.size()},
                       std::uint64_t{entries.size()}, std::uint64_t{summary.tile_contents_}}) {
    put_le<std::uint64_t>(header, v);
  }
  header.push_back(1);                                    // clustered: tile data in tile-id order
  header.push_back(static_cast<char>(kCompressionGzip));  // internal (directories, metadata)
  header.push_back(static_cast<char>(kCompressionGzip));  // tiles
  header.push_back(static_cast<char>(kTileTypeMvt));
  header.push_back(static_cast<char>(opt.min_zoom_));
  header.push_back(static_cast<char>(opt.max_zoom_));
  auto const b = bounds.empty() ? model::box{-180, -85, 180, 85} : bounds;
  for (auto const v : {e7(b.min_lon_), e7(std::max(b.min_lat_, -85.0)), e7(b.max_lon_),
                       e7(std::min(b.max_lat_, 85.0))}) {
    put_le<std::int32_t>(header, v);
  }
  auto const c = b.center();
  header.push_back(static_cast<char>((opt.min_zoom_ + opt.max_zoom_) / 2));
  put_le<std::int32_t>(header, e7(c.lon_));
  put_le<std::int32_t>(header, e7(c.lat_));
  ZHITU_CHECK(header.size() == kHeaderBytes, "pmtiles header size");

  for (auto const* part :
       std::array<std::string const*, 5>{&header, &root, &metadata, &leaves, &data}) {
    out.write(part->data(), static_cast<std::streamsize>(part->size()));
  }
  if (!out) {
    throw zhitu::exception("writing the PMTiles archive failed");
  }
  summary.bytes_ = data_offset + data.size();
  return summary;
}

}  // namespace zhitu::tiles
