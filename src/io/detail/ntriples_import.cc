// SPDX-License-Identifier: Apache-2.0
// N-Triples → entities and relations, read the way Wikidata publishes its items: every IRI that
// is a subject becomes an entity (id: the IRI's last path segment, `Q405915`), named by its
// labels, placed by its coordinates, typed by its classes, dated by its inception/dissolution;
// a triple whose object is another subject of the file becomes a relation; everything else is
// kept as a property. See docs/importing.md "N-Triples".
#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/detail/ntriples.h"
#include "io/detail/parsers.h"
#include "io/detail/text.h"
#include "model/geometry.h"

namespace zhitu::io::detail {

namespace {

constexpr std::string_view kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
constexpr std::string_view kSkos = "http://www.w3.org/2004/02/skos/core#";
constexpr std::string_view kWdt = "http://www.wikidata.org/prop/direct/";
constexpr std::string_view kGeo = "http://www.w3.org/2003/01/geo/wgs84_pos#";

enum class role : unsigned char {
  kOther,
  kLabel,
  kAlias,
  kPoint,  // a WKT literal
  kLat,
  kLon,
  kClass,
  kStart,
  kEnd,
  kDescription
};

role role_of(std::string_view p) {
  auto const in = [&](std::string_view base, std::initializer_list<std::string_view> names) {
    return p.starts_with(base) &&
           std::find(names.begin(), names.end(), p.substr(base.size())) != names.end();
  };
  if (in(kRdfs, {"label"}) || in(kSkos, {"prefLabel"}) || in("http://schema.org/", {"name"}) ||
      in("https://schema.org/", {"name"})) {
    return role::kLabel;
  }
  if (in(kSkos, {"altLabel"}) || in("http://schema.org/", {"alternateName"}) ||
      in("https://schema.org/", {"alternateName"})) {
    return role::kAlias;
  }
  if (in(kWdt, {"P625"}) || in("http://www.opengis.net/ont/geosparql#", {"asWKT"})) {
    return role::kPoint;
  }
  if (in(kGeo, {"lat"})) {
    return role::kLat;
  }
  if (in(kGeo, {"long"})) {
    return role::kLon;
  }
  if (in(kWdt, {"P31"}) || in("http://www.w3.org/1999/02/22-rdf-syntax-ns#", {"type"})) {
    return role::kClass;
  }
  if (in(kWdt, {"P571", "P580", "P569"})) {  // inception, start time, birth
    return role::kStart;
  }
  if (in(kWdt, {"P576", "P582", "P570"})) {  // dissolved, end time, death
    return role::kEnd;
  }
  if (in("http://schema.org/", {"description"}) || in("https://schema.org/", {"description"}) ||
      in(kRdfs, {"comment"})) {
    return role::kDescription;
  }
  return role::kOther;
}

// The last segment of an IRI's path (after '/', '#' or ':'): Wikidata's Q405915 and P131.
std::string_view local_name(std::string_view iri) {
  auto const cut = iri.find_last_of("/#:");
  return cut == std::string_view::npos ? iri : iri.substr(cut + 1);
}

// P131 → p131, hasPart → has_part: a lower_snake_case predicate or property name.
std::string snake_case(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    auto const c = name[i];
    if (c >= 'A' && c <= 'Z') {
      if (i > 0 && !out.empty() && out.back() != '_' &&
          ((name[i - 1] >= 'a' && name[i - 1] <= 'z') ||
           (name[i - 1] >= '0' && name[i - 1] <= '9'))) {
        out += '_';
      }
      out += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') {
    out.pop_back();
  }
  if (!out.empty() && out.front() >= '0' && out.front() <= '9') {
    out.insert(0, "p_");
  }
  return out;
}

// The year of an XSD date, dateTime or gYear (`+0618-01-01T00:00:00Z`, `-0205`, `1938-05`):
// XSD 1.1 numbers years astronomically (0000 is 1 BCE), as zhitu does.
std::optional<std::int32_t> xsd_year(std::string_view text) {
  auto sign = 1;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    sign = text.front() == '-' ? -1 : 1;
    text.remove_prefix(1);
  }
  auto const digits = text.find_first_not_of("0123456789");
  auto const year_text = text.substr(0, digits);
  if (year_text.size() < 4 || (digits != std::string_view::npos && text[digits] != '-' &&
                               text[digits] != 'T' && text[digits] != 'Z')) {
    return std::nullopt;
  }
  std::int32_t year = 0;
  auto const [p, ec] = std::from_chars(year_text.data(), year_text.data() + year_text.size(), year);
  if (ec != std::errc{} || p != year_text.data() + year_text.size()) {
    return std::nullopt;
  }
  return sign * year;
}

// "Point(112.47 34.55)", optionally after a CRS IRI ("<http://…/CRS84> POINT (…)").
std::optional<model::lon_lat> wkt_point(std::string_view text) {
  if (text.starts_with('<')) {
    auto const close = text.find('>');
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    text.remove_prefix(close + 1);
  }
  text = trim(text);
  if (text.size() < 5 || !iequals(text.substr(0, 5), "point")) {
    return std::nullopt;
  }
  text = trim(text.substr(5));
  if (!text.starts_with('(') || !text.ends_with(')')) {
    return std::nullopt;
  }
  text = trim(text.substr(1, text.size() - 2));
  auto const space = text.find_first_of(" \t");
  if (space == std::string_view::npos) {
    return std::nullopt;
  }
  auto const number = [](std::string_view s) -> std::optional<double> {
    double v = 0;
    auto const [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc{} && p == s.data() + s.size() ? std::optional{v} : std::nullopt;
  };
  auto const lon = number(trim(text.substr(0, space)));
  auto const lat = number(trim(text.substr(space)));
  if (!lon || !lat) {
    return std::nullopt;
  }
  return model::lon_lat{*lon, *lat};
}

bool is_chinese_tag(std::string_view lang) {
  return lang == "zh" || lang == "zh-hans" || lang == "zh-cn" || lang == "zh-hans-cn" ||
         lang == "zh-sg" || lang == "zh-my";
}

struct subject_triples {
  std::size_t line_;  // where the subject first appears
  std::vector<rdf_triple> triples_;
};

}  // namespace

void parse_ntriples(std::string_view text, std::string const& file, file_meta const& meta,
                    import_context& ctx, read_outcome& out) {
  auto const report = [&](std::size_t line, std::string field, std::string message) {
    ctx.report(
        {.file_ = file, .line_ = line, .field_ = std::move(field), .message_ = std::move(message)});
  };
  if (!check_utf8(text, file, ctx)) {
    return;
  }
  if (meta.records_ == record_kind::kRelations) {
    report(0, "records",
           "an N-Triples file gives entities and their relations together: drop \"records\"");
    return;
  }
  if (meta.citations_required_) {
    report(0, "citations",
           "N-Triples records cannot cite a source each: drop \"citations\" from the meta file "
           "and cite the data set");
    return;
  }
  if (!meta.explicit_fields_.empty()) {
    report(0, "columns",
           "N-Triples has no columns: map classes with \"kinds\" and predicates "
           "with \"predicates\" instead");
    return;
  }

  // Group by subject, in the order subjects first appear.
  std::vector<std::string> order;
  std::unordered_map<std::string, subject_triples> by_subject;
  ntriples_reader reader{text};
  rdf_triple t;
  while (reader.next(t)) {
    if (t.error_) {
      report(t.line_, "column " + std::to_string(t.error_->column_), t.error_->message_);
      continue;
    }
    if (t.subject_.type_ == rdf_term::type::kBlank) {
      report(t.line_, "subject",
             "blank node _:" + t.subject_.value_ +
                 " as a subject: entities need an IRI (its last segment is the id)");
      continue;
    }
    auto [it, added] = by_subject.try_emplace(t.subject_.value_, subject_triples{t.line_, {}});
    if (added) {
      order.push_back(t.subject_.value_);
    }
    it->second.triples_.push_back(std::move(t));
  }

  // Ids: the IRIs' last segments, which must not collide.
  std::unordered_map<std::string, std::string> id_of;  // subject IRI → id
  std::unordered_map<std::string, std::string> iri_of_id;
  for (auto const& iri : order) {
    auto const id = std::string{local_name(iri)};
    auto const line = by_subject.at(iri).line_;
    if (!model::is_valid_id(id)) {
      report(line, "subject",
             "<" + iri + ">: its last segment " + quote_value(id) +
                 " is not a valid entity id (no spaces, '/', '?', '#', '%' or '\\')");
      continue;
    }
    if (auto const [it, added] = iri_of_id.try_emplace(id, iri); !added) {
      report(line, "subject",
             "<" + iri + "> and <" + it->second + "> would both be entity " + quote_value(id));
      continue;
    }
    id_of.emplace(iri, id);
  }

  auto const mapped = [](std::map<std::string, std::string> const& m, std::string const& iri) {
    auto it = m.find(iri);
    if (it == m.end()) {
      it = m.find(std::string{local_name(iri)});
    }
    return it == m.end() ? std::optional<std::string>{} : std::optional{it->second};
  };

  for (auto const& iri : order) {
    auto const& group = by_subject.at(iri);
    ++out.n_records_;
    auto const id_it = id_of.find(iri);
    if (id_it == id_of.end()) {
      continue;
    }
    record_builder b{ctx, meta, file, group.line_, std::nullopt};
    b.set_id(id_it->second, "subject");
    std::string zh;
    std::string en;
    std::string untagged;
    std::vector<std::string> other_names;
    std::optional<model::lon_lat> point;
    auto bad_point = false;
    std::optional<double> lat;
    std::optional<double> lon;
    std::optional<std::string> kind;
    std::optional<std::int32_t> start;
    std::optional<std::int32_t> end;
    std::map<std::string, nlohmann::json> properties;
    auto const add_property = [&](std::string const& key, std::string value) {
      auto& v = properties[key];
      if (v.is_null()) {
        v = std::move(value);
      } else {
        if (!v.is_array()) {
          v = nlohmann::json::array({v});
        }
        v.push_back(std::move(value));
      }
    };
    for (auto const& x : group.triples_) {
      auto const& p = x.predicate_.value_;
      auto const& o = x.object_;
      auto const at = [&](std::string const& what) {
        return "line " + std::to_string(x.line_) + ": " + what;
      };
      auto const literal = o.type_ == rdf_term::type::kLiteral;
      switch (role_of(p)) {
        case role::kLabel:
        case role::kAlias:
          if (!literal) {
            b.fail("name", at("a label must be a literal, got <" + o.value_ + ">"));
          } else if (role_of(p) == role::kLabel && is_chinese_tag(o.lang_) && zh.empty()) {
            zh = o.value_;
          } else if (role_of(p) == role::kLabel && o.lang_ == "en" && en.empty()) {
            en = o.value_;
          } else if (role_of(p) == role::kLabel && o.lang_.empty() && untagged.empty()) {
            untagged = o.value_;
          } else {
            other_names.push_back(o.value_);
          }
          continue;
        case role::kPoint:
          if (point || bad_point) {
            continue;  // Wikidata items may give several: the first is the item's main point
          }
          point = literal ? wkt_point(o.value_) : std::nullopt;
          if (!point) {
            bad_point = true;
            b.fail("geometry", at("expected a WKT point such as \"Point(112.47 34.55)\", got " +
                                  quote_value(o.value_)));
          }
          continue;
        case role::kLat:
        case role::kLon: {
          double v = 0;
          auto const [ptr, ec] =
              std::from_chars(o.value_.data(), o.value_.data() + o.value_.size(), v);
          if (!literal || ec != std::errc{} || ptr != o.value_.data() + o.value_.size()) {
            b.fail(role_of(p) == role::kLat ? "lat" : "lon",
                   at("expected a number, got " + quote_value(o.value_)));
          } else {
            (role_of(p) == role::kLat ? lat : lon) = v;
          }
          continue;
        }
        case role::kClass:
          if (!kind) {
            kind = mapped(meta.rdf_kinds_, o.value_);
          }
          add_property("class", std::string{o.type_ == rdf_term::type::kIri ? local_name(o.value_)
                                                                            : o.value_});
          continue;
        case role::kStart:
        case role::kEnd: {
          auto const year = literal ? xsd_year(o.value_) : std::nullopt;
          if (!year) {
            b.fail(role_of(p) == role::kStart ? "start" : "end",
                   at("expected an xsd date or year such as \"+0618-01-01T00:00:00Z\", got " +
                      quote_value(o.value_)));
          } else if (role_of(p) == role::kStart) {
            start = start ? std::min(*start, *year) : *year;
          } else {
            end = end ? std::max(*end, *year) : *year;
          }
          continue;
        }
        case role::kDescription:
          if (literal) {
            add_property(o.lang_.empty() ? "description" : "description_" + snake_case(o.lang_),
                         o.value_);
            continue;
          }
          break;
        case role::kOther:
          break;
      }
      auto const name = mapped(meta.rdf_predicates_, p).value_or(snake_case(local_name(p)));
      if (!model::is_valid_kind(name)) {
        b.fail("predicate", at("<" + p + "> gives no usable name: map it in \"predicates\""));
        continue;
      }
      if (o.type_ == rdf_term::type::kIri && id_of.contains(o.value_)) {
        if (o.value_ == iri) {
          continue;  // a statement about itself carries no relation
        }
        model::relation r;
        r.subject_ = id_it->second;
        r.predicate_ = name;
        r.object_ = id_of.at(o.value_);
        r.source_ = {.dataset_ = meta.dataset_.id_, .record_ = "line " + std::to_string(x.line_)};
        out.batch_.relations_.push_back(std::move(r));
        continue;
      }
      add_property(name, o.type_ == rdf_term::type::kBlank ? "_:" + o.value_ : o.value_);
    }
    b.set_names(zh.empty() ? untagged : zh, en, "name");
    if (!zh.empty() && !untagged.empty()) {
      b.add_alias(untagged);
    }
    for (auto const& n : other_names) {
      b.add_alias(n);
    }
    b.set_kind(kind.value_or(""), "kind");
    auto const exact = [](std::optional<std::int32_t> y) {
      return y ? std::optional{model::year_range{*y, *y}} : std::nullopt;
    };
    b.set_years(exact(start), exact(end), "end");
    if (!point && lat && lon) {
      point = model::lon_lat{*lon, *lat};
    }
    if (point) {
      if (!(point->lon_ >= -180 && point->lon_ <= 180 && point->lat_ >= -90 && point->lat_ <= 90)) {
        b.fail("geometry", "coordinates out of range: lon " + std::to_string(point->lon_) +
                               ", lat " + std::to_string(point->lat_));
      } else {
        b.set_geometry(model::make_point(*point), "geometry");
      }
    } else if (lat || lon) {
      b.fail(lat ? "lon" : "lat", "a point needs both geo:lat and geo:long");
    } else if (!bad_point) {
      b.no_geometry("geometry");
    }
    for (auto& [key, value] : properties) {
      if (key != "era") {
        b.set_property(key, std::move(value));
      }
    }
    // An era is one text in every format, which gives the span when no year did.
    if (auto const era = properties.find("era"); era != properties.end()) {
      std::string joined;
      for (auto const& v :
           era->second.is_array() ? era->second : nlohmann::json::array({era->second})) {
        joined += (joined.empty() ? "" : "、") + v.get<std::string>();
      }
      b.set_era(joined);
    }
    if (auto e = b.finish("line " + std::to_string(group.line_))) {
      out.batch_.entities_.push_back(std::move(*e));
    }
  }
}

}  // namespace zhitu::io::detail
