// SPDX-License-Identifier: Apache-2.0
// GeoJSON features → entities, and the JSON parsing shared with meta files.
#include <cmath>
#include <filesystem>
#include <limits>
#include <unordered_set>

#include "io/detail/fields.h"
#include "io/detail/parsers.h"
#include "io/detail/text.h"
#include "model/geojson.h"

namespace zhitu::io::detail {

using nlohmann::json;

bool check_utf8(std::string_view text, std::string const& file, import_context& ctx) {
  auto const bad = find_invalid_utf8(text);
  if (!bad) {
    return true;
  }
  auto converted = std::filesystem::path{file};
  converted.replace_extension(".utf8" + converted.extension().string());
  ctx.report({.file_ = file,
              .line_ = bad->line_,
              .message_ = "invalid UTF-8 at byte column " + std::to_string(bad->column_) +
                          "; files must be UTF-8, and Chinese files are often GBK: convert with "
                          "iconv -f GBK -t UTF-8 " +
                          file + " > " + converted.string()});
  return false;
}

namespace {

std::string describe(json const& j) {
  switch (j.type()) {
    case json::value_t::string:
      return "string " + quote_value(j.get_ref<std::string const&>());
    case json::value_t::number_float:
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "number " + j.dump();
    default:
      return j.type_name();
  }
}

}  // namespace

std::optional<json> parse_json(std::string_view text, std::string const& file,
                               import_context& ctx) {
  if (text.starts_with(kUtf8Bom)) {
    text.remove_prefix(kUtf8Bom.size());
  }
  if (!check_utf8(text, file, ctx)) {
    return std::nullopt;
  }
  if (auto const deep = find_too_deep_json(text, kMaxJsonDepth)) {
    ctx.report(
        {.file_ = file,
         .line_ = line_of_offset(text, *deep),
         .message_ = "JSON nested more than " + std::to_string(kMaxJsonDepth) + " levels deep"});
    return std::nullopt;
  }
  try {
    return json::parse(text);
  } catch (json::parse_error const& e) {
    // nlohmann's `byte` is 1-based and points at the last character read.
    auto const offset = e.byte == 0 ? 0 : e.byte - 1;
    std::string what = e.what();
    // Keep only the explanation: "[json.exception.parse_error.101] parse error at line 3,
    // column 4: syntax error while parsing value - ..." → "syntax error while parsing value - ...".
    if (auto const col = what.find(", column "); col != std::string::npos) {
      if (auto const colon = what.find(": ", col); colon != std::string::npos) {
        what.erase(0, colon + 2);
      }
    } else if (auto const colon = what.find(": "); colon != std::string::npos) {
      what.erase(0, colon + 2);
    }
    ctx.report({.file_ = file,
                .line_ = line_of_offset(text, offset),
                .message_ = "JSON syntax error: " + what});
    return std::nullopt;
  } catch (json::exception const& e) {
    // A number beyond double's range: "[json.exception.out_of_range.406] number overflow
    // parsing '1e400'". nlohmann gives no position; the number's first occurrence is a good guess.
    std::string what = e.what();
    if (auto const bracket = what.find("] "); bracket != std::string::npos) {
      what.erase(0, bracket + 2);
    }
    auto line = std::size_t{0};
    if (auto const open = what.find('\''), close = what.rfind('\'');
        open != std::string::npos && close > open + 1) {
      if (auto const at = text.find(what.substr(open + 1, close - open - 1));
          at != std::string_view::npos) {
        line = line_of_offset(text, at);
      }
    }
    ctx.report({.file_ = file, .line_ = line, .message_ = "JSON " + what});
    return std::nullopt;
  }
}

namespace {

struct feature_reader {
  std::string const& file_;
  file_meta const& meta_;
  import_context& ctx_;
  bool zhitu_export_;

  // The property that feeds field `f`, if present and not null.
  json const* lookup(json const& props, field_idx f, std::string& key) const {
    auto const& name = mapped_name(meta_, f);
    if (name.empty()) {
      return nullptr;
    }
    auto const try_key = [&](std::string_view k) -> json const* {
      auto const it = props.find(k);
      if (it == props.end()) {
        return nullptr;
      }
      key = std::string{k};
      return &*it;
    };
    if (auto const* v = try_key(name)) {
      return v;
    }
    if (!is_explicit(meta_, f)) {
      for (auto const variant : kFields[f].variants_) {
        if (!variant.empty()) {
          if (auto const* v = try_key(variant)) {
            return v;
          }
        }
      }
    }
    return nullptr;
  }

  // Text of a string property; empty for null; reports other types.
  std::string text(json const* v, std::string const& field, record_builder& b) const {
    if (v == nullptr || v->is_null()) {
      return {};
    }
    if (!v->is_string()) {
      b.fail(field, "expected a string, got " + describe(*v));
      return {};
    }
    return v->get<std::string>();
  }

  // Ids may be strings or integers (RFC 7946 allows both).
  std::optional<std::string> id_text(json const& v, std::string const& field,
                                     record_builder& b) const {
    if (v.is_string()) {
      return v.get<std::string>();
    }
    if (v.is_number_integer()) {
      return v.is_number_unsigned() ? std::to_string(v.get<std::uint64_t>())
                                    : std::to_string(v.get<std::int64_t>());
    }
    b.fail(field, "expected a string or an integer, got " + describe(v));
    return std::nullopt;
  }

  std::optional<model::year_range> year(json const* v, std::string const& field,
                                        record_builder& b) const {
    if (v == nullptr || v->is_null()) {
      return std::nullopt;
    }
    if (v->is_string()) {
      return b.parse_year_text(v->get_ref<std::string const&>(), field);
    }
    if (v->is_number()) {
      auto const d = v->get<double>();
      // The same range as years written as text.
      if (std::trunc(d) == d && std::abs(d) < std::pow(10.0, model::kMaxYearDigits)) {
        auto const y = static_cast<std::int32_t>(d);
        return model::year_range{y, y};
      }
    }
    b.fail(field,
           "expected a year (an integer such as -770 or 618, or text such as 公元前770年 or "
           "[1822..1844]), "
           "got " +
               describe(*v));
    return std::nullopt;
  }

  // Sets one bound of `range`, read from `field_of_range`, from the property `key`.
  void read_other_bound(json const& props, std::string const& key,
                        std::optional<model::year_range>& range, std::string const& field_of_range,
                        std::int32_t model::year_range::*bound, record_builder& b,
                        std::unordered_set<std::string>& consumed) const {
    auto const it = props.find(key);
    if (it == props.end()) {
      return;
    }
    consumed.insert(key);
    auto const field = "properties." + key;
    auto const y = year(&*it, field, b);
    if (!y) {
      return;
    }
    if (!range) {
      b.fail(field, "given without " + field_of_range);
      return;
    }
    if (y->earliest_ != y->latest_) {
      b.fail(field, "expected one year, got " + describe(*it));
      return;
    }
    auto widened = *range;
    widened.*bound = y->earliest_;
    if (widened.earliest_ > widened.latest_) {
      b.fail(field, std::to_string(y->earliest_) + " and " + field_of_range + " " +
                        model::to_string(*range) + " are out of order");
      return;
    }
    range = widened;
  }

  void read(json const& f, std::size_t idx, read_outcome& out) const {
    record_builder b{ctx_, meta_, file_, 0, idx};
    auto const record = "feature " + std::to_string(idx);
    if (!f.is_object()) {
      b.fail("", "expected a Feature object, got " + describe(f));
      return;
    }
    auto const type = f.find("type");
    if (type == f.end() || *type != "Feature") {
      b.fail("type", type == f.end() ? "missing (expected \"Feature\")"
                                     : "expected \"Feature\", got " + describe(*type));
      return;
    }
    static json const kEmpty = json::object();
    auto const* props = &kEmpty;
    if (auto const p = f.find("properties"); p != f.end() && !p->is_null()) {
      if (!p->is_object()) {
        b.fail("properties", "expected an object or null, got " + describe(*p));
        return;
      }
      props = &*p;
    }
    std::unordered_set<std::string> consumed;
    std::array<std::string, kNumFields> keys;
    std::array<json const*, kNumFields> values{};
    for (auto const field :
         {kId, kName, kNameEn, kAliases, kKind, kEra, kStart, kEnd, kSourceTitle, kSourceUrl}) {
      values[field] = lookup(*props, field, keys[field]);
      if (values[field] != nullptr) {
        consumed.insert(keys[field]);
        keys[field] = "properties." + keys[field];
        if (values[field]->is_null()) {
          values[field] = nullptr;
        }
      } else {
        keys[field] = "properties." + std::string{kFields[field].name_};
      }
    }

    // Id: the feature's own, else the mapped property; both must agree.
    std::optional<std::string> id;
    auto id_field = std::string{"id"};
    auto const top_id = f.find("id");
    if (top_id != f.end() && !top_id->is_null()) {
      id = id_text(*top_id, "id", b);
    }
    if (values[kId] != nullptr) {
      auto const prop_id = id_text(*values[kId], keys[kId], b);
      if (id && prop_id && *id != *prop_id) {
        b.fail("id", "feature id " + quote_value(*id) + " differs from " + keys[kId] + " " +
                         quote_value(*prop_id));
      } else if (!id) {
        id = prop_id;
        id_field = keys[kId];
      }
    }
    if (id) {
      b.set_id(*id, id_field);
    } else if ((top_id == f.end() || top_id->is_null()) && values[kId] == nullptr) {
      b.fail("id", "missing id (give the feature an \"id\" member or a \"" + meta_.columns_.id_ +
                       "\" property)");
    }

    auto const zh = text(values[kName], keys[kName], b);
    auto const en = text(values[kNameEn], keys[kNameEn], b);
    b.set_names(
        zh, en,
        values[kName] != nullptr || values[kNameEn] == nullptr ? keys[kName] : keys[kNameEn]);
    b.set_kind(text(values[kKind], keys[kKind], b), keys[kKind]);

    if (auto const* a = values[kAliases]; a != nullptr) {
      if (a->is_string()) {
        b.add_aliases_text(a->get_ref<std::string const&>());
      } else if (a->is_array()) {
        for (std::size_t i = 0; i < a->size(); ++i) {
          auto const& item = (*a)[i];
          if (item.is_string()) {
            b.add_alias(item.get_ref<std::string const&>());
          } else {
            b.fail(keys[kAliases] + "[" + std::to_string(i) + "]",
                   "expected a string, got " + describe(item));
          }
        }
      } else {
        b.fail(keys[kAliases], "expected an array of strings or \"a|b\" text, got " + describe(*a));
      }
    }

    if (auto const g = f.find("geometry"); g == f.end() || g->is_null()) {
      b.no_geometry("geometry");
    } else if (auto geometry = model::geometry_from_geojson(*g); !geometry) {
      auto const& m = geometry.err().message_;
      auto const colon = m.find(": ");
      b.fail(colon == std::string::npos ? "geometry" : m.substr(0, colon),
             colon == std::string::npos ? m : m.substr(colon + 2));
    } else {
      b.set_geometry(std::move(*geometry), "geometry");
    }

    auto const cited_title = text(values[kSourceTitle], keys[kSourceTitle], b);
    auto const cited_url = text(values[kSourceUrl], keys[kSourceUrl], b);
    b.set_citation(cited_title, cited_url, keys[kSourceTitle], keys[kSourceUrl]);

    auto const failed_before = b.failed();
    auto start = year(values[kStart], keys[kStart], b);
    auto end = year(values[kEnd], keys[kEnd], b);
    if (zhitu_export_) {
      // A fuzzy end's other bound (io/export.cc writes it beside start and end).
      read_other_bound(*props, "start_latest", start, keys[kStart], &model::year_range::latest_, b,
                       consumed);
      read_other_bound(*props, "end_earliest", end, keys[kEnd], &model::year_range::earliest_, b,
                       consumed);
    }
    if (b.failed() == failed_before) {  // both years readable
      b.set_years(start, end, keys[kEnd]);
    }

    for (auto const& [key, value] : props->items()) {
      if (value.is_null() || consumed.contains(key) ||
          (zhitu_export_ && (key == "dataset" || key == "record"))) {
        continue;
      }
      b.set_property(key, value);
    }
    auto const era = text(values[kEra], keys[kEra], b);
    b.set_era(era);

    if (auto e = b.finish(record)) {
      out.batch_.entities_.push_back(std::move(*e));
    }
  }
};

}  // namespace

void parse_geojson(std::string_view text, std::string const& file, file_meta const& meta,
                   import_context& ctx, read_outcome& out) {
  auto const doc = parse_json(text, file, ctx);
  if (!doc) {
    return;
  }
  auto const top_error = [&](std::string field, std::string message) {
    ctx.report({.file_ = file, .field_ = std::move(field), .message_ = std::move(message)});
  };
  if (!doc->is_object()) {
    top_error("", "expected a GeoJSON FeatureCollection or Feature object, got " + describe(*doc));
    return;
  }
  auto const type = doc->find("type");
  if (type == doc->end() || !type->is_string()) {
    top_error("type", "missing (expected \"FeatureCollection\" or \"Feature\")");
    return;
  }
  // `write_geojson` marks its output; the `dataset` and `record` properties it writes say where
  // a feature came from before, which the new source replaces.
  auto const generator = doc->find("generator");
  feature_reader reader{file, meta, ctx, generator != doc->end() && *generator == "zhitu"};
  if (*type == "Feature") {
    ++out.n_records_;
    reader.read(*doc, 0, out);
    return;
  }
  if (*type != "FeatureCollection") {
    top_error("type", "expected \"FeatureCollection\" or \"Feature\", got " + describe(*type) +
                          " (a bare geometry needs to be wrapped in a Feature)");
    return;
  }
  auto const features = doc->find("features");
  if (features == doc->end()) {
    top_error("features", "missing (expected an array of features)");
    return;
  }
  if (!features->is_array()) {
    top_error("features", "expected an array, got " + describe(*features));
    return;
  }
  for (std::size_t i = 0; i < features->size(); ++i) {
    ++out.n_records_;
    reader.read((*features)[i], i, out);
  }
}

}  // namespace zhitu::io::detail
