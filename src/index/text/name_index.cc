// SPDX-License-Identifier: Apache-2.0
#include "index/text/name_index.h"

#include <algorithm>

#include "index/text/normalize.h"
#include "model/check.h"

namespace zhitu::index {

std::string_view to_string(name_field f) {
  switch (f) {
    case name_field::kZh: return "zh";
    case name_field::kEn: return "en";
    case name_field::kAlias: return "alias";
  }
  return "?";
}

std::string_view to_string(match_kind k) {
  switch (k) {
    case match_kind::kSubstring: return "substring";
    case match_kind::kPrefix: return "prefix";
    case match_kind::kExact: return "exact";
  }
  return "?";
}

name_index::name_index(std::span<model::entity const> entities) {
  auto add = [&](std::string const& name, std::uint32_t e, name_field f, std::uint16_t alias) {
    auto key = normalize_name(name);
    if (!key.empty()) {
      entries_.push_back({std::move(key), e, f, alias});
    }
  };
  for (std::uint32_t e = 0; e < entities.size(); ++e) {
    auto const& n = entities[e].names_;
    add(n.zh_, e, name_field::kZh, 0);
    add(n.en_, e, name_field::kEn, 0);
    for (std::size_t a = 0; a < n.aliases_.size() && a < UINT16_MAX; ++a) {
      add(n.aliases_[a], e, name_field::kAlias, static_cast<std::uint16_t>(a));
    }
  }
  std::sort(entries_.begin(), entries_.end(), [](entry const& a, entry const& b) {
    return a.key_ != b.key_ ? a.key_ < b.key_ : a.entity_ < b.entity_;
  });
  entries_.shrink_to_fit();
}

void name_index::match(std::string_view folded_query, std::vector<name_match>& out) const {
  ZHITU_CHECK(!folded_query.empty(), "empty name query");
  // Prefix matches (exact ones included) form one sorted run; find it by binary search.
  auto const first = std::lower_bound(entries_.begin(), entries_.end(), folded_query,
                                      [](entry const& e, std::string_view q) { return e.key_ < q; });
  auto it = first;
  for (; it != entries_.end() && std::string_view{it->key_}.starts_with(folded_query); ++it) {
    auto const kind = it->key_.size() == folded_query.size() ? match_kind::kExact : match_kind::kPrefix;
    out.push_back({it->entity_, it->field_, it->alias_idx_, kind});
  }
  auto const prefix_end = it;
  for (auto s = entries_.begin(); s != entries_.end(); ++s) {
    if (s == first) {
      s = prefix_end;
      if (s == entries_.end()) {
        break;
      }
    }
    if (s->key_.find(folded_query) != std::string::npos) {
      out.push_back({s->entity_, s->field_, s->alias_idx_, match_kind::kSubstring});
    }
  }
}

std::size_t name_index::memory_bytes() const {
  auto bytes = entries_.capacity() * sizeof(entry);
  for (auto const& e : entries_) {
    if (e.key_.capacity() > 15) {  // beyond the small-string buffer
      bytes += e.key_.capacity() + 1;
    }
  }
  return bytes;
}

}  // namespace zhitu::index
