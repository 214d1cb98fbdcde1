// SPDX-License-Identifier: Apache-2.0
#include "index/text/name_index.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <limits>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "index/text/han.h"
#include "model/check.h"

namespace zhitu::index {

std::string_view to_string(name_field f) {
  switch (f) {
    case name_field::kZh:
      return "zh";
    case name_field::kEn:
      return "en";
    case name_field::kAlias:
      return "alias";
  }
  return "?";
}

std::string_view to_string(match_kind k) {
  switch (k) {
    case match_kind::kFuzzy:
      return "fuzzy";
    case match_kind::kSubstring:
      return "substring";
    case match_kind::kWordPrefix:
      return "word_prefix";
    case match_kind::kPrefix:
      return "prefix";
    case match_kind::kExact:
      return "exact";
  }
  return "?";
}

std::string_view to_string(match_via v) {
  switch (v) {
    case match_via::kText:
      return "text";
    case match_via::kPinyin:
      return "pinyin";
    case match_via::kHomophone:
      return "homophone";
    case match_via::kTypo:
      return "typo";
  }
  return "?";
}

bool comes_before(search_order const& a, search_order const& b) {
  if (a.score_ != b.score_) return a.score_ > b.score_;
  if (a.name_len_ != b.name_len_) return a.name_len_ < b.name_len_;
  return a.entity_ < b.entity_;
}

double match_score(name_match const& m, double base) {
  auto v = base;
  if (m.via_ != match_via::kText) {
    v *= 0.98;  // the same tier found by characters beats it found by pinyin
  }
  if (m.kind_ == match_kind::kFuzzy) {
    // Among corrections, one that then matches the whole name beats one that matches a part.
    v = 0.5 * static_cast<double>(m.corrected_kind_) / 4.0 + 0.5 * v;
    if (m.edits_ > 1) {
      v *= 0.5;
    }
  }
  return static_cast<double>(m.kind_) + v;
}

namespace {

constexpr char32_t kWordStart = 0x80000000U;
constexpr double kProminenceSteps = 1024.0;
// name_ref::about_
constexpr unsigned kPlainBit = 1U << 7U;
constexpr unsigned kFieldShift = 5;
constexpr unsigned kFarAlias = (1U << kFieldShift) - 1;
// name_ref::len_ of a name of this many folded code points or more
constexpr unsigned kLongName = UINT8_MAX;
constexpr char32_t kCpMask = 0x001fffffU;

char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto const b0 = static_cast<unsigned char>(s[i]);
  auto const need = b0 < 0x80            ? 0
                    : (b0 >> 5U) == 0x6  ? 1
                    : (b0 >> 4U) == 0xe  ? 2
                    : (b0 >> 3U) == 0x1e ? 3
                                         : -1;
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

// One folded code point: simplified, lower-case, accents off, full-width narrowed; 0 drops it.
char32_t fold_cp(char32_t cp) {
  if (cp >= 0xff01 && cp <= 0xff5e) {
    cp -= 0xfee0;
  }
  if (cp < 0x80) {
    if (cp >= U'A' && cp <= U'Z') {
      return cp + (U'a' - U'A');
    }
    return (cp >= U'a' && cp <= U'z') || (cp >= U'0' && cp <= U'9') ? cp : 0;
  }
  if (is_han(cp)) {
    return fold_han(cp);
  }
  if (cp <= 0x24f) {  // Latin-1 and Extended-A/B: the base letter of the canonical decomposition
    UErrorCode st = U_ZERO_ERROR;
    auto const* nfd = icu::Normalizer2::getNFDInstance(st);
    icu::UnicodeString d;
    if (U_SUCCESS(st) && nfd->getDecomposition(static_cast<UChar32>(cp), d) && d.length() > 0) {
      auto const b = static_cast<char32_t>(d.char32At(0));
      if (b < 0x80) {
        return fold_cp(b);
      }
    }
    if (cp == 0xdf) {
      return U's';
    }
  }
  auto const c = static_cast<UChar32>(u_tolower(static_cast<UChar32>(cp)));
  return u_isalnum(c) != 0 ? static_cast<char32_t>(c) : 0;
}

bool is_latin_cp(char32_t c) { return c < 0x80; }

// Folds `text`, appending code points (with word-start flags) and their UTF-16 offsets.
template <typename Cp, typename Off>
void fold_into(std::string_view text, Cp&& on_cp, Off&& on_end) {
  std::uint32_t u16 = 0;
  auto word_start = true;
  auto prev_latin = false;
  for (std::size_t i = 0; i < text.size();) {
    auto const cp = next_code_point(text, i);
    auto const at = u16;
    u16 += cp >= 0x10000 ? 2 : 1;
    auto const f = fold_cp(cp);
    if (f == 0) {
      word_start = true;
      continue;
    }
    auto const latin = is_latin_cp(f);
    on_cp(f | (word_start || latin != prev_latin ? kWordStart : 0U), at);
    word_start = false;
    prev_latin = latin;
  }
  on_end(u16);
}

std::uint64_t gram_key(char32_t a, char32_t b) {
  return (static_cast<std::uint64_t>(a & kCpMask) << 21U) | (b & kCpMask);
}

// Above every gram_key: a's bits start at 42, and no key has a zero first character.
std::uint64_t triple_gram_key(char32_t a, char32_t b, char32_t c) {
  return (static_cast<std::uint64_t>(a & kCpMask) << 42U) | gram_key(b, c);
}

std::uint32_t initials_mask(char32_t cp) {
  std::uint32_t m = 0;
  for (auto const s : readings(cp & kCpMask)) {
    m |= 1U << static_cast<unsigned>(syllable(s)[0] - 'a');
  }
  return m;
}

// Pinyin keys: the readings of two characters and the initial of the one after, put before the
// second reading so that the keys of one first reading and initial are a range. A pair with no
// character after it that has a reading is keyed with kNoThirdInitial: every pair has keys, and
// a query of two pieces reads all of a pair's.
constexpr unsigned kReadingBits = 15;
constexpr unsigned kNoThirdInitial = 26;
std::uint64_t triple_key(syllable_idx a, syllable_idx b, unsigned c) {
  return static_cast<std::uint64_t>(a) << (kReadingBits + 5) |
         static_cast<std::uint64_t>(c) << kReadingBits | b;
}

// What a pinyin posting keeps of the character after its key's: 0 when the name ends there,
// its initial + 1 when it has one, kUnknownInitial when several or none.
constexpr unsigned kUnknownInitial = pinyin_postings::kNextValues - 1;
unsigned next_initial_of(unsigned letter) { return letter + 1; }

// Optimal string alignment distance, giving up above `k`.
int bounded_edits(std::string_view a, std::string_view b, int k) {
  auto const n = static_cast<int>(a.size());
  auto const m = static_cast<int>(b.size());
  if (std::abs(n - m) > k || n > 32 || m > 32) {
    return k + 1;
  }
  std::array<std::array<int, 33>, 33> d{};
  for (int i = 0; i <= n; ++i) {
    d[i][0] = i;
  }
  for (int j = 0; j <= m; ++j) {
    d[0][j] = j;
  }
  for (int i = 1; i <= n; ++i) {
    auto row_min = k + 1;
    for (int j = 1; j <= m; ++j) {
      auto const cost = a[i - 1] == b[j - 1] ? 0 : 1;
      auto v = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, d[i - 2][j - 2] + 1);
      }
      d[i][j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > k) {
      return k + 1;
    }
  }
  return d[n][m];
}

// Whether no separator falls strictly inside the query's letters [from, to).
bool no_separator_inside(std::uint64_t boundaries, std::size_t from, std::size_t to) {
  for (auto i = from + 1; i < to; ++i) {
    if ((boundaries >> i & 1U) != 0) return false;
  }
  return true;
}

// Names are also listed by the initials of their characters, twelve at most, packed five bits
// each from the top (a = 1; 0 past the name's end) into spellings sorted for prefix search: the
// pieces a query is cut into spell a prefix of them, and the names they spell whole are its
// candidates for an exact match.
constexpr std::size_t kSpelled = 12;
constexpr unsigned spelling_shift(std::size_t slot) {
  return static_cast<unsigned>(5 * (kSpelled - 1 - slot));
}
// A name whose characters' initials can be spelled more ways than this is not listed but
// checked by every query.
constexpr std::size_t kMaxNameSpellings = 64;
// The cuts of one query explored for exact matches; a query with more reads its pinyin whole.
constexpr std::size_t kMaxCutSteps = 4096;

}  // namespace

std::string normalize_for_search(std::string_view text) {
  std::string out;
  fold_into(
      text,
      [&](char32_t c, std::uint32_t) {
        c &= kCpMask;
        icu::UnicodeString{static_cast<UChar32>(c)}.toUTF8String(out);
      },
      [](std::uint32_t) {});
  return out;
}

namespace {

// A hash of a folded text, to find names that fold the same.
std::uint64_t text_hash(std::span<char32_t const> text) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ text.size();
  for (auto const c : text) {
    h = (h ^ c) * 0xff51afd7ed558ccdULL;
    h ^= h >> 32U;
  }
  return h;
}

}  // namespace

name_index::name_index(std::span<model::entity const> entities, std::span<double const> prominence,
                       ranked_heads heads) {
  for (auto const p : prominence) {
    auto const steps = p * kProminenceSteps;
    ZHITU_CHECK(p >= 0.0 && p < 1.0 && steps == std::floor(steps),
                "prominence must be a multiple of 2^-10 in [0, 1)");
  }
  // Postings are kept per distinct folded text, numbered here as they first come; their names
  // stand in for them once each text's lead is chosen, below.
  std::vector<raw_posting> grams;
  std::vector<pinyin_posting> inits;
  std::vector<std::pair<std::string, std::pair<std::uint32_t, std::uint16_t>>> words;
  std::vector<std::uint32_t> names_per_entity(entities.size());
  std::vector<std::uint32_t> text_of_name;
  std::vector<std::uint32_t> first_name_of_text;
  std::unordered_map<std::uint64_t, std::uint32_t> text_by_hash;
  entities_ = entities;
  static std::atomic<std::uint64_t> n_built{0};
  serial_ = ++n_built;
  auto add = [&](std::string const& name, std::uint32_t e, name_field f, std::uint16_t alias) {
    auto const first = static_cast<std::uint32_t>(text_.size());
    // Most names (Chinese ones) fold one code point to one UTF-16 unit, dropping none, with no
    // word inside: their spans and kinds are known without reading them (name_ref::plain_).
    auto plain = true;
    fold_into(
        name,
        [&](char32_t c, std::uint32_t at) {
          auto const i = text_.size() - first;
          if (i < UINT16_MAX) {
            plain =
                plain && at == i && (c & kCpMask) < 0x10000 && ((c & kWordStart) != 0) == (i == 0);
            text_.push_back(c);
          }
        },
        [&](std::uint32_t end) { plain = plain && end == text_.size() - first; });
    auto const len = text_.size() - first;
    if (len == 0) {
      return;
    }
    auto const id = static_cast<std::uint32_t>(names_.size());
    if (alias >= kFarAlias) {
      far_aliases_.emplace_back(id, alias);
    }
    if (len >= kLongName) {
      long_names_.emplace_back(id, static_cast<std::uint16_t>(len));
    }
    auto const about = static_cast<std::uint8_t>((plain ? kPlainBit : 0U) |
                                                 static_cast<unsigned>(f) << kFieldShift |
                                                 std::min<unsigned>(alias, kFarAlias));
    names_.push_back({static_cast<std::uint8_t>(std::min<std::size_t>(len, kLongName)), about});
    ++names_per_entity[e];
    auto const* t = text_.data() + first;
    auto const [seen, is_new] = text_by_hash.try_emplace(
        text_hash({t, len}), static_cast<std::uint32_t>(first_name_of_text.size()));
    if (!is_new) {
      auto const earlier = first_name_of_text[seen->second];
      if (len_of(earlier) == len && std::equal(t, t + len, text_.data() + text_first_[earlier])) {
        text_.resize(first);
        text_first_.push_back(text_first_[earlier]);
        text_of_name.push_back(seen->second);
        return;
      }
      // A different text with the same hash: kept on its own, not found by later names.
    }
    auto const text = static_cast<std::uint32_t>(first_name_of_text.size());
    first_name_of_text.push_back(id);
    text_of_name.push_back(text);
    text_first_.push_back(first);
    for (std::size_t i = 0; i < len; ++i) {
      auto const pos = static_cast<std::uint16_t>(i);
      grams.push_back({gram_key(t[i], i + 1 < len ? t[i + 1] : 0), text, pos});
      if (i + 1 < len) {
        for (auto const a : readings(t[i] & kCpMask)) {
          for (auto const b : readings(t[i + 1] & kCpMask)) {
            syllable_pairs_.push_back(static_cast<std::uint32_t>(a) << 16U | b);
          }
        }
        if (syllable_pairs_.size() > (1U << 22U)) {  // keep the build's scratch small
          std::sort(syllable_pairs_.begin(), syllable_pairs_.end());
          syllable_pairs_.erase(std::unique(syllable_pairs_.begin(), syllable_pairs_.end()),
                                syllable_pairs_.end());
        }
        auto m2 = i + 2 < len ? initials_mask(t[i + 2]) : 0U;
        if (m2 == 0) {
          m2 = 1U << kNoThirdInitial;
        }
        auto const cls = static_cast<std::uint8_t>(i == 0 ? 0 : (t[i] & kWordStart) != 0 ? 1 : 2);
        auto const rest = static_cast<std::uint8_t>(std::min<std::size_t>(len - i, UINT8_MAX));
        auto const m4 = i + 3 < len ? initials_mask(t[i + 3]) : 0U;
        auto const next = static_cast<std::uint8_t>(
            i + 3 >= len             ? 0U
            : std::popcount(m4) == 1 ? next_initial_of(static_cast<unsigned>(std::countr_zero(m4)))
                                     : kUnknownInitial);
        // Ranked by text until the texts' search order is known (rank_pinyin).
        for (auto const a : readings(t[i] & kCpMask)) {
          for (auto const b : readings(t[i + 1] & kCpMask)) {
            for (unsigned c = 0; c <= kNoThirdInitial; ++c) {
              if ((m2 >> c & 1U) != 0) {
                inits.push_back({triple_key(a, b, c), text, pos, cls, rest, next});
              }
            }
          }
        }
      }
      // Latin words start at a flagged Latin code point and run over unflagged ones.
      if ((t[i] & kWordStart) != 0 && is_latin_cp(t[i] & kCpMask)) {
        std::string w;
        for (auto j = i; j < len && (j == i || (t[j] & kWordStart) == 0); ++j) {
          w.push_back(static_cast<char>(t[j] & kCpMask));
        }
        words.push_back({std::move(w), {text, pos}});
      }
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
  text_by_hash = {};
  entities_of_names_ = name_entities{names_per_entity};
  names_per_entity = std::vector<std::uint32_t>{};
  names_.shrink_to_fit();
  prominence_ = prominence;
  // Each text's lead: with prominence the name that comes first in search order among its
  // matches of one kind (so that a text's rank bounds all its names'), else its first name.
  std::vector<std::uint16_t> u16_len;
  std::vector<std::uint16_t> prominence_steps;  // in 2^-10 steps
  auto lead_of_text = std::move(first_name_of_text);
  if (!prominence.empty()) {
    u16_len.resize(names_.size());
    prominence_steps.resize(names_.size());
    for (std::uint32_t name = 0; name < names_.size(); ++name) {
      u16_len[name] = u16_len_of(name);
      prominence_steps[name] =
          static_cast<std::uint16_t>(prominence_of(entity_of(name)) * kProminenceSteps);
      auto& lead = lead_of_text[text_of_name[name]];
      if (std::tie(prominence_steps[lead], u16_len[name]) <
          std::tie(prominence_steps[name], u16_len[lead])) {
        lead = name;
      }
    }
  }
  // Its other names in the same order, so that pinyin read best first reads them as a stream.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> led;
  for (std::uint32_t name = 0; name < names_.size(); ++name) {
    auto const lead = lead_of_text[text_of_name[name]];
    if (lead != name) {
      led.emplace_back(lead, name);
    }
  }
  if (!prominence.empty()) {
    std::sort(led.begin(), led.end(), [&](auto const& a, auto const& b) {
      return std::tie(a.first, prominence_steps[b.second], u16_len[a.second], a.second) <
             std::tie(b.first, prominence_steps[a.second], u16_len[b.second], b.second);
    });
  }
  same_text_ = same_text{std::move(led), names_.size()};
  text_of_name = std::vector<std::uint32_t>{};
  for (auto& g : grams) {
    g.name_ = lead_of_text[g.name_];
  }
  std::sort(syllable_pairs_.begin(), syllable_pairs_.end());
  syllable_pairs_.erase(std::unique(syllable_pairs_.begin(), syllable_pairs_.end()),
                        syllable_pairs_.end());
  syllable_pairs_.shrink_to_fit();
  grams_ = packed_postings{std::move(grams)};
  std::sort(words.begin(), words.end());
  std::vector<raw_posting> wp;
  for (auto const& [w, at] : words) {
    if (words_.empty() || words_.back() != w) {
      words_.push_back(w);
    }
    wp.push_back({words_.size() - 1, lead_of_text[at.first], at.second});
  }
  word_posts_ = packed_postings{std::move(wp)};
  if (!prominence.empty()) {
    build_ranked_heads(prominence, heads);
    rank_pinyin(inits, lead_of_text, prominence_steps, u16_len);
    std::sort(lead_of_text.begin(), lead_of_text.end());
    build_spellings(lead_of_text);
  } else {
    for (auto& p : inits) {
      p.rank_ = lead_of_text[p.rank_];
    }
  }
  pinyin_ = pinyin_postings{std::move(inits)};
  // Freed, not only emptied (`= {}` keeps the capacity).
  text_ = std::vector<char32_t>{};
  text_first_ = std::vector<std::uint32_t>{};
}

struct name_index::folded_name {
  std::uint64_t index_ = 0;  // name_index::serial_
  std::uint32_t name_ = 0;
  std::vector<char32_t> text_;
  std::vector<std::uint16_t> u16_;
};

bool name_index::plain(std::uint32_t name) const { return (names_[name].about_ & kPlainBit) != 0; }

name_field name_index::field_of(std::uint32_t name) const {
  return static_cast<name_field>(names_[name].about_ >> kFieldShift & 3U);
}

namespace {

// The value kept apart for `name` in `listed`, (name, value) pairs by name that hold it.
std::uint16_t listed_for(std::span<std::pair<std::uint32_t, std::uint16_t> const> listed,
                         std::uint32_t name) {
  auto const at = std::lower_bound(listed.begin(), listed.end(), name,
                                   [](std::pair<std::uint32_t, std::uint16_t> const& f,
                                      std::uint32_t n) { return f.first < n; });
  ZHITU_CHECK(at != listed.end() && at->first == name, "a name's value was not listed apart");
  return at->second;
}

}  // namespace

std::uint16_t name_index::alias_of(std::uint32_t name) const {
  auto const alias = static_cast<std::uint16_t>(names_[name].about_ & kFarAlias);
  return alias < kFarAlias ? alias : listed_for(far_aliases_, name);
}

std::uint16_t name_index::len_of(std::uint32_t name) const {
  auto const len = names_[name].len_;
  return len < kLongName ? len : listed_for(long_names_, name);
}

std::uint16_t name_index::u16_len_of(std::uint32_t name) const {
  if (plain(name)) {
    return len_of(name);
  }
  auto const& f = fold_name(name);
  auto const last = f.text_.back() & kCpMask;
  return static_cast<std::uint16_t>(
      std::min<std::uint32_t>(f.u16_.back() + (last >= 0x10000 ? 2U : 1U), UINT16_MAX));
}

double name_index::prominence_of(std::uint32_t entity) const { return prominence_[entity]; }

search_order name_index::order_of(name_match const& m) const {
  return {match_score(m, prominence_of(m.entity_)), m.name_len_, m.entity_};
}

std::uint32_t name_index::name_of_rank(std::uint32_t rank) const {
  return name_of_rank_.empty() ? rank : name_of_rank_[rank];
}

std::size_t name_index::pinyin_pos(pinyin_postings::cursor const& c, std::uint32_t name) const {
  return c.rest() == pinyin_postings::kFar ? c.far_pos() : len_of(name) - c.rest();
}

void name_index::rank_pinyin(std::vector<pinyin_posting>& inits,
                             std::span<std::uint32_t const> lead_of_text,
                             std::span<std::uint16_t const> prominence_steps,
                             std::span<std::uint16_t const> u16_len) {
  // Texts in their leads' search order among matches of one kind: prominence, the shorter
  // name, the entity (then field and alias, which is name order); the postings ranked by it.
  std::vector<std::uint32_t> by_rank(lead_of_text.begin(), lead_of_text.end());
  std::sort(by_rank.begin(), by_rank.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(prominence_steps[b], u16_len[a], a) <
           std::tie(prominence_steps[a], u16_len[b], b);
  });
  std::vector<std::uint32_t> rank_of_lead(names_.size());
  for (std::uint32_t i = 0; i < by_rank.size(); ++i) {
    rank_of_lead[by_rank[i]] = i;
  }
  for (auto& p : inits) {
    p.rank_ = rank_of_lead[lead_of_text[p.rank_]];
  }
  for (std::uint32_t i = 0; i < by_rank.size(); ++i) {
    auto const steps = prominence_steps[by_rank[i]];
    auto const len = u16_len[by_rank[i]];
    if (rank_runs_.empty() || rank_runs_.back().prominence_ != steps ||
        rank_runs_.back().u16_len_ != len) {
      rank_runs_.push_back({i, steps, len});
    }
  }
  rank_runs_.shrink_to_fit();
  name_of_rank_ = packed_ints{by_rank};
}

void name_index::build_spellings(std::span<std::uint32_t const> leads) {
  // Every text of two to kMaxQueryChars characters that all have readings, by the initials of
  // each way to read it.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> spelled;
  std::vector<std::uint64_t> spellings;
  std::vector<std::uint64_t> longer;
  for (auto const name : leads) {
    auto const len = len_of(name);
    if (len < 2 || len > kMaxQueryChars) {
      continue;
    }
    spellings.assign(1, 0);
    for (std::size_t i = 0; i < std::min<std::size_t>(len, kSpelled); ++i) {
      auto const mask = initials_mask(text_[text_first_[name] + i]);
      if (mask == 0 ||
          spellings.size() * static_cast<std::size_t>(std::popcount(mask)) > kMaxNameSpellings) {
        if (mask != 0) {
          whole_unlisted_.push_back(name);
        }
        spellings.clear();
        break;
      }
      longer.clear();
      for (auto const h : spellings) {
        for (unsigned l = 0; l < 26; ++l) {
          if ((mask >> l & 1U) != 0) {
            longer.push_back(h | static_cast<std::uint64_t>(l + 1) << spelling_shift(i));
          }
        }
      }
      spellings.swap(longer);
    }
    for (std::size_t i = kSpelled; i < len && !spellings.empty(); ++i) {
      if (initials_mask(text_[text_first_[name] + i]) == 0) {
        spellings.clear();
      }
    }
    for (auto const h : spellings) {
      spelled.push_back({h, name});
    }
  }
  std::sort(spelled.begin(), spelled.end());
  spelled.erase(std::unique(spelled.begin(), spelled.end()), spelled.end());
  std::vector<std::uint64_t> spelling(spelled.size());
  std::vector<std::uint32_t> names(spelled.size());
  for (std::size_t i = 0; i < spelled.size(); ++i) {
    std::tie(spelling[i], names[i]) = spelled[i];
  }
  whole_spelling_ = front_coded{spelling};
  whole_name_ = packed_ints{names};
  whole_unlisted_.shrink_to_fit();
}

void name_index::build_ranked_heads(std::span<double const> prominence, ranked_heads heads) {
  first_head_.push_back(0);
  std::vector<std::uint32_t> head_names;
  std::vector<std::uint32_t> head_positions;
  struct ranked {
    name_match m_;
    double score_;
    head_entry at_;
  };
  // The search order of one query's matches (query/search.cc without `near`), and within a name
  // its earlier span, which is the match a name keeps.
  auto const before = [](ranked const& a, ranked const& b) {
    return std::tie(b.score_, a.m_.name_len_, a.m_.entity_, a.m_.field_, a.m_.alias_idx_,
                    a.at_.pos_) < std::tie(a.score_, b.m_.name_len_, b.m_.entity_, b.m_.field_,
                                           b.m_.alias_idx_, b.at_.pos_);
  };
  std::vector<ranked> all;
  // Keys must come in ascending order: pairs and single characters (grams_), then triples.
  auto const add_head = [&](std::uint64_t key, std::size_t n_chars,
                            std::span<head_entry const> matches) {
    all.clear();
    for (auto const& at : matches) {
      auto const kind = kind_at(at.name_, at.pos_, n_chars);
      auto const m = make(at.name_, at.pos_, n_chars, kind, match_via::kText, 0);
      all.push_back({m, static_cast<double>(kind) + prominence[m.entity_], at});
    }
    auto const n = std::min(all.size(), heads.length_);
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), before);
    head_keys_.push_back(key);
    for (std::size_t i = 0; i < n; ++i) {
      head_names.push_back(all[i].at_.name_);
      head_positions.push_back(all[i].at_.pos_);
    }
    first_head_.push_back(static_cast<std::uint32_t>(head_names.size()));
    head_is_list_.push_back(n == all.size() ? 1 : 0);
  };
  std::vector<head_entry> matches;
  // The head of a character or a pair, from the postings of the grams [from, to).
  auto const add_head_of = [&](std::uint64_t key, std::size_t n_chars, std::size_t from,
                               std::size_t to) {
    matches.clear();
    for (auto k = from; k < to; ++k) {
      for (auto c = grams_.list(k); c.next();) {
        for_each_same(c.name(), [&](std::uint32_t name) { matches.push_back({name, c.pos()}); });
      }
    }
    if (matches.size() >= heads.min_postings_) {
      add_head(key, n_chars, matches);
    }
  };
  auto const keys = grams_.keys();
  for (std::size_t k = 0; k < keys.size(); ++k) {
    auto const first_char = keys[k] >> 21U;
    if (k == 0 || keys[k - 1] >> 21U != first_char) {
      auto const [from, to] = grams_.range(keys[k], (first_char + 1) << 21U);
      add_head_of(gram_key(static_cast<char32_t>(first_char), 0), 1, from, to);
    }
    if ((keys[k] & kCpMask) != 0) {  // a pair, not a name's last character alone
      add_head_of(keys[k], 2, k, k + 1);
    }
  }
  // Three characters: no postings of their own (the pairs' serve every query); the common ones
  // get a head.
  std::vector<std::pair<std::uint64_t, head_entry>> triples;
  for (std::uint32_t name = 0; name < names_.size(); ++name) {
    auto const* t = text_.data() + text_first_[name];
    auto const len = len_of(name);
    for (std::uint16_t i = 0; i + 2 < len; ++i) {
      triples.push_back({triple_gram_key(t[i], t[i + 1], t[i + 2]), {name, i}});
    }
  }
  std::sort(triples.begin(), triples.end(), [](auto const& a, auto const& b) {
    return std::tie(a.first, a.second.name_, a.second.pos_) <
           std::tie(b.first, b.second.name_, b.second.pos_);
  });
  for (std::size_t i = 0; i < triples.size();) {
    auto j = i;
    while (j < triples.size() && triples[j].first == triples[i].first) {
      ++j;
    }
    if (j - i >= heads.min_postings_) {
      matches.clear();
      for (auto m = i; m < j; ++m) {
        matches.push_back(triples[m].second);
      }
      add_head(triples[i].first, 3, matches);
    }
    i = j;
  }
  head_name_ = packed_ints{head_names};
  head_pos_ = packed_ints{head_positions};
}

std::size_t name_index::memory_bytes() const {
  auto bytes = names_.capacity() * sizeof(name_ref) +
               (far_aliases_.capacity() + long_names_.capacity()) * sizeof(far_aliases_[0]) +
               entities_of_names_.memory_bytes() + same_text_.memory_bytes() +
               text_.capacity() * 4 + text_first_.capacity() * 4 + grams_.memory_bytes() +
               pinyin_.memory_bytes() + name_of_rank_.memory_bytes() +
               rank_runs_.capacity() * sizeof(rank_run) + word_posts_.memory_bytes() +
               syllable_pairs_.capacity() * 4 + head_keys_.capacity() * 8 +
               first_head_.capacity() * 4 + head_name_.memory_bytes() + head_pos_.memory_bytes() +
               head_is_list_.capacity() + whole_spelling_.memory_bytes() +
               whole_name_.memory_bytes() + whole_unlisted_.capacity() * 4;
  for (auto const& w : words_) {
    bytes += sizeof(std::string) + (w.size() > 15 ? w.capacity() + 1 : 0);
  }
  return bytes;
}

namespace {

struct pinyin_key {
  std::uint32_t key_;       // its place in the sorted keys
  std::uint8_t min_chars_;  // the fewest characters a match through it spans
  std::uint32_t next_;      // the next_initial values a match through it allows (bits)
};

// One class of one pinyin key's postings, read for one pinyin source.
struct pinyin_stream {
  pinyin_postings::cursor posting_;  // at the next posting to read
  std::uint16_t source_;
  match_kind kind_;         // of every match in the class (a prefix may turn out exact)
  std::uint8_t min_chars_;  // that the source's pinyin reads: postings with fewer left are skipped
  std::uint32_t allowed_next_;  // the pinyin_next_ values it allows: others are skipped
};

// The names a lead leads, after it matched: led_at(next_) … led_at(end_ - 1) match alike.
struct led_stream {
  std::uint32_t next_;
  std::uint32_t end_;
  std::uint16_t pos_;
  std::uint8_t n_;
  match_kind kind_;
  std::uint16_t source_;
  name_match match_;  // of the next one
};
// Heap entries of led streams are numbered from here; below, the pinyin streams.
constexpr std::uint32_t kLedStream = 1U << 31U;

}  // namespace

// Per-thread query state, reused so that a query allocates only when it outgrows earlier ones.
struct name_index::scratch {
  std::array<char32_t, kMaxQueryChars> q_{};
  std::size_t n_ = 0;
  std::size_t n_han_ = 0;
  bool letters_only_ = false;  // ASCII letters and separators: pinyin and Latin words
  std::string letters_;
  std::uint64_t boundaries_ = 0;  // bit i: a separator before letters_[i]
  std::array<std::string, 8> words_;
  std::size_t n_words_ = 0;
  std::vector<std::uint32_t> stamp_;  // per name: epoch of the last query that matched it
  std::vector<std::uint32_t> slot_;   // per name: its match's index in `out`
  std::uint32_t epoch_ = 0;
  std::size_t out_first_ = 0;
  std::size_t n_found_ = 0;
  std::vector<std::uint32_t> word_count_;
  std::vector<std::uint32_t> word_stamp_;
  bool any_text_ = false;  // some name (of any entity) matched the characters
  bool restricted_ = false;
  std::span<std::uint32_t const> only_;     // when restricted_: the entities to list, ascending
  std::vector<std::uint64_t> occurrences_;  // of a one-character query: name << 16 | position
  std::vector<pinyin_key> keys_;            // of one pinyin source
  // match_top: pinyin read best first.
  std::vector<pinyin_stream> streams_;
  std::vector<led_stream> led_streams_;
  std::vector<std::pair<search_order, std::uint32_t>> heap_;  // (next posting's order, stream)
  std::vector<search_order> seen_;    // matches found before the streams are read
  std::vector<search_order> recent_;  // read from the streams, not yet counted
  std::vector<std::uint32_t> entity_stamp_;
  std::uint32_t entity_epoch_ = 0;
  std::vector<std::string> variants_;
  std::vector<pinyin_source> sources_;
};

name_match name_index::make(std::uint32_t name, std::size_t pos, std::size_t n, match_kind k,
                            match_via via, std::uint8_t edits) const {
  auto begin = static_cast<std::uint16_t>(pos);
  auto end = static_cast<std::uint16_t>(pos + n);
  if (!plain(name)) {
    auto const& f = fold_name(name);
    auto const last = f.text_[pos + n - 1] & kCpMask;
    begin = f.u16_[pos];
    end = static_cast<std::uint16_t>(f.u16_[pos + n - 1] + (last >= 0x10000 ? 2 : 1));
  }
  auto const corrected = k == match_kind::kFuzzy ? kind_at(name, pos, n) : k;
  return {entity_of(name), field_of(name), alias_of(name), k,   via,
          edits,           corrected,      begin,          end, u16_len_of(name)};
}

name_index::folded_name const& name_index::fold_name(std::uint32_t name) const {
  thread_local folded_name f;
  if (f.index_ == serial_ && f.name_ == name) {
    return f;
  }
  auto const& n = entities_[entity_of(name)].names_;
  auto const field = field_of(name);
  std::string const& source = field == name_field::kZh   ? n.zh_
                              : field == name_field::kEn ? n.en_
                                                         : n.aliases_[alias_of(name)];
  f.text_.clear();
  f.u16_.clear();
  auto const len = len_of(name);
  fold_into(
      source,
      [&](char32_t c, std::uint32_t at) {
        if (f.text_.size() < len) {  // as the build cut it
          f.text_.push_back(c);
          f.u16_.push_back(static_cast<std::uint16_t>(std::min<std::uint32_t>(at, UINT16_MAX)));
        }
      },
      [](std::uint32_t) {});
  f.index_ = serial_;
  f.name_ = name;
  return f;
}

std::span<char32_t const> name_index::text_of(std::uint32_t name) const {
  if (!text_first_.empty()) {  // being built
    return {text_.data() + text_first_[name], len_of(name)};
  }
  return fold_name(name).text_;
}

match_kind name_index::kind_at(std::uint32_t name, std::size_t pos, std::size_t n) const {
  if (pos == 0) {
    return n == len_of(name) ? match_kind::kExact : match_kind::kPrefix;
  }
  return !plain(name) && (text_of(name)[pos] & kWordStart) != 0 ? match_kind::kWordPrefix
                                                                : match_kind::kSubstring;
}

namespace {

// Keeps one match per name: the strongest kind, then fewer edits.
bool better(name_match const& a, name_match const& b) {
  if (a.kind_ != b.kind_) return a.kind_ > b.kind_;
  if (a.edits_ != b.edits_) return a.edits_ < b.edits_;
  if (a.corrected_kind_ != b.corrected_kind_) return a.corrected_kind_ > b.corrected_kind_;
  // Then whichever way it was found (pinyin is read in another order by match_top): the
  // earlier span, the longer one.
  return a.begin_ != b.begin_ ? a.begin_ < b.begin_ : a.end_ > b.end_;
}

}  // namespace

#define ZHITU_EMIT(s, out, name_id, m)                                             \
  do {                                                                             \
    auto const id_ = (name_id);                                                    \
    if ((s).restricted_ &&                                                         \
        !std::binary_search((s).only_.begin(), (s).only_.end(), entity_of(id_))) { \
      break;                                                                       \
    }                                                                              \
    auto const mm_ = (m);                                                          \
    if ((s).stamp_[id_] != (s).epoch_) {                                           \
      (s).stamp_[id_] = (s).epoch_;                                                \
      (s).slot_[id_] = static_cast<std::uint32_t>((out).size());                   \
      (out).push_back(mm_);                                                        \
      ++(s).n_found_;                                                              \
    } else if (better(mm_, (out)[(s).slot_[id_]])) {                               \
      (out)[(s).slot_[id_]] = mm_;                                                 \
    }                                                                              \
  } while (false)

template <typename OnMatch>
void name_index::for_each_text_match(scratch& s, OnMatch const& on_match) const {
  // The rarest bigram's postings are the candidates; for 3+ characters the next rarest (at
  // another offset) must hold the same name at the matching position too. Both lists ascend by
  // (name, position), so that check is a merge that reads no name: most postings of a common
  // bigram fail it, and reading their names would be a cache miss each.
  struct gram_list {
    std::size_t key_ = 0;
    std::uint32_t size_ = 0;
    std::size_t off_ = 0;  // the query position of the gram
  };
  std::size_t next_only = 0;  // restricted: the first candidate whose names may still come
  auto const passed_over = [&](std::uint32_t name) {
    if (!s.restricted_) {
      return false;
    }
    // Postings and candidates both ascend (names are numbered in entity order): a merge, by
    // entity (entity_of is a table read, where first() is a select).
    auto const entity = entity_of(name);
    while (next_only < s.only_.size() && s.only_[next_only] < entity) {
      ++next_only;
    }
    auto const listed = next_only < s.only_.size() && s.only_[next_only] == entity;
    // The names it leads may be any entity's: those are read (and left out when emitted).
    return !listed && s.any_text_ && !same_text_.leads(name);
  };
  auto const on_text = [&](std::uint32_t lead, std::size_t pos) {
    for_each_same(lead, [&](std::uint32_t name) { on_match(name, pos); });
  };
  if (s.n_ == 1) {
    // Each occurrence of a character starts one gram (a pair, or the name's last character
    // alone): the postings of the grams it starts, put in (name, position) order.
    auto const [from, to] = grams_.range(gram_key(s.q_[0], 0), gram_key(s.q_[0] + 1, 0));
    auto& at = s.occurrences_;
    at.clear();
    for (auto k = from; k < to; ++k) {
      for (auto c = grams_.list(k); c.next();) {
        at.push_back(static_cast<std::uint64_t>(c.name()) << 16U | c.pos());
      }
    }
    std::sort(at.begin(), at.end());
    for (auto const a : at) {
      auto const name = static_cast<std::uint32_t>(a >> 16U);
      if (!passed_over(name)) {
        on_text(name, a & 0xffffU);
      }
    }
    return;
  }
  gram_list best;
  gram_list second;
  for (std::size_t i = 0; i + 1 < s.n_; ++i) {
    auto const k = grams_.find(gram_key(s.q_[i], s.q_[i + 1]));
    if (!k) {
      return;
    }
    gram_list const g{*k, grams_.size(*k), i};
    if (i == 0 || g.size_ < best.size_) {
      second = i == 0 ? second : best;
      best = g;
    } else if (i == 1 || g.size_ < second.size_) {
      second = g;
    }
  }
  auto const best_off = best.off_;
  auto const has_second = s.n_ >= 3;
  auto second_list = grams_.list(has_second ? second.key_ : best.key_);
  for (auto best_list = grams_.list(best.key_); best_list.next();) {
    auto const name = best_list.name();
    if (passed_over(name)) {
      continue;
    }
    std::size_t const p = best_list.pos();
    if (p < best_off) {
      continue;
    }
    if (has_second) {
      // The second list holds the name at the matching position, if the name matches. Both
      // ascend by (name, position): the second is read forward, whole blocks skipped.
      auto const want = p - best_off + second.off_;
      if (want > UINT16_MAX) {
        continue;
      }
      if (!second_list.seek(name, static_cast<std::uint16_t>(want))) {
        return;  // past its last posting: no later candidate can match either
      }
      if (second_list.name() != name || second_list.pos() != want) {
        continue;
      }
    }
    auto const start = p - best_off;
    // Up to three characters the postings have said it all (a gram, or two at consecutive
    // positions); longer queries are checked against the name, a cache miss each.
    if (s.n_ > 3) {
      if (start + s.n_ > len_of(name)) {
        continue;
      }
      auto const* t = text_of(name).data() + start;
      auto ok = true;
      for (std::size_t i = 0; i < s.n_ && ok; ++i) {
        ok = (t[i] & kCpMask) == s.q_[i];
      }
      if (!ok) {
        continue;
      }
    }
    on_text(name, start);
  }
}

void name_index::match_text(scratch& s, std::vector<name_match>& out) const {
  for_each_text_match(s, [&](std::uint32_t name, std::size_t start) {
    s.any_text_ = true;
    ZHITU_EMIT(s, out, name,
               make(name, start, s.n_, kind_at(name, start, s.n_), match_via::kText, 0));
  });
}

bool name_index::best_text_matches(std::string_view query, std::size_t limit,
                                   std::vector<name_match>& out) const {
  auto& s = prepare(query);
  if (s.letters_only_ || s.n_ == 0 || s.n_ > 3 || head_keys_.empty()) {
    return false;
  }
  auto const key = s.n_ == 3 ? triple_gram_key(s.q_[0], s.q_[1], s.q_[2])
                             : gram_key(s.q_[0], s.n_ == 2 ? s.q_[1] : 0);
  auto const it = std::lower_bound(head_keys_.begin(), head_keys_.end(), key);
  if (it == head_keys_.end() || *it != key) {
    return false;
  }
  auto const h = static_cast<std::size_t>(it - head_keys_.begin());
  auto const first = out.size();
  for (auto i = first_head_[h]; i < first_head_[h + 1] && out.size() - first < limit; ++i) {
    auto const name = head_name_[i];
    auto const entity = entity_of(name);
    // The first match of an entity in search order is its best: later ones are left out.
    if (std::none_of(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                     [&](name_match const& m) { return m.entity_ == entity; })) {
      auto const pos = static_cast<std::uint16_t>(head_pos_[i]);
      out.push_back(make(name, pos, s.n_, kind_at(name, pos, s.n_), match_via::kText, 0));
    }
  }
  if (out.size() - first < limit &&
      head_is_list_[h] == 0) {  // postings past the head may hold more
    out.resize(first);
    return false;
  }
  return true;
}

void name_index::text_candidates(std::string_view query,
                                 std::vector<std::uint32_t>& entities) const {
  auto& s = prepare(query);
  s.restricted_ = false;
  if (s.letters_only_ || s.n_ == 0) {
    return;
  }
  // Their entities come from the postings alone (name_entities): no name is read.
  auto const first = entities.size();
  for_each_text_match(s, [&](std::uint32_t name, std::size_t) {
    auto const e = entity_of(name);
    if (entities.size() == first || entities.back() != e) {
      entities.push_back(e);
    }
  });
  // Leads ascend in entity order, the names they lead do not.
  auto const from = entities.begin() + static_cast<std::ptrdiff_t>(first);
  std::sort(from, entities.end());
  entities.erase(std::unique(from, entities.end()), entities.end());
}

namespace {

// Per position i of `q`, the fewest pieces q[i, m) can be cut into (kNoCut: none).
constexpr std::uint8_t kNoCut = UINT8_MAX;
using pinyin_cuts = std::array<std::uint8_t, kMaxQueryChars + 1>;
pinyin_cuts fewest_pieces(std::string_view q, std::uint64_t boundaries) {
  auto const m = q.size();
  pinyin_cuts fewest;
  fewest.fill(kNoCut);
  fewest[m] = 0;
  for (auto i = m; i-- > 0;) {
    for (auto j = i + 1; j <= std::min(i + 6, m); ++j) {
      if (fewest[j] != kNoCut && fewest[j] + 1 < fewest[i] &&
          no_separator_inside(boundaries, i, j) && is_syllable_prefix(q.substr(i, j - i))) {
        fewest[i] = static_cast<std::uint8_t>(fewest[j] + 1);
      }
    }
  }
  return fewest;
}

// The pinyin keys that the ways of cutting `q` into pieces start with — the readings the first
// two pieces begin, and the initial of the third — with the fewest characters each way reads.
// Sorted, each once.
void keys_of_pinyin(std::string_view q, std::uint64_t boundaries, pinyin_cuts const& fewest,
                    std::span<std::uint64_t const> sorted, std::vector<pinyin_key>& keys) {
  keys.clear();
  auto const m = q.size();
  for (std::size_t k1 = 1; k1 <= std::min<std::size_t>(6, m - 1); ++k1) {
    if (!no_separator_inside(boundaries, 0, k1)) continue;
    auto const first = syllables_with_prefix(q.substr(0, k1));
    for (auto k2 = k1 + 1; k2 <= std::min(k1 + 6, m) && !first.empty(); ++k2) {
      if (fewest[k2] == kNoCut || !no_separator_inside(boundaries, k1, k2)) continue;
      auto const second = syllables_with_prefix(q.substr(k1, k2 - k1));
      if (second.empty()) continue;
      auto const last = static_cast<syllable_idx>(second.back() + 1);
      auto const third = k2 == m ? 0U : static_cast<unsigned>(q[k2] - 'a');
      auto const min_chars = static_cast<std::uint8_t>(2 + fewest[k2]);
      // The initials the character after the key's may have: those starting the next piece
      // (any when the query may end first).
      std::uint32_t next = 1U << kUnknownInitial;
      if (k2 == m) {
        next = ~0U;
      }
      for (auto k3 = k2 + 1; k3 <= std::min(k2 + 6, m) && k2 < m; ++k3) {
        if (fewest[k3] == kNoCut || !no_separator_inside(boundaries, k2, k3) ||
            !is_syllable_prefix(q.substr(k2, k3 - k2))) {
          continue;
        }
        next |= k3 == m ? ~0U : 1U << next_initial_of(static_cast<unsigned>(q[k3] - 'a'));
      }
      // Per reading of the first piece and initial of the third, the keys of the second's
      // readings are a range; a query of two pieces reads them for every third initial.
      for (auto const a : first) {
        for (auto c = k2 == m ? 0U : third; c <= (k2 == m ? kNoThirdInitial : third); ++c) {
          auto const hi = triple_key(a, last, c);
          for (auto it =
                   std::lower_bound(sorted.begin(), sorted.end(), triple_key(a, second.front(), c));
               it != sorted.end() && *it < hi; ++it) {
            keys.push_back({static_cast<std::uint32_t>(it - sorted.begin()), min_chars, next});
          }
        }
      }
    }
  }
  // One entry per key, allowing what any of its cuts allows.
  std::sort(keys.begin(), keys.end(),
            [](pinyin_key const& a, pinyin_key const& b) { return a.key_ < b.key_; });
  std::size_t n = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (n > 0 && keys[n - 1].key_ == keys[i].key_) {
      keys[n - 1].min_chars_ = std::min(keys[n - 1].min_chars_, keys[i].min_chars_);
      keys[n - 1].next_ |= keys[i].next_;
    } else {
      keys[n++] = keys[i];
    }
  }
  keys.resize(n);
}

}  // namespace

std::size_t name_index::pinyin_span(pinyin_source const& src, std::uint32_t name,
                                    std::size_t pos) const {
  // Can `q` be cut into pieces, each a whole reading or a reading's prefix of the next
  // character, starting at `pos`? Failed (piece start, character) states are remembered.
  auto const q = src.q_;
  auto const m = q.size();
  auto const* t = text_of(name).data();
  auto const max_chars = std::min<std::size_t>(len_of(name) - pos, kMaxQueryChars);
  std::array<std::uint64_t, kMaxQueryChars + 1> failed;  // NOLINT: the first max_chars + 1 set
  std::fill(failed.begin(), failed.begin() + static_cast<std::ptrdiff_t>(max_chars + 1), 0);
  // Iterative depth-first search with an explicit stack (no recursion, no allocation).
  struct frame {
    std::uint8_t qi_, ci_, reading_, len_;
  };
  std::array<frame, kMaxQueryChars + 1> st{};
  std::size_t depth = 0;
  st[0] = {0, 0, 0, 0};
  while (true) {
    auto& f = st[depth];
    if (f.qi_ == m) {
      return f.ci_ >= 2 ? f.ci_ : 0;
    }
    auto advanced = false;
    if (f.ci_ < max_chars) {
      auto const rs = readings(t[pos + f.ci_] & kCpMask);
      while (f.reading_ < rs.size() && !advanced) {
        // Try the longest piece first (all the letters the query and the reading share), then
        // shorter prefixes.
        if (f.len_ == 0) {
          auto const syl = syllable(rs[f.reading_]);
          auto const max_len = std::min(syl.size(), m - f.qi_);
          std::size_t shared = 0;
          while (shared < max_len && q[f.qi_ + shared] == syl[shared]) {
            ++shared;
          }
          f.len_ = static_cast<std::uint8_t>(shared + 1);
        }
        while (--f.len_ > 0) {
          auto const len = f.len_;
          auto const nq = static_cast<std::size_t>(f.qi_) + len;
          if (!no_separator_inside(src.boundaries_, f.qi_, nq)) {
            continue;
          }
          auto const nc = static_cast<std::size_t>(f.ci_) + 1;
          if (nq < m && (failed[nc] >> nq & 1U) != 0) continue;
          st[depth + 1] = {static_cast<std::uint8_t>(nq), static_cast<std::uint8_t>(nc), 0, 0};
          advanced = true;
          break;
        }
        if (!advanced) {
          ++f.reading_;
          f.len_ = 0;
        }
      }
    }
    if (advanced) {
      ++depth;
      continue;
    }
    failed[f.ci_] |= 1ULL << f.qi_;
    if (depth == 0) return 0;
    --depth;
  }
}

match_kind name_index::pinyin_kind(pinyin_source const& src, std::uint32_t lead, std::size_t pos,
                                   std::size_t n) const {
  return src.via_ == match_via::kPinyin ? kind_at(lead, pos, n) : match_kind::kFuzzy;
}

void name_index::match_pinyin_at(scratch& s, pinyin_source const& src, std::uint32_t lead,
                                 std::size_t pos, std::vector<name_match>& out) const {
  auto const n = pinyin_span(src, lead, pos);
  if (n == 0) {
    return;
  }
  auto const kind = pinyin_kind(src, lead, pos, n);
  for_each_same(lead, [&](std::uint32_t name) {
    ZHITU_EMIT(s, out, name, make(name, pos, n, kind, src.via_, src.edits_));
  });
}

void name_index::match_pinyin(scratch& s, pinyin_source const& src,
                              std::vector<name_match>& out) const {
  if (src.q_.size() < 2 || src.q_.size() > kMaxQueryChars) {
    return;
  }
  keys_of_pinyin(src.q_, src.boundaries_, fewest_pieces(src.q_, src.boundaries_), pinyin_.keys(),
                 s.keys_);
  for (auto const& key_cuts : s.keys_) {
    for (unsigned cls = 0; cls < pinyin_postings::kClasses; ++cls) {
      for (auto c = pinyin_.list(key_cuts.key_, cls); c.next();) {
        auto const name = name_of_rank(c.rank());
        match_pinyin_at(s, src, name, pinyin_pos(c, name), out);
      }
    }
  }
}

void name_index::match_homophone(scratch& s, std::vector<name_match>& out) const {
  if (s.n_ < 2 || s.n_han_ != s.n_) {
    return;
  }
  // Two characters are read at every key of their readings, more at their third's initials.
  auto const third = s.n_ > 2 ? initials_mask(s.q_[2]) : ~0U;
  for (auto const a : readings(s.q_[0])) {
    for (auto const b : readings(s.q_[1])) {
      for (unsigned c = 0; c <= kNoThirdInitial; ++c) {
        if ((third >> c & 1U) == 0) continue;
        auto const key = pinyin_.find(triple_key(a, b, c));
        for (unsigned cls = 0; cls < pinyin_postings::kClasses && key; ++cls) {
          for (auto post = pinyin_.list(*key, cls); post.next();) {
            auto const name = name_of_rank(post.rank());
            auto const pos = pinyin_pos(post, name);
            if (pos + s.n_ > len_of(name)) continue;
            auto const* t = text_of(name).data() + pos;
            auto ok = true;
            auto same = true;
            for (std::size_t i = 0; i < s.n_ && ok; ++i) {
              auto const tc = t[i] & kCpMask;
              same = same && tc == s.q_[i];
              auto const ra = readings(tc);
              auto const rb = readings(s.q_[i]);
              ok = std::any_of(ra.begin(), ra.end(), [&](syllable_idx x) {
                return std::find(rb.begin(), rb.end(), x) != rb.end();
              });
            }
            if (ok && !same) {
              for_each_same(name, [&](std::uint32_t n) {
                ZHITU_EMIT(s, out, n,
                           make(n, pos, s.n_, match_kind::kFuzzy, match_via::kHomophone, 1));
              });
            }
          }
        }
      }
    }
  }
}

void name_index::match_latin_typos(scratch& s, std::vector<name_match>& out) const {
  if (s.n_words_ == 0 || words_.empty()) {
    return;
  }
  if (s.word_count_.size() < names_.size()) {
    s.word_count_.assign(names_.size(), 0);
    s.word_stamp_.assign(names_.size(), 0);
  }
  // word_stamp_ = epoch; word_count_ = how many query words this name has matched so far.
  for (std::size_t j = 0; j < s.n_words_; ++j) {
    auto const& w = s.words_[j];
    auto const last = j + 1 == s.n_words_;
    auto const k = w.size() >= 8 ? 2 : w.size() >= 4 ? 1 : 0;
    for (std::size_t v = 0; v < words_.size(); ++v) {
      auto const& cand = words_[v];
      auto ok = cand == w || (last && std::string_view{cand}.starts_with(w));
      auto edits = 0;
      if (!ok && k > 0) {
        edits = bounded_edits(w, cand, k);
        ok = edits <= k;
        if (!ok && last && cand.size() > w.size()) {
          edits = bounded_edits(w, std::string_view{cand}.substr(0, w.size()), k);
          ok = edits <= k;
        }
      }
      if (!ok) continue;
      // Every word has postings, keyed by its index: the word's key is the v-th.
      for (auto post = word_posts_.list(v); post.next();) {
        auto const name = post.name();
        if (j == 0) {
          if (s.word_stamp_[name] != s.epoch_) {
            s.word_stamp_[name] = s.epoch_;
            s.word_count_[name] = 1;
          }
        } else if (s.word_stamp_[name] == s.epoch_ && s.word_count_[name] == j) {
          s.word_count_[name] = static_cast<std::uint32_t>(j + 1);
        } else {
          continue;
        }
        if (last) {
          std::size_t const pos = post.pos();
          auto const n = std::min<std::size_t>(cand.size(), len_of(name) - pos);
          s.word_count_[name] = static_cast<std::uint32_t>(j + 2);  // emitted once
          for_each_same(name, [&](std::uint32_t same) {
            ZHITU_EMIT(s, out, same,
                       make(same, pos, n, match_kind::kFuzzy, match_via::kTypo,
                            static_cast<std::uint8_t>(std::max(edits, 1))));
          });
        }
      }
    }
  }
}

template <typename OnVariant>
void name_index::for_each_pinyin_typo(scratch& s, OnVariant const& on_variant) const {
  auto const& q = s.letters_;
  auto const m = q.size();
  if (m < 4 || m > 40) {
    return;
  }
  // Strict segmentation into whole syllables, each adjacent pair of which occurs in some name:
  // this keeps only corrections that could match, before any postings are read.
  auto const segments = [&](std::string_view v) {
    constexpr std::size_t kWidth = 12;
    std::array<std::array<syllable_idx, kWidth>, 48> last{};
    std::array<std::uint8_t, 48> n_last{};
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i > 0 && n_last[i] == 0) continue;
      for (std::size_t len = 1; len <= 6 && i + len <= v.size(); ++len) {
        auto const sid = find_syllable(v.substr(i, len));
        if (sid == kNoSyllable || n_last[i + len] == kWidth) continue;
        auto ok = i == 0;
        for (std::size_t k = 0; k < n_last[i] && !ok; ++k) {
          ok = std::binary_search(syllable_pairs_.begin(), syllable_pairs_.end(),
                                  static_cast<std::uint32_t>(last[i][k]) << 16U | sid);
        }
        auto& dst = last[i + len];
        if (ok && std::find(dst.begin(), dst.begin() + n_last[i + len], sid) ==
                      dst.begin() + n_last[i + len]) {
          dst[n_last[i + len]++] = sid;
        }
      }
    }
    return n_last[v.size()] > 0;
  };
  // A query that already reads as syllables may still be a slip (wulumuqu for wulumuqi), so
  // variants are tried either way, the most common slips first: substitution, transposition,
  // deletion, insertion.
  std::array<char, 48> buf{};
  std::size_t n_tried = 0;
  constexpr std::size_t kMaxVariants = 200;
  auto const try_variant = [&](std::size_t len) {
    std::string_view const v{buf.data(), len};
    if (n_tried < kMaxVariants && segments(v)) {
      ++n_tried;
      on_variant(v);
    }
  };
  for (std::size_t i = 0; i < m; ++i) {  // substitution
    std::copy(q.begin(), q.end(), buf.begin());
    for (char c = 'a'; c <= 'z'; ++c) {
      if (c == q[i]) continue;
      buf[i] = c;
      try_variant(m);
    }
  }
  for (std::size_t i = 0; i < m; ++i) {  // deletion
    std::copy(q.begin(), q.begin() + static_cast<std::ptrdiff_t>(i), buf.begin());
    std::copy(q.begin() + static_cast<std::ptrdiff_t>(i + 1), q.end(),
              buf.begin() + static_cast<std::ptrdiff_t>(i));
    try_variant(m - 1);
  }
  for (std::size_t i = 0; i + 1 < m; ++i) {  // transposition
    std::copy(q.begin(), q.end(), buf.begin());
    std::swap(buf[i], buf[i + 1]);
    try_variant(m);
  }
  for (std::size_t i = 0; i <= m; ++i) {  // insertion
    for (char c = 'a'; c <= 'z'; ++c) {
      std::copy(q.begin(), q.begin() + static_cast<std::ptrdiff_t>(i), buf.begin());
      buf[i] = c;
      std::copy(q.begin() + static_cast<std::ptrdiff_t>(i), q.end(),
                buf.begin() + static_cast<std::ptrdiff_t>(i + 1));
      try_variant(m + 1);
    }
  }
}

void name_index::match_pinyin_typos(scratch& s, std::vector<name_match>& out) const {
  for_each_pinyin_typo(s, [&](std::string_view v) {
    match_pinyin(s, {v, 0, match_via::kTypo, 1}, out);
  });
}

bool name_index::match_pinyin_exact(scratch& s, pinyin_source const& src,
                                    std::span<std::uint8_t const> fewest,
                                    std::vector<name_match>& out) const {
  auto const q = src.q_;
  auto const m = q.size();
  auto const piece = [&](std::size_t i, std::size_t j) {
    return fewest[j] != kNoCut && no_separator_inside(src.boundaries_, i, j) &&
           is_syllable_prefix(q.substr(i, j - i));
  };
  for (auto const name : whole_unlisted_) {
    match_pinyin_at(s, src, name, 0, out);
  }
  if (fewest[0] == kNoCut) {
    return true;
  }
  // Depth-first over the cuts, each piece narrowing the spellings to those it continues.
  struct frame {
    std::uint8_t at_, pieces_;
    std::uint8_t len_;  // of the next piece to try
    std::uint64_t prefix_;
    std::uint32_t lo_, hi_;  // the spellings that start with prefix_
  };
  std::array<frame, kMaxQueryChars + 1> st{};
  std::size_t depth = 0;
  std::size_t steps = 0;
  st[0] = {0, 0, 1, 0, 0, static_cast<std::uint32_t>(whole_spelling_.size())};
  auto const first_at_least = [&](frame const& f, std::uint64_t v) {
    return static_cast<std::uint32_t>(whole_spelling_.lower_bound(v, f.lo_, f.hi_));
  };
  while (true) {
    auto& f = st[depth];
    if (++steps > kMaxCutSteps) {
      return false;
    }
    if (f.at_ == m) {
      if (f.pieces_ >= 2) {
        // Spelled whole: no more letters (or a name longer than the spellings, checked).
        auto const end = f.pieces_ < kSpelled ? first_at_least(f, f.prefix_ + 1) : f.hi_;
        for (auto i = f.lo_; i < end; ++i) {
          match_pinyin_at(s, src, whole_name_[i], 0, out);
        }
      }
      if (depth == 0) break;
      --depth;
      continue;
    }
    auto const i = static_cast<std::size_t>(f.at_);
    auto advanced = false;
    while (f.len_ <= 6 && i + f.len_ <= m && !advanced) {
      auto const j = i + f.len_++;
      if (!piece(i, j)) {
        continue;
      }
      auto next = f;
      next.at_ = static_cast<std::uint8_t>(j);
      next.pieces_ = static_cast<std::uint8_t>(f.pieces_ + 1);
      next.len_ = 1;
      if (f.pieces_ < kSpelled) {
        auto const shift = spelling_shift(f.pieces_);
        auto const letter = static_cast<std::uint64_t>(q[i] - 'a' + 1);
        next.prefix_ = f.prefix_ | letter << shift;
        next.lo_ = first_at_least(f, next.prefix_);
        next.hi_ = first_at_least(f, next.prefix_ + (1ULL << shift));
      }
      if (next.lo_ < next.hi_) {
        st[depth + 1] = next;
        advanced = true;
      }
    }
    if (advanced) {
      ++depth;
    } else if (depth == 0) {
      break;
    } else {
      --depth;
    }
  }
  return true;
}

bool name_index::match_pinyin_top(scratch& s, std::span<pinyin_source const> sources, std::size_t k,
                                  std::vector<name_match>& out) const {
  s.streams_.clear();
  for (std::size_t si = 0; si < sources.size(); ++si) {
    auto const& src = sources[si];
    if (src.q_.size() < 2 || src.q_.size() > kMaxQueryChars) {
      continue;
    }
    // Exact matches first, by the initials the query's pieces spell: the streams below give a
    // name at its start as a prefix match.
    auto const fewest = fewest_pieces(src.q_, src.boundaries_);
    if (!match_pinyin_exact(s, src, fewest, out)) {
      match_pinyin(s, src, out);  // too many ways to cut it: every match, unordered
      continue;
    }
    keys_of_pinyin(src.q_, src.boundaries_, fewest, pinyin_.keys(), s.keys_);
    for (auto const [key, min_chars, next] : s.keys_) {
      std::array<match_kind, pinyin_postings::kClasses> const kinds{
          match_kind::kPrefix, match_kind::kWordPrefix, match_kind::kSubstring};
      for (unsigned c = 0; c < pinyin_postings::kClasses; ++c) {
        if (!pinyin_.empty(key, c)) {
          s.streams_.push_back(
              {pinyin_.list(key, c), static_cast<std::uint16_t>(si), kinds[c], min_chars, next});
        }
      }
    }
  }
  // The order of a stream's next posting: no later one comes before it. Its rank's run gives
  // the score and the name's length (the prominence of every entity is not read).
  auto const head_of = [&](pinyin_stream const& st) {
    auto const& src = sources[st.source_];
    auto const run = std::upper_bound(rank_runs_.begin(), rank_runs_.end(), st.posting_.rank(),
                                      [](std::uint32_t rank, rank_run const& r) {
                                        return rank < r.first_rank_;
                                      }) -
                     1;
    name_match m{};
    m.via_ = src.via_;
    m.edits_ = src.edits_;
    m.kind_ = src.via_ == match_via::kPinyin ? st.kind_ : match_kind::kFuzzy;
    m.corrected_kind_ = st.kind_;
    return search_order{match_score(m, run->prominence_ / kProminenceSteps), run->u16_len_,
                        entity_of(name_of_rank(st.posting_.rank()))};
  };
  auto const later = [](auto const& a, auto const& b) { return comes_before(b.first, a.first); };
  // Names too short from there for the query, or going on with a character no piece can
  // start, are passed over without being read.
  auto const next_fit = [&](pinyin_stream& st) {
    while (st.posting_.next()) {
      if (st.posting_.rest() >= st.min_chars_ &&
          (st.allowed_next_ >> st.posting_.next_initial() & 1U) != 0) {
        return true;
      }
    }
    return false;
  };
  // A text's other names (same_text_, in search order) are read as a stream of their own once
  // its lead has matched: most come far behind it.
  s.led_streams_.clear();
  auto const led_match = [&](led_stream const& ls) {
    auto const& src = sources[ls.source_];
    return make(same_text_.led_at(ls.next_), ls.pos_, ls.n_, ls.kind_, src.via_, src.edits_);
  };
  auto const emit = [&](name_match const& m, std::uint32_t name) {
    ZHITU_EMIT(s, out, name, m);
    s.recent_.push_back(order_of(m));
  };
  s.heap_.clear();
  for (std::uint32_t i = 0; i < s.streams_.size(); ++i) {
    if (next_fit(s.streams_[i])) {
      s.heap_.push_back({head_of(s.streams_[i]), i});
    }
  }
  std::make_heap(s.heap_.begin(), s.heap_.end(), later);
  s.seen_.clear();
  for (auto i = s.out_first_; i < out.size(); ++i) {
    s.seen_.push_back(order_of(out[i]));
  }
  std::sort(s.seen_.begin(), s.seen_.end(), comes_before);
  // Read the best stream while fewer than k entities are known to come before everything unread.
  if (s.entity_stamp_.size() < entities_of_names_.entities()) {
    s.entity_stamp_.assign(entities_of_names_.entities(), 0);
    s.entity_epoch_ = 0;
  }
  if (++s.entity_epoch_ == 0) {
    std::fill(s.entity_stamp_.begin(), s.entity_stamp_.end(), 0);
    s.entity_epoch_ = 1;
  }
  std::size_t counted = 0;
  auto const count = [&](std::uint32_t e) {
    if (s.entity_stamp_[e] != s.entity_epoch_) {
      s.entity_stamp_[e] = s.entity_epoch_;
      ++counted;
    }
  };
  std::size_t next_seen = 0;
  s.recent_.clear();
  while (!s.heap_.empty()) {
    auto const bound = s.heap_.front().first;
    while (next_seen < s.seen_.size() && comes_before(s.seen_[next_seen], bound)) {
      count(s.seen_[next_seen++].entity_);
    }
    for (std::size_t i = 0; i < s.recent_.size();) {
      if (comes_before(s.recent_[i], bound)) {
        count(s.recent_[i].entity_);
        s.recent_[i] = s.recent_.back();
        s.recent_.pop_back();
      } else {
        ++i;
      }
    }
    if (counted >= k) {
      return false;
    }
    std::pop_heap(s.heap_.begin(), s.heap_.end(), later);
    if (auto const which = s.heap_.back().second; which >= kLedStream) {
      auto& ls = s.led_streams_[which - kLedStream];
      emit(ls.match_, same_text_.led_at(ls.next_));
      if (++ls.next_ < ls.end_) {
        ls.match_ = led_match(ls);
        s.heap_.back().first = order_of(ls.match_);
        std::push_heap(s.heap_.begin(), s.heap_.end(), later);
      } else {
        s.heap_.pop_back();
      }
      continue;
    }
    auto& st = s.streams_[s.heap_.back().second];
    auto const lead = name_of_rank(st.posting_.rank());
    auto const& src = sources[st.source_];
    auto const pos = pinyin_pos(st.posting_, lead);
    std::optional<std::uint32_t> started;  // the led stream this lead's match starts
    if (auto const n = pinyin_span(src, lead, pos); n > 0) {
      auto const kind = pinyin_kind(src, lead, pos, n);
      emit(make(lead, pos, n, kind, src.via_, src.edits_), lead);
      if (auto const [first, end] = same_text_.led_range(lead); first < end) {
        led_stream ls{
            first,      end, static_cast<std::uint16_t>(pos), static_cast<std::uint8_t>(n), kind,
            st.source_, {}};
        ls.match_ = led_match(ls);
        started = static_cast<std::uint32_t>(s.led_streams_.size());
        s.led_streams_.push_back(ls);
      }
    }
    if (next_fit(st)) {
      s.heap_.back().first = head_of(st);
      std::push_heap(s.heap_.begin(), s.heap_.end(), later);
    } else {
      s.heap_.pop_back();
    }
    if (started) {  // pushed only now: the heap's last entry was the posting stream's
      s.heap_.push_back({order_of(s.led_streams_[*started].match_), kLedStream + *started});
      std::push_heap(s.heap_.begin(), s.heap_.end(), later);
    }
  }
  return true;
}

void name_index::match_top(std::string_view query, std::size_t limit, std::vector<name_match>& out,
                           std::size_t want_fuzzy_below) const {
  auto& s = prepare(query);
  s.restricted_ = false;
  if (prominence_.empty() || !s.letters_only_ || s.n_ == 0 || names_.empty()) {
    run(s, out, want_fuzzy_below);
    return;
  }
  // As run(), but pinyin and its typos read best first.
  s.out_first_ = out.size();
  match_text(s, out);
  pinyin_source const as_typed{s.letters_, s.boundaries_, match_via::kPinyin, 0};
  if (!match_pinyin_top(s, {&as_typed, 1}, std::max(limit, want_fuzzy_below), out) ||
      s.n_found_ >= want_fuzzy_below) {
    return;  // stopped early: at least want_fuzzy_below names found
  }
  match_latin_typos(s, out);
  s.variants_.clear();
  for_each_pinyin_typo(s, [&](std::string_view v) { s.variants_.emplace_back(v); });
  s.sources_.clear();
  for (auto const& v : s.variants_) {
    s.sources_.push_back({v, 0, match_via::kTypo, 1});
  }
  match_pinyin_top(s, s.sources_, limit, out);
}

void name_index::match(std::string_view query, std::vector<name_match>& out,
                       std::size_t want_fuzzy_below) const {
  auto& s = prepare(query);
  s.restricted_ = false;
  run(s, out, want_fuzzy_below);
}

void name_index::match_among(std::string_view query, std::span<std::uint32_t const> only,
                             std::vector<name_match>& out) const {
  auto& s = prepare(query);
  s.restricted_ = true;
  s.only_ = only;
  run(s, out, std::numeric_limits<std::size_t>::max());
}

std::optional<std::size_t> name_index::estimate_text_matches(std::string_view query) const {
  auto const& s = prepare(query);
  if (s.letters_only_ || s.n_ == 0) {
    return std::nullopt;
  }
  // The names of the rarest gram's texts.
  auto const names_of = [&](std::size_t from, std::size_t to) {
    std::size_t n = 0;
    for (auto k = from; k < to; ++k) {
      for (auto c = grams_.list(k); c.next();) {
        n += 1 + same_text_.count_led(c.name());
      }
    }
    return n;
  };
  if (s.n_ == 1) {
    auto const [from, to] = grams_.range(gram_key(s.q_[0], 0), gram_key(s.q_[0] + 1, 0));
    return names_of(from, to);
  }
  std::optional<std::size_t> rarest;
  for (std::size_t i = 0; i + 1 < s.n_; ++i) {
    auto const k = grams_.find(gram_key(s.q_[i], s.q_[i + 1]));
    if (!k) {
      return 0;
    }
    if (!rarest || grams_.size(*k) < grams_.size(*rarest)) {
      rarest = *k;
    }
  }
  return names_of(*rarest, *rarest + 1);
}

name_index::scratch& name_index::prepare(std::string_view query) const {
  thread_local scratch s;
  if (s.stamp_.size() < names_.size()) {
    s.stamp_.assign(names_.size(), 0);
    s.slot_.assign(names_.size(), 0);
    s.epoch_ = 0;
    s.word_count_.clear();
  }
  if (++s.epoch_ == 0) {  // wrapped: forget every stamp
    std::fill(s.stamp_.begin(), s.stamp_.end(), 0);
    std::fill(s.word_stamp_.begin(), s.word_stamp_.end(), 0);
    s.epoch_ = 1;
  }
  s.n_ = 0;
  s.n_han_ = 0;
  s.letters_.clear();
  s.boundaries_ = 0;
  s.n_words_ = 0;
  s.n_found_ = 0;
  s.any_text_ = false;
  s.letters_only_ = true;
  auto sep = false;
  fold_into(
      query,
      [&](char32_t c, std::uint32_t) {
        auto const cp = c & kCpMask;
        if (s.n_ < kMaxQueryChars) {
          s.q_[s.n_++] = cp;
        }
        s.n_han_ += is_han(cp) ? 1 : 0;
        if (cp >= U'a' && cp <= U'z') {
          if ((c & kWordStart) != 0 && !s.letters_.empty()) {
            s.boundaries_ |= s.letters_.size() < 64 ? 1ULL << s.letters_.size() : 0;
          }
          s.letters_.push_back(static_cast<char>(cp));
        } else {
          s.letters_only_ = false;
        }
        if (cp < 0x80) {
          if ((c & kWordStart) != 0 || sep) {
            if (s.n_words_ < s.words_.size()) s.words_[s.n_words_++].clear();
          }
          if (s.n_words_ > 0) s.words_[s.n_words_ - 1].push_back(static_cast<char>(cp));
        }
        sep = false;
      },
      [](std::uint32_t) {});
  return s;
}

void name_index::run(scratch& s, std::vector<name_match>& out, std::size_t want_fuzzy_below) const {
  if (s.n_ == 0 || names_.empty()) {
    return;
  }
  s.out_first_ = out.size();
  match_text(s, out);
  if (s.letters_only_) {
    match_pinyin(s, {s.letters_, s.boundaries_, match_via::kPinyin, 0}, out);
  }
  if (s.n_found_ < want_fuzzy_below) {
    if (s.n_han_ == s.n_) {
      if (!s.any_text_) {  // a slip is likely only when the characters match nothing
        match_homophone(s, out);
      }
    } else if (s.letters_only_) {
      match_latin_typos(s, out);
      match_pinyin_typos(s, out);
    }
  }
}

#undef ZHITU_EMIT

}  // namespace zhitu::index
