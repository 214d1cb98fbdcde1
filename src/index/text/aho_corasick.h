// SPDX-License-Identifier: Apache-2.0
// Aho–Corasick automaton over bytes: every occurrence of every pattern in one pass over a text.
//
//   std::vector<std::string> const patterns{"洛阳", "洛阳龙门站", "龙门"};
//   aho_corasick const ac{patterns};
//   ac.for_each_match(text, [&](std::size_t end, std::uint32_t pattern) {
//     auto const begin = end - patterns[pattern].size();   // [begin, end) in bytes
//   });
//
// UTF-8 patterns over UTF-8 text only ever match on character boundaries, so byte offsets
// need no fixing up. Cost: build O(total pattern bytes · log alphabet); a search is O(text bytes
// + matches). Memory: about 16 bytes a trie state plus a 1 KiB root table.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace zhitu::index {

class aho_corasick {
 public:
  aho_corasick() = default;
  // Pattern i reports as i. Empty patterns are ignored; a repeated pattern reports once, as its
  // first index.
  explicit aho_corasick(std::span<std::string const> patterns);

  // Calls `on_match(end, pattern)` for each occurrence, in order of `end`; at one end, longer
  // patterns first.
  template <typename OnMatch>
  void for_each_match(std::string_view text, OnMatch&& on_match) const {
    if (states_.empty()) {
      return;
    }
    std::uint32_t s = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      s = next(s, static_cast<std::uint8_t>(text[i]));
      for (auto o = states_[s].output_ != kNone ? s : states_[s].dict_link_; o != kNone;
           o = states_[o].dict_link_) {
        on_match(i + 1, states_[o].output_);
      }
    }
  }

  std::size_t n_states() const { return states_.size(); }
  std::size_t memory_bytes() const;

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFU;
  struct state {
    std::uint32_t first_edge_{0};  // edges_[first_edge_, first_edge_ + n_edges_), by byte
    std::uint32_t n_edges_{0};
    std::uint32_t fail_{0};
    std::uint32_t output_{kNone};     // the pattern ending exactly here
    std::uint32_t dict_link_{kNone};  // nearest state on the fail chain with an output
  };
  struct edge {
    std::uint8_t byte_;
    std::uint32_t to_;
  };

  // The goto function of state `s`, or kNone.
  std::uint32_t child(std::uint32_t s, std::uint8_t b) const;
  std::uint32_t next(std::uint32_t s, std::uint8_t b) const {
    while (s != 0) {
      if (auto const c = child(s, b); c != kNone) {
        return c;
      }
      s = states_[s].fail_;
    }
    return root_[b];
  }

  std::vector<state> states_;
  std::vector<edge> edges_;
  std::array<std::uint32_t, 256> root_{};  // the root's full goto table (0: stay at the root)
};

}  // namespace zhitu::index
