// SPDX-License-Identifier: Apache-2.0
// Facts the catalog derives at load, each marked with the rule that made it (never stored as
// imported facts):
//   located_in — an entity's representative point lies inside an admin unit's polygon (the
//                finest of county, prefecture, province); admin units link to their
//                `parent_id` property's unit;
//   era        — an entity's time span overlaps a dynasty's or period's span (entities of kind
//                dynasty/period, e.g. the gazetteer in data/gazetteer/) by more than a shared
//                boundary year — but not a part of an era (its `parent` property) whose whole
//                span the entity covers, unless the part holds the entity's first or last
//                year: a 唐 site is of 唐, not thereby of 武周; 北魏至唐 is of 北魏. Regional
//                regimes and cultures (property scope "regional": 渤海, 辽, 仰韶文化) count
//                only when the entity's era text names them ("辽、金", "渤海（公元698—926年）").
//
//   derived_facts facts;
//   derive_located_in(entities, points, space, facts);
//   derive_era(entities, times, facts);
//   facts.relations_[0].source_.dataset_;   // "derived"; .record_ names the rule
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "index/space/rtree.h"
#include "index/time/interval_index.h"
#include "model/entity.h"

namespace zhitu::index {

constexpr std::string_view kDerivedDataset = "derived";
constexpr std::string_view kLocatedInRule =
    "located_in: representative point inside the admin unit's polygon (finest of county, "
    "prefecture, province)";
constexpr std::string_view kAdminParentRule = "located_in: admin unit's parent_id property";
constexpr std::string_view kEraRule =
    "era: time span overlaps the dynasty's or period's span (beyond a shared boundary year), "
    "except parts strictly inside an enclosing era the span covers; regional regimes and "
    "cultures only when the era text names them";

struct derived_facts {
  std::vector<model::relation> relations_;
};

bool is_admin_kind(std::string_view kind);
bool is_era_kind(std::string_view kind);

// REQUIRES: `points[i]` is entity i's representative point (NaN without geometry) and `space`
// indexes the entities' boxes.
void derive_located_in(std::span<model::entity const> entities,
                       std::span<model::lon_lat const> points, rtree const& space,
                       derived_facts& out);

// REQUIRES: `times` indexes the entities' spans.
void derive_era(std::span<model::entity const> entities, interval_index const& times,
                derived_facts& out);

}  // namespace zhitu::index
