// SPDX-License-Identifier: Apache-2.0
// A Mapbox Vector Tile 2.1 writer: layers of point, line and polygon features in integer tile
// coordinates, with keys and values deduplicated per layer.
//
//   mvt_layer sites{"heritage_site"};
//   sites.add_points(7, {{2048, 2048}}, {{"name", "龙门石窟"}, {"batch", std::int64_t{1}}});
//   std::string const bytes = encode_tile({sites});       // application/vnd.mapbox-vector-tile
//
// Geometry must already be clipped, simplified and quantized (see render.h); rings are written
// as given, so the caller orients them (exterior positive area in tile coordinates, spec 4.3.4.4).
// Keys and string values are views: what they point to must outlive the layer (the catalog's
// strings do), so a tile of 100k features copies no name until it is encoded.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "tiles/detail/interner.h"

namespace zhitu::tiles {

struct ipoint {
  std::int32_t x_;
  std::int32_t y_;
  friend bool operator==(ipoint const&, ipoint const&) = default;
};

using mvt_value = std::variant<std::string_view, double, std::int64_t, bool>;
using mvt_properties = std::vector<std::pair<std::string_view, mvt_value>>;

class mvt_layer {
 public:
  explicit mvt_layer(std::string name, std::uint32_t extent = 4096);

  // REQUIRES: points not empty.
  void add_points(std::uint64_t id, std::span<ipoint const> points, mvt_properties const& props);
  // REQUIRES: every line has at least 2 points.
  void add_lines(std::uint64_t id, std::vector<std::vector<ipoint>> const& lines,
                 mvt_properties const& props);
  // Rings without the closing point (ClosePath closes them). REQUIRES: each has >= 3 points.
  void add_polygons(std::uint64_t id, std::vector<std::vector<ipoint>> const& rings,
                    mvt_properties const& props);

  std::string const& name() const { return name_; }
  std::size_t size() const { return n_features_; }

  // Appends the Layer message, tagged as a field of the Tile message, to `tile`.
  void append_to(std::string& tile) const;

 private:
  // A value already in the layer. A string is compared with its copy in `encoded_values_`,
  // which is compact and recently written, unlike the catalog strings the views point into.
  struct stored_value {
    mvt_value value_;
    std::size_t string_at_{0};  // where a string's bytes start in `encoded_values_`
  };

  void add_feature(std::uint64_t id, std::uint32_t type, mvt_properties const& props);
  std::uint32_t key_index(std::string_view key);
  std::uint32_t value_index(mvt_value const& value);

  std::string name_;
  std::uint32_t extent_;
  std::string features_;  // encoded Feature fields, appended as features come
  std::size_t n_features_{0};
  detail::interner key_index_;
  std::vector<std::string_view> keys_;
  detail::interner value_index_;
  std::vector<stored_value> values_;
  std::string encoded_values_;           // the Value fields, appended as new values come
  std::vector<std::uint32_t> tags_;      // reused per feature
  std::vector<std::uint32_t> geometry_;  // reused per feature: commands and parameters
};

// The Tile message: every non-empty layer, in the order given.
std::string encode_tile(std::span<mvt_layer const> layers);

}  // namespace zhitu::tiles
