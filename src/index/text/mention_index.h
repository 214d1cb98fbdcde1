// SPDX-License-Identifier: Apache-2.0
// Every name and alias of every entity as a dictionary for finding mentions in running text
// (an Aho–Corasick automaton), with the entities each surface may mean.
//
//   mention_index const idx{entities};
//   idx.for_each_match(text, [&](std::size_t begin, std::size_t end,
//                                std::span<mention_index::candidate const> c) { ... });
//
// Provinces and prefecture-level cities without an English name also get their short name in
// pinyin (洛阳 → Luoyang, 西安 → Xi'an). Surfaces are matched as written, except that ASCII
// letters are matched case-insensitively
// (the caller decides whether the case in the text is right). Left out, as too ambiguous to be
// worth a match: Han surfaces of one character, Latin surfaces under four letters, numbers.
// Cost: build O(name bytes); a search O(text bytes + matches).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "index/text/aho_corasick.h"
#include "model/entity.h"

namespace zhitu::index {

class mention_index {
 public:
  enum class name_role : std::uint8_t { kName, kNameEn, kAlias };
  struct candidate {
    std::uint32_t entity_;
    name_role role_;
  };

  mention_index() = default;
  explicit mention_index(std::span<model::entity const> entities);

  // Calls `on_match(begin, end, candidates)` for each occurrence [begin, end) (bytes) of a
  // surface in `text`, in order of `end`, longer surfaces first at one end.
  template <typename OnMatch>
  void for_each_match(std::string_view text, OnMatch&& on_match) const {
    auto const folded = fold_ascii_case(text);
    automaton_.for_each_match(folded, [&](std::size_t end, std::uint32_t pattern) {
      on_match(end - surfaces_[pattern].size(), end,
               std::span<candidate const>{candidates_.data() + first_candidate_[pattern],
                                          candidates_.data() + first_candidate_[pattern + 1]});
    });
  }

  std::size_t n_surfaces() const { return surfaces_.size(); }
  std::size_t memory_bytes() const;

  // ASCII upper case to lower case; every other byte as is (lengths and offsets stay).
  static std::string fold_ascii_case(std::string_view text);
  // Whether `surface` (folded) is specific enough to look for.
  static bool is_matchable(std::string_view surface);

 private:
  std::vector<std::string> surfaces_;
  std::vector<std::uint32_t> first_candidate_;  // per surface, then one past the last
  std::vector<candidate> candidates_;
  aho_corasick automaton_;
};

}  // namespace zhitu::index
