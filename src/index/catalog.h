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
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/space/rtree.h"
#include "index/text/name_index.h"
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

  // Kinds, most numerous first; `kind_of` gives each entity's position in this list.
  std::span<kind_count const> kinds() const { return kinds_; }
  std::optional<kind_idx> find_kind(std::string_view kind) const;
  kind_idx kind_of(entity_idx i) const { return kind_of_[i]; }

  // The point that stands for the entity on a map; nullopt without geometry.
  std::optional<model::lon_lat> point(entity_idx i) const;
  model::box const& bounds(entity_idx i) const { return bounds_[i]; }

  // How prominent an entity is, in [0, 1): breaks ties between equally good name matches.
  double prominence(entity_idx i) const { return prominence_[i]; }

  // Appends the entities whose bounding box intersects `query`, in ascending index order.
  void in_box(model::box const& query, std::vector<entity_idx>& out) const;

  name_index const& names() const { return names_; }
  catalog_stats const& stats() const { return stats_; }

 private:
  catalog() = default;

  std::vector<model::entity> entities_;
  std::vector<model::dataset> datasets_;
  std::vector<model::relation> relations_;
  std::unordered_map<std::string_view, entity_idx> by_id_;
  std::vector<kind_count> kinds_;
  std::vector<kind_idx> kind_of_;
  std::vector<model::box> bounds_;
  std::vector<model::lon_lat> points_;
  std::vector<double> prominence_;
  rtree space_;
  name_index names_;
  catalog_stats stats_{};
};

}  // namespace zhitu::index
