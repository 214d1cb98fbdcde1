// SPDX-License-Identifier: Apache-2.0
// Names that fold to the same text as another name, their lead: the name index keeps postings
// for the lead alone and expands them when it emits matches (a million generated POIs have
// 218,086 distinct names; 中山路 and 人民公园 repeat in real cities). A bit per name says whether
// it leads others, and its rank among the leads finds their list: about 0.2 bytes a name and
// 2.5 a name led.
//
//   same_text const s{{{3, 9}, {3, 7}}, 10};   // names 9 and 7 read as name 3
//   s.for_each_led(3, f);                       // f(9), f(7)
//   s.count_led(4) == 0;
#pragma once

#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

#include "index/text/packed_ints.h"

namespace zhitu::index {

class same_text {
 public:
  same_text() = default;
  // `led`: (lead, name) pairs, every name below `names`; a lead's names are kept in the order
  // given.
  same_text(std::vector<std::pair<std::uint32_t, std::uint32_t>>&& led, std::size_t names);

  bool leads(std::uint32_t lead) const { return (leads_[lead / 64] >> (lead % 64) & 1U) != 0; }
  // Where the names `lead` leads are, for led_at (empty when it leads none).
  std::pair<std::uint32_t, std::uint32_t> led_range(std::uint32_t lead) const {
    if (!leads(lead)) return {0, 0};
    auto const i = list_of(lead);
    return {first_[i], first_[i + 1]};
  }
  std::uint32_t led_at(std::uint32_t k) const { return led_[k]; }
  std::uint32_t count_led(std::uint32_t lead) const {
    auto const [first, end] = led_range(lead);
    return end - first;
  }
  // Calls f(name) for each name that `lead` leads, in their order.
  template <typename F>
  void for_each_led(std::uint32_t lead, F const& f) const {
    for (auto [k, end] = led_range(lead); k < end; ++k) {
      f(led_[k]);
    }
  }
  std::size_t memory_bytes() const;

 private:
  std::size_t list_of(std::uint32_t lead) const {
    auto const below = leads_[lead / 64] & ((std::uint64_t{1} << (lead % 64)) - 1);
    return leads_before_[lead / 64] + static_cast<std::size_t>(std::popcount(below));
  }

  std::vector<std::uint64_t> leads_{0};         // a bit per name
  std::vector<std::uint32_t> leads_before_{0};  // per word of leads_, the leads before it
  packed_ints first_;                           // per lead, where its names begin in led_; the end
  packed_ints led_;
};

}  // namespace zhitu::index
