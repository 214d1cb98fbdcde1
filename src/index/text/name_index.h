// SPDX-License-Identifier: Apache-2.0
// The Chinese-first inverted index over every name and alias of every entity. One query box
// finds names by
//   - characters: any substring (1+ characters), simplified and traditional folded together,
//     through one gram a character (it and the next, or it alone at the name's end) with
//     positional verification;
//   - pinyin: full syllables with or without spaces, initials, and mixtures ("longmen shiku",
//     "longmenshiku", "lmsk", "longmsk"), tones ignored, every reading of polyphonic characters;
//   - Latin words (English names, aliases): case- and accent-folded, prefixes included;
//   - typos: Latin words of 4+ letters within one edit (two for 8+), pinyin within one edit,
//     and Chinese homophone slips (龙们石窟 → 龙门石窟) through pinyin.
//
//   name_index const names{catalog_entities};
//   std::vector<name_match> hits;
//   names.match("龙门", hits);      // 龙门石窟 (prefix), 洛阳龙门 (substring), ...
//   names.match("lmsk", hits);      // 龙门石窟 via pinyin initials
//
// Cost: build O(total characters · log); postings per distinct folded text, held by one of its
// names (same_text.h) and packed (packed_postings.h, about 2 bytes; pinyin_postings.h, about
// 3), no copy of the names kept: a query folds again the names it verifies, from the entities. A
// query reads the rarest gram's postings (or the pinyin keys' postings) and verifies each
// candidate; it does not allocate beyond `out` (scratch is per thread). Common characters, pairs
// and triples also keep the head of their matches in search order (ranked heads, below), so that a
// query of up to three characters finds its best matches without reading the thousands of others.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "index/text/front_coded.h"
#include "index/text/name_entities.h"
#include "index/text/packed_ints.h"
#include "index/text/packed_postings.h"
#include "index/text/pinyin_postings.h"
#include "index/text/same_text.h"
#include "model/entity.h"

namespace zhitu::index {

enum class name_field : std::uint8_t { kZh, kEn, kAlias };

std::string_view to_string(name_field);

// Ordered from weakest to strongest, so that a larger value is a better match.
enum class match_kind : std::uint8_t { kFuzzy, kSubstring, kWordPrefix, kPrefix, kExact };

std::string_view to_string(match_kind);

// How the query met the name.
enum class match_via : std::uint8_t { kText, kPinyin, kHomophone, kTypo };

std::string_view to_string(match_via);

struct name_match {
  std::uint32_t entity_;
  name_field field_;
  std::uint16_t alias_idx_;  // position in aliases_ when field_ is kAlias
  match_kind kind_;
  match_via via_{match_via::kText};
  std::uint8_t edits_{0};                          // typos corrected
  match_kind corrected_kind_{match_kind::kFuzzy};  // for fuzzy matches: the kind once corrected
  std::uint16_t begin_{0};  // matched span of the original name, in UTF-16 code units
  std::uint16_t end_{0};
  std::uint16_t name_len_{0};  // length of the whole name, in UTF-16 code units
};

constexpr std::size_t kMaxQueryChars = 64;

// The score search ranks a match by (query/search.h): its kind (0 fuzzy … 4 exact) plus [0, 1)
// from `base`, the entity's prominence or, with a `near` point, prominence mixed with closeness.
double match_score(name_match const& m, double base);

// Where a match comes among search's results: the better score, then the shorter name, then the
// entity (catalog order), so that the same query always answers in the same order.
struct search_order {
  double score_;
  std::uint16_t name_len_;
  std::uint32_t entity_;
};
bool comes_before(search_order const& a, search_order const& b);

// Which characters, pairs and triples keep a ranked head, and how long it is.
struct ranked_heads {
  std::size_t min_postings_{256};  // rarer ones are ranked whole quickly enough
  std::size_t length_{128};        // at least the largest search limit, plus room for duplicates
};

class name_index {
 public:
  name_index() = default;
  // `prominence`, per entity, is the static part of the search score (query/search.h): with it,
  // every character, pair and triple found at least heads.min_postings_ times keeps its first
  // heads.length_ occurrences in the order search ranks matches without a `near` point, and
  // pinyin is read in that order (match_top); without it (empty) neither. The values must be
  // multiples of 2^-10 in [0, 1), as the catalog's are: distinct ones never tie in a score,
  // and runs of them are kept in two bytes.
  // The index keeps no copy of the names or the prominence: `entities` and `prominence` must
  // outlive it, unchanged.
  explicit name_index(std::span<model::entity const> entities,
                      std::span<double const> prominence = {}, ranked_heads heads = {});

  // Appends the matches of `query` (raw user text; folded here), at most one per name, the
  // strongest way each name matched. Typo and homophone matching runs only when the exact
  // ways found fewer than `want_fuzzy_below` names.
  void match(std::string_view query, std::vector<name_match>& out,
             std::size_t want_fuzzy_below = 10) const;

  // The same as match() but for matches that cannot be among the first `limit` entities in
  // search order without a `near` point (match_score of the entity's prominence, then the
  // shorter name, then the entity): pinyin, with its typos, is read best first and no further
  // than they need. Without prominence, and for queries with characters other than letters,
  // exactly match().
  void match_top(std::string_view query, std::size_t limit, std::vector<name_match>& out,
                 std::size_t want_fuzzy_below = 10) const;

  // For a query of one to three characters (no pinyin or Latin words) that keeps a ranked head:
  // appends the best match of each of the first `limit` entities in search order — match
  // kind, then kind + prominence, the shorter name, the entity, then the name's field, alias and
  // position — and returns true. False (and `out` unchanged) when the head cannot tell them:
  // then match() and rank every match.
  bool best_text_matches(std::string_view query, std::size_t limit,
                         std::vector<name_match>& out) const;

  // The matches of `query` among the names of `only` (ascending entity indices), as
  // match(query, out, SIZE_MAX) filtered to them: for a query planner testing another index's
  // candidates. Character matches are found by merging the postings with the candidates'
  // names, so names of other entities are not verified (but for one, if none of the
  // candidates' matches: homophone slips are tried only when the characters match nothing;
  // and texts that several names share, which are verified once).
  void match_among(std::string_view query, std::span<std::uint32_t const> only,
                   std::vector<name_match>& out) const;

  // The entities with a name the characters of `query` match (those `match` finds by their
  // characters), ascending, each once, unscored: for a query planner that narrows them with
  // other indexes before scoring the rest with match_among. Names are not read for queries of
  // up to three characters. Empty when the characters match nothing (`match` may then find
  // homophone slips) and for queries without a character `estimate_text_matches` counts.
  void text_candidates(std::string_view query, std::vector<std::uint32_t>& entities) const;

  // An upper bound on how many names the characters of `query` can match (the names of the
  // rarest gram's texts: its postings are read, no name), without verifying any; nullopt for a
  // query matched by pinyin or Latin words too.
  std::optional<std::size_t> estimate_text_matches(std::string_view query) const;

  std::size_t size() const { return names_.size(); }
  std::size_t memory_bytes() const;

 private:
  // A name; its entity is in entities_of_names_.
  struct name_ref {
    std::uint8_t len_;  // folded code points (kLongName: in long_names_)
    // Bit 7: plain — each code point is one UTF-16 unit that folding keeps, and only the first
    // starts a word, so that spans, kinds and the UTF-16 length need not read the name. Bits
    // 5–6: the field. Bits 0–4: the alias's index (kFarAlias: in far_aliases_).
    std::uint8_t about_;
  };
  struct scratch;
  struct folded_name;
  struct pinyin_source {
    std::string_view q_;
    std::uint64_t boundaries_;
    match_via via_;
    std::uint8_t edits_;
  };

  // Folds the query into this thread's scratch.
  scratch& prepare(std::string_view query) const;
  void run(scratch& s, std::vector<name_match>& out, std::size_t want_fuzzy_below) const;
  // Calls on_match(name, position) for each name the query's characters match, by name.
  template <typename OnMatch>
  void for_each_text_match(scratch& s, OnMatch const& on_match) const;
  void match_text(scratch& s, std::vector<name_match>& out) const;
  void match_pinyin(scratch& s, pinyin_source const& src, std::vector<name_match>& out) const;
  // Emits the matches of `src` at `pos` of `lead` and the names it leads if its pinyin reads
  // there.
  void match_pinyin_at(scratch& s, pinyin_source const& src, std::uint32_t lead, std::size_t pos,
                       std::vector<name_match>& out) const;
  // The kind of a match of `src` over `n` characters from `pos` of `lead`: the text's, the same
  // for every name it leads.
  match_kind pinyin_kind(pinyin_source const& src, std::uint32_t lead, std::size_t pos,
                         std::size_t n) const;
  // How many characters of `name` from `pos` the source reads as pinyin; 0 for fewer than two.
  std::size_t pinyin_span(pinyin_source const& src, std::uint32_t name, std::size_t pos) const;
  // Emits the matches of `src` that may be exact (`fewest_pieces`: per letter of the query, the
  // fewest pieces the rest can be cut into); false (having emitted some) when the query can be
  // cut into too many pieces to try.
  bool match_pinyin_exact(scratch& s, pinyin_source const& src,
                          std::span<std::uint8_t const> fewest_pieces,
                          std::vector<name_match>& out) const;
  // Emits the matches of `sources` best first until no unread one can be among the first `k`
  // entities of everything in `out` since s.out_first_; true when every match was read.
  bool match_pinyin_top(scratch& s, std::span<pinyin_source const> sources, std::size_t k,
                        std::vector<name_match>& out) const;
  template <typename OnVariant>
  void for_each_pinyin_typo(scratch& s, OnVariant const& on_variant) const;
  void match_homophone(scratch& s, std::vector<name_match>& out) const;
  void match_latin_typos(scratch& s, std::vector<name_match>& out) const;
  void match_pinyin_typos(scratch& s, std::vector<name_match>& out) const;
  // The name's folded code points (with word-start marks), folded again from the catalog's text
  // after the build; its UTF-16 offsets.
  std::span<char32_t const> text_of(std::uint32_t name) const;
  folded_name const& fold_name(std::uint32_t name) const;
  name_match make(std::uint32_t name, std::size_t pos, std::size_t n, match_kind k, match_via via,
                  std::uint8_t edits) const;
  match_kind kind_at(std::uint32_t name, std::size_t pos, std::size_t n) const;
  void build_ranked_heads(std::span<double const> prominence, ranked_heads heads);
  // Ranks the pinyin postings (by text so far) by their leads' search order.
  void rank_pinyin(std::vector<pinyin_posting>& inits, std::span<std::uint32_t const> lead_of_text,
                   std::span<std::uint16_t const> prominence_steps,
                   std::span<std::uint16_t const> u16_len);
  void build_spellings(std::span<std::uint32_t const> leads);
  std::uint32_t name_of_rank(std::uint32_t rank) const;
  std::size_t pinyin_pos(pinyin_postings::cursor const& c, std::uint32_t name) const;
  double prominence_of(std::uint32_t entity) const;
  // Where a match comes in search order without a `near` point.
  search_order order_of(name_match const& m) const;
  // Calls f(lead), then f for each name with the same text.
  template <typename F>
  void for_each_same(std::uint32_t lead, F const& f) const {
    f(lead);
    same_text_.for_each_led(lead, f);
  }
  bool plain(std::uint32_t name) const;
  name_field field_of(std::uint32_t name) const;
  std::uint16_t alias_of(std::uint32_t name) const;
  // The name's length in folded code points.
  std::uint16_t len_of(std::uint32_t name) const;
  std::uint32_t entity_of(std::uint32_t name) const { return entities_of_names_.entity_of(name); }
  // The original name's length in UTF-16 code units.
  std::uint16_t u16_len_of(std::uint32_t name) const;

  std::span<model::entity const> entities_;
  std::uint64_t serial_ = 0;  // unique per built index: tells thread-local folded names apart
  std::vector<name_ref> names_;
  std::vector<std::pair<std::uint32_t, std::uint16_t>> far_aliases_;  // (name, alias), by name
  std::vector<std::pair<std::uint32_t, std::uint16_t>> long_names_;   // (name, length), by name
  name_entities entities_of_names_;  // names are numbered in entity order
  // Every posting below is of a lead, and stands for the names it leads too.
  same_text same_text_;
  // While the index is built: the folded code points (bit 31 marks a word start) of each text
  // and where each name's begin. Dropped after: queries fold the few names they verify again.
  std::vector<char32_t> text_;
  std::vector<std::uint32_t> text_first_;
  // Per character: (it, the next) or (it, 0) at the name's end → (lead, pos).
  packed_postings grams_;
  // Pinyin: the readings of two characters and the initial of the next (or none) → names, in
  // three classes each in rank order (pinyin_postings.h); with prominence, ranks are the leads'
  // places in search order (name_of_rank_; without, the leads themselves). For exact matches
  // the leads are listed by the initials of their characters (whole_spelling_, sorted, once
  // for each spelling and lead → the lead, whole_name_ at the same place; whole_unlisted_:
  // leads with too many readings to list).
  pinyin_postings pinyin_;
  packed_ints name_of_rank_;
  // The ranks where prominence or the name's length changes, and the new values: enough to
  // bound a posting's search order without reading its name.
  struct rank_run {
    std::uint32_t first_rank_;
    std::uint16_t prominence_;
    std::uint16_t u16_len_;
  };
  std::vector<rank_run> rank_runs_;
  std::span<double const> prominence_;  // the caller's, per entity
  front_coded whole_spelling_;
  packed_ints whole_name_;
  std::vector<std::uint32_t> whole_unlisted_;
  std::vector<std::uint32_t> syllable_pairs_;  // (a << 16 | b): syllable b follows a in a name
  std::vector<std::string> words_;             // Latin words, sorted
  packed_postings word_posts_;                 // word index → (lead, pos)
  // Ranked heads: the keys that have one (a character, pair or triple), sorted; per key its
  // range of the heads' matches (first_head_, one more than keys; each a name and position),
  // and whether the head is all its matches.
  struct head_entry {
    std::uint32_t name_;
    std::uint16_t pos_;
  };
  std::vector<std::uint64_t> head_keys_;
  std::vector<std::uint32_t> first_head_;
  packed_ints head_name_;
  packed_ints head_pos_;
  std::vector<std::uint8_t> head_is_list_;
};

// The folding applied to names and queries: simplified Han, lower-case ASCII, accents off,
// full-width forms narrowed, spaces and joining punctuation dropped.
std::string normalize_for_search(std::string_view text);

}  // namespace zhitu::index
