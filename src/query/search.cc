// SPDX-License-Identifier: Apache-2.0
#include "query/search.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "index/text/han.h"
#include "query/utf8.h"

namespace zhitu::query {

namespace {

double distance_km(model::lon_lat a, model::lon_lat b) {
  constexpr auto kRad = 3.14159265358979323846 / 180.0;
  auto const dlat = (b.lat_ - a.lat_) * kRad;
  auto const dlon = (b.lon_ - a.lon_) * kRad;
  auto const h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(a.lat_ * kRad) * std::cos(b.lat_ * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace

std::optional<error> check_query_text(std::string const& text) {
  if (text.empty()) {
    return invalid_argument("q: empty query");
  }
  if (text.size() > kMaxQueryBytes) {
    return invalid_argument("q: query of " + std::to_string(text.size()) + " bytes; at most " +
                            std::to_string(kMaxQueryBytes) + " allowed");
  }
  std::size_t n_cp = 0;
  if (!detail::valid_utf8(text, n_cp)) {
    return invalid_argument("q: not valid UTF-8");
  }
  if (n_cp > kMaxQueryCodePoints) {
    return invalid_argument("q: query of " + std::to_string(n_cp) + " characters; at most " +
                            std::to_string(kMaxQueryCodePoints) + " allowed");
  }
  if (index::normalize_for_search(text).empty()) {
    return invalid_argument("q: query has no letters, digits or characters to search for");
  }
  return std::nullopt;
}

namespace {

// Match kind (0 fuzzy … 4 exact) + [0, 1) from prominence and nearness.
double score_of(index::catalog const& cat, index::name_match const& m,
                std::optional<model::lon_lat> const& near) {
  auto v = cat.prominence(m.entity_);
  if (near) {
    auto const at = cat.point(m.entity_);
    auto const closeness = at ? 1.0 / (1.0 + distance_km(*near, *at) / 50.0) : 0.0;
    v = 0.4 * v + 0.599 * closeness;
  }
  return index::match_score(m, v);
}

// Each matched entity once, its best score, in entity order.
std::vector<entity_score> best_per_entity(index::catalog const& cat,
                                          std::span<index::name_match const> matches) {
  std::vector<entity_score> out;
  out.reserve(matches.size());
  for (auto const& m : matches) {
    out.push_back({m.entity_, score_of(cat, m, std::nullopt)});
  }
  // Matches by characters come in name order, which is entity order; others may not.
  auto const by_entity_best_first = [](entity_score const& a, entity_score const& b) {
    return a.entity_ != b.entity_ ? a.entity_ < b.entity_ : a.score_ > b.score_;
  };
  if (!std::is_sorted(out.begin(), out.end(), by_entity_best_first)) {
    std::sort(out.begin(), out.end(), by_entity_best_first);
  }
  out.erase(std::unique(out.begin(), out.end(),
                        [](entity_score const& a, entity_score const& b) {
                          return a.entity_ == b.entity_;
                        }),
            out.end());
  return out;
}

}  // namespace

result<std::vector<entity_score>> match_entities(index::catalog const& cat,
                                                 std::string const& text) {
  if (auto e = check_query_text(text)) {
    return *e;
  }
  thread_local std::vector<index::name_match> matches;
  matches.clear();
  cat.names().match(text, matches, std::numeric_limits<std::size_t>::max());
  return best_per_entity(cat, matches);
}

result<std::vector<entity_score>> match_entities_among(index::catalog const& cat,
                                                       std::string const& text,
                                                       std::span<index::entity_idx const> only) {
  if (auto e = check_query_text(text)) {
    return *e;
  }
  thread_local std::vector<index::name_match> matches;
  matches.clear();
  cat.names().match_among(text, only, matches);
  return best_per_entity(cat, matches);
}

std::string const& matched_name(index::catalog const& cat, search_hit const& hit) {
  auto const& n = cat.at(hit.entity_).names_;
  switch (hit.match_.field_) {
    case index::name_field::kZh:
      return n.zh_;
    case index::name_field::kEn:
      return n.en_;
    case index::name_field::kAlias:
      return n.aliases_[hit.match_.alias_idx_];
  }
  return n.zh_;
}

std::string matched_pinyin(index::catalog const& cat, search_hit const& hit) {
  if (hit.match_.via_ == index::match_via::kText) {
    return {};
  }
  if (hit.match_.via_ == index::match_via::kTypo && hit.match_.field_ == index::name_field::kEn) {
    return {};
  }
  return index::display_pinyin(matched_name(cat, hit));
}

result<std::vector<search_hit>> search(index::catalog const& cat, search_params const& p) {
  if (auto e = check_query_text(p.text_)) {
    return *e;
  }

  thread_local std::vector<index::name_match> matches;
  matches.clear();
  // Common characters keep their best matches in this order (score_of without `near`): the
  // thousands of others need not be scored.
  if (!p.near_ && !p.kinds_ && cat.names().best_text_matches(p.text_, p.limit_, matches)) {
    std::vector<search_hit> out;
    for (auto const& m : matches) {
      out.push_back({m.entity_, m, score_of(cat, m, std::nullopt)});
    }
    return out;
  }
  auto const want_fuzzy_below = std::max<std::size_t>(p.limit_, 10);
  if (!p.near_ && !p.kinds_) {
    cat.names().match_top(p.text_, p.limit_, matches, want_fuzzy_below);
  } else {
    cat.names().match(p.text_, matches, want_fuzzy_below);
  }

  // Score every match (no per-entity grouping yet: most entities match once), then select the
  // best few and drop an entity's weaker names among them.
  std::vector<search_hit> hits;
  hits.reserve(matches.size());
  for (auto const& m : matches) {
    if (p.kinds_ &&
        std::find(p.kinds_->begin(), p.kinds_->end(), cat.kind_of(m.entity_)) == p.kinds_->end()) {
      continue;
    }
    hits.push_back({m.entity_, m, score_of(cat, m, p.near_)});
  }
  // Ties: the shorter name, then catalog order (the store's order, the same on every run). The
  // name length travels in the match, so ranking touches no entity: with a million names most
  // matches tie on score, and looking up ids there cost more than the matching itself.
  auto const better = [&](search_hit const& a, search_hit const& b) {
    return index::comes_before({a.score_, a.match_.name_len_, a.entity_},
                               {b.score_, b.match_.name_len_, b.entity_});
  };
  auto const stronger = [](index::name_match const& a, index::name_match const& b) {
    if (a.kind_ != b.kind_) return a.kind_ > b.kind_;
    if (a.edits_ != b.edits_) return a.edits_ < b.edits_;
    if (a.corrected_kind_ != b.corrected_kind_) return a.corrected_kind_ > b.corrected_kind_;
    if (a.via_ != b.via_) return a.via_ < b.via_;
    if (a.field_ != b.field_) return a.field_ < b.field_;
    return a.alias_idx_ < b.alias_idx_;
  };
  auto const full_order = [&](search_hit const& a, search_hit const& b) {
    if (better(a, b)) return true;
    if (better(b, a)) return false;
    return stronger(a.match_, b.match_);
  };
  // Take a few more than asked for, so that duplicates of one entity can be dropped; if too many
  // were duplicates, sort everything.
  for (auto take = std::min(hits.size(), p.limit_ * 2 + 8);; take = hits.size()) {
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(take), hits.end(),
                      full_order);
    std::vector<search_hit> out;
    for (std::size_t i = 0; i < take && out.size() < p.limit_; ++i) {
      auto const seen = std::any_of(out.begin(), out.end(), [&](search_hit const& h) {
        return h.entity_ == hits[i].entity_;
      });
      if (!seen) {
        out.push_back(hits[i]);
      }
    }
    if (out.size() == p.limit_ || take == hits.size()) {
      return out;
    }
  }
}

}  // namespace zhitu::query
