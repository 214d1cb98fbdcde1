// SPDX-License-Identifier: Apache-2.0
#include "index/text/aho_corasick.h"

#include <algorithm>
#include <deque>

namespace zhitu::index {

aho_corasick::aho_corasick(std::span<std::string const> patterns) {
  // A build-time trie with growable child lists, flattened into sorted edges below.
  struct build_state {
    std::vector<edge> children_;
    std::uint32_t output_{kNone};
  };
  std::vector<build_state> trie(1);
  for (std::uint32_t p = 0; p < patterns.size(); ++p) {
    if (patterns[p].empty()) {
      continue;
    }
    std::uint32_t s = 0;
    for (auto const ch : patterns[p]) {
      auto const b = static_cast<std::uint8_t>(ch);
      auto& kids = trie[s].children_;
      auto const it =
          std::find_if(kids.begin(), kids.end(), [b](edge const& e) { return e.byte_ == b; });
      if (it != kids.end()) {
        s = it->to_;
      } else {
        auto const to = static_cast<std::uint32_t>(trie.size());
        kids.push_back({b, to});
        trie.emplace_back();
        s = to;
      }
    }
    if (trie[s].output_ == kNone) {
      trie[s].output_ = p;
    }
  }

  states_.resize(trie.size());
  for (std::uint32_t s = 0; s < trie.size(); ++s) {
    auto& kids = trie[s].children_;
    std::sort(kids.begin(), kids.end(),
              [](edge const& a, edge const& b) { return a.byte_ < b.byte_; });
    states_[s].first_edge_ = static_cast<std::uint32_t>(edges_.size());
    states_[s].n_edges_ = static_cast<std::uint32_t>(kids.size());
    states_[s].output_ = trie[s].output_;
    edges_.insert(edges_.end(), kids.begin(), kids.end());
  }
  for (auto const& e : trie[0].children_) {
    root_[e.byte_] = e.to_;
  }

  // Fail and dictionary links, breadth first so that every shorter suffix is done first.
  std::deque<std::uint32_t> queue;
  for (auto const& e : trie[0].children_) {
    states_[e.to_].fail_ = 0;
    queue.push_back(e.to_);
  }
  while (!queue.empty()) {
    auto const s = queue.front();
    queue.pop_front();
    for (auto const& e : trie[s].children_) {
      auto const fail = next(states_[s].fail_, e.byte_);
      states_[e.to_].fail_ = fail;
      states_[e.to_].dict_link_ = states_[fail].output_ != kNone ? fail : states_[fail].dict_link_;
      queue.push_back(e.to_);
    }
  }
}

std::uint32_t aho_corasick::child(std::uint32_t s, std::uint8_t b) const {
  auto const& st = states_[s];
  auto const* const first = edges_.data() + st.first_edge_;
  auto const* const last = first + st.n_edges_;
  if (st.n_edges_ <= 8) {
    for (auto const* e = first; e != last; ++e) {
      if (e->byte_ == b) {
        return e->to_;
      }
    }
    return kNone;
  }
  auto const* const it =
      std::lower_bound(first, last, b, [](edge const& e, std::uint8_t v) { return e.byte_ < v; });
  return it != last && it->byte_ == b ? it->to_ : kNone;
}

std::size_t aho_corasick::memory_bytes() const {
  return states_.capacity() * sizeof(state) + edges_.capacity() * sizeof(edge) + sizeof(root_);
}

}  // namespace zhitu::index
