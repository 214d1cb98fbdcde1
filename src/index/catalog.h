// SPDX-License-Identifier: Apache-2.0
// The in-memory engine's data: every entity, data set and relation, with the indexes over them.
// Built once from the store (or a test fixture) and then read-only, so any number of threads
// may query it; a change in the store builds a new catalog that replaces this one whole.
//
//   auto const cat = catalog::build(store.load_entities(), store.load_datasets(), {});
//   if (auto const idx = cat->find("nhs-1-37")) { show(cat->at(*idx)); }
//   std::vector<entity_idx> hits;
//   cat->in_box({112.3, 34.5, 112.6, 34.8}, hits);    // via the packed R-tree
//
// Cost: build is O(n log n); for the bundled 11k entities about 0.1 s and 40 MB, most of it the
// admin polygons.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/graph/graph.h"
#include "index/space/rtree.h"
#include "index/text/mention_index.h"
#include "index/text/name_index.h"
#include "index/time/interval_index.h"
#include "model/entity.h"

namespace zhitu::index {

using entity_idx = std::uint32_t;
using kind_idx = std::uint16_t;

struct kind_count {
  std::string kind_;
  std::size_t count_;
};

struct catalog_stats {
  std::size_t n_entities_;
  std::size_t n_relations_;
  std::size_t n_names_;
  double build_ms_;
  std::size_t index_bytes_;
  double name_index_build_ms_{0};  // the text search index (index/text/name_index.h)
  std::size_t name_index_bytes_{0};
  double mention_index_build_ms_{0};  // names as a dictionary for running text
  std::size_t mention_index_bytes_{0};
};

class catalog {
 public:
  static std::shared_ptr<catalog const> build(std::vector<model::entity> entities,
                                              std::vector<model::dataset> datasets,
                                              std::vector<model::relation> relations);

  std::size_t size() const { return entities_.size(); }
  model::entity const& at(entity_idx i) const { return entities_[i]; }
  std::span<model::entity const> entities() const { return entities_; }
  std::span<model::relation const> relations() const { return relations_; }

  std::optional<entity_idx> find(std::string_view id) const;
  model::dataset const* find_dataset(std::string_view id) const;
  std::span<model::dataset const> datasets() const { return datasets_; }

  // Kinds, most numerous first; `kind_of` gives each entity's position in this list.
  std::span<kind_count const> kinds() const { return kinds_; }
  std::optional<kind_idx> find_kind(std::string_view kind) const;
  kind_idx kind_of(entity_idx i) const { return kind_of_[i]; }

  // The point that stands for the entity on a map; nullopt without geometry.
  std::optional<model::lon_lat> point(entity_idx i) const;
  // Asks the memory for `point(i)` ahead of its use, for a loop over scattered entities.
  void prefetch_point(entity_idx i) const { __builtin_prefetch(&points_[i]); }
  model::box const& bounds(entity_idx i) const { return bounds_[i]; }
  // Whether its geometry is one Point (then `point(i)` is that point), not a shape or several.
  bool is_single_point(entity_idx i) const { return single_point_[i] != 0; }

  // How prominent an entity is, in [0, 1): breaks ties between equally good name matches.
  double prominence(entity_idx i) const { return prominence_[i]; }

  // How well its point is known, from its "position_precision" property: "" (exact, or not
  // said), "street", "district" or "city" (a point at the district's or city's seat).
  std::string_view position_precision(entity_idx i) const;

  // Appends the entities whose bounding box intersects `query`, in ascending index order.
  void in_box(model::box const& query, std::vector<entity_idx>& out) const;
  // About how many there are, without listing them or opening the R-tree's leaves on the box's
  // edge (for the planner's estimates).
  std::size_t estimate_in_box(model::box const& query) const { return space_.estimate(query); }
  // Appends the entities whose point (`point(i)`) lies inside `query`, in ascending index order.
  void points_in_box(model::box const& query, std::vector<entity_idx>& out) const;

  // Space, in great-circle metres to each entity's point (`point(i)`). `allowed` is empty (all)
  // or one byte per entity, non-zero when allowed. nearest: (entity, metres), nearest first.
  void nearest(model::lon_lat q, std::size_t k, std::span<std::uint8_t const> allowed,
               std::vector<std::pair<entity_idx, double>>& out) const;
  // Appends, in ascending index order, the entities within `radius_m` of `q`.
  void within_radius(model::lon_lat q, double radius_m, std::vector<entity_idx>& out) const;
  // Appends, in ascending index order, the entities whose point lies inside area entity `area`
  // (an admin unit's polygon); nothing when `area` has no polygon. The area itself is left out.
  void within(entity_idx area, std::vector<entity_idx>& out) const;
  // Appends, ascending, the entities whose geometry shares a point with area entity `area`.
  void intersecting(entity_idx area, std::vector<entity_idx>& out) const;

  // Time spans of every entity that has one (widest reading).
  interval_index const& times() const { return times_; }

  // Relations, imported and derived, as a graph over entity indices. An edge's `relation_`
  // is an index for `relation_at`: the imported facts first, then the derived ones.
  graph const& relation_graph() const { return graph_; }
  std::span<std::string const> predicates() const { return predicates_; }
  std::optional<predicate_idx> find_predicate(std::string_view name) const;
  model::relation const& relation_at(std::uint32_t r) const {
    return r < relations_.size() ? relations_[r] : derived_[r - relations_.size()];
  }
  bool is_derived(std::uint32_t r) const { return r >= relations_.size(); }
  std::span<model::relation const> derived_relations() const { return derived_; }
  // Imported relations naming an entity the catalog does not hold (left out of the graph).
  std::size_t n_dangling_relations() const { return n_dangling_; }

  // The property names of a kind's entities, each with the JSON type of its first non-null value
  // ("string", "number", "boolean", "object", "array"): what a filter may ask of them. Worked
  // out for every kind on first use (one pass over all properties), then kept.
  std::map<std::string, std::string> const& property_types(kind_idx k) const;

  name_index const& names() const { return names_; }
  mention_index const& mentions() const { return mentions_; }
  catalog_stats const& stats() const { return stats_; }

 private:
  catalog() = default;
  // Entities other than `area` whose box meets its box, in index order; none when `area` has
  // no polygon. The first step of `within` and `intersecting`.
  std::vector<entity_idx> area_candidates(entity_idx area) const;
  // The interval index, the derived facts (graph/derive.h) and the relation graph.
  void build_time_and_relations();

  std::vector<model::entity> entities_;
  std::vector<model::dataset> datasets_;
  std::vector<model::relation> relations_;
  std::unordered_map<std::string_view, entity_idx> by_id_;
  std::vector<kind_count> kinds_;
  std::vector<kind_idx> kind_of_;
  std::vector<model::box> bounds_;
  std::vector<model::lon_lat> points_;
  std::vector<std::uint8_t> single_point_;
  std::vector<double> prominence_;
  std::vector<std::uint8_t> precision_;
  rtree space_;
  interval_index times_;
  std::vector<model::relation> derived_;
  std::vector<std::string> predicates_;
  graph graph_;
  std::size_t n_dangling_{0};
  name_index names_;
  mention_index mentions_;
  mutable std::once_flag property_types_once_;
  mutable std::vector<std::map<std::string, std::string>> property_types_;  // by kind
  catalog_stats stats_{};
};

}  // namespace zhitu::index
