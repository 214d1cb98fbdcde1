// SPDX-License-Identifier: Apache-2.0
#include "index/catalog.h"

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

#include "index/graph/derive.h"
#include "index/space/area.h"
#include "model/check.h"

namespace zhitu::index {

namespace {

// Sorts `run`, distinct entity indices below `n`. A box of a city holds tens of thousands of
// entities, which a comparison sort takes longer over than the R-tree took to find them: a
// large run is sorted by marking its entities in a bitmap of all and reading the bitmap back.
void sort_distinct_entities(std::span<entity_idx> run, std::size_t n) {
  if (run.size() < n / 256 + 64) {
    std::sort(run.begin(), run.end());
    return;
  }
  thread_local std::vector<std::uint64_t> bits;
  bits.assign((n + 63) / 64, 0);
  for (auto const e : run) {
    bits[e / 64] |= std::uint64_t{1} << (e % 64);
  }
  auto out = run.begin();
  for (std::size_t w = 0; w < bits.size(); ++w) {
    for (auto word = bits[w]; word != 0; word &= word - 1) {
      *out++ = static_cast<entity_idx>(w * 64 + static_cast<std::size_t>(std::countr_zero(word)));
    }
  }
}

// Kinds people look for first when a name is ambiguous; unknown kinds rank below these.
double kind_weight(std::string_view kind) {
  static constexpr std::pair<std::string_view, double> kWeights[] = {
      {"province", 0.9}, {"prefecture", 0.85}, {"heritage_site", 0.8}, {"museum", 0.75},
      {"station", 0.7},  {"county", 0.65},     {"scenic_area", 0.6},
  };
  for (auto const& [k, w] : kWeights) {
    if (k == kind) {
      return w;
    }
  }
  return 0.5;
}

// Earlier national heritage batches hold the best-known sites (batch 1 of 1961: 龙门石窟, 故宫).
constexpr std::array<std::string_view, 4> kPrecisions{"", "street", "district", "city"};

double batch_bonus(nlohmann::json const& props) {
  auto const it = props.find("batch");
  if (it == props.end() || !it->is_number_integer()) {
    return 0;
  }
  auto const batch = it->get<int>();
  return batch >= 1 && batch <= 8 ? (9 - batch) * 0.005 : 0;
}

// Index into kPrecisions of the "position_precision" property; 0 (exact) when absent.
std::uint8_t precision_of(nlohmann::json const& props) {
  auto const it = props.find("position_precision");
  if (it == props.end() || !it->is_string()) {
    return 0;
  }
  auto const p = std::find(kPrecisions.begin(), kPrecisions.end(), it->get<std::string>());
  return p == kPrecisions.end() ? 0 : static_cast<std::uint8_t>(p - kPrecisions.begin());
}

}  // namespace

std::string_view catalog::position_precision(entity_idx i) const {
  return kPrecisions[precision_[i]];
}

std::shared_ptr<catalog const> catalog::build(std::vector<model::entity> entities,
                                              std::vector<model::dataset> datasets,
                                              std::vector<model::relation> relations) {
  auto const start = std::chrono::steady_clock::now();
  ZHITU_CHECK(entities.size() < UINT32_MAX, "too many entities for 32-bit indices");
  std::shared_ptr<catalog> c{new catalog()};
  c->entities_ = std::move(entities);
  c->datasets_ = std::move(datasets);
  c->relations_ = std::move(relations);

  auto const n = c->entities_.size();
  c->by_id_.reserve(n);
  std::unordered_map<std::string_view, std::size_t> kind_counts;
  for (entity_idx i = 0; i < n; ++i) {
    auto const& e = c->entities_[i];
    auto const [_, inserted] = c->by_id_.emplace(e.id_, i);
    ZHITU_CHECK(inserted, "duplicate entity id " + e.id_);
    ++kind_counts[e.kind_];
  }
  for (auto const& [kind, count] : kind_counts) {
    c->kinds_.push_back({std::string{kind}, count});
  }
  std::sort(c->kinds_.begin(), c->kinds_.end(), [](kind_count const& a, kind_count const& b) {
    return a.count_ != b.count_ ? a.count_ > b.count_ : a.kind_ < b.kind_;
  });
  ZHITU_CHECK(c->kinds_.size() < UINT16_MAX, "too many kinds");

  c->kind_of_.resize(n);
  c->bounds_.resize(n);
  c->points_.resize(n, model::lon_lat{NAN, NAN});
  c->single_point_.resize(n);
  c->prominence_.resize(n);
  c->precision_.resize(n);
  for (entity_idx i = 0; i < n; ++i) {
    auto const& e = c->entities_[i];
    auto props = nlohmann::json::parse(e.properties_, nullptr, false);
    if (!props.is_object()) {
      props = nlohmann::json::object();
    }
    c->precision_[i] = precision_of(props);
    c->kind_of_[i] = *c->find_kind(e.kind_);
    if (e.geometry_) {
      c->bounds_[i] = model::bounds(*e.geometry_);
      c->points_[i] = model::representative_point(*e.geometry_);
      c->single_point_[i] = e.geometry_->type_ == model::geometry_type::kPoint ? 1 : 0;
    }
    // On a grid of 2^-10, so that distinct prominences never tie in a search score (the name
    // index reads pinyin in score order and relies on it).
    c->prominence_[i] =
        std::round(std::min(0.999, kind_weight(e.kind_) + batch_bonus(props) +
                                       (e.names_.en_.empty() ? 0.0 : 0.01)) *
                   1024.0) /
        1024.0;
  }
  c->space_ = rtree{c->bounds_};
  c->build_time_and_relations();
  auto const names_start = std::chrono::steady_clock::now();
  c->names_ = name_index{c->entities_, c->prominence_};
  auto const names_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - names_start)
          .count();

  auto const mentions_start = std::chrono::steady_clock::now();
  c->mentions_ = mention_index{c->entities_};
  auto const mentions_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - mentions_start)
          .count();

  auto const elapsed = std::chrono::steady_clock::now() - start;
  c->stats_ = {n, c->relations_.size(), c->names_.size(),
               std::chrono::duration<double, std::milli>(elapsed).count(),
               c->space_.memory_bytes() + c->names_.memory_bytes() + c->times_.memory_bytes() +
                   c->graph_.memory_bytes() + c->mentions_.memory_bytes()};
  c->stats_.name_index_build_ms_ = names_ms;
  c->stats_.name_index_bytes_ = c->names_.memory_bytes();
  c->stats_.mention_index_build_ms_ = mentions_ms;
  c->stats_.mention_index_bytes_ = c->mentions_.memory_bytes();
  return c;
}

std::map<std::string, std::string> const& catalog::property_types(kind_idx k) const {
  std::call_once(property_types_once_, [this] {
    property_types_.resize(kinds_.size());
    for (entity_idx i = 0; i < entities_.size(); ++i) {
      auto& types = property_types_[kind_of_[i]];
      auto const props = nlohmann::json::parse(entities_[i].properties_, nullptr, false);
      for (auto const& [key, v] : props.items()) {
        if (!v.is_null() && !types.contains(key)) {
          types.emplace(key, v.type_name());
        }
      }
    }
  });
  return property_types_.at(k);
}

std::optional<entity_idx> catalog::find(std::string_view id) const {
  auto const it = by_id_.find(id);
  return it == by_id_.end() ? std::nullopt : std::optional{it->second};
}

model::dataset const* catalog::find_dataset(std::string_view id) const {
  auto const it = std::find_if(datasets_.begin(), datasets_.end(),
                               [&](model::dataset const& d) { return d.id_ == id; });
  return it == datasets_.end() ? nullptr : &*it;
}

std::optional<kind_idx> catalog::find_kind(std::string_view kind) const {
  for (std::size_t k = 0; k < kinds_.size(); ++k) {
    if (kinds_[k].kind_ == kind) {
      return static_cast<kind_idx>(k);
    }
  }
  return std::nullopt;
}

std::optional<model::lon_lat> catalog::point(entity_idx i) const {
  // NaN marks no geometry: the entity itself, far larger, need not be read.
  if (std::isnan(points_[i].lon_)) {
    return std::nullopt;
  }
  return points_[i];
}

void catalog::in_box(model::box const& query, std::vector<entity_idx>& out) const {
  auto const first = out.size();
  space_.search(query, out);
  sort_distinct_entities(std::span{out}.subspan(first), size());
}

void catalog::points_in_box(model::box const& query, std::vector<entity_idx>& out) const {
  auto const first = out.size();
  space_.search_points(query, points_, out);
  sort_distinct_entities(std::span{out}.subspan(first), size());
}

}  // namespace zhitu::index

namespace zhitu::index {

void catalog::build_time_and_relations() {
  std::vector<std::optional<model::time_span>> spans(entities_.size());
  for (std::size_t i = 0; i < entities_.size(); ++i) {
    spans[i] = entities_[i].time_;
  }
  times_ = interval_index{spans};

  derived_facts facts;
  derive_located_in(entities_, points_, space_, facts);
  derive_era(entities_, times_, facts);
  derived_ = std::move(facts.relations_);

  // Predicates get small ids in order of first appearance; relations naming an unknown entity
  // stay in `relations_` (provenance) but not in the graph.
  std::unordered_map<std::string_view, predicate_idx> predicate_ids;
  std::vector<graph::input_edge> edges;
  auto const add = [&](model::relation const& r, std::uint32_t rel) {
    auto const s = find(r.subject_);
    auto const o = find(r.object_);
    if (!s || !o) {
      ++n_dangling_;
      return;
    }
    auto [it, inserted] =
        predicate_ids.try_emplace(r.predicate_, static_cast<predicate_idx>(predicates_.size()));
    if (inserted) {
      ZHITU_CHECK(predicates_.size() < UINT16_MAX, "too many predicates");
      predicates_.push_back(r.predicate_);
    }
    edges.push_back({*s, *o, it->second, rel});
  };
  for (std::uint32_t r = 0; r < relations_.size(); ++r) {
    add(relations_[r], r);
  }
  for (std::uint32_t r = 0; r < derived_.size(); ++r) {
    add(derived_[r], static_cast<std::uint32_t>(relations_.size()) + r);
  }
  n_dangling_ = 0;
  for (auto const& r : relations_) {
    n_dangling_ += (find(r.subject_) && find(r.object_)) ? 0 : 1;
  }
  graph_ = graph{entities_.size(), std::move(edges)};
}

std::optional<predicate_idx> catalog::find_predicate(std::string_view name) const {
  auto const it = std::find(predicates_.begin(), predicates_.end(), name);
  return it == predicates_.end()
             ? std::nullopt
             : std::optional{static_cast<predicate_idx>(it - predicates_.begin())};
}

void catalog::nearest(model::lon_lat q, std::size_t k, std::span<std::uint8_t const> allowed,
                      std::vector<std::pair<entity_idx, double>>& out) const {
  space_.nearest(q, k, points_, allowed, out);
}

void catalog::within_radius(model::lon_lat q, double radius_m, std::vector<entity_idx>& out) const {
  auto const first = out.size();
  space_.within_radius(q, radius_m, points_, {}, out);
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
}

std::vector<entity_idx> catalog::area_candidates(entity_idx area) const {
  std::vector<entity_idx> candidates;
  auto const& g = entities_[area].geometry_;
  if (g && is_area(*g)) {
    in_box(bounds_[area], candidates);
    std::erase(candidates, area);
  }
  return candidates;
}

void catalog::within(entity_idx area, std::vector<entity_idx>& out) const {
  for (auto const i : area_candidates(area)) {
    if (bounds_[area].contains(points_[i]) &&
        area_contains(*entities_[area].geometry_, points_[i])) {
      out.push_back(i);
    }
  }
}

void catalog::intersecting(entity_idx area, std::vector<entity_idx>& out) const {
  for (auto const i : area_candidates(area)) {
    if (intersects_area(*entities_[i].geometry_, *entities_[area].geometry_)) {
      out.push_back(i);
    }
  }
}

}  // namespace zhitu::index
