// SPDX-License-Identifier: Apache-2.0
#include "index/text/mention_index.h"

#include <algorithm>
#include <unordered_map>

#include "index/text/han.h"

namespace zhitu::index {

namespace {

// Code points of UTF-8 text (continuation bytes are not counted).
std::size_t n_code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') {
    s.remove_prefix(1);
  }
  while (!s.empty() && s.back() == ' ') {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string mention_index::fold_ascii_case(std::string_view text) {
  std::string out{text};
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

bool mention_index::is_matchable(std::string_view surface) {
  if (surface.empty()) {
    return false;
  }
  auto const ascii = std::all_of(surface.begin(), surface.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!ascii) {
    return n_code_points(surface) >= 2;
  }
  auto const letters =
      std::count_if(surface.begin(), surface.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  return letters >= 4;
}

mention_index::mention_index(std::span<model::entity const> entities) {
  std::unordered_map<std::string, std::vector<candidate>> by_surface;
  auto const add = [&](std::string_view name, std::uint32_t entity, name_role role) {
    auto surface = fold_ascii_case(trim_spaces(name));
    if (!is_matchable(surface)) {
      return;
    }
    auto& list = by_surface[std::move(surface)];
    // One candidate per entity and surface: its strongest role (name before alias).
    auto const it = std::find_if(list.begin(), list.end(),
                                 [entity](candidate const& c) { return c.entity_ == entity; });
    if (it == list.end()) {
      list.push_back({entity, role});
    } else if (role < it->role_) {
      it->role_ = role;
    }
  };
  for (std::uint32_t i = 0; i < entities.size(); ++i) {
    auto const& n = entities[i].names_;
    add(n.zh_, i, name_role::kName);
    add(n.en_, i, name_role::kNameEn);
    for (auto const& a : n.aliases_) {
      add(a, i, name_role::kAlias);
    }
    // Provinces and cities without an English name are written in English by their short
    // name's pinyin (洛阳 → Luoyang, 河南 → Henan).
    auto const& kind = entities[i].kind_;
    if (n.en_.empty() && (kind == "province" || kind == "prefecture")) {
      for (auto const& a : n.aliases_) {
        if (n.zh_.starts_with(a)) {
          add(english_place_name(a), i, name_role::kNameEn);
        }
      }
    }
  }
  // Sorted, so that the automaton and its reports do not depend on hash order.
  std::vector<std::pair<std::string, std::vector<candidate>>> sorted(
      std::make_move_iterator(by_surface.begin()), std::make_move_iterator(by_surface.end()));
  std::sort(sorted.begin(), sorted.end(),
            [](auto const& a, auto const& b) { return a.first < b.first; });
  surfaces_.reserve(sorted.size());
  first_candidate_.reserve(sorted.size() + 1);
  for (auto& [surface, list] : sorted) {
    surfaces_.push_back(surface);
    first_candidate_.push_back(static_cast<std::uint32_t>(candidates_.size()));
    std::sort(list.begin(), list.end(),
              [](candidate const& a, candidate const& b) { return a.entity_ < b.entity_; });
    candidates_.insert(candidates_.end(), list.begin(), list.end());
  }
  first_candidate_.push_back(static_cast<std::uint32_t>(candidates_.size()));
  automaton_ = aho_corasick{surfaces_};
}

std::size_t mention_index::memory_bytes() const {
  std::size_t bytes = automaton_.memory_bytes() + first_candidate_.capacity() * 4 +
                      candidates_.capacity() * sizeof(candidate);
  for (auto const& s : surfaces_) {
    bytes += sizeof(s) + (s.capacity() > 15 ? s.capacity() : 0);
  }
  return bytes;
}

}  // namespace zhitu::index
