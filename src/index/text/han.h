// SPDX-License-Identifier: Apache-2.0
// Han characters for search: simplified/traditional folding (OpenCC's `t2s` character table)
// and pinyin readings (ICU's `Han-Latin`, plus extra readings for polyphonic characters and an
// override table for place names whose ICU reading is wrong).
//
//   fold_han(U'門') == U'门'
//   for (auto const s : readings(U'长')) { syllable(s); }     // "zhang", "chang"
//   display_pinyin("长安") == "chang an"                      // override table
//   is_syllable_prefix("lo") == true                           // "long", "lou", "luo"
//
// Cost: both tables are built once per process on first use (about 0.3 s, 0.3 MB) and are then
// read-only, so any thread may call these functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace zhitu::index {

// Syllables are numbered in alphabetical order: those that share a prefix are a range.
using syllable_idx = std::uint16_t;

// CJK Unified Ideographs and Extension A: the characters that carry readings.
constexpr bool is_han(char32_t cp) {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf);
}

// The simplified form of a traditional character; other code points unchanged.
char32_t fold_han(char32_t cp);

// Every plausible toneless reading of a (folded) Han character, the most common first; `ü` is
// written `v`. Empty for anything that is not Han.
std::span<syllable_idx const> readings(char32_t cp);

// The lower-case ASCII text of a syllable ("zhang").
std::string_view syllable(syllable_idx s);

// Whether `text` is a non-empty prefix of some syllable, or a whole one.
bool is_syllable_prefix(std::string_view text);
bool is_syllable(std::string_view text);

// Every syllable that starts with `text` (or is it), ascending; empty for none and for empty
// text.
std::span<syllable_idx const> syllables_with_prefix(std::string_view text);

// The index of a whole syllable, or kNoSyllable.
constexpr syllable_idx kNoSyllable = 0xffff;
syllable_idx find_syllable(std::string_view text);

// The pinyin to show for a name: one reading per Han character (place-name overrides first),
// separated by spaces; other characters are kept as they are ("龙门石窟" → "long men shi ku").
std::string display_pinyin(std::string_view name);

// A place name as English writes it: pinyin syllables run together, capitalised, with an
// apostrophe where a syllable starting with a, o or e would run into the one before ("洛阳" →
// "Luoyang", "西安" → "Xi'an"); the conventional forms of 陕西 (Shaanxi), 内蒙古, 西藏, 香港 and
// 澳门. Empty when `name` is not all Han or has a ü.
std::string english_place_name(std::string_view name);

}  // namespace zhitu::index
