// SPDX-License-Identifier: Apache-2.0
#include "index/text/same_text.h"

#include <algorithm>

#include "model/check.h"

namespace zhitu::index {

same_text::same_text(std::vector<std::pair<std::uint32_t, std::uint32_t>>&& led,
                     std::size_t names) {
  std::stable_sort(led.begin(), led.end(),
                   [](auto const& a, auto const& b) { return a.first < b.first; });
  leads_.assign(names / 64 + 1, 0);
  leads_before_.assign(leads_.size(), 0);
  std::vector<std::uint32_t> first;
  std::vector<std::uint32_t> led_names;
  led_names.reserve(led.size());
  for (auto const& [lead, name] : led) {
    ZHITU_CHECK(lead < names && name < names && lead != name, "same_text: a name out of range");
    if (!leads(lead)) {
      leads_[lead / 64] |= std::uint64_t{1} << (lead % 64);
      first.push_back(static_cast<std::uint32_t>(led_names.size()));
    }
    led_names.push_back(name);
  }
  first.push_back(static_cast<std::uint32_t>(led_names.size()));
  led = {};
  for (std::size_t w = 1; w < leads_.size(); ++w) {
    leads_before_[w] =
        leads_before_[w - 1] + static_cast<std::uint32_t>(std::popcount(leads_[w - 1]));
  }
  first_ = packed_ints{first};
  led_ = packed_ints{led_names};
}

std::size_t same_text::memory_bytes() const {
  return leads_.capacity() * 8 + leads_before_.capacity() * 4 + first_.memory_bytes() +
         led_.memory_bytes();
}

}  // namespace zhitu::index
