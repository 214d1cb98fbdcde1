// SPDX-License-Identifier: Apache-2.0
// libFuzzer: the name index on any names and any query. Input: the query on the first line,
// then one entity per line (its Chinese name, then aliases after '|'); each entity's
// prominence comes from its line (four levels, so that many tie). Nothing may crash, hang or
// leak, and the first `limit` entities of match_top's matches — the order search ranks them in,
// without a `near` point — must be those of every match ranked alike (match), with the same
// matches: reading pinyin best first may stop early but never change the answer.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "index/text/name_index.h"

namespace {

using zhitu::index::name_match;

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  for (std::size_t at = 0;;) {
    auto const end = text.find(sep, at);
    out.push_back(text.substr(at, end == std::string_view::npos ? end : end - at));
    if (end == std::string_view::npos) {
      return out;
    }
    at = end + 1;
  }
}

// search's order without `near` (query/search.cc), then one match per entity, the first `limit`.
std::vector<name_match> first_entities(std::vector<name_match> matches,
                                       std::vector<double> const& prominence, std::size_t limit) {
  auto const key = [&](name_match const& m) {
    return std::make_tuple(-zhitu::index::match_score(m, prominence[m.entity_]), m.name_len_,
                           m.entity_, -static_cast<int>(m.kind_), m.edits_,
                           -static_cast<int>(m.corrected_kind_), m.via_, m.field_, m.alias_idx_);
  };
  std::stable_sort(matches.begin(), matches.end(),
                   [&](name_match const& a, name_match const& b) { return key(a) < key(b); });
  std::vector<name_match> out;
  for (auto const& m : matches) {
    if (out.size() < limit && std::none_of(out.begin(), out.end(), [&](name_match const& o) {
          return o.entity_ == m.entity_;
        })) {
      out.push_back(m);
    }
  }
  return out;
}

[[noreturn]] void violated(char const* what, std::string_view query, std::size_t limit) {
  std::fprintf(stderr, "invariant violated: %s (query \"%.*s\", limit %zu)\n", what,
               static_cast<int>(query.size()), query.data(), limit);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const text{reinterpret_cast<char const*>(data), size};
  auto const lines = split(text, '\n');
  if (lines.size() < 2 || lines.size() > 200) {
    return 0;
  }
  auto const query = lines[0];
  std::vector<zhitu::model::entity> entities;
  std::vector<double> prominence;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto const names = split(lines[i], '|');
    zhitu::model::entity e;
    e.names_.zh_ = std::string{names[0]};
    for (std::size_t a = 1; a < names.size(); ++a) {
      e.names_.aliases_.emplace_back(names[a]);
    }
    entities.push_back(std::move(e));
    prominence.push_back(static_cast<double>(lines[i].size() % 4) / 4.0);
  }
  zhitu::index::name_index const idx{entities, prominence};
  for (std::size_t const limit : {1, 3, 10}) {
    auto const want_fuzzy_below = std::max<std::size_t>(limit, 10);
    std::vector<name_match> top;
    std::vector<name_match> all;
    idx.match_top(query, limit, top, want_fuzzy_below);
    idx.match(query, all, want_fuzzy_below);
    if (top.size() > all.size()) {
      violated("match_top found more than match", query, limit);
    }
    auto const a = first_entities(top, prominence, limit);
    auto const b = first_entities(all, prominence, limit);
    if (a.size() != b.size()) {
      violated("match_top gives another number of entities", query, limit);
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].entity_ != b[i].entity_ || a[i].kind_ != b[i].kind_ || a[i].via_ != b[i].via_ ||
          a[i].field_ != b[i].field_ || a[i].alias_idx_ != b[i].alias_idx_ ||
          a[i].begin_ != b[i].begin_ || a[i].end_ != b[i].end_) {
        violated("match_top ranks another answer", query, limit);
      }
    }
  }
  return 0;
}
