// SPDX-License-Identifier: Apache-2.0
#include "index/text/normalize.h"

#include <cstdint>

namespace zhitu::index {

namespace {

// Decodes one UTF-8 sequence at s[i]; returns the code point and advances i. Bytes that do not
// start a valid sequence come back as themselves (>= 0x80), one at a time.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto const b0 = static_cast<unsigned char>(s[i]);
  auto const need = b0 < 0x80 ? 0 : (b0 >> 5U) == 0x6 ? 1 : (b0 >> 4U) == 0xe ? 2 : (b0 >> 3U) == 0x1e ? 3 : -1;
  if (need <= 0 || i + static_cast<std::size_t>(need) >= s.size()) {
    ++i;
    return b0;
  }
  char32_t cp = b0 & (0x3fU >> static_cast<unsigned>(need));
  for (auto k = 1; k <= need; ++k) {
    auto const b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xc0U) != 0x80U) {
      ++i;
      return b0;
    }
    cp = (cp << 6U) | (b & 0x3fU);
  }
  i += static_cast<std::size_t>(need) + 1;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6U)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3fU)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12U)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6U) & 0x3fU)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3fU)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18U)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12U) & 0x3fU)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6U) & 0x3fU)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3fU)));
  }
}

bool is_dropped(char32_t cp) {
  switch (cp) {
    case U' ': case U'\t': case U'\n': case U'\r': case U'-': case U'_': case U'\'':
    case U'.': case U',': case U'(': case U')': case U'"':
    case U'\u00b7':  // · middle dot, as in 阿倍仲麻吕·纪念碑
    case U'\u2019': case U'\u2018': case U'\u201c': case U'\u201d':
    case U'\u3000': case U'\u3001': case U'\u3002':  // ideographic space, 、 。
    case U'\u30fb':  // ・
    case U'\uff08': case U'\uff09':  // （ ）
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string normalize_name(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto cp = next_code_point(text, i);
    if (cp >= 0xff01 && cp <= 0xff5e) {
      cp -= 0xfee0;  // full-width ASCII block → ASCII
    }
    if (is_dropped(cp)) {
      continue;
    }
    if (cp >= U'A' && cp <= U'Z') {
      cp += U'a' - U'A';
    }
    append_utf8(out, cp);
  }
  return out;
}

}  // namespace zhitu::index
