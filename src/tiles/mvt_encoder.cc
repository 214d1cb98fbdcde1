// SPDX-License-Identifier: Apache-2.0
#include "tiles/mvt_encoder.h"

#include <bit>
#include <functional>
#include <protozero/pbf_writer.hpp>
#include <protozero/varint.hpp>

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

// Geometry commands keep one cursor across all parts of a feature (spec 4.3.1).
class geometry_writer {
 public:
  explicit geometry_writer(std::vector<std::uint32_t>& out) : out_{out} { out_.clear(); }

  void command(std::uint32_t id, std::size_t count) {
    out_.push_back((id & 0x7U) | (static_cast<std::uint32_t>(count) << 3U));
  }

  void point(ipoint p) {
    out_.push_back(protozero::encode_zigzag32(p.x_ - cursor_.x_));
    out_.push_back(protozero::encode_zigzag32(p.y_ - cursor_.y_));
    cursor_ = p;
  }

  void path(std::span<ipoint const> pts, bool close) {
    command(kMoveTo, 1);
    point(pts.front());
    command(kLineTo, pts.size() - 1);
    for (std::size_t i = 1; i < pts.size(); ++i) {
      point(pts[i]);
    }
    if (close) {
      command(kClosePath, 1);
    }
  }

 private:
  std::vector<std::uint32_t>& out_;
  ipoint cursor_{0, 0};
};

// Protobuf wire format, written by hand where protozero's nested writers would reserve the
// largest length prefix and then move each small message back over the unused bytes.
char key_byte(protozero::pbf_tag_type tag, protozero::pbf_wire_type type) {
  return static_cast<char>((tag << 3U) | static_cast<std::uint32_t>(type));
}

std::size_t varints_size(std::span<std::uint32_t const> values) {
  std::size_t n = 0;
  for (auto const v : values) {
    n += static_cast<std::size_t>(protozero::length_of_varint(v));
  }
  return n;
}

// A length-delimited field's size: key byte, length, payload.
std::size_t field_size(std::size_t payload) {
  return 1 + static_cast<std::size_t>(protozero::length_of_varint(payload)) + payload;
}

char* put_varint(char* out, std::uint64_t v) {
  return out + protozero::add_varint_to_buffer(out, v);
}

char* put_packed(char* out, protozero::pbf_tag_type tag, std::span<std::uint32_t const> values,
                 std::size_t payload) {
  *out++ = key_byte(tag, protozero::pbf_wire_type::length_delimited);
  out = put_varint(out, payload);
  for (auto const v : values) {
    out = put_varint(out, v);
  }
  return out;
}

// A Layer's `values` field: a Value message holding exactly one field. Returns where a string's
// bytes start in `out`.
std::size_t append_value(std::string& out, mvt_value const& value) {
  if (auto const* s = std::get_if<std::string_view>(&value)) {
    out.push_back(key_byte(kLayerValues, protozero::pbf_wire_type::length_delimited));
    protozero::add_varint_to_buffer(&out, field_size(s->size()));
    out.push_back(key_byte(kValueString, protozero::pbf_wire_type::length_delimited));
    protozero::add_varint_to_buffer(&out, s->size());
    auto const at = out.size();
    out += *s;
    return at;
  }
  std::string field;  // at most 11 bytes, so no allocation
  protozero::pbf_writer w{field};
  if (auto const* d = std::get_if<double>(&value)) {
    w.add_double(kValueDouble, *d);
  } else if (auto const* i = std::get_if<std::int64_t>(&value)) {
    if (*i >= 0) {
      w.add_uint64(kValueUint, static_cast<std::uint64_t>(*i));
    } else {
      w.add_sint64(kValueSint, *i);
    }
  } else {
    w.add_bool(kValueBool, std::get<bool>(value));
  }
  protozero::pbf_writer{out}.add_message(kLayerValues, field);
  return 0;
}

std::uint64_t mix(std::uint64_t x) {  // MurmurHash3's finalizer
  x ^= x >> 33U;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33U;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33U;
  return x;
}

std::uint64_t hash_value(mvt_value const& value) {
  if (auto const* s = std::get_if<std::string_view>(&value)) {
    return std::hash<std::string_view>{}(*s);
  }
  if (auto const* d = std::get_if<double>(&value)) {
    // 0.0 == -0.0, so both must hash alike.
    return mix(*d == 0.0 ? 0 : std::bit_cast<std::uint64_t>(*d));
  }
  if (auto const* i = std::get_if<std::int64_t>(&value)) {
    return mix(static_cast<std::uint64_t>(*i) + 1);
  }
  return mix(std::get<bool>(value) ? 2 : 3);
}

}  // namespace

mvt_layer::mvt_layer(std::string name, std::uint32_t extent)
    : name_{std::move(name)}, extent_{extent} {}

void mvt_layer::add_points(std::uint64_t id, std::span<ipoint const> points,
                           mvt_properties const& props) {
  ZHITU_CHECK(!points.empty(), "point feature without points");
  geometry_writer g{geometry_};
  g.command(kMoveTo, points.size());
  for (auto const p : points) {
    g.point(p);
  }
  add_feature(id, kPoint, props);
}

void mvt_layer::add_lines(std::uint64_t id, std::vector<std::vector<ipoint>> const& lines,
                          mvt_properties const& props) {
  geometry_writer g{geometry_};
  for (auto const& l : lines) {
    ZHITU_CHECK(l.size() >= 2, "line with fewer than 2 points");
    g.path(l, false);
  }
  add_feature(id, kLineString, props);
}

void mvt_layer::add_polygons(std::uint64_t id, std::vector<std::vector<ipoint>> const& rings,
                             mvt_properties const& props) {
  geometry_writer g{geometry_};
  for (auto const& r : rings) {
    ZHITU_CHECK(r.size() >= 3, "ring with fewer than 3 points");
    g.path(r, true);
  }
  add_feature(id, kPolygon, props);
}

void mvt_layer::add_feature(std::uint64_t id, std::uint32_t type, mvt_properties const& props) {
  tags_.clear();
  for (auto const& [key, value] : props) {
    tags_.push_back(key_index(key));
    tags_.push_back(value_index(value));
  }
  // Feature: id, tags (left out when empty, as protobuf leaves out empty packed fields), type,
  // geometry.
  auto const tags_payload = varints_size(tags_);
  auto const geometry_payload = varints_size(geometry_);
  auto const feature_size = 1 + static_cast<std::size_t>(protozero::length_of_varint(id)) +
                            (tags_.empty() ? 0 : field_size(tags_payload)) + 2 +
                            field_size(geometry_payload);
  auto const at = features_.size();
  features_.resize(at + field_size(feature_size));
  auto* out = features_.data() + at;
  *out++ = key_byte(kLayerFeatures, protozero::pbf_wire_type::length_delimited);
  out = put_varint(out, feature_size);
  *out++ = key_byte(kFeatureId, protozero::pbf_wire_type::varint);
  out = put_varint(out, id);
  if (!tags_.empty()) {
    out = put_packed(out, kFeatureTags, tags_, tags_payload);
  }
  *out++ = key_byte(kFeatureType, protozero::pbf_wire_type::varint);
  *out++ = static_cast<char>(type);
  put_packed(out, kFeatureGeometry, geometry_, geometry_payload);
  ++n_features_;
}

std::uint32_t mvt_layer::key_index(std::string_view key) {
  auto const [index, is_new] = key_index_.intern(std::hash<std::string_view>{}(key),
                                                 [&](std::uint32_t i) { return keys_[i] == key; });
  if (is_new) {
    keys_.push_back(key);
  }
  return index;
}

std::uint32_t mvt_layer::value_index(mvt_value const& value) {
  auto const* const s = std::get_if<std::string_view>(&value);
  auto const [index, is_new] = value_index_.intern(hash_value(value), [&](std::uint32_t i) {
    auto const& stored = values_[i];
    if (s == nullptr) {
      return stored.value_ == value;
    }
    auto const* const t = std::get_if<std::string_view>(&stored.value_);
    return t != nullptr && t->size() == s->size() &&
           std::string_view{encoded_values_}.substr(stored.string_at_, s->size()) == *s;
  });
  if (is_new) {
    // Encoded now, so finishing the layer copies bytes rather than visiting variants.
    values_.push_back({value, append_value(encoded_values_, value)});
  }
  return index;
}

void mvt_layer::append_to(std::string& tile) const {
  std::string head;  // the small fields before the values
  protozero::pbf_writer layer{head};
  layer.add_uint32(kLayerVersion, 2);
  layer.add_string(kLayerName, name_);
  for (auto const k : keys_) {
    layer.add_string(kLayerKeys, k.data(), k.size());
  }
  std::string extent;
  protozero::pbf_writer{extent}.add_uint32(kLayerExtent, extent_);
  // Field order within a message is free: features go last, as they are the bulk.
  auto const size = head.size() + encoded_values_.size() + extent.size() + features_.size();
  tile.reserve(tile.size() + field_size(size));
  tile.push_back(key_byte(kTileLayers, protozero::pbf_wire_type::length_delimited));
  protozero::add_varint_to_buffer(&tile, size);
  tile += head;
  tile += encoded_values_;
  tile += extent;
  tile += features_;
}

std::string encode_tile(std::span<mvt_layer const> layers) {
  std::string out;
  for (auto const& l : layers) {
    if (l.size() != 0) {
      l.append_to(out);
    }
  }
  return out;
}

}  // namespace zhitu::tiles
