// SPDX-License-Identifier: Apache-2.0
// UTF-8 checks for text that arrives in requests (queries, articles).
#pragma once

#include <cstddef>
#include <string_view>

namespace zhitu::query::detail {

// Whether `s` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF);
// counts code points into `n`, and on failure `n` is the number of valid code points before
// the bad byte.
inline bool valid_utf8(std::string_view s, std::size_t& n) {
  n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) {
    auto const b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : (b >> 5U) == 6 ? 2 : (b >> 4U) == 14 ? 3 : (b >> 3U) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      return false;
    }
    char32_t cp = len == 1 ? b : b & (0x7fU >> len);
    for (std::size_t k = 1; k < len; ++k) {
      auto const c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xc0U) != 0x80U) {
        return false;
      }
      cp = (cp << 6U) | (c & 0x3fU);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return false;
    }
    i += len;
  }
  return true;
}

}  // namespace zhitu::query::detail
