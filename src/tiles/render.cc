// SPDX-License-Identifier: Apache-2.0
#include "tiles/render.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "tiles/cluster_index.h"
#include "tiles/mvt_encoder.h"

namespace zhitu::tiles {

namespace {

using model::geometry;
using model::geometry_type;

std::optional<std::uint8_t> basemap_min_zoom(std::string_view kind) {
  for (auto const& l : kBasemapLayers) {
    if (l.kind_ == kind) {
      return l.min_zoom_;
    }
  }
  return std::nullopt;
}

double segment_distance_sq(tile_point p, tile_point a, tile_point b) {
  auto const dx = b.x_ - a.x_;
  auto const dy = b.y_ - a.y_;
  auto const len_sq = dx * dx + dy * dy;
  auto t = len_sq == 0 ? 0.0 : ((p.x_ - a.x_) * dx + (p.y_ - a.y_) * dy) / len_sq;
  t = std::clamp(t, 0.0, 1.0);
  auto const ex = a.x_ + t * dx - p.x_;
  auto const ey = a.y_ + t * dy - p.y_;
  return ex * ex + ey * ey;
}

// Douglas–Peucker with an explicit stack; keeps both ends.
std::vector<tile_point> simplify(std::vector<tile_point> const& pts, double tolerance) {
  if (pts.size() < 3 || tolerance <= 0) {
    return pts;
  }
  std::vector<bool> keep(pts.size(), false);
  keep.front() = keep.back() = true;
  std::vector<std::pair<std::size_t, std::size_t>> stack{{0, pts.size() - 1}};
  auto const tol_sq = tolerance * tolerance;
  while (!stack.empty()) {
    auto const [first, last] = stack.back();
    stack.pop_back();
    auto best = first;
    auto best_d = 0.0;
    for (auto i = first + 1; i < last; ++i) {
      auto const d = segment_distance_sq(pts[i], pts[first], pts[last]);
      if (d > best_d) {
        best_d = d;
        best = i;
      }
    }
    if (best_d > tol_sq) {
      keep[best] = true;
      stack.emplace_back(first, best);
      stack.emplace_back(best, last);
    }
  }
  std::vector<tile_point> out;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (keep[i]) {
      out.push_back(pts[i]);
    }
  }
  return out;
}

// Sutherland–Hodgman against the buffered tile square; a ring stays a ring (edges along the
// border are fine for fills, and the outline layer is drawn from the same ring).
std::vector<tile_point> clip_ring(std::vector<tile_point> ring, double lo, double hi) {
  auto clip_edge = [](std::vector<tile_point> const& in, auto inside, auto cross) {
    std::vector<tile_point> out;
    for (std::size_t i = 0; i < in.size(); ++i) {
      auto const& cur = in[i];
      auto const& prev = in[(i + in.size() - 1) % in.size()];
      if (inside(cur)) {
        if (!inside(prev)) {
          out.push_back(cross(prev, cur));
        }
        out.push_back(cur);
      } else if (inside(prev)) {
        out.push_back(cross(prev, cur));
      }
    }
    return out;
  };
  auto at_x = [](double x) {
    return [x](tile_point a, tile_point b) {
      return tile_point{x, a.y_ + (b.y_ - a.y_) * (x - a.x_) / (b.x_ - a.x_)};
    };
  };
  auto at_y = [](double y) {
    return [y](tile_point a, tile_point b) {
      return tile_point{a.x_ + (b.x_ - a.x_) * (y - a.y_) / (b.y_ - a.y_), y};
    };
  };
  ring = clip_edge(
      ring, [lo](tile_point p) { return p.x_ >= lo; }, at_x(lo));
  ring = clip_edge(
      ring, [hi](tile_point p) { return p.x_ <= hi; }, at_x(hi));
  ring = clip_edge(
      ring, [lo](tile_point p) { return p.y_ >= lo; }, at_y(lo));
  ring = clip_edge(
      ring, [hi](tile_point p) { return p.y_ <= hi; }, at_y(hi));
  return ring;
}

// Liang–Barsky per segment; consecutive visible segments are joined into one line.
std::vector<std::vector<tile_point>> clip_line(std::vector<tile_point> const& line, double lo,
                                               double hi) {
  std::vector<std::vector<tile_point>> out;
  std::vector<tile_point> current;
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    auto a = line[i];
    auto b = line[i + 1];
    auto t0 = 0.0;
    auto t1 = 1.0;
    auto const dx = b.x_ - a.x_;
    auto const dy = b.y_ - a.y_;
    auto visible = true;
    for (auto const& [p, q] : {std::pair{-dx, a.x_ - lo}, std::pair{dx, hi - a.x_},
                               std::pair{-dy, a.y_ - lo}, std::pair{dy, hi - a.y_}}) {
      if (p == 0) {
        visible = visible && q >= 0;
      } else if (auto const r = q / p; p < 0) {
        t0 = std::max(t0, r);
      } else {
        t1 = std::min(t1, r);
      }
    }
    if (!visible || t0 > t1) {
      if (!current.empty()) {
        out.push_back(std::move(current));
        current.clear();
      }
      continue;
    }
    tile_point const from{a.x_ + t0 * dx, a.y_ + t0 * dy};
    tile_point const to{a.x_ + t1 * dx, a.y_ + t1 * dy};
    if (current.empty()) {
      current.push_back(from);
    }
    current.push_back(to);
    if (t1 < 1.0) {
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) {
    out.push_back(std::move(current));
  }
  return out;
}

std::vector<ipoint> quantize(std::vector<tile_point> const& pts) {
  std::vector<ipoint> out;
  out.reserve(pts.size());
  for (auto const p : pts) {
    ipoint const q{static_cast<std::int32_t>(std::lround(p.x_)),
                   static_cast<std::int32_t>(std::lround(p.y_))};
    if (out.empty() || !(out.back() == q)) {
      out.push_back(q);
    }
  }
  return out;
}

// Twice the signed area in tile coordinates; positive means clockwise on screen (y down),
// which MVT requires of exterior rings.
std::int64_t twice_area(std::vector<ipoint> const& ring) {
  std::int64_t a = 0;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    a += std::int64_t{ring[j].x_} * ring[i].y_ - std::int64_t{ring[i].x_} * ring[j].y_;
  }
  return a;
}

// A tile's entities lie scattered over a catalog far larger than the caches, and each costs a
// few memory round trips (the entity, then its name and its vertices on the heap). Asking for
// them some entities ahead lets those round trips overlap instead of queueing.
constexpr std::size_t kPrefetchDistance = 8;

// REQUIRES: `e` is in cache (`model::prefetch` some time ago), as this reads its pointers.
void prefetch_heap_parts(model::entity const& e) {
  __builtin_prefetch(e.names_.primary().data());
  if (e.geometry_) {
    __builtin_prefetch(e.geometry_->points_.data());
  }
}

class tile_builder {
 public:
  tile_builder(index::catalog const& cat, tile_request const& req, tile_config const& cfg)
      : cat_{cat},
        req_{req},
        cfg_{cfg},
        lo_{-static_cast<double>(cfg.buffer_)},
        hi_{static_cast<double>(cfg.extent_ + cfg.buffer_)},
        grid_bits_{cfg.cluster_below_zoom_ > 0 ? cluster_grid_bits(cfg) : 0} {}

  // `precision`: `cat.position_precision(i)`, looked up ahead by the caller.
  void add(index::entity_idx i, std::size_t layer, std::string_view precision) {
    add_geometry(i, *cat_.at(i).geometry_, layer, precision);
  }

  // A single point at a clustering zoom, counted by the tile that owns it (so neighbours never
  // count it twice). Reads the catalog's point array, not the entity.
  void add_to_cluster(index::entity_idx i, std::size_t layer) {
    auto const w = world_position(*cat_.point(i));
    auto const shift = 32U - req_.tile_.z_;
    if ((std::uint64_t{w.x_} >> shift) != req_.tile_.x_ ||
        (std::uint64_t{w.y_} >> shift) != req_.tile_.y_) {
      return;
    }
    members_[layer].push_back({cell_key(0, w, req_.tile_.z_, grid_bits_), w, i});
  }

  std::size_t layer_for(index::kind_idx k) {
    auto const [it, inserted] = layer_of_.try_emplace(k, layers_.size());
    if (inserted) {
      layers_.emplace_back(cat_.kinds()[k].kind_, cfg_.extent_);
      members_.emplace_back();
    }
    return it->second;
  }

  // Clusters made elsewhere (the cluster index), in the layer's feature order.
  void add_clusters(std::size_t layer, std::span<cluster const> clusters) {
    for (auto const& c : clusters) {
      add_cluster(layer, c);
    }
  }

  // Areas are labelled once, at their representative point, by the tile that holds it; a
  // symbol layer on the polygons themselves would repeat the name in every tile they cross.
  void add_label(index::entity_idx i, index::kind_idx k) {
    auto const p = project(*cat_.point(i));
    auto const extent = static_cast<double>(cfg_.extent_);
    if (p.x_ < 0 || p.y_ < 0 || p.x_ >= extent || p.y_ >= extent) {
      return;
    }
    auto const [it, inserted] = label_layer_of_.try_emplace(k, layers_.size());
    if (inserted) {
      layers_.emplace_back(cat_.kinds()[k].kind_ + "_label", cfg_.extent_);
      members_.emplace_back();
    }
    ipoint const q{static_cast<std::int32_t>(std::lround(p.x_)),
                   static_cast<std::int32_t>(std::lround(p.y_))};
    layers_[it->second].add_points(feature_id(i), {&q, 1},
                                   properties(i, cat_.position_precision(i)));
  }

  std::string finish() {
    std::vector<cluster> clusters;
    for (std::size_t l = 0; l < layers_.size(); ++l) {
      clusters.clear();
      make_clusters(cat_, members_[l], clusters);
      add_clusters(l, clusters);
    }
    return encode_tile(layers_);
  }

 private:
  static constexpr std::uint64_t kClusterBit = std::uint64_t{1} << 40U;

  void add_cluster(std::size_t layer, cluster const& c) {
    auto const t = to_tile(c.centre_, req_.tile_, cfg_.extent_);
    ipoint const p{static_cast<std::int32_t>(std::lround(t.x_)),
                   static_cast<std::int32_t>(std::lround(t.y_))};
    auto& props = properties(c.best_, cat_.position_precision(c.best_));
    if (c.count_ > 1) {
      props.emplace_back("cluster", true);
      props.emplace_back("point_count", std::int64_t{c.count_});
    }
    layers_[layer].add_points(feature_id(c.best_) | (c.count_ > 1 ? kClusterBit : 0), {&p, 1},
                              props);
  }

  static std::uint64_t feature_id(index::entity_idx i) { return std::uint64_t{i} + 1; }

  // The feature's attributes, in `props_` (reused: one vector per tile, not per feature).
  mvt_properties& properties(index::entity_idx i, std::string_view precision) {
    auto const& e = cat_.at(i);
    auto& p = props_;
    p.clear();
    p.emplace_back("id", std::string_view{e.id_});
    p.emplace_back("kind", std::string_view{e.kind_});
    p.emplace_back("name", std::string_view{e.names_.primary()});
    if (!e.names_.en_.empty()) {
      p.emplace_back("name_en", std::string_view{e.names_.en_});
    }
    if (e.time_) {
      p.emplace_back("start", std::int64_t{e.time_->first_year()});
      p.emplace_back("end", std::int64_t{e.time_->last_year()});
    }
    if (!precision.empty()) {
      p.emplace_back("position_precision", precision);
    }
    return p;
  }

  tile_point project(model::lon_lat p) const { return to_tile(p, req_.tile_, cfg_.extent_); }

  bool inside_buffer(tile_point p) const {
    return p.x_ >= lo_ && p.x_ <= hi_ && p.y_ >= lo_ && p.y_ <= hi_;
  }

  std::vector<tile_point> project_line(geometry const& g, std::size_t line) const {
    std::vector<tile_point> out;
    for (auto const p : model::line(g, line)) {
      out.push_back(project(p));
    }
    return out;
  }

  void add_geometry(index::entity_idx i, geometry const& g, std::size_t layer,
                    std::string_view precision) {
    switch (g.type_) {
      case geometry_type::kPoint:
      case geometry_type::kMultiPoint: {
        auto& pts = points_;
        pts.clear();
        for (auto const p : g.points_) {
          if (auto const t = project(p); inside_buffer(t)) {
            pts.push_back({static_cast<std::int32_t>(std::lround(t.x_)),
                           static_cast<std::int32_t>(std::lround(t.y_))});
          }
        }
        if (!pts.empty()) {
          layers_[layer].add_points(feature_id(i), pts, properties(i, precision));
        }
        return;
      }
      case geometry_type::kLineString:
      case geometry_type::kMultiLineString: {
        std::vector<std::vector<ipoint>> lines;
        for (std::size_t l = 0; l < g.line_ends_.size(); ++l) {
          auto const simplified = simplify(project_line(g, l), cfg_.simplify_tolerance_);
          for (auto const& part : clip_line(simplified, lo_, hi_)) {
            if (auto q = quantize(part); q.size() >= 2) {
              lines.push_back(std::move(q));
            }
          }
        }
        if (!lines.empty()) {
          layers_[layer].add_lines(feature_id(i), lines, properties(i, precision));
        }
        return;
      }
      case geometry_type::kPolygon:
      case geometry_type::kMultiPolygon: {
        std::vector<std::vector<ipoint>> rings;
        auto const n_parts = g.type_ == geometry_type::kPolygon ? 1U : g.part_ends_.size();
        for (std::size_t part = 0; part < n_parts; ++part) {
          auto const first =
              g.type_ == geometry_type::kPolygon ? 0U : (part == 0 ? 0U : g.part_ends_[part - 1]);
          auto const last =
              g.type_ == geometry_type::kPolygon ? g.line_ends_.size() : g.part_ends_[part];
          for (auto r = first; r < last; ++r) {
            auto ring = quantize(
                clip_ring(simplify(project_line(g, r), cfg_.simplify_tolerance_), lo_, hi_));
            if (ring.size() > 1 && ring.front() == ring.back()) {
              ring.pop_back();
            }
            auto const area = ring.size() >= 3 ? twice_area(ring) : 0;
            if (area == 0) {
              if (r == first) {
                break;  // the exterior vanished: its holes go with it
              }
              continue;
            }
            auto const exterior = r == first;
            if ((area > 0) != exterior) {
              std::reverse(ring.begin(), ring.end());
            }
            rings.push_back(std::move(ring));
          }
        }
        if (!rings.empty()) {
          layers_[layer].add_polygons(feature_id(i), rings, properties(i, precision));
        }
        return;
      }
      case geometry_type::kGeometryCollection:
        for (auto const& m : g.members_) {
          add_geometry(i, m, layer, precision);
        }
        return;
    }
  }

  index::catalog const& cat_;
  tile_request const& req_;
  tile_config const& cfg_;
  double lo_;
  double hi_;
  unsigned grid_bits_;
  std::map<index::kind_idx, std::size_t> layer_of_;
  std::map<index::kind_idx, std::size_t> label_layer_of_;
  std::vector<mvt_layer> layers_;
  std::vector<std::vector<cluster_member>> members_;  // points to cluster, by layer
  mvt_properties props_;
  std::vector<ipoint> points_;
};

}  // namespace

std::optional<tileset> parse_tileset(std::string_view name) {
  if (name == "basemap") {
    return tileset::kBasemap;
  }
  if (name == "entities") {
    return tileset::kEntities;
  }
  return std::nullopt;
}

std::string_view to_string(tileset s) { return s == tileset::kBasemap ? "basemap" : "entities"; }

std::string render_tile(index::catalog const& cat, tile_request const& req, tile_config const& cfg,
                        cluster_index const* clusters) {
  // Which kinds this tile draws: the set's kinds, visible at this zoom, narrowed by the request.
  std::vector<bool> wanted(cat.kinds().size(), false);
  for (std::size_t k = 0; k < wanted.size(); ++k) {
    auto const min_zoom = basemap_min_zoom(cat.kinds()[k].kind_);
    wanted[k] = req.set_ == tileset::kBasemap ? min_zoom && req.tile_.z_ >= *min_zoom : !min_zoom;
  }
  if (req.kinds_) {
    std::vector<bool> asked(wanted.size(), false);
    for (auto const k : *req.kinds_) {
      asked[k] = true;
    }
    for (std::size_t k = 0; k < wanted.size(); ++k) {
      wanted[k] = wanted[k] && asked[k];
    }
  }
  auto const has_time_filter = req.from_year_ || req.to_year_;
  auto const from = req.from_year_.value_or(INT32_MIN);
  auto const to = req.to_year_.value_or(INT32_MAX);
  auto const clustering = req.tile_.z_ < cfg.cluster_below_zoom_;

  // The basemap's few points are not worth it.
  auto const use_index = clusters != nullptr && clustering && req.set_ == tileset::kEntities;
  if (use_index && !clusters->made_for(cfg)) {
    throw std::invalid_argument("render_tile: the cluster index was made for another tile_config");
  }

  std::vector<index::entity_idx> hits;
  auto const box = tile_bounds(req.tile_, static_cast<double>(cfg.buffer_) / cfg.extent_);
  if (use_index) {
    clusters->others_in_box(box, hits);
  } else {
    cat.in_box(box, hits);
  }
  // The per-entity arrays are looked up in passes of their own: the loads are independent,
  // so the processor overlaps their cache misses, which the feature work below would not.
  // Kind, years and, at clustering zooms, single points need no entity: the catalog's arrays
  // and the time index's per-item table answer them.
  tile_builder b{cat, req, cfg};
  std::vector<index::kind_idx> kinds;
  kinds.reserve(hits.size());
  std::size_t n_wanted = 0;
  for (auto const i : hits) {
    auto const k = cat.kind_of(i);
    if (!wanted[k] || (has_time_filter && !cat.times().item_overlaps(i, from, to))) {
      continue;
    }
    if (clustering && cat.is_single_point(i)) {
      b.add_to_cluster(i, b.layer_for(k));
      if (req.set_ == tileset::kBasemap) {
        b.add_label(i, k);
      }
      continue;
    }
    hits[n_wanted++] = i;
    kinds.push_back(k);
  }
  hits.resize(n_wanted);
  std::vector<std::string_view> precisions;
  precisions.reserve(hits.size());
  for (auto const i : hits) {
    precisions.push_back(cat.position_precision(i));
  }
  for (std::size_t h = 0; h < hits.size(); ++h) {
    if (h + 2 * kPrefetchDistance < hits.size()) {
      model::prefetch(cat.at(hits[h + 2 * kPrefetchDistance]));
    }
    if (h + kPrefetchDistance < hits.size()) {
      prefetch_heap_parts(cat.at(hits[h + kPrefetchDistance]));
    }
    auto const i = hits[h];
    auto const k = kinds[h];
    b.add(i, b.layer_for(k), precisions[h]);
    if (req.set_ == tileset::kBasemap) {
      b.add_label(i, k);
    }
  }
  if (use_index) {
    std::vector<cluster> during;
    for (index::kind_idx k = 0; k < wanted.size(); ++k) {
      if (!wanted[k]) {
        continue;
      }
      if (has_time_filter) {
        during.clear();
        clusters->in_tile_during(cat, k, req.tile_, from, to, during);
        if (!during.empty()) {
          b.add_clusters(b.layer_for(k), during);
        }
      } else if (auto const in_tile = clusters->in_tile(k, req.tile_); !in_tile.empty()) {
        b.add_clusters(b.layer_for(k), in_tile);
      }
    }
  }
  return b.finish();
}

}  // namespace zhitu::tiles
