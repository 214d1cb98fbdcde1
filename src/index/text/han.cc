// SPDX-License-Identifier: Apache-2.0
#include "index/text/han.h"

#include <opencc/opencc.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "model/check.h"

namespace zhitu::index {

namespace {

constexpr char32_t kFirstA = 0x3400;   // Extension A
constexpr char32_t kLastA = 0x4dbf;
constexpr char32_t kFirst = 0x4e00;    // the main block
constexpr char32_t kLast = 0x9fff;
constexpr std::size_t kSlots = (kLastA - kFirstA + 1) + (kLast - kFirst + 1);

std::size_t slot(char32_t cp) {
  return cp >= kFirst ? (kLastA - kFirstA + 1) + (cp - kFirst) : cp - kFirstA;
}

char32_t slot_cp(std::size_t s) {
  return s < kLastA - kFirstA + 1 ? kFirstA + static_cast<char32_t>(s)
                                  : kFirst + static_cast<char32_t>(s - (kLastA - kFirstA + 1));
}

// Readings ICU's `Han-Latin` (one reading per character, chosen for isolated characters)
// misses but that place and heritage names use. Every reading listed here is indexed, so a name
// is found under either; display order puts ICU's (or the override table's) first.
constexpr std::pair<char32_t, char const*> kExtraReadings[] = {
    {U'长', "chang zhang"}, {U'六', "lu liu"},    {U'蚌', "beng bang"}, {U'重', "zhong chong"},
    {U'厦', "xia sha"},     {U'乐', "le yue lao"}, {U'番', "fan pan po"}, {U'铅', "qian yan"},
    {U'丽', "li"},          {U'涡', "guo wo"},    {U'单', "dan shan chan"}, {U'莘', "shen xin"},
    {U'阿', "a e"},         {U'蔚', "wei yu"},    {U'洞', "dong tong"}, {U'都', "du dou"},
    {U'曾', "zeng ceng"},   {U'枞', "zong cong"}, {U'陂', "pi bei po"}, {U'行', "xing hang"},
    {U'朝', "chao zhao"},   {U'藏', "zang cang"}, {U'会', "hui kuai"},  {U'堡', "bao pu bu"},
    {U'浚', "xun jun"},     {U'解', "jie xie"},   {U'柏', "bai bo"},    {U'车', "che ju"},
    {U'查', "cha zha"},     {U'尉', "wei yu"},    {U'率', "shuai lv"},  {U'省', "sheng xing"},
    {U'落', "luo la"},      {U'宿', "su xiu"},    {U'调', "diao tiao"}, {U'和', "he huo"},
    {U'埔', "pu bu"},       {U'弄', "nong long"}, {U'区', "qu ou"},     {U'仇', "qiu chou"},
    {U'盖', "gai ge"},      {U'浒', "hu xu"},     {U'圩', "wei xu"},    {U'繁', "fan po"},
    {U'大', "da dai"},      {U'石', "shi dan"},   {U'沈', "shen chen"}, {U'秘', "mi bi"},
    {U'泌', "mi bi"},       {U'万', "wan mo"},    {U'给', "gei ji"},    {U'中', "zhong"},
    {U'台', "tai"},         {U'召', "zhao shao"}, {U'厍', "she"},       {U'荥', "xing ying"},
    {U'犍', "qian jian"},   {U'筠', "jun yun"},   {U'峪', "yu"},        {U'洪', "hong"},
    {U'氏', "shi zhi"},     {U'句', "ju gou"},    {U'家', "jia"},       {U'传', "chuan zhuan"},
    {U'觉', "jue jiao"},    {U'着', "zhe zhao"},  {U'便', "bian pian"}, {U'兴', "xing"},
    {U'强', "qiang jiang"}, {U'角', "jiao jue"},  {U'色', "se shai"},   {U'差', "cha chai"},
    {U'炮', "pao bao"},     {U'干', "gan qian"},  {U'乾', "qian gan"},  {U'觅', "mi"},
    {U'隗', "wei kui"},     {U'贾', "jia gu"},    {U'济', "ji"},        {U'冯', "feng ping"},
    {U'薄', "bo bao"},      {U'参', "can shen cen"}, {U'刹', "cha sha"}, {U'塔', "ta"},
    {U'称', "cheng chen"},  {U'似', "si shi"},    {U'系', "xi ji"},     {U'食', "shi si"},
    {U'华', "hua"},         {U'叶', "ye xie"},    {U'牟', "mou mu"},    {U'缪', "miao mou miu"},
    {U'栎', "li yue"},      {U'郇', "xun huan"},  {U'黾', "min mian"},  {U'邪', "xie ya"},
    {U'圈', "quan juan"},   {U'瀑', "pu bao"},    {U'模', "mo mu"},     {U'校', "xiao jiao"},
    {U'露', "lu lou"},      {U'龟', "gui jun qiu"}, {U'扎', "zha za"},  {U'喀', "ka"},
    {U'哈', "ha"},          {U'什', "shi"},       {U'期', "qi ji"},     {U'沙', "sha"},
    {U'渑', "mian sheng"},  {U'洗', "xi xian"},   {U'姥', "lao mu"},    {U'思', "si"},
    {U'佛', "fo fu"},       {U'汤', "tang shang"},  {U'奇', "qi ji"},     {U'折', "zhe she"},   {U'殷', "yin yan"},
};

// Whole-word readings for place names ICU gets wrong. Applied to display pinyin; the readings
// themselves are also in `kExtraReadings`, so the index finds every one of them.
constexpr std::pair<char const*, char const*> kOverrides[] = {
    {"长安", "chang an"},     {"六安", "lu an"},      {"蚌埠", "beng bu"},     {"番禺", "pan yu"},
    {"铅山", "yan shan"},     {"涡阳", "guo yang"},   {"乐亭", "lao ting"},    {"东阿", "dong e"},
    {"蔚县", "yu xian"},      {"洪洞", "hong tong"},  {"单县", "shan xian"},   {"莘县", "shen xian"},
    {"浚县", "xun xian"},     {"重庆", "chong qing"}, {"厦门", "xia men"},     {"长沙", "chang sha"},
    {"长治", "chang zhi"},    {"长春", "chang chun"}, {"长城", "chang cheng"}, {"长江", "chang jiang"},
    {"长白", "chang bai"},    {"长兴", "chang xing"}, {"长汀", "chang ting"},  {"长葛", "chang ge"},
    {"长垣", "chang yuan"},   {"长乐", "chang le"},   {"长寿", "chang shou"},  {"长清", "chang qing"},
    {"长子", "zhang zi"},     {"长泰", "chang tai"},  {"长顺", "chang shun"},  {"长阳", "chang yang"},
    {"长岭", "chang ling"},   {"长陵", "chang ling"}, {"长宁", "chang ning"},  {"长丰", "chang feng"},
    {"长海", "chang hai"},    {"长武", "chang wu"},   {"长沙", "chang sha"},   {"天长", "tian chang"},
    {"都江堰", "du jiang yan"}, {"成都", "cheng du"}, {"首都", "shou du"},     {"古都", "gu du"},
    {"乐山", "le shan"},      {"乐陵", "le ling"},    {"曾厝垵", "zeng cuo an"}, {"枞阳", "zong yang"},
    {"黄陂", "huang pi"},     {"大足", "da zu"},      {"西藏", "xi zang"},     {"行唐", "xing tang"},
    {"朝阳", "chao yang"},    {"会昌", "hui chang"},  {"阿房宫", "e pang gong"}, {"吐鲁番", "tu lu fan"},
    {"荥阳", "xing yang"},    {"荥经", "ying jing"},  {"犍为", "qian wei"},    {"筠连", "jun lian"},
    {"尉犁", "yu li"},        {"尉氏", "wei shi"},    {"堡子", "bu zi"},       {"吴堡", "wu bu"},
    {"柏乡", "bai xiang"},    {"六合", "lu he"},      {"六盘水", "liu pan shui"}, {"丽水", "li shui"},
    {"丽江", "li jiang"},     {"洞头", "dong tou"},   {"大理", "da li"},       {"句容", "ju rong"},
    {"校场", "jiao chang"},   {"牟平", "mu ping"},    {"中牟", "zhong mou"},   {"繁峙", "fan shi"},
    {"渑池", "mian chi"},     {"济南", "ji nan"},     {"济宁", "ji ning"},     {"济源", "ji yuan"},
    {"会稽", "kuai ji"},      {"龟兹", "qiu ci"},     {"单于", "chan yu"},     {"大同", "da tong"},
    {"沈阳", "shen yang"},    {"番禺", "pan yu"},     {"台州", "tai zhou"},    {"天台", "tian tai"},
    {"乐清", "yue qing"},     {"乐至", "le zhi"},     {"厦门", "xia men"},     {"重庆", "chong qing"},
    {"万俟", "mo qi"},        {"石家庄", "shi jia zhuang"}, {"长安街", "chang an jie"},
    {"藏族", "zang zu"},      {"布达拉", "bu da la"},  {"阿里", "a li"},       {"阿坝", "a ba"},
    {"阿克苏", "a ke su"},    {"阿勒泰", "a le tai"},  {"喀什", "ka shi"},     {"哈密", "ha mi"},
    {"拉萨", "la sa"},        {"大宁", "da ning"},     {"大冶", "da ye"},      {"濮阳", "pu yang"},
    {"亳州", "bo zhou"},      {"盱眙", "xu yi"},       {"鄱阳", "po yang"},    {"歙县", "she xian"},
    {"黟县", "yi xian"},      {"郫县", "pi xian"},     {"涪陵", "fu ling"},    {"东莞", "dong guan"},
};

struct tables {
  std::vector<char32_t> fold_;                 // slot → simplified code point
  std::vector<std::uint32_t> first_;           // slot → first reading in `readings_` (+1 end)
  std::vector<syllable_idx> readings_;
  std::vector<std::string> syllables_;         // syllable_idx → text
  // Syllables are numbered in alphabetical order, so that those sharing a prefix are a range;
  // a trie over them answers prefix look-ups (node 0 the root; child 0: none).
  std::vector<syllable_idx> ids_;  // 0, 1, 2, …: the ranges' storage
  std::vector<std::array<std::uint16_t, 26>> children_;
  std::vector<syllable_idx> node_syllable_;                // kNoSyllable unless a whole one ends
  std::vector<std::pair<syllable_idx, syllable_idx>> node_range_;  // the syllables below
  std::unordered_map<std::u32string, std::vector<syllable_idx>> overrides_;
  std::size_t max_override_ = 0;
};

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  auto const u = icu::UnicodeString::fromUTF8(icu::StringPiece{s.data(), static_cast<std::int32_t>(s.size())});
  for (std::int32_t i = 0; i < u.length();) {
    auto const c = u.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

// Tone marks off, `ü` → `v`, lower case; anything else non-letter dropped.
std::string toneless(icu::UnicodeString const& u) {
  std::string out;
  for (std::int32_t i = 0; i < u.length(); ++i) {
    auto const c = u.charAt(i);
    switch (c) {
      case u'ā': case u'á': case u'ǎ': case u'à': case u'a': out += 'a'; break;
      case u'ē': case u'é': case u'ě': case u'è': case u'e': case u'ê': out += 'e'; break;
      case u'ī': case u'í': case u'ǐ': case u'ì': case u'i': out += 'i'; break;
      case u'ō': case u'ó': case u'ǒ': case u'ò': case u'o': out += 'o'; break;
      case u'ū': case u'ú': case u'ǔ': case u'ù': case u'u': out += 'u'; break;
      case u'ǖ': case u'ǘ': case u'ǚ': case u'ǜ': case u'ü': out += 'v'; break;
      case u'ń': case u'ň': case u'ǹ': out += 'n'; break;
      case u'ḿ': out += 'm'; break;
      default:
        if (c >= u'a' && c <= u'z') {
          out += static_cast<char>(c);
        } else if (c >= u'A' && c <= u'Z') {
          out += static_cast<char>(c - u'A' + u'a');
        }
    }
  }
  return out;
}

std::unique_ptr<tables> build_tables() {
  auto t = std::make_unique<tables>();
  t->fold_.resize(kSlots);
  // OpenCC: one conversion of every character, each on its own line, so that no phrase rule
  // applies and the result is a per-character table.
  {
    std::string all;
    all.reserve(kSlots * 4);
    for (std::size_t s = 0; s < kSlots; ++s) {
      icu::UnicodeString{static_cast<UChar32>(slot_cp(s))}.toUTF8String(all);
      all += '\n';
    }
    auto const cc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
    ZHITU_CHECK(cc != reinterpret_cast<opencc_t>(-1), "OpenCC t2s config not found (libopencc data)");
    char* const out = opencc_convert_utf8(cc, all.data(), all.size());
    auto const folded = to_u32(out);
    opencc_convert_utf8_free(out);
    opencc_close(cc);
    std::size_t s = 0;
    char32_t cur = 0;
    std::size_t n_in_line = 0;
    for (auto const c : folded) {
      if (c == U'\n') {
        if (s < kSlots) {
          t->fold_[s] = n_in_line == 1 && is_han(cur) ? cur : slot_cp(s);
        }
        ++s;
        n_in_line = 0;
        continue;
      }
      cur = c;
      ++n_in_line;
    }
    ZHITU_CHECK(s == kSlots, "OpenCC changed the number of lines");
  }

  // ICU: one transliteration per character (isolated readings, no context).
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> tr{
      icu::Transliterator::createInstance("Han-Latin", UTRANS_FORWARD, status)};
  ZHITU_CHECK(U_SUCCESS(status) && tr != nullptr, "ICU Han-Latin transliterator unavailable");
  std::unordered_map<std::string, syllable_idx> ids;
  auto const id_of = [&](std::string const& s) {
    auto const [it, inserted] = ids.try_emplace(s, static_cast<syllable_idx>(t->syllables_.size()));
    if (inserted) {
      t->syllables_.push_back(s);
    }
    return it->second;
  };
  std::unordered_map<char32_t, char const*> extra;
  for (auto const& [c, r] : kExtraReadings) {
    extra.emplace(c, r);
  }
  t->first_.resize(kSlots + 1);
  std::vector<syllable_idx> mine;
  for (std::size_t s = 0; s < kSlots; ++s) {
    t->first_[s] = static_cast<std::uint32_t>(t->readings_.size());
    auto const cp = slot_cp(s);
    mine.clear();
    icu::UnicodeString u{static_cast<UChar32>(cp)};
    tr->transliterate(u);
    auto const r = toneless(u);
    // Vowel-less interjection readings (m, n, ng, hm) would make typo correction accept
    // nonsense; no place name needs them.
    auto const has_vowel = r.find_first_of("aeiouv") != std::string::npos;
    if (has_vowel && r.size() <= 6 && u.length() > 0 && u.char32At(0) != static_cast<UChar32>(cp)) {
      mine.push_back(id_of(r));
    }
    if (auto const it = extra.find(cp); it != extra.end()) {
      std::string_view rest = it->second;
      while (!rest.empty()) {
        auto const sp = rest.find(' ');
        auto const w = std::string{rest.substr(0, sp)};
        rest = sp == std::string_view::npos ? std::string_view{} : rest.substr(sp + 1);
        auto const id = id_of(w);
        if (std::find(mine.begin(), mine.end(), id) == mine.end()) {
          mine.push_back(id);
        }
      }
    }
    // `ü` syllables are also typed with `u` (lu, nu) — index both.
    auto const n_own = mine.size();
    for (std::size_t k = 0; k < n_own; ++k) {
      auto w = t->syllables_[mine[k]];
      if (auto const v = w.find('v'); v != std::string::npos) {
        w[v] = 'u';
        auto const id = id_of(w);
        if (std::find(mine.begin(), mine.end(), id) == mine.end()) {
          mine.push_back(id);
        }
      }
    }
    t->readings_.insert(t->readings_.end(), mine.begin(), mine.end());
  }
  t->first_[kSlots] = static_cast<std::uint32_t>(t->readings_.size());
  // Traditional characters read as their simplified forms (the index folds before reading).

  for (auto const& [w, r] : kOverrides) {
    auto const key = to_u32(w);
    std::vector<syllable_idx> syl;
    std::string_view rest = r;
    while (!rest.empty()) {
      auto const sp = rest.find(' ');
      syl.push_back(id_of(std::string{rest.substr(0, sp)}));
      rest = sp == std::string_view::npos ? std::string_view{} : rest.substr(sp + 1);
    }
    ZHITU_CHECK(syl.size() == key.size(), "override readings do not match the word");
    t->max_override_ = std::max(t->max_override_, key.size());
    t->overrides_.emplace(key, std::move(syl));
  }
  // After the overrides (they may add syllables): renumber alphabetically, then the trie.
  auto sorted = t->syllables_;
  std::sort(sorted.begin(), sorted.end());
  std::vector<syllable_idx> renumber(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    renumber[ids.at(sorted[i])] = static_cast<syllable_idx>(i);
  }
  for (auto& r : t->readings_) {
    r = renumber[r];
  }
  for (auto& [word, syl] : t->overrides_) {
    for (auto& r : syl) {
      r = renumber[r];
    }
  }
  t->syllables_ = std::move(sorted);
  t->children_.emplace_back();
  t->node_syllable_.push_back(kNoSyllable);
  t->node_range_.emplace_back(0, static_cast<syllable_idx>(t->syllables_.size()));
  for (std::size_t i = 0; i < t->syllables_.size(); ++i) {
    auto const id = static_cast<syllable_idx>(i);
    t->ids_.push_back(id);
    std::size_t node = 0;
    for (auto const c : t->syllables_[i]) {
      auto const l = static_cast<std::size_t>(c - 'a');
      if (t->children_[node][l] == 0) {
        t->children_[node][l] = static_cast<std::uint16_t>(t->children_.size());
        t->children_.emplace_back();
        t->node_syllable_.push_back(kNoSyllable);
        t->node_range_.emplace_back(id, id);
      }
      node = t->children_[node][l];
      t->node_range_[node].second = static_cast<syllable_idx>(id + 1);
    }
    t->node_syllable_[node] = id;
  }
  return t;
}

tables const& get() {
  static auto const t = build_tables();
  return *t;
}

}  // namespace

char32_t fold_han(char32_t cp) {
  return is_han(cp) ? get().fold_[slot(cp)] : cp;
}

std::span<syllable_idx const> readings(char32_t cp) {
  if (!is_han(cp)) {
    return {};
  }
  auto const& t = get();
  auto const s = slot(cp);
  return {t.readings_.data() + t.first_[s], t.readings_.data() + t.first_[s + 1]};
}

std::string_view syllable(syllable_idx s) { return get().syllables_[s]; }

namespace {

// The trie node `text` leads to; 0 (the root) when it leads nowhere or is empty.
std::size_t trie_node(tables const& t, std::string_view text) {
  std::size_t node = 0;
  for (auto const c : text) {
    if (c < 'a' || c > 'z') {
      return 0;
    }
    node = t.children_[node][static_cast<std::size_t>(c - 'a')];
    if (node == 0) {
      return 0;
    }
  }
  return node;
}

}  // namespace

bool is_syllable_prefix(std::string_view text) { return trie_node(get(), text) != 0; }

std::span<syllable_idx const> syllables_with_prefix(std::string_view text) {
  auto const& t = get();
  auto const node = trie_node(t, text);
  if (node == 0) {
    return {};
  }
  auto const [lo, hi] = t.node_range_[node];
  return {t.ids_.data() + lo, t.ids_.data() + hi};
}

bool is_syllable(std::string_view text) { return find_syllable(text) != kNoSyllable; }

syllable_idx find_syllable(std::string_view text) {
  auto const& t = get();
  return t.node_syllable_[trie_node(t, text)];
}

std::string english_place_name(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kConventional[] = {
      {"陕西", "Shaanxi"}, {"内蒙古", "Inner Mongolia"}, {"西藏", "Tibet"},
      {"香港", "Hong Kong"}, {"澳门", "Macao"}};
  for (auto const& [zh, en] : kConventional) {
    if (name == zh) {
      return std::string{en};
    }
  }
  auto const text = to_u32(name);
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char32_t c) { return is_han(c); })) {
    return {};
  }
  std::string out;
  auto const spaced = display_pinyin(name);
  for (std::size_t i = 0; i < spaced.size();) {
    auto const end = std::min(spaced.find(' ', i), spaced.size());
    auto s = spaced.substr(i, end - i);
    if (!out.empty() && (s.front() == 'a' || s.front() == 'o' || s.front() == 'e')) {
      out += '\'';
    }
    if (out.empty()) {
      s.front() = static_cast<char>(s.front() - 'a' + 'A');
    }
    if (s.find('v') != std::string::npos) {
      return {};  // ü: English writes Lüliang, Lyuliang or Lvliang; better no name than a guess
    }
    out += s;
    i = end + 1;
  }
  return out;
}

std::string display_pinyin(std::string_view name) {
  auto const& t = get();
  auto text = to_u32(name);
  for (auto& c : text) {
    c = fold_han(c);
  }
  std::string out;
  auto const add = [&](std::string_view s) {
    if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
    out += s;
  };
  for (std::size_t i = 0; i < text.size();) {
    auto matched = false;
    for (auto len = std::min(t.max_override_, text.size() - i); len >= 2 && !matched; --len) {
      if (auto const it = t.overrides_.find(text.substr(i, len)); it != t.overrides_.end()) {
        for (auto const s : it->second) {
          add(t.syllables_[s]);
        }
        i += len;
        matched = true;
      }
    }
    if (matched) {
      continue;
    }
    auto const r = readings(text[i]);
    if (!r.empty()) {
      add(t.syllables_[r.front()]);
    } else if (text[i] != U' ') {
      if (!out.empty() && out.back() == ' ') {
        out.pop_back();
      }
      icu::UnicodeString{static_cast<UChar32>(text[i])}.toUTF8String(out);
      out += ' ';
    }
    ++i;
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

}  // namespace zhitu::index
