// SPDX-License-Identifier: Apache-2.0
#include "query/annotate.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "index/graph/derive.h"
#include "model/crs.h"
#include "query/utf8.h"

namespace zhitu::query {

namespace {

using index::mention_index;
using name_role = mention_index::name_role;

// A dictionary match that survived the overlap step, with its candidates' scores.
struct span_match {
  std::size_t begin_;
  std::size_t end_;
  std::vector<mention_index::candidate> candidates_;
  std::vector<double> base_;  // per candidate, before geography
};

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_latin(std::string_view surface) {
  return std::all_of(surface.begin(), surface.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::size_t n_code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// How likely a surface means an entity of this kind, to choose between entities of one name: a
// city's name in a text is the city far more often than its railway station, which a text calls
// 洛阳站.
double kind_prior(std::string_view kind, std::string_view surface) {
  if (index::is_admin_kind(kind)) {
    return 1.0;
  }
  if (kind == "station") {
    return surface.ends_with("站") ? 1.0 : 0.5;
  }
  return 0.9;
}

// A province's or a prefecture-level city's short name (洛阳, 河南) is how texts name it. Other
// two-character names (涧西, 和平, 中原, 城区, 长城, 天堂, station names) are often ordinary
// words or another place's name: weak, kept only near the text's other mentions.
bool is_region(index::catalog const& cat, index::entity_idx e) {
  auto const& kind = cat.at(e).kind_;
  if (kind == "province") {
    return true;
  }
  // 东方市 is filed with the prefectures but is a county-level city (and an ordinary word).
  return kind == "prefecture" &&
         cat.at(e).properties_.find("province_direct_county_level") == std::string::npos;
}

bool is_weak(index::catalog const& cat, std::string_view surface, index::entity_idx e) {
  return n_code_points(surface) <= 2 && !is_latin(surface) && !is_region(cat, e);
}

// How surely a surface, once chosen, is a mention at all.
double specificity(index::catalog const& cat, std::string_view surface, name_role role,
                   index::entity_idx e) {
  if (is_weak(cat, surface, e)) {
    return 0.75;
  }
  return role == name_role::kAlias && !is_region(cat, e) ? 0.9 : 1.0;
}

// What follows a name that makes it part of another name: 白马寺镇 is a town, 中州路 a road,
// 王城公园 a park, each named after the place but not it.
bool is_named_after(std::string_view rest) {
  static constexpr std::string_view kSuffixes[] = {
      "镇",   "乡",   "村",   "路",   "街",   "大道", "公园", "广场", "小区", "社区",
      "中学", "小学", "医院", "宾馆", "酒店", "饭店", "集团", "公司", "社"};
  return std::any_of(std::begin(kSuffixes), std::end(kSuffixes),
                     [&](std::string_view s) { return rest.starts_with(s); });
}

// The coordinate-wise median of points: a centre that a few far-off mentions cannot drag away,
// in O(n) however long the text.
std::optional<model::lon_lat> median_point(std::vector<model::lon_lat> points) {
  if (points.empty()) {
    return std::nullopt;
  }
  auto const mid = points.begin() + static_cast<std::ptrdiff_t>(points.size() / 2);
  std::nth_element(points.begin(), mid, points.end(),
                   [](model::lon_lat a, model::lon_lat b) { return a.lon_ < b.lon_; });
  auto const lon = mid->lon_;
  std::nth_element(points.begin(), mid, points.end(),
                   [](model::lon_lat a, model::lon_lat b) { return a.lat_ < b.lat_; });
  return model::lon_lat{lon, mid->lat_};
}

}  // namespace

result<std::vector<mention>> annotate(index::catalog const& cat, std::string_view text,
                                      annotate_params const& p) {
  if (text.size() > kMaxAnnotateBytes) {
    return invalid_argument("text: " + std::to_string(text.size()) + " bytes; at most " +
                            std::to_string(kMaxAnnotateBytes) + " allowed");
  }
  std::size_t n_valid = 0;
  if (!detail::valid_utf8(text, n_valid)) {
    return invalid_argument("text: not valid UTF-8 after character " + std::to_string(n_valid));
  }

  std::vector<std::uint8_t> wanted_kind(cat.kinds().size(), 0);
  if (p.kinds_) {
    for (auto const k : *p.kinds_) {
      wanted_kind.at(k) = 1;
    }
  } else {
    for (std::size_t k = 0; k < wanted_kind.size(); ++k) {
      auto const& name = cat.kinds()[k].kind_;
      wanted_kind[k] = std::find(std::begin(kNotPlaceKinds), std::end(kNotPlaceKinds), name) ==
                       std::end(kNotPlaceKinds);
    }
  }

  // 1. Every dictionary match with a wanted candidate; Latin ones only as whole, proper words.
  std::vector<span_match> matches;
  cat.mentions().for_each_match(text, [&](std::size_t begin, std::size_t end,
                                          std::span<mention_index::candidate const> candidates) {
    auto const surface = text.substr(begin, end - begin);
    if (is_latin(surface)) {
      auto const boundary_before = begin == 0 || !is_ascii_alnum(text[begin - 1]);
      auto const boundary_after = end == text.size() || !is_ascii_alnum(text[end]);
      // A proper name is capitalised, unless it is written exactly as its owner spells it
      // (iFlytek).
      auto const capitalised = !(surface.front() >= 'a' && surface.front() <= 'z');
      auto const as_spelt = std::any_of(candidates.begin(), candidates.end(), [&](auto const& c) {
        auto const& n = cat.at(c.entity_).names_;
        return n.en_ == surface || n.zh_ == surface ||
               std::find(n.aliases_.begin(), n.aliases_.end(), surface) != n.aliases_.end();
      });
      if (!boundary_before || !boundary_after || !(capitalised || as_spelt)) {
        return;
      }
    }
    if (is_named_after(text.substr(end))) {
      return;
    }
    span_match m{begin, end, {}, {}};
    for (auto const& c : candidates) {
      if (wanted_kind[cat.kind_of(c.entity_)] != 0) {
        m.candidates_.push_back(c);
      }
    }
    if (!m.candidates_.empty()) {
      matches.push_back(std::move(m));
    }
  });

  // 2. Where matches overlap, the reading whose names are longest in sum of squares: 洛阳龙门站
  //    is one station, not 洛阳 + 龙门站, and 洛阳龙门石窟 is 洛阳 + 龙门石窟, not 洛阳龙门 + 石窟
  //    (weighted interval scheduling over the matches, by end).
  std::sort(matches.begin(), matches.end(), [](span_match const& a, span_match const& b) {
    return a.end_ != b.end_ ? a.end_ < b.end_ : a.begin_ < b.begin_;
  });
  auto const n = matches.size();
  std::vector<double> weight(n + 1, 0.0);  // weight[j]: the best reading of the first j matches
  std::vector<std::size_t> before(n);    // matches ending at or before match j begins
  for (std::size_t j = 0; j < n; ++j) {
    before[j] = static_cast<std::size_t>(
        std::upper_bound(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(j),
                         matches[j].begin_,
                         [](std::size_t begin, span_match const& m) { return begin < m.end_; }) -
        matches.begin());
    auto const len = static_cast<double>(
        n_code_points(text.substr(matches[j].begin_, matches[j].end_ - matches[j].begin_)));
    weight[j + 1] = std::max(weight[j], weight[before[j]] + len * len);
  }
  std::vector<span_match> chosen;
  for (auto j = n; j > 0;) {
    auto const len = static_cast<double>(n_code_points(
        text.substr(matches[j - 1].begin_, matches[j - 1].end_ - matches[j - 1].begin_)));
    if (weight[j] == weight[before[j - 1]] + len * len) {
      chosen.push_back(std::move(matches[j - 1]));
      j = before[j - 1];
    } else {
      --j;
    }
  }
  std::reverse(chosen.begin(), chosen.end());

  // 3. Scores without geography; the clear, strong mentions give the text's centre.
  std::vector<model::lon_lat> anchors;
  for (auto& m : chosen) {
    auto const surface = text.substr(m.begin_, m.end_ - m.begin_);
    for (auto const& c : m.candidates_) {
      auto const& kind = cat.at(c.entity_).kind_;
      m.base_.push_back(kind_prior(kind, surface) * specificity(cat, surface, c.role_, c.entity_));
    }
    // A strong reading well ahead of any other (洛阳 the city, not the station) anchors the text.
    auto const top = static_cast<std::size_t>(std::max_element(m.base_.begin(), m.base_.end()) -
                                              m.base_.begin());
    auto clear = true;
    for (std::size_t i = 0; i < m.base_.size(); ++i) {
      clear = clear && (i == top || m.base_[i] <= 0.6 * m.base_[top]);
    }
    if (m.base_[top] >= 0.85 && clear) {
      if (auto const pt = cat.point(m.candidates_[top].entity_)) {
        anchors.push_back(*pt);
      }
    }
  }
  auto const centre = median_point(std::move(anchors));

  // 4. Geography decides between candidates and keeps weak surfaces only near the rest.
  std::vector<mention> out;
  std::size_t utf16 = 0;
  std::size_t counted_to = 0;
  auto const utf16_at = [&](std::size_t byte) {
    for (; counted_to < byte; ++counted_to) {
      auto const b = static_cast<unsigned char>(text[counted_to]);
      if ((b & 0xC0) != 0x80) {
        utf16 += b >= 0xF0 ? 2 : 1;  // a four-byte character is a surrogate pair
      }
    }
    return utf16;
  };
  constexpr double kCoherenceKm = 300.0;
  constexpr double kWeakRadiusKm = 80.0;
  for (auto const& m : chosen) {
    auto const surface = text.substr(m.begin_, m.end_ - m.begin_);
    std::vector<double> geo(m.candidates_.size(), 1.0);
    std::vector<double> km(m.candidates_.size(), -1);
    std::vector<double> score(m.candidates_.size());
    for (std::size_t i = 0; i < m.candidates_.size(); ++i) {
      auto const e = m.candidates_[i].entity_;
      if (auto const pt = cat.point(e); pt && centre) {
        km[i] = model::distance_m(*pt, *centre) / 1000.0;
        geo[i] = 0.7 + 0.3 * std::exp(-km[i] / kCoherenceKm);
      }
      // Ties (same kind and role) go to the more prominent entity.
      score[i] = m.base_[i] * geo[i] * (1.0 + 0.01 * cat.prominence(e));
    }
    auto const best =
        static_cast<std::size_t>(std::max_element(score.begin(), score.end()) - score.begin());
    auto second = 0.0;
    for (std::size_t i = 0; i < score.size(); ++i) {
      if (i != best) {
        second = std::max(second, score[i]);
      }
    }
    auto const& chosen_candidate = m.candidates_[best];
    auto const e = chosen_candidate.entity_;
    // An even contest between two readings halves the confidence.
    auto const contest = second / score[best];
    auto confidence = specificity(cat, surface, chosen_candidate.role_, e) * geo[best] *
                      (1.0 - 0.5 * contest * contest);
    if (is_weak(cat, surface, e) && !(km[best] >= 0 && km[best] <= kWeakRadiusKm)) {
      confidence *= 0.6;
    }
    if (confidence < p.min_confidence_) {
      continue;
    }
    auto const start16 = utf16_at(m.begin_);
    auto const end16 = utf16_at(m.end_);
    out.push_back({m.begin_, m.end_, start16, end16, std::string{surface}, e, confidence});
  }
  return out;
}

}  // namespace zhitu::query
