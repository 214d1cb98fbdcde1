// SPDX-License-Identifier: Apache-2.0
#include "query/cql2.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <variant>

#include "index/space/area.h"
#include "model/geojson.h"
#include "query/utf8.h"

namespace zhitu::query {

using nlohmann::json;

namespace {

using years = std::pair<std::int32_t, std::int32_t>;  // [first, last], an instant is [y, y]
constexpr auto kOpenStart = std::numeric_limits<std::int32_t>::min();
constexpr auto kOpenEnd = std::numeric_limits<std::int32_t>::max();
constexpr std::size_t kMaxDepth = 64;

// A literal, or a property to read from the entity.
struct operand {
  enum class kind : std::uint8_t { kProperty, kString, kNumber, kBool, kTime, kGeometry };
  kind kind_{kind::kString};
  std::string text_;  // property name or string
  double number_{0};
  bool bool_{false};
  years time_{0, 0};
  std::shared_ptr<model::geometry const> geometry_;
};

enum class spatial_fn : std::uint8_t { kIntersects, kWithin, kContains, kDisjoint };

enum class temporal_fn : std::uint8_t {
  kAfter,
  kBefore,
  kContains,
  kDisjoint,
  kDuring,
  kEquals,
  kFinishedBy,
  kFinishes,
  kIntersects,
  kMeets,
  kMetBy,
  kOverlappedBy,
  kOverlaps,
  kStartedBy,
  kStarts
};

constexpr std::array<std::pair<std::string_view, temporal_fn>, 15> kTemporalFns{{
    {"T_AFTER", temporal_fn::kAfter},
    {"T_BEFORE", temporal_fn::kBefore},
    {"T_CONTAINS", temporal_fn::kContains},
    {"T_DISJOINT", temporal_fn::kDisjoint},
    {"T_DURING", temporal_fn::kDuring},
    {"T_EQUALS", temporal_fn::kEquals},
    {"T_FINISHEDBY", temporal_fn::kFinishedBy},
    {"T_FINISHES", temporal_fn::kFinishes},
    {"T_INTERSECTS", temporal_fn::kIntersects},
    {"T_MEETS", temporal_fn::kMeets},
    {"T_METBY", temporal_fn::kMetBy},
    {"T_OVERLAPPEDBY", temporal_fn::kOverlappedBy},
    {"T_OVERLAPS", temporal_fn::kOverlaps},
    {"T_STARTEDBY", temporal_fn::kStartedBy},
    {"T_STARTS", temporal_fn::kStarts},
}};

constexpr std::array<std::pair<std::string_view, spatial_fn>, 4> kSpatialFns{{
    {"S_INTERSECTS", spatial_fn::kIntersects},
    {"S_WITHIN", spatial_fn::kWithin},
    {"S_CONTAINS", spatial_fn::kContains},
    {"S_DISJOINT", spatial_fn::kDisjoint},
}};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'a' && x <= 'z' ? x - 32 : x) == (y >= 'a' && y <= 'z' ? y - 32 : y);
         });
}

bool is_time_property(std::string_view name) { return name == "time" || name == "datetime"; }

}  // namespace

struct cql2_node {
  enum class type : std::uint8_t {
    kOr,
    kAnd,
    kNot,
    kCompare,
    kLike,
    kBetween,
    kIn,
    kIsNull,
    kSpatial,
    kTemporal
  };
  type type_{type::kAnd};
  std::vector<std::shared_ptr<cql2_node const>> children_;
  std::string op_;  // comparison operator
  spatial_fn spatial_{spatial_fn::kIntersects};
  temporal_fn temporal_{temporal_fn::kIntersects};
  operand a_;
  operand b_;
  operand c_;
  std::vector<operand> list_;
};

namespace {

// ---------------------------------------------------------------------------------------------
// Parsing

struct token {
  enum class kind : std::uint8_t { kEnd, kWord, kQuotedName, kString, kNumber, kPunct, kError };
  kind kind_{kind::kEnd};
  std::string text_;
  std::size_t at_{0};  // 0-based byte offset
};

class parser {
 public:
  explicit parser(std::string_view text) : text_{text} { advance(); }

  result<std::shared_ptr<cql2_node const>> parse() {
    auto n = or_expr(0);
    if (!n) {
      return n.err();
    }
    if (tok_.kind_ != token::kind::kEnd) {
      return fail("unexpected \"" + tok_.text_ + "\"");
    }
    return n;
  }

 private:
  using node_ptr = std::shared_ptr<cql2_node const>;

  error fail(std::string const& what) const {
    auto const& why = tok_.kind_ == token::kind::kError ? tok_.text_ : what;
    return invalid_argument("filter: " + why + " at character " + std::to_string(tok_.at_ + 1));
  }

  void advance() {
    auto i = pos_;
    while (i < text_.size() &&
           (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n' || text_[i] == '\r')) {
      ++i;
    }
    tok_ = {token::kind::kEnd, {}, i};
    if (i >= text_.size()) {
      pos_ = i;
      return;
    }
    auto const c = text_[i];
    auto const is_word_char = [](char ch) {
      return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
             ch == '_' || ch == ':' || ch == '.' || static_cast<unsigned char>(ch) >= 0x80;
    };
    if (c == '\'' || c == '"') {
      // 'it''s' is a string with a quote; "name" is a property name.
      std::string s;
      auto j = i + 1;
      for (;; ++j) {
        if (j >= text_.size()) {
          tok_ = {token::kind::kError, "unterminated quote", i};
          pos_ = text_.size();
          return;
        }
        if (text_[j] == c) {
          if (j + 1 < text_.size() && text_[j + 1] == c) {
            s += c;
            ++j;
            continue;
          }
          break;
        }
        s += text_[j];
      }
      tok_ = {c == '\'' ? token::kind::kString : token::kind::kQuotedName, std::move(s), i};
      pos_ = j + 1;
      return;
    }
    if ((c >= '0' && c <= '9') ||
        ((c == '-' || c == '+') && i + 1 < text_.size() &&
         ((text_[i + 1] >= '0' && text_[i + 1] <= '9') || text_[i + 1] == '.'))) {
      auto j = i + 1;
      while (j < text_.size() && ((text_[j] >= '0' && text_[j] <= '9') || text_[j] == '.' ||
                                  text_[j] == 'e' || text_[j] == 'E' ||
                                  ((text_[j] == '-' || text_[j] == '+') &&
                                   (text_[j - 1] == 'e' || text_[j - 1] == 'E')))) {
        ++j;
      }
      tok_ = {token::kind::kNumber, std::string{text_.substr(i, j - i)}, i};
      pos_ = j;
      return;
    }
    if (is_word_char(c)) {
      auto j = i;
      while (j < text_.size() && is_word_char(text_[j])) {
        ++j;
      }
      tok_ = {token::kind::kWord, std::string{text_.substr(i, j - i)}, i};
      pos_ = j;
      return;
    }
    for (auto const* op : {"<>", "<=", ">="}) {
      if (text_.substr(i, 2) == op) {
        tok_ = {token::kind::kPunct, op, i};
        pos_ = i + 2;
        return;
      }
    }
    tok_ = {token::kind::kPunct, std::string(1, c), i};
    pos_ = i + 1;
  }

  bool is_word(std::string_view w) const {
    return tok_.kind_ == token::kind::kWord && iequals(tok_.text_, w);
  }
  bool is_punct(std::string_view p) const {
    return tok_.kind_ == token::kind::kPunct && tok_.text_ == p;
  }
  std::optional<error> expect(std::string_view p) {
    if (!is_punct(p)) {
      return fail(
          "expected \"" + std::string{p} + "\"" +
          (tok_.kind_ == token::kind::kEnd ? std::string{} : ", got \"" + tok_.text_ + "\""));
    }
    advance();
    return std::nullopt;
  }

  result<node_ptr> or_expr(std::size_t depth) {
    return chain(depth, "OR", cql2_node::type::kOr, [&] { return and_expr(depth); });
  }
  result<node_ptr> and_expr(std::size_t depth) {
    return chain(depth, "AND", cql2_node::type::kAnd, [&] { return not_expr(depth); });
  }
  template <typename Next>
  result<node_ptr> chain(std::size_t depth, std::string_view word, cql2_node::type t, Next&& next) {
    if (depth > kMaxDepth) {
      return fail("nesting deeper than " + std::to_string(kMaxDepth));
    }
    auto first = next();
    if (!first || !is_word(word)) {
      return first;
    }
    auto n = std::make_shared<cql2_node>();
    n->type_ = t;
    n->children_.push_back(*first);
    while (is_word(word)) {
      advance();
      auto more = next();
      if (!more) {
        return more.err();
      }
      n->children_.push_back(*more);
    }
    return node_ptr{n};
  }

  result<node_ptr> not_expr(std::size_t depth) {
    if (is_word("NOT")) {
      advance();
      auto inner = not_expr(depth + 1);
      if (!inner) {
        return inner;
      }
      auto n = std::make_shared<cql2_node>();
      n->type_ = cql2_node::type::kNot;
      n->children_.push_back(*inner);
      return node_ptr{n};
    }
    return primary(depth);
  }

  result<node_ptr> primary(std::size_t depth) {
    if (depth > kMaxDepth) {
      return fail("nesting deeper than " + std::to_string(kMaxDepth));
    }
    if (is_punct("(")) {
      advance();
      auto inner = or_expr(depth + 1);
      if (!inner) {
        return inner;
      }
      if (auto e = expect(")")) {
        return *e;
      }
      return inner;
    }
    if (tok_.kind_ == token::kind::kWord) {
      for (auto const& [name, fn] : kSpatialFns) {
        if (iequals(tok_.text_, name)) {
          return spatial(fn);
        }
      }
      for (auto const& [name, fn] : kTemporalFns) {
        if (iequals(tok_.text_, name)) {
          return temporal(fn);
        }
      }
    }
    return predicate();
  }

  result<node_ptr> spatial(spatial_fn fn) {
    advance();
    auto n = std::make_shared<cql2_node>();
    n->type_ = cql2_node::type::kSpatial;
    n->spatial_ = fn;
    if (auto e = expect("(")) {
      return *e;
    }
    for (auto* slot : {&n->a_, &n->b_}) {
      auto g = geometry_operand();
      if (!g) {
        return g.err();
      }
      *slot = std::move(*g);
      if (auto e = expect(slot == &n->a_ ? "," : ")")) {
        return *e;
      }
    }
    return node_ptr{n};
  }

  result<node_ptr> temporal(temporal_fn fn) {
    advance();
    auto n = std::make_shared<cql2_node>();
    n->type_ = cql2_node::type::kTemporal;
    n->temporal_ = fn;
    if (auto e = expect("(")) {
      return *e;
    }
    for (auto* slot : {&n->a_, &n->b_}) {
      auto t = time_operand();
      if (!t) {
        return t.err();
      }
      *slot = std::move(*t);
      if (auto e = expect(slot == &n->a_ ? "," : ")")) {
        return *e;
      }
    }
    return node_ptr{n};
  }

  result<node_ptr> predicate() {
    auto a = scalar();
    if (!a) {
      return a.err();
    }
    auto n = std::make_shared<cql2_node>();
    n->a_ = std::move(*a);
    auto negate = false;
    if (is_word("IS")) {
      advance();
      if (is_word("NOT")) {
        negate = true;
        advance();
      }
      if (!is_word("NULL")) {
        return fail("expected NULL");
      }
      advance();
      n->type_ = cql2_node::type::kIsNull;
      return negated(n, negate);
    }
    if (is_word("NOT")) {
      negate = true;
      advance();
    }
    if (is_word("LIKE")) {
      advance();
      auto b = scalar();
      if (!b) {
        return b.err();
      }
      if (b->kind_ != operand::kind::kString) {
        return fail("LIKE needs a string pattern");
      }
      n->type_ = cql2_node::type::kLike;
      n->b_ = std::move(*b);
      return negated(n, negate);
    }
    if (is_word("BETWEEN")) {
      advance();
      auto b = scalar();
      if (!b) {
        return b.err();
      }
      if (!is_word("AND")) {
        return fail("expected AND in BETWEEN");
      }
      advance();
      auto c = scalar();
      if (!c) {
        return c.err();
      }
      n->type_ = cql2_node::type::kBetween;
      n->b_ = std::move(*b);
      n->c_ = std::move(*c);
      return negated(n, negate);
    }
    if (is_word("IN")) {
      advance();
      if (auto e = expect("(")) {
        return *e;
      }
      n->type_ = cql2_node::type::kIn;
      while (true) {
        auto v = scalar();
        if (!v) {
          return v.err();
        }
        n->list_.push_back(std::move(*v));
        if (is_punct(",")) {
          advance();
          continue;
        }
        if (auto e = expect(")")) {
          return *e;
        }
        break;
      }
      return negated(n, negate);
    }
    if (negate) {
      return fail("expected LIKE, BETWEEN or IN after NOT");
    }
    for (auto const* op : {"=", "<>", "<", "<=", ">", ">="}) {
      if (is_punct(op)) {
        advance();
        auto b = scalar();
        if (!b) {
          return b.err();
        }
        n->type_ = cql2_node::type::kCompare;
        n->op_ = op;
        n->b_ = std::move(*b);
        return node_ptr{n};
      }
    }
    return fail(tok_.kind_ == token::kind::kEnd
                    ? std::string{"expected a comparison"}
                    : "expected a comparison, got \"" + tok_.text_ + "\"");
  }

  static result<node_ptr> negated(std::shared_ptr<cql2_node> n, bool negate) {
    if (!negate) {
      return node_ptr{n};
    }
    auto outer = std::make_shared<cql2_node>();
    outer->type_ = cql2_node::type::kNot;
    outer->children_.push_back(n);
    return node_ptr{outer};
  }

  result<operand> scalar() {
    operand o;
    if (tok_.kind_ == token::kind::kString) {
      o.kind_ = operand::kind::kString;
      o.text_ = tok_.text_;
      advance();
      return o;
    }
    if (tok_.kind_ == token::kind::kNumber) {
      auto const& t = tok_.text_;
      auto const* first = t.data() + (t.front() == '+' ? 1 : 0);
      auto const [end, ec] = std::from_chars(first, t.data() + t.size(), o.number_);
      if (ec != std::errc{} || end != t.data() + t.size() || !std::isfinite(o.number_)) {
        return fail("\"" + t + "\" is not a number");
      }
      o.kind_ = operand::kind::kNumber;
      advance();
      return o;
    }
    if (tok_.kind_ == token::kind::kQuotedName) {
      o.kind_ = operand::kind::kProperty;
      o.text_ = tok_.text_;
      advance();
      return o;
    }
    if (tok_.kind_ == token::kind::kWord) {
      if (is_word("TRUE") || is_word("FALSE")) {
        o.kind_ = operand::kind::kBool;
        o.bool_ = is_word("TRUE");
        advance();
        return o;
      }
      if (is_word("DATE") || is_word("TIMESTAMP")) {
        return instant();
      }
      static constexpr std::array<std::string_view, 13> kReserved{
          "AND",  "OR",       "NOT",  "LIKE",  "BETWEEN", "IN",        "IS",
          "NULL", "INTERVAL", "BBOX", "POINT", "POLYGON", "LINESTRING"};
      for (auto const r : kReserved) {
        if (iequals(tok_.text_, r)) {
          return fail("expected a property or a value, got \"" + tok_.text_ + "\"");
        }
      }
      o.kind_ = operand::kind::kProperty;
      o.text_ = tok_.text_;
      advance();
      return o;
    }
    return fail(tok_.kind_ == token::kind::kEnd
                    ? std::string{"expected a property or a value"}
                    : "expected a property or a value, got \"" + tok_.text_ + "\"");
  }

  // The year of an RFC 3339 date or date-time (ISO 8601 expanded years allowed).
  std::optional<std::int32_t> year_of(std::string_view t) const {
    auto sign = 1;
    if (!t.empty() && (t.front() == '-' || t.front() == '+')) {
      sign = t.front() == '-' ? -1 : 1;
      t.remove_prefix(1);
    }
    auto const dash = t.find('-');
    auto const y = t.substr(0, dash);
    if (y.size() < 4 || y.size() > 9 || dash == std::string_view::npos ||
        !std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    auto const rest = t.substr(dash);
    if (rest.size() < 6 || rest[3] != '-') {
      return std::nullopt;
    }
    std::int32_t v = 0;
    std::from_chars(y.data(), y.data() + y.size(), v);
    return sign * v;
  }

  result<operand> instant() {
    auto const fn = tok_.text_;
    advance();
    if (auto e = expect("(")) {
      return *e;
    }
    if (tok_.kind_ != token::kind::kString) {
      return fail(fn + " needs a quoted date such as '0690-01-01'");
    }
    auto const y = year_of(tok_.text_);
    if (!y) {
      return fail("\"" + tok_.text_ + "\" is not a date (YYYY-MM-DD, or -YYYY-MM-DD before 1 CE)");
    }
    advance();
    if (auto e = expect(")")) {
      return *e;
    }
    operand o;
    o.kind_ = operand::kind::kTime;
    o.time_ = {*y, *y};
    return o;
  }

  result<operand> time_operand() {
    if (is_word("INTERVAL")) {
      advance();
      if (auto e = expect("(")) {
        return *e;
      }
      operand o;
      o.kind_ = operand::kind::kTime;
      for (auto* end : {&o.time_.first, &o.time_.second}) {
        if (tok_.kind_ != token::kind::kString) {
          return fail("INTERVAL needs two quoted dates or '..'");
        }
        if (tok_.text_ == "..") {
          *end = end == &o.time_.first ? kOpenStart : kOpenEnd;
        } else if (auto const y = year_of(tok_.text_)) {
          *end = *y;
        } else {
          return fail("\"" + tok_.text_ + "\" is not a date or '..'");
        }
        advance();
        if (auto e = expect(end == &o.time_.first ? "," : ")")) {
          return *e;
        }
      }
      if (o.time_.first > o.time_.second) {
        return fail("the interval ends before it starts");
      }
      return o;
    }
    auto o = scalar();
    if (!o) {
      return o;
    }
    if (o->kind_ == operand::kind::kProperty && !is_time_property(o->text_)) {
      return fail("\"" + o->text_ + "\" is not a temporal property (use time)");
    }
    if (o->kind_ != operand::kind::kProperty && o->kind_ != operand::kind::kTime) {
      return fail("expected time, DATE, TIMESTAMP or INTERVAL");
    }
    return o;
  }

  // A WKT literal or BBOX, as a validated geometry.
  result<operand> geometry_operand() {
    if (tok_.kind_ == token::kind::kWord && iequals(tok_.text_, "geometry")) {
      advance();
      operand o;
      o.kind_ = operand::kind::kProperty;
      o.text_ = "geometry";
      return o;
    }
    if (tok_.kind_ != token::kind::kWord) {
      return fail("expected geometry, a WKT literal or BBOX");
    }
    auto const type = tok_.text_;
    auto const at = tok_.at_;
    advance();
    json g;
    if (iequals(type, "BBOX")) {
      auto v = number_list();
      if (!v) {
        return v.err();
      }
      if (v->size() != 4) {
        return fail("BBOX needs 4 numbers west, south, east, north");
      }
      auto const [w, s, e, n] = std::array{(*v)[0], (*v)[1], (*v)[2], (*v)[3]};
      g = {{"type", "Polygon"}, {"coordinates", {{{w, s}, {e, s}, {e, n}, {w, n}, {w, s}}}}};
    } else {
      static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kTypes{{
          {"POINT", "Point"},
          {"LINESTRING", "LineString"},
          {"POLYGON", "Polygon"},
          {"MULTIPOINT", "MultiPoint"},
          {"MULTILINESTRING", "MultiLineString"},
          {"MULTIPOLYGON", "MultiPolygon"},
      }};
      auto const it = std::find_if(kTypes.begin(), kTypes.end(),
                                   [&](auto const& t) { return iequals(t.first, type); });
      if (it == kTypes.end()) {
        return invalid_argument(
            "filter: expected geometry, a WKT literal (POINT, LINESTRING, POLYGON, MULTI…) or "
            "BBOX, got \"" +
            type + "\" at character " + std::to_string(at + 1));
      }
      auto const depth = it->second == "Point"                                      ? 0
                         : it->second == "LineString" || it->second == "MultiPoint" ? 1
                         : it->second == "MultiPolygon"                             ? 3
                                                                                    : 2;
      auto coords = wkt_coordinates(depth);
      if (!coords) {
        return coords.err();
      }
      g = {{"type", it->second}, {"coordinates", std::move(*coords)}};
    }
    auto parsed = model::geometry_from_geojson(g);
    if (!parsed) {
      return invalid_argument("filter: " + type + " at character " + std::to_string(at + 1) + ": " +
                              parsed.err().message_);
    }
    operand o;
    o.kind_ = operand::kind::kGeometry;
    o.geometry_ = std::make_shared<model::geometry const>(std::move(*parsed));
    return o;
  }

  result<std::vector<double>> number_list() {
    if (auto e = expect("(")) {
      return *e;
    }
    std::vector<double> v;
    while (true) {
      auto n = scalar();
      if (!n) {
        return n.err();
      }
      if (n->kind_ != operand::kind::kNumber) {
        return fail("expected a number");
      }
      v.push_back(n->number_);
      if (is_punct(",")) {
        advance();
        continue;
      }
      if (auto e = expect(")")) {
        return *e;
      }
      return v;
    }
  }

  // depth 0: "x y"; 1: "(x y, x y)"; 2: "((…), (…))"; 3: "(((…)))". MULTIPOINT also takes
  // "((x y), (x y))".
  result<json> wkt_coordinates(int depth) {
    if (depth == 0) {
      if (auto e = expect("(")) {
        return *e;
      }
      auto p = position();
      if (!p) {
        return p;
      }
      if (auto e = expect(")")) {
        return *e;
      }
      return p;
    }
    if (auto e = expect("(")) {
      return *e;
    }
    auto out = json::array();
    while (true) {
      if (depth == 1) {
        auto const bracketed = is_punct("(");
        if (bracketed) {
          advance();
        }
        auto p = position();
        if (!p) {
          return p;
        }
        out.push_back(std::move(*p));
        if (bracketed) {
          if (auto e = expect(")")) {
            return *e;
          }
        }
      } else {
        auto inner = wkt_coordinates(depth - 1);
        if (!inner) {
          return inner;
        }
        out.push_back(std::move(*inner));
      }
      if (is_punct(",")) {
        advance();
        continue;
      }
      if (auto e = expect(")")) {
        return *e;
      }
      return out;
    }
  }

  result<json> position() {
    std::array<double, 2> xy{};
    for (auto& v : xy) {
      auto n = scalar();
      if (!n) {
        return n.err();
      }
      if (n->kind_ != operand::kind::kNumber) {
        return fail("expected a coordinate");
      }
      v = n->number_;
    }
    return json::array({xy[0], xy[1]});
  }

  std::string_view text_;
  std::size_t pos_{0};
  token tok_;
};

// ---------------------------------------------------------------------------------------------
// Evaluation

using value = std::variant<std::monostate, std::string, double, bool>;

value property_value(index::catalog const& cat, index::entity_idx i, json const& props,
                     std::string const& name) {
  auto const& e = cat.at(i);
  if (name == "id") {
    return e.id_;
  }
  if (name == "kind") {
    return e.kind_;
  }
  if (name == "name") {
    return e.names_.primary();
  }
  if (name == "name_en") {
    return e.names_.en_.empty() ? value{} : value{e.names_.en_};
  }
  if (name == "start" || name == "end") {
    if (!e.time_) {
      return {};
    }
    return static_cast<double>(name == "start" ? e.time_->first_year() : e.time_->last_year());
  }
  auto const it = props.find(name);
  if (it == props.end() || it->is_null()) {
    return {};
  }
  if (it->is_string()) {
    return it->get<std::string>();
  }
  if (it->is_number()) {
    return it->get<double>();
  }
  if (it->is_boolean()) {
    return it->get<bool>();
  }
  return it->dump();
}

value literal_value(operand const& o) {
  switch (o.kind_) {
    case operand::kind::kString:
      return o.text_;
    case operand::kind::kNumber:
      return o.number_;
    case operand::kind::kBool:
      return o.bool_;
    case operand::kind::kTime:
      return static_cast<double>(o.time_.first);  // a date compares as its year
    default:
      return {};
  }
}

// `_` one character, `%` any run; `\` escapes.
bool like(std::string_view s, std::string_view p) {
  auto const char_len = [](std::string_view t, std::size_t i) -> std::size_t {
    auto const b = static_cast<unsigned char>(t[i]);
    return b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  };
  // Iterative matching with one backtrack point for the last %.
  std::size_t si = 0, pi = 0;
  std::optional<std::pair<std::size_t, std::size_t>> star;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] == '%') {
      star = {++pi, si};
      continue;
    }
    if (pi < p.size()) {
      auto const escaped = p[pi] == '\\' && pi + 1 < p.size();
      auto const pp = escaped ? pi + 1 : pi;
      auto const plen = std::min(char_len(p, pp), p.size() - pp);
      auto const slen = std::min(char_len(s, si), s.size() - si);
      if ((!escaped && p[pp] == '_') || p.substr(pp, plen) == s.substr(si, slen)) {
        si += slen;
        pi = pp + plen;
        continue;
      }
    }
    if (!star) {
      return false;
    }
    pi = star->first;
    si = star->second + std::min(char_len(s, star->second), s.size() - star->second);
    star->second = si;
  }
  while (pi < p.size() && p[pi] == '%') {
    ++pi;
  }
  return pi == p.size();
}

std::optional<int> compare(value const& a, value const& b) {
  if (a.index() != b.index() || std::holds_alternative<std::monostate>(a)) {
    return std::nullopt;
  }
  if (auto const* x = std::get_if<double>(&a)) {
    auto const y = std::get<double>(b);
    return *x < y ? -1 : *x > y ? 1 : 0;
  }
  if (auto const* x = std::get_if<std::string>(&a)) {
    return x->compare(std::get<std::string>(b)) < 0 ? -1 : *x == std::get<std::string>(b) ? 0 : 1;
  }
  auto const x = std::get<bool>(a);
  auto const y = std::get<bool>(b);
  return x == y ? 0 : (x ? 1 : -1);
}

bool temporal_holds(temporal_fn fn, years a, years b) {
  auto const [a1, a2] = a;
  auto const [b1, b2] = b;
  switch (fn) {
    case temporal_fn::kAfter:
      return a1 > b2;
    case temporal_fn::kBefore:
      return a2 < b1;
    case temporal_fn::kContains:
      return a1 < b1 && a2 > b2;
    case temporal_fn::kDisjoint:
      return a2 < b1 || a1 > b2;
    case temporal_fn::kDuring:
      return a1 > b1 && a2 < b2;
    case temporal_fn::kEquals:
      return a1 == b1 && a2 == b2;
    case temporal_fn::kFinishedBy:
      return a1 < b1 && a2 == b2;
    case temporal_fn::kFinishes:
      return a1 > b1 && a2 == b2;
    case temporal_fn::kIntersects:
      return a1 <= b2 && a2 >= b1;
    case temporal_fn::kMeets:
      return a2 == b1;
    case temporal_fn::kMetBy:
      return a1 == b2;
    case temporal_fn::kOverlappedBy:
      return a1 > b1 && a1 < b2 && a2 > b2;
    case temporal_fn::kOverlaps:
      return a1 < b1 && a2 > b1 && a2 < b2;
    case temporal_fn::kStartedBy:
      return a1 == b1 && a2 > b2;
    case temporal_fn::kStarts:
      return a1 == b1 && a2 < b2;
  }
  return false;
}

struct evaluator {
  index::catalog const& cat_;
  index::entity_idx i_;
  std::optional<json> props_;  // parsed on first use

  json const& props() {
    if (!props_) {
      props_ = json::parse(cat_.at(i_).properties_, nullptr, false);
    }
    return *props_;
  }

  value resolve(operand const& o) {
    return o.kind_ == operand::kind::kProperty ? property_value(cat_, i_, props(), o.text_)
                                               : literal_value(o);
  }

  std::optional<years> time_of(operand const& o) {
    if (o.kind_ == operand::kind::kTime) {
      return o.time_;
    }
    auto const& t = cat_.at(i_).time_;
    return t ? std::optional{years{t->first_year(), t->last_year()}} : std::nullopt;
  }

  model::geometry const* geometry_of(operand const& o) {
    if (o.kind_ == operand::kind::kGeometry) {
      return o.geometry_.get();
    }
    auto const& g = cat_.at(i_).geometry_;
    return g ? &*g : nullptr;
  }

  // SQL's three-valued logic: a comparison with NULL (a property the entity lacks, a missing
  // geometry or time span) is unknown, NOT unknown is unknown, and only true selects.
  enum class truth : std::uint8_t { kFalse, kTrue, kUnknown };
  static truth of(bool b) { return b ? truth::kTrue : truth::kFalse; }

  truth eval(cql2_node const& n) {
    using type = cql2_node::type;
    switch (n.type_) {
      case type::kOr:
      case type::kAnd: {
        auto const decisive = n.type_ == type::kOr ? truth::kTrue : truth::kFalse;
        auto unknown = false;
        for (auto const& c : n.children_) {
          auto const t = eval(*c);
          if (t == decisive) {
            return decisive;
          }
          unknown = unknown || t == truth::kUnknown;
        }
        return unknown ? truth::kUnknown
                       : (decisive == truth::kTrue ? truth::kFalse : truth::kTrue);
      }
      case type::kNot: {
        auto const t = eval(*n.children_.front());
        return t == truth::kUnknown ? t : of(t == truth::kFalse);
      }
      case type::kIsNull:
        return of(std::holds_alternative<std::monostate>(resolve(n.a_)));
      case type::kCompare: {
        auto const a = resolve(n.a_);
        auto const b = resolve(n.b_);
        if (is_null(a) || is_null(b)) {
          return truth::kUnknown;
        }
        auto const c = compare(a, b);
        if (!c) {
          return truth::kFalse;
        }
        return of(n.op_ == "="    ? *c == 0
                  : n.op_ == "<>" ? *c != 0
                  : n.op_ == "<"  ? *c < 0
                  : n.op_ == "<=" ? *c <= 0
                  : n.op_ == ">"  ? *c > 0
                                  : *c >= 0);
      }
      case type::kLike: {
        auto const v = resolve(n.a_);
        if (is_null(v)) {
          return truth::kUnknown;
        }
        auto const* s = std::get_if<std::string>(&v);
        return of(s != nullptr && like(*s, n.b_.text_));
      }
      case type::kBetween: {
        auto const v = resolve(n.a_);
        auto const lo_v = resolve(n.b_);
        auto const hi_v = resolve(n.c_);
        if (is_null(v) || is_null(lo_v) || is_null(hi_v)) {
          return truth::kUnknown;
        }
        auto const lo = compare(v, lo_v);
        auto const hi = compare(v, hi_v);
        return of(lo && hi && *lo >= 0 && *hi <= 0);
      }
      case type::kIn: {
        auto const v = resolve(n.a_);
        if (is_null(v)) {
          return truth::kUnknown;
        }
        return of(std::any_of(n.list_.begin(), n.list_.end(), [&](operand const& o) {
          auto const c = compare(v, resolve(o));
          return c && *c == 0;
        }));
      }
      case type::kSpatial: {
        auto const* a = geometry_of(n.a_);
        auto const* b = geometry_of(n.b_);
        if (a == nullptr || b == nullptr) {
          return truth::kUnknown;
        }
        switch (n.spatial_) {
          case spatial_fn::kIntersects:
            return of(index::geometries_intersect(*a, *b));
          case spatial_fn::kDisjoint:
            return of(!index::geometries_intersect(*a, *b));
          case spatial_fn::kWithin:
            return of(index::within_area(*a, *b));
          case spatial_fn::kContains:
            return of(index::within_area(*b, *a));
        }
        return truth::kFalse;
      }
      case type::kTemporal: {
        auto const a = time_of(n.a_);
        auto const b = time_of(n.b_);
        if (!a || !b) {
          return truth::kUnknown;
        }
        return of(temporal_holds(n.temporal_, *a, *b));
      }
    }
    return truth::kFalse;
  }

  static bool is_null(value const& v) { return std::holds_alternative<std::monostate>(v); }
};

void collect_properties(cql2_node const& n, std::set<std::string>& out) {
  for (auto const* o : {&n.a_, &n.b_, &n.c_}) {
    if (o->kind_ == operand::kind::kProperty) {
      out.insert(o->text_);
    }
  }
  for (auto const& o : n.list_) {
    if (o.kind_ == operand::kind::kProperty) {
      out.insert(o.text_);
    }
  }
  for (auto const& c : n.children_) {
    collect_properties(*c, out);
  }
}

}  // namespace

bool cql2_filter::matches(index::catalog const& cat, index::entity_idx i) const {
  return evaluator{cat, i, std::nullopt}.eval(*root_) == evaluator::truth::kTrue;
}

std::vector<std::string> cql2_filter::properties() const {
  std::set<std::string> names;
  collect_properties(*root_, names);
  return {names.begin(), names.end()};
}

result<cql2_filter> parse_cql2(std::string_view text) {
  if (text.size() > kMaxCql2Bytes) {
    return invalid_argument("filter: " + std::to_string(text.size()) + " bytes; at most " +
                            std::to_string(kMaxCql2Bytes) + " allowed");
  }
  std::size_t n = 0;
  if (!detail::valid_utf8(text, n)) {
    return invalid_argument("filter: not valid UTF-8 after character " + std::to_string(n));
  }
  auto root = parser{text}.parse();
  if (!root) {
    return root.err();
  }
  return cql2_filter{*root};
}

}  // namespace zhitu::query
