// SPDX-License-Identifier: Apache-2.0
// A small MVT 2.1 reader for tests, written from the spec independently of the encoder.
#pragma once

#include <cstdint>
#include <map>
#include <protozero/pbf_reader.hpp>
#include <string>
#include <variant>
#include <vector>

namespace zhitu::test {

struct decoded_feature {
  std::uint64_t id_{0};
  std::uint32_t type_{0};
  std::map<std::string, std::variant<std::string, double, std::int64_t, bool>> props_;
  std::vector<std::vector<std::pair<std::int32_t, std::int32_t>>> parts_;  // paths or rings
};

struct decoded_layer {
  std::string name_;
  std::uint32_t version_{0};
  std::uint32_t extent_{4096};
  std::vector<decoded_feature> features_;
  std::size_t n_values_{0};  // entries of the layer's `values` table
};

inline std::vector<decoded_layer> decode_mvt(std::string const& data) {
  std::vector<decoded_layer> layers;
  protozero::pbf_reader tile{data};
  while (tile.next(3)) {
    auto layer_msg = tile.get_message();
    decoded_layer l;
    std::vector<std::string> keys;
    std::vector<std::variant<std::string, double, std::int64_t, bool>> values;
    std::vector<std::pair<std::vector<std::uint32_t>, decoded_feature>> raw;
    while (layer_msg.next()) {
      switch (layer_msg.tag()) {
        case 1:
          l.name_ = layer_msg.get_string();
          break;
        case 15:
          l.version_ = layer_msg.get_uint32();
          break;
        case 5:
          l.extent_ = layer_msg.get_uint32();
          break;
        case 3:
          keys.push_back(layer_msg.get_string());
          break;
        case 4: {
          auto v = layer_msg.get_message();
          while (v.next()) {
            switch (v.tag()) {
              case 1:
                values.emplace_back(v.get_string());
                break;
              case 2:
                values.emplace_back(static_cast<double>(v.get_float()));
                break;
              case 3:
                values.emplace_back(v.get_double());
                break;
              case 4:
                values.emplace_back(v.get_int64());
                break;
              case 5:
                values.emplace_back(static_cast<std::int64_t>(v.get_uint64()));
                break;
              case 6:
                values.emplace_back(v.get_sint64());
                break;
              case 7:
                values.emplace_back(v.get_bool());
                break;
              default:
                v.skip();
            }
          }
          break;
        }
        case 2: {
          auto f = layer_msg.get_message();
          decoded_feature df;
          std::vector<std::uint32_t> tags;
          std::vector<std::uint32_t> geom;
          while (f.next()) {
            switch (f.tag()) {
              case 1:
                df.id_ = f.get_uint64();
                break;
              case 2:
                for (auto const t : f.get_packed_uint32()) {
                  tags.push_back(t);
                }
                break;
              case 3:
                df.type_ = static_cast<std::uint32_t>(f.get_enum());
                break;
              case 4:
                for (auto const g : f.get_packed_uint32()) {
                  geom.push_back(g);
                }
                break;
              default:
                f.skip();
            }
          }
          // Decode the command stream (spec 4.3).
          std::int32_t x = 0;
          std::int32_t y = 0;
          for (std::size_t i = 0; i < geom.size();) {
            auto const cmd = geom[i] & 7U;
            auto const count = geom[i] >> 3U;
            ++i;
            if (cmd == 7) {
              continue;  // ClosePath
            }
            if (cmd == 1) {
              df.parts_.emplace_back();
            }
            for (std::uint32_t c = 0; c < count; ++c) {
              auto const dx = static_cast<std::int32_t>((geom[i] >> 1U) ^ -(geom[i] & 1U));
              auto const dy = static_cast<std::int32_t>((geom[i + 1] >> 1U) ^ -(geom[i + 1] & 1U));
              i += 2;
              x += dx;
              y += dy;
              if (df.type_ == 1 && cmd == 1 && c > 0) {
                df.parts_.emplace_back();
              }
              df.parts_.back().emplace_back(x, y);
            }
          }
          raw.emplace_back(tags, std::move(df));
          break;
        }
        default:
          layer_msg.skip();
      }
    }
    l.n_values_ = values.size();
    for (auto& [tags, df] : raw) {
      for (std::size_t t = 0; t + 1 < tags.size(); t += 2) {
        df.props_[keys.at(tags[t])] = values.at(tags[t + 1]);
      }
      l.features_.push_back(std::move(df));
    }
    layers.push_back(std::move(l));
  }
  return layers;
}

// Twice the signed area of a ring in tile coordinates (positive: exterior, per MVT 2.1).
inline std::int64_t ring_area2(std::vector<std::pair<std::int32_t, std::int32_t>> const& r) {
  std::int64_t a = 0;
  for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
    a += std::int64_t{r[j].first} * r[i].second - std::int64_t{r[i].first} * r[j].second;
  }
  return a;
}

}  // namespace zhitu::test
