// SPDX-License-Identifier: Apache-2.0
#include "model/era.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <vector>

namespace zhitu::model {

namespace {

// Generated together with data/gazetteer/dynasties.csv (same ids, names, spans); spans follow
// the cited sources there. Astronomical years.
constexpr era_entry kGazetteer[] = {
    {"per-pleistocene", "更新世", "Pleistocene", "period", {-2579999, -2579999, -9699, -9699}, "", ""},
    {"per-paleolithic", "旧石器时代", "Paleolithic", "period", {-2999999, -1699999, -11999, -7999}, "旧石器", ""},
    {"per-neolithic", "新石器时代", "Neolithic", "period", {-11999, -7999, -2499, -1999}, "新石器", ""},
    {"per-peiligang", "裴李岗文化", "Peiligang culture", "period", {-6999, -5999, -4999, -4999}, "", "per-neolithic"},
    {"per-yangshao", "仰韶文化", "Yangshao culture", "period", {-4999, -4799, -2999, -2899}, "", "per-neolithic"},
    {"per-hongshan", "红山文化", "Hongshan culture", "period", {-4699, -4499, -2899, -2899}, "", "per-neolithic"},
    {"per-dawenkou", "大汶口文化", "Dawenkou culture", "period", {-4299, -4099, -2599, -2499}, "", "per-neolithic"},
    {"per-liangzhu", "良渚文化", "Liangzhu culture", "period", {-3399, -3299, -2299, -2199}, "", "per-neolithic"},
    {"per-longshan", "龙山文化", "Longshan culture", "period", {-2999, -2499, -1999, -1899}, "", "per-neolithic"},
    {"per-erlitou", "二里头文化", "Erlitou culture", "period", {-1899, -1799, -1599, -1499}, "", ""},
    {"per-bronze-age", "青铜时代", "Bronze Age (China)", "period", {-1999, -1699, -499, -220}, "青铜", ""},
    {"per-iron-age", "铁器时代", "Iron Age (China)", "period", {-799, -499, -220, 220}, "", ""},
    {"dyn-xia", "夏", "Xia", "dynasty", {-2069, -2069, -1599, -1599}, "夏朝", ""},
    {"dyn-shang", "商", "Shang", "dynasty", {-1599, -1599, -1045, -1045}, "商朝|殷商", ""},
    {"dyn-yin", "殷", "Late Shang (Yin)", "dynasty", {-1299, -1299, -1045, -1045}, "殷墟时期", "dyn-shang"},
    {"dyn-zhou", "周", "Zhou", "dynasty", {-1045, -1045, -255, -255}, "周朝", ""},
    {"dyn-western-zhou", "西周", "Western Zhou", "dynasty", {-1045, -1045, -770, -770}, "", "dyn-zhou"},
    {"dyn-eastern-zhou", "东周", "Eastern Zhou", "dynasty", {-769, -769, -255, -255}, "", "dyn-zhou"},
    {"per-spring-autumn", "春秋", "Spring and Autumn period", "period", {-769, -769, -475, -475}, "春秋时期", "dyn-eastern-zhou"},
    {"per-warring-states", "战国", "Warring States period", "period", {-474, -474, -220, -220}, "战国时期", "dyn-eastern-zhou"},
    {"dyn-qin", "秦", "Qin", "dynasty", {-220, -220, -206, -206}, "秦朝", ""},
    {"dyn-han", "汉", "Han", "dynasty", {-201, -201, 220, 220}, "汉朝", ""},
    {"dyn-western-han", "西汉", "Western Han", "dynasty", {-201, -201, 8, 8}, "前汉", "dyn-han"},
    {"dyn-xin", "新", "Xin", "dynasty", {9, 9, 23, 23}, "新朝", ""},
    {"dyn-eastern-han", "东汉", "Eastern Han", "dynasty", {25, 25, 220, 220}, "", "dyn-han"},
    {"per-three-kingdoms", "三国", "Three Kingdoms", "period", {220, 220, 280, 280}, "三国时期", ""},
    {"dyn-cao-wei", "曹魏", "Cao Wei", "dynasty", {220, 220, 266, 266}, "魏", "per-three-kingdoms"},
    {"dyn-shu-han", "蜀汉", "Shu Han", "dynasty", {221, 221, 263, 263}, "", "per-three-kingdoms"},
    {"dyn-eastern-wu", "东吴", "Eastern Wu", "dynasty", {222, 222, 280, 280}, "孙吴", "per-three-kingdoms"},
    {"dyn-jin", "晋", "Jin", "dynasty", {266, 266, 420, 420}, "晋朝", ""},
    {"dyn-western-jin", "西晋", "Western Jin", "dynasty", {266, 266, 316, 316}, "", "dyn-jin"},
    {"dyn-eastern-jin", "东晋", "Eastern Jin", "dynasty", {317, 317, 420, 420}, "", "dyn-jin"},
    {"per-sixteen-kingdoms", "十六国", "Sixteen Kingdoms", "period", {304, 304, 439, 439}, "五胡十六国", ""},
    {"per-six-dynasties", "六朝", "Six Dynasties", "period", {222, 222, 589, 589}, "", ""},
    {"per-southern-northern", "南北朝", "Northern and Southern dynasties", "period", {420, 420, 589, 589}, "", ""},
    {"per-northern-dynasties", "北朝", "Northern dynasties", "period", {386, 386, 581, 581}, "", "per-southern-northern"},
    {"per-southern-dynasties", "南朝", "Southern dynasties", "period", {420, 420, 589, 589}, "", "per-southern-northern"},
    {"dyn-northern-wei", "北魏", "Northern Wei", "dynasty", {386, 386, 534, 534}, "", "per-northern-dynasties"},
    {"dyn-eastern-wei", "东魏", "Eastern Wei", "dynasty", {534, 534, 550, 550}, "", "per-northern-dynasties"},
    {"dyn-western-wei", "西魏", "Western Wei", "dynasty", {535, 535, 557, 557}, "", "per-northern-dynasties"},
    {"dyn-northern-qi", "北齐", "Northern Qi", "dynasty", {550, 550, 577, 577}, "", "per-northern-dynasties"},
    {"dyn-northern-zhou", "北周", "Northern Zhou", "dynasty", {557, 557, 581, 581}, "", "per-northern-dynasties"},
    {"dyn-liu-song", "刘宋", "Liu Song", "dynasty", {420, 420, 479, 479}, "南朝宋", "per-southern-dynasties"},
    {"dyn-southern-qi", "南齐", "Southern Qi", "dynasty", {479, 479, 502, 502}, "南朝齐|萧齐", "per-southern-dynasties"},
    {"dyn-liang", "南梁", "Liang", "dynasty", {502, 502, 557, 557}, "梁|南朝梁|萧梁", "per-southern-dynasties"},
    {"dyn-chen", "南陈", "Chen", "dynasty", {557, 557, 589, 589}, "陈|南朝陈", "per-southern-dynasties"},
    {"dyn-sui", "隋", "Sui", "dynasty", {581, 581, 618, 618}, "隋朝", ""},
    {"dyn-tang", "唐", "Tang", "dynasty", {618, 618, 907, 907}, "唐朝", ""},
    {"dyn-wu-zhou", "武周", "Wu Zhou", "dynasty", {690, 690, 705, 705}, "", "dyn-tang"},
    {"dyn-bohai", "渤海", "Balhae", "dynasty", {698, 698, 926, 926}, "渤海国", ""},
    {"dyn-goguryeo", "高句丽", "Goguryeo", "dynasty", {-36, -36, 668, 668}, "高句麗", ""},
    {"dyn-gaochang", "高昌", "Gaochang kingdom", "dynasty", {460, 460, 640, 640}, "高昌国", ""},
    {"dyn-nanzhao", "南诏", "Nanzhao", "dynasty", {738, 738, 902, 902}, "", ""},
    {"dyn-dali", "大理", "Dali kingdom", "dynasty", {937, 937, 1253, 1253}, "大理国", ""},
    {"per-five-dynasties", "五代", "Five Dynasties", "period", {907, 907, 960, 960}, "", ""},
    {"dyn-later-liang", "后梁", "Later Liang", "dynasty", {907, 907, 923, 923}, "", "per-five-dynasties"},
    {"dyn-later-tang", "后唐", "Later Tang", "dynasty", {923, 923, 936, 936}, "", "per-five-dynasties"},
    {"dyn-later-jin", "后晋", "Later Jin", "dynasty", {936, 936, 947, 947}, "", "per-five-dynasties"},
    {"dyn-later-han", "后汉", "Later Han", "dynasty", {947, 947, 951, 951}, "", "per-five-dynasties"},
    {"dyn-later-zhou", "后周", "Later Zhou", "dynasty", {951, 951, 960, 960}, "", "per-five-dynasties"},
    {"per-ten-kingdoms", "十国", "Ten Kingdoms", "period", {902, 902, 979, 979}, "", ""},
    {"dyn-former-shu", "前蜀", "Former Shu", "dynasty", {907, 907, 925, 925}, "", "per-ten-kingdoms"},
    {"dyn-southern-han", "南汉", "Southern Han", "dynasty", {917, 917, 971, 971}, "", "per-ten-kingdoms"},
    {"dyn-song", "宋", "Song", "dynasty", {960, 960, 1279, 1279}, "宋朝", ""},
    {"dyn-northern-song", "北宋", "Northern Song", "dynasty", {960, 960, 1127, 1127}, "", "dyn-song"},
    {"dyn-southern-song", "南宋", "Southern Song", "dynasty", {1127, 1127, 1279, 1279}, "", "dyn-song"},
    {"dyn-liao", "辽", "Liao", "dynasty", {907, 907, 1125, 1125}, "辽朝|契丹", ""},
    {"dyn-jin-jurchen", "金", "Jin (Jurchen)", "dynasty", {1115, 1115, 1234, 1234}, "金朝", ""},
    {"dyn-western-xia", "西夏", "Western Xia", "dynasty", {1038, 1038, 1227, 1227}, "", ""},
    {"dyn-yuan", "元", "Yuan", "dynasty", {1271, 1271, 1368, 1368}, "元朝", ""},
    {"dyn-ming", "明", "Ming", "dynasty", {1368, 1368, 1644, 1644}, "明朝", ""},
    {"dyn-qing", "清", "Qing", "dynasty", {1644, 1644, 1911, 1912}, "清朝|淸", ""},
    {"per-modern", "近代", "Modern era (1840-1949)", "period", {1840, 1840, 1949, 1949}, "", ""},
    {"per-roc", "民国", "Republic of China (mainland, 1912-1949)", "period", {1912, 1912, 1949, 1949}, "中华民国", ""},
    {"per-prc", "中华人民共和国", "People's Republic of China", "period", {1949, 1949, 2026, 2026}, "新中国", ""},
};

struct name_ref {
  std::string_view name_;
  time_span span_;
};

// Every name and alias, longest first, for greedy matching. Built once.
std::vector<name_ref> const& names_longest_first() {
  static auto const names = [] {
    std::vector<name_ref> v;
    for (auto const& e : kGazetteer) {
      v.push_back({e.zh_, e.span_});
      auto aliases = e.aliases_;
      while (!aliases.empty()) {
        auto const bar = aliases.find('|');
        v.push_back({aliases.substr(0, bar), e.span_});
        aliases.remove_prefix(bar == std::string_view::npos ? aliases.size() : bar + 1);
      }
    }
    // Abbreviations that only make sense inside an era text, not as entity aliases.
    v.push_back({"民初", {1912, 1912, 1920, 1928}});
    v.push_back({"今", time_span::exact(kPresentYear, kPresentYear)});
    v.push_back({"现代", {1949, 1949, kPresentYear, kPresentYear}});
    std::stable_sort(v.begin(), v.end(), [](name_ref const& a, name_ref const& b) {
      return a.name_.size() > b.name_.size();
    });
    return v;
  }();
  return names;
}

// Separators between parts; "range" ones let a bare year after a BCE year stay BCE.
constexpr std::array<std::string_view, 12> kRangeSeparators = {
    "至", "～", "~", "—", "－", "–", "-", "到", "〜", "一", "至于", "迄"};
constexpr std::array<std::string_view, 6> kListSeparators = {"、", "，", ",", "及", "和", "；"};
// Words after a name that change nothing: 唐代, 清朝, 战国时期, 乾隆年间.
constexpr std::array<std::string_view, 6> kNoise = {"时期", "年间", "王朝", "时代", "代", "朝"};

enum class part_of : std::uint8_t { kWhole, kEarly, kMiddle, kLate };

struct modifier {
  std::string_view text_;
  part_of part_;
};
constexpr std::array<modifier, 10> kModifiers = {{{"初期", part_of::kEarly},
                                                  {"早期", part_of::kEarly},
                                                  {"前期", part_of::kEarly},
                                                  {"初", part_of::kEarly},
                                                  {"中期", part_of::kMiddle},
                                                  {"中叶", part_of::kMiddle},
                                                  {"末期", part_of::kLate},
                                                  {"晚期", part_of::kLate},
                                                  {"后期", part_of::kLate},
                                                  {"末", part_of::kLate}}};

time_span narrow(time_span s, part_of p) {
  auto const len = s.end_latest_ - s.start_earliest_;
  auto const q = len / 4;
  auto const t = len / 3;
  switch (p) {
    case part_of::kWhole: return s;
    case part_of::kEarly:
      return {s.start_earliest_, s.start_latest_, s.start_earliest_ + q, s.start_earliest_ + t};
    case part_of::kMiddle:
      return {s.start_earliest_ + q, s.start_earliest_ + t, s.end_latest_ - t, s.end_latest_ - q};
    case part_of::kLate:
      return {s.end_latest_ - t, s.end_latest_ - q, s.end_earliest_, s.end_latest_};
  }
  return s;
}

bool consume(std::string_view& s, std::string_view prefix) {
  if (s.starts_with(prefix)) {
    s.remove_prefix(prefix.size());
    return true;
  }
  return false;
}

template <std::size_t N>
bool consume_any(std::string_view& s, std::array<std::string_view, N> const& words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return consume(s, w); });
}

void skip_spaces(std::string_view& s) {
  while (consume(s, " ") || consume(s, "\t") || consume(s, "\u3000")) {
  }
}

std::optional<std::int32_t> consume_number(std::string_view& s) {
  std::size_t n = 0;
  while (n < s.size() && n < 8 && s[n] >= '0' && s[n] <= '9') {
    ++n;
  }
  if (n == 0 || n == 8) {
    return std::nullopt;
  }
  std::int32_t v = 0;
  std::from_chars(s.data(), s.data() + n, v);
  s.remove_prefix(n);
  return v;
}

std::optional<time_span> parse_edtf(std::string_view s) {
  auto const slash = s.find('/');
  if (slash == std::string_view::npos) {
    auto const b = parse_year_range(s);
    return b ? std::optional{time_span{b->earliest_, b->latest_, b->earliest_, b->latest_}}
             : std::nullopt;
  }
  auto const a = parse_year_range(s.substr(0, slash));
  auto const b = parse_year_range(s.substr(slash + 1));
  if (!a || !b) {
    return std::nullopt;
  }
  auto const span = time_span{a->earliest_, a->latest_, b->earliest_, b->latest_};
  return span.valid() ? std::optional{span} : std::nullopt;
}

// The parts of `s` in order, or nullopt at the first thing not understood.
std::optional<std::vector<time_span>> parse_parts(std::string_view s) {
  std::vector<time_span> parts;
  std::optional<std::int32_t> last_bce;  // magnitude of the BCE year just read
  bool after_range = false;
  while (true) {
    skip_spaces(s);
    if (s.empty()) {
      break;
    }
    if (consume_any(s, kRangeSeparators)) {
      after_range = true;
      continue;
    }
    if (consume_any(s, kListSeparators)) {
      after_range = false;
      last_bce.reset();
      continue;
    }
    consume(s, "约");
    auto const before_year = s;
    // Years, centuries and decades.
    auto bce = consume(s, "公元前") || consume(s, "前");
    if (!bce) {
      consume(s, "公元");
      skip_spaces(s);
    }
    if (auto const n = consume_number(s)) {
      auto const inherit_bce = !bce && after_range && last_bce && *n < *last_bce;
      bce = bce || inherit_bce;
      auto const year = [&](std::int32_t y) { return bce ? 1 - y : y; };
      time_span span = time_span::exact(year(*n), year(*n));
      if (consume(s, "世纪")) {
        auto const first = (*n - 1) * 100 + 1;
        span = bce ? time_span::exact(1 - *n * 100, 1 - first) : time_span::exact(first, *n * 100);
        skip_spaces(s);
        auto rest = s;
        if (auto const d = consume_number(rest); d && !bce && consume(rest, "年代")) {
          auto const decade = (*n - 1) * 100 + *d;
          span = time_span::exact(decade, decade + 9);
          s = rest;
        }
      } else if (consume(s, "年代")) {
        span = time_span::exact(*n, *n + 9);
      } else {
        consume(s, "年");
      }
      if (bce && *n == 0) {
        return std::nullopt;
      }
      last_bce = bce ? std::optional{*n} : std::nullopt;
      parts.push_back(span);
      after_range = false;
      continue;
    }
    s = before_year;  // "前" or "公元" not followed by a number: 前蜀 and the like
    // Names.
    auto const& names = names_longest_first();
    auto const it = std::find_if(names.begin(), names.end(),
                                 [&](name_ref const& r) { return s.starts_with(r.name_); });
    if (it == names.end()) {
      return std::nullopt;
    }
    s.remove_prefix(it->name_.size());
    auto part = part_of::kWhole;
    while (true) {
      if (consume_any(s, kNoise)) {
        continue;
      }
      auto const m = std::find_if(kModifiers.begin(), kModifiers.end(),
                                  [&](modifier const& x) { return s.starts_with(x.text_); });
      if (m == kModifiers.end()) {
        break;
      }
      s.remove_prefix(m->text_.size());
      part = m->part_;
    }
    parts.push_back(narrow(it->span_, part));
    last_bce.reset();
    after_range = false;
  }
  return parts;
}

}  // namespace

std::span<era_entry const> era_gazetteer() { return kGazetteer; }

era_entry const* find_era(std::string_view name) {
  for (auto const& e : kGazetteer) {
    if (e.zh_ == name) {
      return &e;
    }
  }
  for (auto const& e : kGazetteer) {
    auto aliases = e.aliases_;
    while (!aliases.empty()) {
      auto const bar = aliases.find('|');
      if (aliases.substr(0, bar) == name) {
        return &e;
      }
      aliases.remove_prefix(bar == std::string_view::npos ? aliases.size() : bar + 1);
    }
  }
  return nullptr;
}

std::optional<time_span> parse_era(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  if (text.empty() || text.size() > 512) {
    return std::nullopt;
  }
  if (text.find_first_not_of("0123456789-[]./") == std::string_view::npos) {
    if (auto const s = parse_edtf(text)) {
      return s;
    }
  }
  // A parenthesised year range is the authority: 高昌（公元500—640年）.
  for (auto const& [open, close] : {std::pair{std::string_view{"（"}, std::string_view{"）"}},
                                   std::pair{std::string_view{"("}, std::string_view{")"}}}) {
    auto const a = text.find(open);
    auto const b = text.rfind(close);
    if (a != std::string_view::npos && b != std::string_view::npos && a < b) {
      auto const inner = text.substr(a + open.size(), b - a - open.size());
      if (auto const s = parse_era(inner)) {
        return s;
      }
      auto outer = std::string{text.substr(0, a)};
      outer += text.substr(b + close.size());
      return parse_era(outer);
    }
  }
  auto const parts = parse_parts(text);
  if (!parts || parts->empty()) {
    return std::nullopt;
  }
  auto const first = std::min_element(parts->begin(), parts->end(), [](auto const& x, auto const& y) {
    return x.start_earliest_ < y.start_earliest_;
  });
  auto const last = std::max_element(parts->begin(), parts->end(), [](auto const& x, auto const& y) {
    return x.end_latest_ < y.end_latest_;
  });
  auto const span = time_span{first->start_earliest_, first->start_latest_, last->end_earliest_,
                              last->end_latest_};
  if (!span.valid()) {
    return std::nullopt;
  }
  return span;
}

}  // namespace zhitu::model
