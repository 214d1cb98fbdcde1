// SPDX-License-Identifier: Apache-2.0
#include "index/space/rtree.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "model/crs.h"

namespace zhitu::index {

namespace {

// Orders `items` so that every run of `capacity / kNodeSize` consecutive items from its start is
// a compact tile of the map, and so on down to runs of kNodeSize: the items are cut by
// longitude into about √m slabs of whole tiles (m tiles in all), each slab by latitude into
// tiles, and each tile ordered the same way (the overlap-minimizing top-down load of Lee & Lee,
// 2003). Packed bottom-up in runs of kNodeSize, such an order gives every node a tile of its
// own: less overlap than a Hilbert order, so fewer nodes to open for a query.
void order_top_down(std::span<std::uint32_t> items, std::size_t capacity,
                    std::span<model::lon_lat const> centres) {
  if (capacity <= rtree::kNodeSize || items.size() <= rtree::kNodeSize) {
    return;
  }
  auto const tile = capacity / rtree::kNodeSize;
  auto const n_tiles = (items.size() + tile - 1) / tile;
  auto const slab = tile * static_cast<std::size_t>(std::ceil(std::sqrt(n_tiles)));
  auto const by_lon = [&](std::uint32_t a, std::uint32_t b) {
    return centres[a].lon_ != centres[b].lon_ ? centres[a].lon_ < centres[b].lon_ : a < b;
  };
  auto const by_lat = [&](std::uint32_t a, std::uint32_t b) {
    return centres[a].lat_ != centres[b].lat_ ? centres[a].lat_ < centres[b].lat_ : a < b;
  };
  // Cuts `run` into consecutive parts of `part` items, each holding the smallest of what is left.
  auto const cut = [](std::span<std::uint32_t> run, std::size_t part, auto const& less) {
    for (auto at = part; at < run.size(); at += part) {
      std::nth_element(run.begin() + static_cast<std::ptrdiff_t>(at - part),
                       run.begin() + static_cast<std::ptrdiff_t>(at), run.end(), less);
    }
  };
  cut(items, slab, by_lon);
  for (std::size_t s = 0; s < items.size(); s += slab) {
    auto const slab_items = items.subspan(s, std::min(slab, items.size() - s));
    cut(slab_items, tile, by_lat);
    for (std::size_t t = 0; t < slab_items.size(); t += tile) {
      order_top_down(slab_items.subspan(t, std::min(tile, slab_items.size() - t)), tile, centres);
    }
  }
}

// The smallest kNodeSize^h, h >= 1, that holds n items.
std::size_t packed_capacity(std::size_t n) {
  std::size_t capacity = rtree::kNodeSize;
  while (capacity < n) {
    capacity *= rtree::kNodeSize;
  }
  return capacity;
}

}  // namespace

rtree::rtree(std::span<model::box const> boxes) {
  auto const is_point = [&](std::uint32_t i) {
    return boxes[i].min_lon_ == boxes[i].max_lon_ && boxes[i].min_lat_ == boxes[i].max_lat_;
  };
  std::vector<std::uint32_t> points;
  std::vector<std::uint32_t> others;
  std::vector<model::lon_lat> centres(boxes.size());
  for (std::uint32_t i = 0; i < boxes.size(); ++i) {
    if (!boxes[i].empty()) {
      (is_point(i) ? points : others).push_back(i);
      centres[i] = boxes[i].center();
    }
  }
  if (points.empty() && others.empty()) {
    return;
  }

  // Points first, then the other items, each run ordered top-down, so that a leaf node holds
  // one kind and points are read as 16-byte points.
  order_top_down(points, packed_capacity(points.size()), centres);
  order_top_down(others, packed_capacity(others.size()), centres);
  items_.reserve(points.size() + others.size());
  items_.insert(items_.end(), points.begin(), points.end());
  items_.insert(items_.end(), others.begin(), others.end());
  leaf_points_.reserve(points.size());
  for (auto const i : points) {
    leaf_points_.push_back({boxes[i].min_lon_, boxes[i].min_lat_});
  }
  leaf_boxes_.reserve(others.size());
  for (auto const i : others) {
    leaf_boxes_.push_back(boxes[i]);
  }

  // Each run is packed into parents of kNodeSize children, level by level, apart from the
  // other run (a run of one node still gets a parent of one child) until both are one node;
  // then one root holds them.
  struct run {
    std::uint32_t begin_;
    std::uint32_t end_;
  };
  std::vector<run> runs;
  for (auto const r : {run{0, static_cast<std::uint32_t>(points.size())},
                       run{static_cast<std::uint32_t>(points.size()),
                           static_cast<std::uint32_t>(items_.size())}}) {
    if (r.begin_ < r.end_) {
      runs.push_back(r);
    }
  }
  auto const add_node = [&](std::uint32_t first, std::uint32_t last, std::uint32_t level) {
    model::box b;
    for (auto c = first; c < last; ++c) {
      if (level > 1) {
        b.extend(node_boxes_[c]);
      } else if (is_point_leaf(c)) {
        b.extend(leaf_points_[c]);
      } else {
        b.extend(leaf_boxes_[c - points.size()]);
      }
    }
    node_boxes_.push_back(b);
    first_child_.push_back(first);
  };
  level_ends_.push_back(0);
  for (std::uint32_t level = 1;; ++level) {
    auto const all_single = std::ranges::all_of(runs, [](run r) { return r.end_ - r.begin_ == 1; });
    if (level > 1 && all_single) {
      if (runs.size() > 1) {
        add_node(runs.front().begin_, runs.back().end_, level);
        level_ends_.push_back(static_cast<std::uint32_t>(node_boxes_.size()));
      }
      break;
    }
    for (auto& r : runs) {
      auto const begin = static_cast<std::uint32_t>(node_boxes_.size());
      for (auto first = r.begin_; first < r.end_; first += kNodeSize) {
        add_node(first, std::min(first + kNodeSize, r.end_), level);
      }
      r = {begin, static_cast<std::uint32_t>(node_boxes_.size())};
    }
    level_ends_.push_back(static_cast<std::uint32_t>(node_boxes_.size()));
  }
  node_boxes_.shrink_to_fit();
  first_child_.shrink_to_fit();
}

void rtree::prefetch_children(std::uint32_t node, std::uint32_t level) const {
  auto const first = first_child_[node];
  if (level > 1) {
    __builtin_prefetch(&node_boxes_[first]);
  } else if (is_point_leaf(first)) {
    __builtin_prefetch(&leaf_points_[first]);
    __builtin_prefetch(&items_[first]);
  } else {
    __builtin_prefetch(&leaf_boxes_[first - leaf_points_.size()]);
    __builtin_prefetch(&items_[first]);
  }
}

std::pair<std::uint32_t, std::uint32_t> rtree::leaf_span(std::uint32_t node,
                                                         std::uint32_t level) const {
  auto first = node;
  auto last = node;
  for (auto l = level; l > 1; --l) {
    first = children(first, l).first;
    last = children(last, l).second - 1;
  }
  return {children(first, 1).first, children(last, 1).second};
}

namespace {

bool box_inside(model::box const& b, model::box const& query) {
  return b.min_lon_ >= query.min_lon_ && b.max_lon_ <= query.max_lon_ &&
         b.min_lat_ >= query.min_lat_ && b.max_lat_ <= query.max_lat_;
}

}  // namespace

template <typename Inside, typename CrossingLeafNode>
void rtree::visit(model::box const& query, Inside const& inside,
                  CrossingLeafNode const& crossing_leaf_node) const {
  if (items_.empty() || query.empty()) {
    return;
  }
  struct frame {
    std::uint32_t node_;
    std::uint32_t level_;
  };
  // Nodes on the stack intersect the query without lying inside it. Depth is log16(n), so the
  // stack holds at most a few dozen frames; it is kept per thread to spare an allocation.
  thread_local std::vector<frame> stack;
  stack.clear();
  auto const push = [&](std::uint32_t node, std::uint32_t level) {
    auto const& b = node_boxes_[node];
    if (!b.intersects(query)) {
      return;
    }
    if (box_inside(b, query)) {
      auto const [first, last] = leaf_span(node, level);
      inside(first, last);
    } else if (level == 1) {
      crossing_leaf_node(node);
    } else {
      stack.push_back({node, level});
    }
  };
  auto const top = static_cast<std::uint32_t>(level_ends_.size() - 1);
  push(static_cast<std::uint32_t>(node_boxes_.size() - 1), top);
  while (!stack.empty()) {
    auto const [node, level] = stack.back();
    stack.pop_back();
    auto const [first, last] = children(node, level);
    for (auto c = first; c < last; ++c) {
      push(c, level - 1);
    }
  }
}

template <typename Inside, typename Crossing>
void rtree::scan_leaf_node(std::uint32_t node, model::box const& query, Inside const& inside,
                           Crossing const& crossing) const {
  auto const [first, last] = children(node, 1);
  if (is_point_leaf(first)) {
    for (auto p = first; p < last; ++p) {
      if (query.contains(leaf_points_[p])) {
        inside(p, p + 1);
      }
    }
    return;
  }
  for (auto p = first; p < last; ++p) {
    auto const& b = leaf_boxes_[p - leaf_points_.size()];
    if (box_inside(b, query)) {
      inside(p, p + 1);
    } else if (b.intersects(query)) {
      crossing(p);
    }
  }
}

void rtree::search(model::box const& query, std::vector<std::uint32_t>& out) const {
  auto const inside = [&](std::uint32_t first, std::uint32_t last) {
    out.insert(out.end(), items_.begin() + first, items_.begin() + last);
  };
  auto const crossing = [&](std::uint32_t position) { out.push_back(items_[position]); };
  visit(query, inside, [&](std::uint32_t node) { scan_leaf_node(node, query, inside, crossing); });
}

void rtree::search_points(model::box const& query, std::span<model::lon_lat const> points,
                          std::vector<std::uint32_t>& out) const {
  // An item inside the query has its point there too; a crossing one is tested by its point.
  auto const inside = [&](std::uint32_t first, std::uint32_t last) {
    out.insert(out.end(), items_.begin() + first, items_.begin() + last);
  };
  auto const crossing = [&](std::uint32_t position) {
    if (query.contains(points[items_[position]])) {
      out.push_back(items_[position]);
    }
  };
  visit(query, inside, [&](std::uint32_t node) { scan_leaf_node(node, query, inside, crossing); });
}

std::size_t rtree::count(model::box const& query) const {
  std::size_t n = 0;
  auto const inside = [&](std::uint32_t first, std::uint32_t last) { n += last - first; };
  visit(query, inside, [&](std::uint32_t node) {
    scan_leaf_node(node, query, inside, [&](std::uint32_t) { ++n; });
  });
  return n;
}

std::size_t rtree::estimate(model::box const& query) const {
  double n = 0;
  visit(
      query, [&](std::uint32_t first, std::uint32_t last) { n += last - first; },
      [&](std::uint32_t node) {
        // The share of the leaf node's box inside the query, of its items; a box flat in one
        // direction counts by the other, a point-sized one whole.
        auto const& b = node_boxes_[node];
        auto const share = [](double lo, double hi, double q_lo, double q_hi) {
          return hi > lo ? (std::min(hi, q_hi) - std::max(lo, q_lo)) / (hi - lo) : 1.0;
        };
        auto const [first, last] = children(node, 1);
        n += (last - first) * share(b.min_lon_, b.max_lon_, query.min_lon_, query.max_lon_) *
             share(b.min_lat_, b.max_lat_, query.min_lat_, query.max_lat_);
      });
  return static_cast<std::size_t>(std::lround(n));
}

std::size_t rtree::memory_bytes() const {
  return leaf_points_.capacity() * sizeof(model::lon_lat) +
         leaf_boxes_.capacity() * sizeof(model::box) + items_.capacity() * sizeof(std::uint32_t) +
         node_boxes_.capacity() * sizeof(model::box) +
         first_child_.capacity() * sizeof(std::uint32_t) +
         level_ends_.capacity() * sizeof(std::uint32_t);
}

}  // namespace zhitu::index

namespace zhitu::index {

namespace {

constexpr auto kPi = 3.14159265358979323846;
constexpr auto kRad = kPi / 180.0;
constexpr auto kMeanEarthRadiusM = 6371008.8;

// Distance from `p` to the meridian segment at longitude `lon` between `min_lat` and `max_lat`.
// cos d(φ') = sin φ sin φ' + cos φ cos φ' cos Δλ is a sinusoid in φ'; its maximum sits at
// φ' = atan2(sin φ, cos φ cos Δλ). When that lies inside the segment, sin d = cos φ sin Δλ;
// otherwise the nearest point of the segment is one of its ends.
double meridian_distance_m(model::lon_lat p, double lon, double min_lat, double max_lat) {
  auto d_lon = std::fabs(p.lon_ - lon);
  if (d_lon > 180) {
    d_lon = 360 - d_lon;
  }
  auto const phi = p.lat_ * kRad;
  auto const a = std::sin(phi);
  auto const b = std::cos(phi) * std::cos(d_lon * kRad);
  auto const crit = std::atan2(a, b) / kRad;
  if (b >= 0 && crit >= min_lat && crit <= max_lat) {
    auto const s = std::min(1.0, std::cos(phi) * std::sin(d_lon * kRad));
    return kMeanEarthRadiusM * std::asin(s);
  }
  return std::min(model::distance_m(p, {lon, min_lat}), model::distance_m(p, {lon, max_lat}));
}

// A cheaper lower bound for the descent: the latitude gap, and for a box beside the query the
// distance to its edge meridians' great circles (sin d = cos φ |sin Δλ|, and asin x >= x), of
// which the nearer bounds the box. Looser than `min_distance_m`, and no trigonometry.
inline double fast_lower_bound_m(model::lon_lat p, double cos_lat, model::box const& b) {
  auto const lat_gap = std::max({0.0, b.min_lat_ - p.lat_, p.lat_ - b.max_lat_});
  // The longitude gap to the nearer edge, the short way round the antimeridian; 0 inside.
  auto const west = b.min_lon_ - p.lon_;
  auto const east = p.lon_ - b.max_lon_;
  auto const lon_gap = std::max(0.0, std::min(std::max(west, east), 360 + std::min(west, east)));
  // sin x >= x - x³/6 for 0 <= x <= π: a bound as good as the sine at the small gaps that
  // matter, without calling it.
  auto const x = lon_gap * kRad;
  auto const sin_bound = std::max(0.0, x - x * x * x / 6);
  return std::max(0.0, std::max(lat_gap * kRad, cos_lat * sin_bound) * kMeanEarthRadiusM - 1.0);
}

}  // namespace

double min_distance_m(model::lon_lat p, model::box const& b) {
  if (b.empty()) {
    return std::numeric_limits<double>::infinity();
  }
  double d = 0;
  if (p.lon_ >= b.min_lon_ && p.lon_ <= b.max_lon_) {
    // Along the meridian: every other point of the box is at least this far in latitude.
    if (p.lat_ < b.min_lat_) {
      d = (b.min_lat_ - p.lat_) * kRad * kMeanEarthRadiusM;
    } else if (p.lat_ > b.max_lat_) {
      d = (p.lat_ - b.max_lat_) * kRad * kMeanEarthRadiusM;
    }
  } else {
    // For a fixed latitude the distance grows with the longitude gap, so the nearest point of
    // the box lies on one of its two meridian edges.
    d = std::min(meridian_distance_m(p, b.min_lon_, b.min_lat_, b.max_lat_),
                 meridian_distance_m(p, b.max_lon_, b.min_lat_, b.max_lat_));
  }
  // Rounding in the trigonometry is far below a metre; keep the bound safely below the truth.
  return std::max(0.0, d - 1.0);
}

// Best-first search over nodes (Hjaltason & Samet) keeping the k best items so far: the node
// of least lower bound is opened next, and a node whose lower bound exceeds the k-th best
// distance is never opened; an item is measured only when its point's lower bound does not rule
// it out. Items are compared by the haversine term h = sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2), which
// orders them as their distances do without the arcsine; metres are computed for the k kept.
// Buffers are per thread.
struct rtree::nearest_search {
  struct item_entry {
    double h_;
    std::uint32_t item_;
  };
  static bool before(item_entry const& a, item_entry const& b) {  // nearer, ties by item
    return a.h_ != b.h_ ? a.h_ < b.h_ : a.item_ < b.item_;
  }
  static double metres(double h) {  // as model::distance_m turns h into metres
    return 2 * kMeanEarthRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
  }

  void offer(std::uint32_t item, model::lon_lat p) {
    if (!allowed_.empty() && allowed_[item] == 0) {
      return;
    }
    auto const s_lat = std::sin((p.lat_ - q_.lat_) * kRad / 2);
    auto const s_lon = std::sin((p.lon_ - q_.lon_) * kRad / 2);
    item_entry const e{s_lat * s_lat + cos_q_ * std::cos(p.lat_ * kRad) * s_lon * s_lon, item};
    if (best_.size() < k_) {
      best_.push_back(e);
      std::push_heap(best_.begin(), best_.end(), before);
    } else if (before(e, best_.front())) {
      std::pop_heap(best_.begin(), best_.end(), before);
      best_.back() = e;
      std::push_heap(best_.begin(), best_.end(), before);
    } else {
      return;
    }
    if (best_.size() == k_) {
      kth_m_ = metres(best_.front().h_);
    }
  }

  void open_leaf_node(std::uint32_t node) {
    auto const [first, last] = tree_.children(node, 1);
    if (tree_.is_point_leaf(first)) {
      for (auto p = first; p < last; ++p) {
        auto const pt = tree_.leaf_points_[p];
        if (fast_lower_bound_m(q_, cos_q_, {pt.lon_, pt.lat_, pt.lon_, pt.lat_}) <= kth_m_) {
          offer(tree_.items_[p], pt);
        }
      }
    } else {
      for (auto p = first; p < last; ++p) {
        auto const& b = tree_.leaf_boxes_[p - tree_.leaf_points_.size()];
        if (fast_lower_bound_m(q_, cos_q_, b) <= kth_m_) {
          offer(tree_.items_[p], points_[tree_.items_[p]]);
        }
      }
    }
  }

  // Nodes are many more often added than taken (about 10 to 1 for 10-nearest on 1M points):
  // an unordered list, searched for the nearest when one is taken, beats a heap. The search is a
  // branch-free minimum over the bounds alone; nodes strictly farther than the k-th (a node as far
  // may still hold a tie with a smaller item) are never taken, and are dropped when the k-th has
  // moved since the last sweep.
  void run(std::uint32_t root, std::uint32_t top) {
    struct node_ref {
      std::uint32_t node_;
      std::uint32_t level_;
    };
    thread_local std::vector<double> bounds;
    thread_local std::vector<node_ref> nodes;
    bounds.assign({0.0});
    nodes.assign({{root, top}});
    auto swept_at = kth_m_;
    while (!bounds.empty()) {
      if (kth_m_ < swept_at) {
        std::size_t kept = 0;
        for (std::size_t i = 0; i < bounds.size(); ++i) {
          bounds[kept] = bounds[i];
          nodes[kept] = nodes[i];
          kept += bounds[i] <= kth_m_ ? 1 : 0;
        }
        bounds.resize(kept);
        nodes.resize(kept);
        swept_at = kth_m_;
        if (kept == 0) {
          break;
        }
      }
      std::size_t nearest_at = 0;
      for (std::size_t i = 1; i < bounds.size(); ++i) {
        nearest_at = bounds[i] < bounds[nearest_at] ? i : nearest_at;
      }
      if (bounds[nearest_at] > kth_m_) {
        break;
      }
      auto const e = nodes[nearest_at];
      bounds[nearest_at] = bounds.back();
      nodes[nearest_at] = nodes.back();
      bounds.pop_back();
      nodes.pop_back();
      if (e.level_ == 1) {
        open_leaf_node(e.node_);
        continue;
      }
      auto const [first, last] = tree_.children(e.node_, e.level_);
      for (auto c = first; c < last; ++c) {
        auto const bound = fast_lower_bound_m(q_, cos_q_, tree_.node_boxes_[c]);
        if (bound <= kth_m_) {
          bounds.push_back(bound);
          nodes.push_back({c, e.level_ - 1});
          tree_.prefetch_children(c, e.level_ - 1);
        }
      }
    }
  }

  rtree const& tree_;
  model::lon_lat q_;
  double cos_q_;
  std::size_t k_;
  std::span<model::lon_lat const> points_;
  std::span<std::uint8_t const> allowed_;
  std::vector<item_entry>& best_;  // a max-heap under `before`: the k-th on top
  double kth_m_ = std::numeric_limits<double>::infinity();
};

void rtree::nearest(model::lon_lat q, std::size_t k, std::span<model::lon_lat const> points,
                    std::span<std::uint8_t const> allowed,
                    std::vector<std::pair<std::uint32_t, double>>& out) const {
  if (items_.empty() || k == 0) {
    return;
  }
  thread_local std::vector<nearest_search::item_entry> best;
  best.clear();
  nearest_search s{*this, q, std::cos(q.lat_ * kRad), k, points, allowed, best};
  s.run(static_cast<std::uint32_t>(node_boxes_.size() - 1),
        static_cast<std::uint32_t>(level_ends_.size() - 1));
  std::sort(best.begin(), best.end(), nearest_search::before);
  for (auto const& b : best) {
    out.emplace_back(b.item_, nearest_search::metres(b.h_));
  }
}

void rtree::within_radius(model::lon_lat q, double radius_m, std::span<model::lon_lat const> points,
                          std::span<std::uint8_t const> allowed,
                          std::vector<std::uint32_t>& out) const {
  if (items_.empty() || !(radius_m >= 0)) {
    return;
  }
  struct frame {
    std::uint32_t node_;
    std::uint32_t level_;
  };
  auto const cos_lat = std::cos(q.lat_ * kRad);
  thread_local std::vector<frame> stack;
  stack.assign({{static_cast<std::uint32_t>(node_boxes_.size() - 1),
                 static_cast<std::uint32_t>(level_ends_.size() - 1)}});
  while (!stack.empty()) {
    auto const [node, level] = stack.back();
    stack.pop_back();
    if (fast_lower_bound_m(q, cos_lat, node_boxes_[node]) > radius_m) {
      continue;
    }
    auto const [first, last] = children(node, level);
    if (level > 1) {
      for (auto c = first; c < last; ++c) {
        stack.push_back({c, level - 1});
      }
      continue;
    }
    for (auto p = first; p < last; ++p) {
      auto const item = items_[p];
      if ((allowed.empty() || allowed[item] != 0) &&
          model::distance_m(q, is_point_leaf(p) ? leaf_points_[p] : points[item]) <= radius_m) {
        out.push_back(item);
      }
    }
  }
}

}  // namespace zhitu::index
