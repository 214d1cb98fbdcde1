// SPDX-License-Identifier: Apache-2.0
#include "query/planner.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>

#include "index/space/area.h"
#include "model/check.h"
#include "model/crs.h"
#include "model/era.h"
#include "query/search.h"

namespace zhitu::query {

using nlohmann::json;

namespace {

error bad(std::string const& field, std::string const& what) {
  return invalid_argument(field + ": " + what);
}

std::optional<double> number(json const& j) {
  if (!j.is_number()) {
    return std::nullopt;
  }
  auto const v = j.get<double>();
  return std::isfinite(v) ? std::optional{v} : std::nullopt;
}

std::optional<std::int64_t> whole(json const& j) {
  if (j.is_number_integer()) {
    return j.get<std::int64_t>();
  }
  if (j.is_number_unsigned()) {
    auto const u = j.get<std::uint64_t>();
    return u > INT64_MAX ? std::nullopt : std::optional{static_cast<std::int64_t>(u)};
  }
  return std::nullopt;
}

result<std::size_t> count_field(json const& j, std::string const& field, std::size_t min,
                                std::size_t max) {
  auto const v = whole(j);
  if (!v || *v < static_cast<std::int64_t>(min) || *v > static_cast<std::int64_t>(max)) {
    return bad(field, "expected a whole number from " + std::to_string(min) + " to " +
                          std::to_string(max));
  }
  return static_cast<std::size_t>(*v);
}

result<index::entity_idx> entity_field(index::catalog const& cat, json const& j,
                                       std::string const& field) {
  if (!j.is_string()) {
    return bad(field, "expected an entity id (string)");
  }
  auto const id = j.get<std::string>();
  auto const idx = cat.find(id);
  if (!idx) {
    return bad(field, "no entity with id \"" + id + "\"");
  }
  return *idx;
}

result<model::lon_lat> point_fields(json const& j, std::string const& field) {
  auto const lon = j.contains("lon") ? number(j["lon"]) : std::nullopt;
  if (!lon || *lon < -180 || *lon > 180) {
    return bad(field + ".lon", "expected a longitude from -180 to 180");
  }
  auto const lat = j.contains("lat") ? number(j["lat"]) : std::nullopt;
  if (!lat || *lat < -90 || *lat > 90) {
    return bad(field + ".lat", "expected a latitude from -90 to 90");
  }
  return model::lon_lat{*lon, *lat};
}

std::optional<std::string> unknown_key(json const& obj, std::initializer_list<char const*> keys) {
  for (auto const& [k, _] : obj.items()) {
    if (std::none_of(keys.begin(), keys.end(), [&](char const* x) { return k == x; })) {
      return k;
    }
  }
  return std::nullopt;
}

}  // namespace

result<query> parse_query(index::catalog const& cat, json const& body) {
  if (!body.is_object()) {
    return bad("body", "expected a JSON object");
  }
  if (auto const k = unknown_key(body, {"text", "bbox", "near", "within", "nearest", "time",
                                        "kinds", "related", "limit", "explain"})) {
    return bad(*k,
               "unknown field (expected text, bbox, near, within, nearest, time, kinds, "
               "related, limit, explain)");
  }
  query q;
  if (body.contains("text")) {
    auto const& t = body["text"];
    if (!t.is_string() || t.get_ref<std::string const&>().empty()) {
      return bad("text", "expected a non-empty string");
    }
    if (t.get_ref<std::string const&>().size() > kMaxQueryBytes) {
      return bad("text", "longer than " + std::to_string(kMaxQueryBytes) + " bytes");
    }
    q.text_ = t.get<std::string>();
  }
  if (body.contains("bbox")) {
    auto const& b = body["bbox"];
    std::vector<double> v;
    if (b.is_array()) {
      for (auto const& x : b) {
        if (auto const d = number(x)) {
          v.push_back(*d);
        }
      }
    }
    if (!b.is_array() || b.size() != 4 || v.size() != 4) {
      return bad("bbox", "expected 4 numbers [west, south, east, north]");
    }
    if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 || v[0] > v[2] || v[1] > v[3]) {
      return bad("bbox",
                 "expected west <= east within [-180, 180] and south <= north within "
                 "[-90, 90]");
    }
    q.bbox_ = model::box{v[0], v[1], v[2], v[3]};
  }
  if (body.contains("near")) {
    auto const& n = body["near"];
    if (!n.is_object()) {
      return bad("near", "expected an object {\"lon\", \"lat\", \"radius_m\"}");
    }
    if (auto const k = unknown_key(n, {"lon", "lat", "radius_m"})) {
      return bad("near." + *k, "unknown field (expected lon, lat, radius_m)");
    }
    auto const p = point_fields(n, "near");
    if (!p) {
      return p.err();
    }
    near_part np{*p, std::nullopt};
    if (n.contains("radius_m")) {
      auto const r = number(n["radius_m"]);
      if (!r || *r <= 0 || *r > kMaxRadiusM) {
        return bad("near.radius_m", "expected metres greater than 0 and at most 20100000");
      }
      np.radius_m_ = *r;
    }
    q.near_ = np;
  }
  if (body.contains("within")) {
    auto const e = entity_field(cat, body["within"], "within");
    if (!e) {
      return e.err();
    }
    auto const& g = cat.at(*e).geometry_;
    if (!g || !index::is_area(*g)) {
      return bad("within", "entity \"" + cat.at(*e).id_ + "\" has no polygon");
    }
    q.within_ = *e;
  }
  if (body.contains("nearest")) {
    auto const k = count_field(body["nearest"], "nearest", 1, kMaxNearest);
    if (!k) {
      return k.err();
    }
    if (!q.near_) {
      return bad("nearest", "needs \"near\": {\"lon\", \"lat\"} to measure from");
    }
    q.nearest_ = *k;
  }
  if (q.near_ && !q.near_->radius_m_ && !q.nearest_) {
    return bad("near.radius_m", "required unless \"nearest\" is given");
  }
  if (body.contains("time")) {
    auto const& t = body["time"];
    if (!t.is_object()) {
      return bad("time", "expected {\"from\", \"to\"} (years, BCE negative) or {\"dynasty\"}");
    }
    if (auto const k = unknown_key(t, {"from", "to", "dynasty"})) {
      return bad("time." + *k, "unknown field (expected from, to, dynasty)");
    }
    if (t.contains("dynasty")) {
      if (t.contains("from") || t.contains("to")) {
        return bad("time", "give either dynasty or from/to, not both");
      }
      auto const& d = t["dynasty"];
      if (!d.is_string()) {
        return bad("time.dynasty", "expected a dynasty or period name such as 唐");
      }
      auto const span = model::parse_era(d.get_ref<std::string const&>());
      if (!span) {
        return bad("time.dynasty", "unknown dynasty or period \"" + d.get<std::string>() + "\"");
      }
      q.time_ = time_part{span->first_year(), span->last_year(), d.get<std::string>()};
    } else {
      auto const from = t.contains("from") ? whole(t["from"]) : std::optional<std::int64_t>{};
      auto const to = t.contains("to") ? whole(t["to"]) : std::optional<std::int64_t>{};
      constexpr std::int64_t kMin = -10'000'000;
      constexpr std::int64_t kMax = 10'000;
      if (t.contains("from") && (!from || *from < kMin || *from > kMax)) {
        return bad("time.from", "expected a whole year (astronomical, 1 BCE = 0)");
      }
      if (t.contains("to") && (!to || *to < kMin || *to > kMax)) {
        return bad("time.to", "expected a whole year (astronomical, 1 BCE = 0)");
      }
      if (!from && !to) {
        return bad("time", "expected from, to or dynasty");
      }
      auto const a = static_cast<std::int32_t>(from.value_or(kMin));
      auto const b = static_cast<std::int32_t>(to.value_or(kMax));
      if (a > b) {
        return bad("time.to", "before time.from");
      }
      q.time_ = time_part{a, b, std::to_string(a) + ".." + std::to_string(b)};
    }
  }
  if (body.contains("kinds")) {
    auto const& k = body["kinds"];
    if (!k.is_array()) {
      return bad("kinds", "expected an array of kinds");
    }
    std::vector<index::kind_idx> kinds;
    for (std::size_t i = 0; i < k.size(); ++i) {
      if (!k[i].is_string()) {
        return bad("kinds[" + std::to_string(i) + "]", "expected a kind (string)");
      }
      if (auto const ki = cat.find_kind(k[i].get_ref<std::string const&>())) {
        kinds.push_back(*ki);  // kinds the catalog does not hold match nothing
      }
    }
    q.kinds_ = std::move(kinds);
  }
  if (body.contains("related")) {
    auto const& r = body["related"];
    if (!r.is_object()) {
      return bad("related", "expected {\"entity\", \"predicate\", \"hops\"}");
    }
    if (auto const k = unknown_key(r, {"entity", "predicate", "hops"})) {
      return bad("related." + *k, "unknown field (expected entity, predicate, hops)");
    }
    if (!r.contains("entity")) {
      return bad("related.entity", "required");
    }
    auto const e = entity_field(cat, r["entity"], "related.entity");
    if (!e) {
      return e.err();
    }
    related_part rp{*e, std::nullopt, 1};
    if (r.contains("predicate")) {
      if (!r["predicate"].is_string()) {
        return bad("related.predicate", "expected a predicate name (string)");
      }
      auto const p = cat.find_predicate(r["predicate"].get_ref<std::string const&>());
      if (!p) {
        return bad("related.predicate",
                   "unknown predicate \"" + r["predicate"].get<std::string>() + "\"");
      }
      rp.predicate_ = *p;
    }
    if (r.contains("hops")) {
      auto const h = count_field(r["hops"], "related.hops", 1, kMaxHops);
      if (!h) {
        return h.err();
      }
      rp.hops_ = static_cast<std::uint32_t>(*h);
    }
    q.related_ = rp;
  }
  if (body.contains("limit")) {
    auto const l = count_field(body["limit"], "limit", 1, kMaxQueryLimit);
    if (!l) {
      return l.err();
    }
    q.limit_ = *l;
  }
  if (body.contains("explain")) {
    if (!body["explain"].is_boolean()) {
      return bad("explain", "expected true or false");
    }
    q.explain_ = body["explain"].get<bool>();
  }
  return q;
}

namespace {

// One part of a query: what it admits, how its index yields candidates, how it tests one.
struct part {
  std::string name_;
  std::string index_;
  std::size_t estimate_;
  std::function<void(std::vector<index::entity_idx>&)> generate_;  // ascending
  // How it filters another part's candidates: one at a time (test_), or, for a part that does
  // better on the whole ascending list at once, keep_ (test_ is then empty).
  std::function<bool(index::entity_idx)> test_;
  std::function<void(std::vector<index::entity_idx>&)> keep_{};
};

}  // namespace

result<query_result> run_query(index::catalog const& cat, query const& q) {
  auto const start = std::chrono::steady_clock::now();
  query_result r;
  std::vector<part> parts;
  auto const n = cat.size();

  // Text: the search index's matches in entity order, with their scores for ranking. When
  // another part is more selective, only its candidates' names are matched.
  std::vector<entity_score> text_matches;
  auto text_listed = false;
  auto score_text_last = false;  // the text drove with unscored candidates
  auto const text_score = [&](index::entity_idx i) -> std::optional<double> {
    auto const it =
        std::lower_bound(text_matches.begin(), text_matches.end(), i,
                         [](entity_score const& m, index::entity_idx e) { return m.entity_ < e; });
    return it != text_matches.end() && it->entity_ == i ? std::optional{it->score_} : std::nullopt;
  };
  auto const list_text = [&](std::span<index::entity_idx const> const* among) {
    auto const matches = among != nullptr ? match_entities_among(cat, *q.text_, *among)
                                          : match_entities(cat, *q.text_);
    ZHITU_CHECK(matches, "run_query: the text was checked");
    text_matches = std::move(*matches);
    text_listed = true;
  };
  if (q.text_) {
    if (auto e = check_query_text(*q.text_)) {
      auto const colon = e->message_.find(": ");
      e->message_ =
          "text: " + (colon == std::string::npos ? e->message_ : e->message_.substr(colon + 2));
      return *e;
    }
    auto estimate = cat.names().estimate_text_matches(*q.text_);
    if (!estimate) {  // pinyin or Latin words: no cheap bound, so list them
      list_text(nullptr);
      estimate = text_matches.size();
    }
    parts.push_back({"text",
                     "text (name index)",
                     *estimate,
                     [&](std::vector<index::entity_idx>& out) {
                       // Other parts will narrow them: the entities alone now, and scores for
                       // the few left (scoring reads every matched name, a cache miss each).
                       if (!text_listed && parts.size() > 1) {
                         cat.names().text_candidates(*q.text_, out);
                         if (!out.empty()) {
                           score_text_last = true;
                           return;
                         }
                       }
                       if (!text_listed) {
                         list_text(nullptr);
                       }
                       for (auto const& m : text_matches) {
                         out.push_back(m.entity_);
                       }
                     },
                     {},
                     [&](std::vector<index::entity_idx>& candidates) {
                       if (!text_listed) {
                         std::span<index::entity_idx const> const among{candidates};
                         list_text(&among);
                       }
                       std::erase_if(candidates, [&](index::entity_idx i) {
                         return !text_score(i).has_value();
                       });
                     }});
  }

  if (q.bbox_) {
    // The R-tree holds boxes; a candidate counts when its point lies in the query box. The
    // R-tree's estimate of the boxes is enough to plan by; only a driving box lists them.
    parts.push_back({"bbox",
                     "space (R-tree)",
                     cat.estimate_in_box(*q.bbox_),
                     [&](std::vector<index::entity_idx>& out) { cat.points_in_box(*q.bbox_, out); },
                     {},
                     [&](std::vector<index::entity_idx>& candidates) {
                       // Scattered points: asked for ahead, so that their cache misses overlap.
                       constexpr std::size_t kAhead = 16;
                       std::size_t kept = 0;
                       for (std::size_t c = 0; c < candidates.size(); ++c) {
                         if (c + kAhead < candidates.size()) {
                           cat.prefetch_point(candidates[c + kAhead]);
                         }
                         auto const p = cat.point(candidates[c]);
                         if (p && q.bbox_->contains(*p)) {
                           candidates[kept++] = candidates[c];
                         }
                       }
                       candidates.resize(kept);
                     }});
  }

  std::vector<index::entity_idx> radius_hits;
  if (q.near_ && q.near_->radius_m_) {
    cat.within_radius(q.near_->center_, *q.near_->radius_m_, radius_hits);
    parts.push_back({"near", "space (R-tree, great-circle metres)", radius_hits.size(),
                     [&](std::vector<index::entity_idx>& out) { out = radius_hits; },
                     [&](index::entity_idx i) {
                       auto const p = cat.point(i);
                       return p && model::distance_m(q.near_->center_, *p) <= *q.near_->radius_m_;
                     }});
  }

  if (q.within_) {
    auto const area = *q.within_;
    std::vector<index::entity_idx> in_bounds;
    cat.in_box(cat.bounds(area), in_bounds);
    parts.push_back({"within", "space (R-tree + point in polygon)", in_bounds.size(),
                     [&cat, area](std::vector<index::entity_idx>& out) { cat.within(area, out); },
                     [&cat, area](index::entity_idx i) {
                       auto const p = cat.point(i);
                       return i != area && p && cat.bounds(area).contains(*p) &&
                              index::area_contains(*cat.at(area).geometry_, *p);
                     }});
  }

  if (q.time_) {
    auto const t = *q.time_;
    parts.push_back(
        {"time", "time (interval index)", cat.times().count_overlaps(t.from_, t.to_),
         [&cat, t](std::vector<index::entity_idx>& out) {
           cat.times().overlaps(t.from_, t.to_, out);
           std::sort(out.begin(), out.end());
         },
         [&cat, t](index::entity_idx i) { return cat.times().item_overlaps(i, t.from_, t.to_); }});
  }

  std::vector<std::uint8_t> kind_allowed;
  if (q.kinds_) {
    kind_allowed.assign(cat.kinds().size(), 0);
    std::size_t estimate = 0;
    for (auto const k : *q.kinds_) {
      if (kind_allowed[k] == 0) {
        estimate += cat.kinds()[k].count_;
      }
      kind_allowed[k] = 1;
    }
    parts.push_back({"kinds", "kinds (per-entity kind)", estimate,
                     [&, n](std::vector<index::entity_idx>& out) {
                       for (index::entity_idx i = 0; i < n; ++i) {
                         if (kind_allowed[cat.kind_of(i)] != 0) {
                           out.push_back(i);
                         }
                       }
                     },
                     [&](index::entity_idx i) { return kind_allowed[cat.kind_of(i)] != 0; }});
  }

  std::vector<std::uint8_t> related_set;
  std::vector<index::entity_idx> related_list;
  if (q.related_) {
    auto const reached =
        cat.relation_graph().k_hops(q.related_->entity_, q.related_->hops_, q.related_->predicate_);
    related_set.assign(n, 0);
    for (auto const& [node, hops] : reached) {
      if (hops > 0) {
        related_set[node] = 1;
        related_list.push_back(node);
      }
    }
    std::sort(related_list.begin(), related_list.end());
    parts.push_back({"related", "graph (adjacency by predicate)", related_list.size(),
                     [&](std::vector<index::entity_idx>& out) { out = related_list; },
                     [&](index::entity_idx i) { return related_set[i] != 0; }});
  }

  std::stable_sort(parts.begin(), parts.end(),
                   [](part const& a, part const& b) { return a.estimate_ < b.estimate_; });

  std::vector<index::entity_idx> candidates;
  auto const nearest_only = q.nearest_ && parts.empty();
  if (nearest_only) {
    // Best-first search straight from the R-tree.
    std::vector<std::pair<index::entity_idx, double>> nn;
    cat.nearest(q.near_->center_, *q.nearest_, {}, nn);
    for (auto const& [e, d] : nn) {
      r.hits_.push_back({e, d, std::nullopt});
    }
    r.plan_.push_back({"nearest", "space (R-tree best-first)", "drive", *q.nearest_, nn.size()});
    r.reason_ = "nearest is the only part: best-first search on the R-tree";
  } else if (parts.empty()) {
    candidates.resize(n);
    for (index::entity_idx i = 0; i < n; ++i) {
      candidates[i] = i;
    }
    r.plan_.push_back({"all", "catalog", "drive", n, n});
    r.reason_ = "no part given: every entity";
  } else {
    parts.front().generate_(candidates);
    r.plan_.push_back({parts.front().name_, parts.front().index_, "drive", parts.front().estimate_,
                       candidates.size()});
    r.reason_ = parts.front().name_ + " went first: it admits the fewest entities (" +
                std::to_string(parts.front().estimate_) + " of " + std::to_string(n) + ")";
    for (std::size_t i = 1; i < parts.size(); ++i) {
      auto const& p = parts[i];
      if (p.keep_) {
        p.keep_(candidates);
      } else {
        std::erase_if(candidates, [&](index::entity_idx e) { return !p.test_(e); });
      }
      r.plan_.push_back({p.name_, p.index_, "filter", p.estimate_, candidates.size()});
    }
    if (score_text_last) {
      std::span<index::entity_idx const> const survivors{candidates};
      list_text(&survivors);
    }
  }

  if (!nearest_only) {
    for (auto const e : candidates) {
      query_hit h{e, std::nullopt, std::nullopt};
      if (q.near_) {
        if (auto const p = cat.point(e)) {
          h.distance_m_ = model::distance_m(q.near_->center_, *p);
        }
      }
      if (q.text_) {
        h.text_score_ = text_score(e);
      }
      r.hits_.push_back(h);
    }
    auto const inf = std::numeric_limits<double>::infinity();
    if (q.nearest_ || (q.near_ && !q.text_)) {
      // Nearest first; entities without a point last.
      std::sort(r.hits_.begin(), r.hits_.end(), [&](query_hit const& a, query_hit const& b) {
        auto const da = a.distance_m_.value_or(inf);
        auto const db = b.distance_m_.value_or(inf);
        return da != db ? da < db : a.entity_ < b.entity_;
      });
      if (q.nearest_) {
        r.hits_.resize(std::min(r.hits_.size(), *q.nearest_));
        r.plan_.push_back(
            {"nearest", "great-circle distance", "rank", *q.nearest_, r.hits_.size()});
      }
    } else if (q.text_) {
      std::sort(r.hits_.begin(), r.hits_.end(), [](query_hit const& a, query_hit const& b) {
        return *a.text_score_ != *b.text_score_ ? *a.text_score_ > *b.text_score_
                                                : a.entity_ < b.entity_;
      });
    } else {
      std::sort(r.hits_.begin(), r.hits_.end(), [&](query_hit const& a, query_hit const& b) {
        auto const pa = cat.prominence(a.entity_);
        auto const pb = cat.prominence(b.entity_);
        return pa != pb ? pa > pb : a.entity_ < b.entity_;
      });
    }
  }
  r.matched_ = r.hits_.size();
  if (r.hits_.size() > q.limit_) {
    r.hits_.resize(q.limit_);
  }
  r.elapsed_ms_ =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return r;
}

json plan_json(query_result const& r) {
  auto steps = json::array();
  for (auto const& s : r.plan_) {
    steps.push_back({{"part", s.part_},
                     {"index", s.index_},
                     {"role", s.role_},
                     {"estimate", s.estimate_},
                     {"count", s.count_}});
  }
  return {{"steps", std::move(steps)},
          {"reason", r.reason_},
          {"matched", r.matched_},
          {"elapsed_ms", r.elapsed_ms_}};
}

}  // namespace zhitu::query
