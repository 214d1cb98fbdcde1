// SPDX-License-Identifier: Apache-2.0
#include "index/graph/derive.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

#include "index/space/area.h"

namespace zhitu::index {

namespace {

// Finer units first: a point inside a county gets the county only; the hierarchy above it is
// reached through the admin units' own located_in.
int admin_rank(std::string_view kind) {
  return kind == "county" ? 0 : kind == "prefecture" ? 1 : kind == "province" ? 2 : 3;
}

model::relation derived(std::string const& subject, std::string_view predicate,
                        std::string const& object, std::string_view rule) {
  return {.subject_ = subject,
          .predicate_ = std::string{predicate},
          .object_ = object,
          .time_ = std::nullopt,
          .source_ = {.dataset_ = std::string{kDerivedDataset}, .record_ = std::string{rule}}};
}

}  // namespace

bool is_admin_kind(std::string_view kind) { return admin_rank(kind) < 3; }

bool is_era_kind(std::string_view kind) { return kind == "dynasty" || kind == "period"; }

void derive_located_in(std::span<model::entity const> entities,
                       std::span<model::lon_lat const> points, rtree const& space,
                       derived_facts& out) {
  std::unordered_map<std::string_view, std::uint32_t> admin_by_id;
  for (std::uint32_t i = 0; i < entities.size(); ++i) {
    if (is_admin_kind(entities[i].kind_)) {
      admin_by_id.emplace(entities[i].id_, i);
    }
  }
  std::vector<std::uint32_t> candidates;
  for (std::uint32_t i = 0; i < entities.size(); ++i) {
    auto const& e = entities[i];
    if (is_admin_kind(e.kind_)) {
      // Admin polygons' representative points may sit on a shared border; the data's own
      // parent link is the reliable rule for them.
      auto const props = nlohmann::json::parse(e.properties_, nullptr, false);
      if (props.is_object() && props.contains("parent_id") && props["parent_id"].is_string()) {
        auto const it = admin_by_id.find(props["parent_id"].get_ref<std::string const&>());
        if (it != admin_by_id.end() && it->second != i) {
          out.relations_.push_back(
              derived(e.id_, "located_in", entities[it->second].id_, kAdminParentRule));
        }
      }
      continue;
    }
    auto const p = points[i];
    if (!e.geometry_ || std::isnan(p.lon_)) {
      continue;
    }
    candidates.clear();
    space.search({p.lon_, p.lat_, p.lon_, p.lat_}, candidates);
    std::sort(candidates.begin(), candidates.end());
    auto best = std::uint32_t{UINT32_MAX};
    for (auto const c : candidates) {
      auto const& a = entities[c];
      if (!is_admin_kind(a.kind_) || !a.geometry_ ||
          (best != UINT32_MAX && admin_rank(a.kind_) >= admin_rank(entities[best].kind_))) {
        continue;
      }
      if (area_contains(*a.geometry_, p)) {
        best = c;
      }
    }
    if (best != UINT32_MAX) {
      out.relations_.push_back(derived(e.id_, "located_in", entities[best].id_, kLocatedInRule));
    }
  }
}

void derive_era(std::span<model::entity const> entities, interval_index const& times,
                derived_facts& out) {
  // An entity whose span covers an era's parent whole is of the parent, not of each part
  // inside it: a 唐 site is not thereby of 武周, nor a 新石器时代 site of 仰韶文化.
  std::unordered_map<std::string_view, model::time_span> era_spans;
  for (auto const& e : entities) {
    if (is_era_kind(e.kind_) && e.time_) {
      era_spans.emplace(e.id_, *e.time_);
    }
  }
  auto const parent_span = [&](model::entity const& era) -> std::optional<model::time_span> {
    auto const props = nlohmann::json::parse(era.properties_, nullptr, false);
    if (!props.is_object() || !props.contains("parent") || !props["parent"].is_string()) {
      return std::nullopt;
    }
    auto const it = era_spans.find(props["parent"].get_ref<std::string const&>());
    return it == era_spans.end() ? std::nullopt : std::optional{it->second};
  };
  // The free-text era of each entity (import keeps it as property "era"), for regional eras.
  std::vector<std::string> era_texts(entities.size());
  for (std::size_t i = 0; i < entities.size(); ++i) {
    if (entities[i].time_ && entities[i].properties_.find("\"era\"") != std::string::npos) {
      auto const props = nlohmann::json::parse(entities[i].properties_, nullptr, false);
      if (props.is_object() && props.contains("era") && props["era"].is_string()) {
        era_texts[i] = props["era"].get<std::string>();
      }
    }
  }
  auto const names_era = [](std::string const& text, model::entity const& era) {
    if (!era.names_.zh_.empty() && text.find(era.names_.zh_) != std::string::npos) {
      return true;
    }
    return std::any_of(era.names_.aliases_.begin(), era.names_.aliases_.end(),
                       [&](std::string const& a) { return text.find(a) != std::string::npos; });
  };
  std::vector<std::uint32_t> hits;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> links;  // (entity, era entity)
  for (std::uint32_t era = 0; era < entities.size(); ++era) {
    auto const& ee = entities[era];
    if (!is_era_kind(ee.kind_) || !ee.time_) {
      continue;
    }
    // The certain core of a fuzzy span: from its latest possible start to its earliest end.
    auto const core = [](model::time_span const& s) {
      auto const a = s.start_latest_;
      auto const b = std::max(a, s.end_earliest_);
      return std::pair{a, b};
    };
    auto const [ea, eb] = core(*ee.time_);
    auto const parent = parent_span(ee);
    // Regional regimes and archaeological cultures (`scope` "regional": 渤海, 辽, 仰韶文化) say
    // nothing about a site elsewhere that merely overlaps them in time: they count only when
    // the entity's era text names them.
    auto const regional = [&] {
      auto const props = nlohmann::json::parse(ee.properties_, nullptr, false);
      return props.is_object() && props.contains("scope") && props["scope"] == "regional";
    }();
    hits.clear();
    times.overlaps(ee.time_->first_year(), ee.time_->last_year(), hits);
    for (auto const i : hits) {
      auto const& e = entities[i];
      if (is_era_kind(e.kind_) || !e.time_) {
        continue;
      }
      auto const [a, b] = core(*e.time_);
      // A span of one year belongs to every era holding it; a longer span must share more
      // than a boundary year (东汉 25–220 is not of 三国 220–280).
      auto const related = a == b ? (ea <= a && a <= eb) : std::min(b, eb) - std::max(a, ea) > 0;
      // A part holding the entity's first or last year stays: 北魏至唐 is of 北魏.
      auto const holds_an_end = (ea <= a && a < eb) || (ea < b && b <= eb);
      auto const covers_parent = parent && a <= parent->start_latest_ &&
                                 b >= std::max(parent->start_latest_, parent->end_earliest_);
      auto const keep = regional ? names_era(era_texts[i], ee)
                                 : (holds_an_end || !covers_parent);
      if (related && keep) {
        links.emplace_back(i, era);
      }
    }
  }
  std::sort(links.begin(), links.end());
  for (auto const& [i, era] : links) {
    out.relations_.push_back(derived(entities[i].id_, "era", entities[era].id_, kEraRule));
  }
}

}  // namespace zhitu::index
