// SPDX-License-Identifier: Apache-2.0
#include "tiles/mvt_encoder.h"

#include <protozero/pbf_writer.hpp>

#include "model/check.h"

namespace zhitu::tiles {

namespace {

// Field numbers of vector_tile.proto (MVT 2.1).
enum : protozero::pbf_tag_type {
  kTileLayers = 3,
  kLayerName = 1,
  kLayerFeatures = 2,
  kLayerKeys = 3,
  kLayerValues = 4,
  kLayerExtent = 5,
  kLayerVersion = 15,
  kFeatureId = 1,
  kFeatureTags = 2,
  kFeatureType = 3,
  kFeatureGeometry = 4,
  kValueString = 1,
  kValueDouble = 3,
  kValueUint = 5,
  kValueSint = 6,
  kValueBool = 7,
};

enum : std::uint32_t { kPoint = 1, kLineString = 2, kPolygon = 3 };
enum : std::uint32_t { kMoveTo = 1, kLineTo = 2, kClosePath = 7 };

std::uint32_t command(std::uint32_t id, std::size_t count) {
  return (id & 0x7U) | (static_cast<std::uint32_t>(count) << 3U);
}

std::uint32_t zigzag(std::int32_t v) {
  return (static_cast<std::uint32_t>(v) << 1U) ^ static_cast<std::uint32_t>(v >> 31);
}

// Geometry commands keep one cursor across all parts of a feature (spec 4.3.1).
struct geometry_writer {
  std::vector<std::uint32_t> out_;
  ipoint cursor_{0, 0};

  void point(ipoint p) {
    out_.push_back(zigzag(p.x_ - cursor_.x_));
    out_.push_back(zigzag(p.y_ - cursor_.y_));
    cursor_ = p;
  }

  void path(std::span<ipoint const> pts, bool close) {
    out_.push_back(command(kMoveTo, 1));
    point(pts.front());
    out_.push_back(command(kLineTo, pts.size() - 1));
    for (std::size_t i = 1; i < pts.size(); ++i) {
      point(pts[i]);
    }
    if (close) {
      out_.push_back(command(kClosePath, 1));
    }
  }
};

}  // namespace

mvt_layer::mvt_layer(std::string name, std::uint32_t extent) : name_{std::move(name)}, extent_{extent} {}

void mvt_layer::add_points(std::uint64_t id, std::span<ipoint const> points,
                           mvt_properties const& props) {
  ZHITU_CHECK(!points.empty(), "point feature without points");
  geometry_writer g;
  g.out_.push_back(command(kMoveTo, points.size()));
  for (auto const p : points) {
    g.point(p);
  }
  add_feature(id, kPoint, g.out_, props);
}

void mvt_layer::add_lines(std::uint64_t id, std::vector<std::vector<ipoint>> const& lines,
                          mvt_properties const& props) {
  geometry_writer g;
  for (auto const& l : lines) {
    ZHITU_CHECK(l.size() >= 2, "line with fewer than 2 points");
    g.path(l, false);
  }
  add_feature(id, kLineString, g.out_, props);
}

void mvt_layer::add_polygons(std::uint64_t id, std::vector<std::vector<ipoint>> const& rings,
                             mvt_properties const& props) {
  geometry_writer g;
  for (auto const& r : rings) {
    ZHITU_CHECK(r.size() >= 3, "ring with fewer than 3 points");
    g.path(r, true);
  }
  add_feature(id, kPolygon, g.out_, props);
}

void mvt_layer::add_feature(std::uint64_t id, std::uint32_t type,
                            std::vector<std::uint32_t> const& geometry, mvt_properties const& props) {
  tags_.clear();
  for (auto const& [key, value] : props) {
    tags_.push_back(key_index(key));
    tags_.push_back(value_index(value));
  }
  protozero::pbf_writer layer{features_};
  protozero::pbf_writer feature{layer, kLayerFeatures};
  feature.add_uint64(kFeatureId, id);
  feature.add_packed_uint32(kFeatureTags, tags_.begin(), tags_.end());
  feature.add_enum(kFeatureType, static_cast<std::int32_t>(type));
  feature.add_packed_uint32(kFeatureGeometry, geometry.begin(), geometry.end());
  ++n_features_;
}

std::uint32_t mvt_layer::key_index(std::string_view key) {
  auto const [it, inserted] = keys_.try_emplace(key, static_cast<std::uint32_t>(keys_.size()));
  if (inserted) {
    key_order_.push_back(key);
  }
  return it->second;
}

std::uint32_t mvt_layer::value_index(mvt_value const& value) {
  auto const [it, inserted] = values_.try_emplace(value, static_cast<std::uint32_t>(values_.size()));
  if (inserted) {
    value_order_.push_back(value);
  }
  return it->second;
}

std::string mvt_layer::finish() const {
  std::string data;
  {
  protozero::pbf_writer layer{data};
  layer.add_uint32(kLayerVersion, 2);
  layer.add_string(kLayerName, name_);
  for (auto const k : key_order_) {
    layer.add_string(kLayerKeys, k.data(), k.size());
  }
  for (auto const& v : value_order_) {
    protozero::pbf_writer value{layer, kLayerValues};
    if (auto const* s = std::get_if<std::string_view>(&v)) {
      value.add_string(kValueString, s->data(), s->size());
    } else if (auto const* d = std::get_if<double>(&v)) {
      value.add_double(kValueDouble, *d);
    } else if (auto const* i = std::get_if<std::int64_t>(&v)) {
      if (*i >= 0) {
        value.add_uint64(kValueUint, static_cast<std::uint64_t>(*i));
      } else {
        value.add_sint64(kValueSint, *i);
      }
    } else {
      value.add_bool(kValueBool, std::get<bool>(v));
    }
  }
  layer.add_uint32(kLayerExtent, extent_);
  }
  data += features_;  // Feature fields, already tagged; field order within a message is free
  return data;
}

std::string encode_tile(std::span<mvt_layer const> layers) {
  std::string out;
  protozero::pbf_writer tile{out};
  for (auto const& l : layers) {
    if (l.size() != 0) {
      tile.add_message(kTileLayers, l.finish());
    }
  }
  return out;
}

}  // namespace zhitu::tiles
