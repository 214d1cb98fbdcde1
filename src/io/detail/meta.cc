// SPDX-License-Identifier: Apache-2.0
// Meta files (`<file>.meta.json`) and how flags override them. Every key is checked: a typo such
// as "license" or "colums" would otherwise silently fall back to a default.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "io/detail/fields.h"
#include "io/detail/parsers.h"
#include "io/detail/text.h"
#include "model/crs.h"

namespace zhitu::io::detail {

using nlohmann::json;

bool is_explicit(file_meta const& meta, field_idx f) {
  auto const& name = mapped_name(meta, f);
  static column_map const kDefaults;
  return name != kDefaults.*kFields[f].member_ ||
         std::find(meta.explicit_fields_.begin(), meta.explicit_fields_.end(), kFields[f].name_) !=
             meta.explicit_fields_.end();
}

void check_dataset(model::dataset const& d, std::string const& file, import_context& ctx) {
  if (!model::is_valid_id(d.id_)) {
    ctx.report({.file_ = file,
                .field_ = "dataset.id",
                .message_ = quote_value(d.id_) +
                            " is not a valid data set id (1 to 200 bytes; no spaces, '/', '?', "
                            "'#', '%' or '\\')"});
  }
  if (trim(d.licence_).empty()) {
    ctx.report({.file_ = file,
                .field_ = "dataset.licence",
                .message_ = "missing licence (provenance is not optional)"});
  }
}

namespace {

std::string type_of(json const& j) {
  return j.is_string() ? "string " + quote_value(j.get_ref<std::string const&>())
                       : std::string{j.type_name()};
}

std::string hint_for(std::string_view key) {
  if (key == "license") {
    return " (did you mean \"licence\"?)";
  }
  if (key == "colums" || key == "column" || key == "mapping") {
    return " (did you mean \"columns\"?)";
  }
  return {};
}

}  // namespace

bool parse_meta(std::string_view text, std::string const& meta_file, file_meta& meta,
                import_context& ctx) {
  auto const doc = parse_json(text, meta_file, ctx);
  if (!doc) {
    return false;
  }
  auto ok = true;
  auto const fail = [&](std::string field, std::string message) {
    ok = false;
    ctx.report({.file_ = meta_file, .field_ = std::move(field), .message_ = std::move(message)});
  };
  if (!doc->is_object()) {
    fail("", "expected a JSON object, got " + type_of(*doc));
    return false;
  }
  // A string value, or nullopt (null, or the wrong type, which is reported).
  auto const string_value = [&](json const& v,
                                std::string const& field) -> std::optional<std::string> {
    if (v.is_null()) {
      return std::nullopt;
    }
    if (!v.is_string()) {
      fail(field, "expected a string, got " + type_of(v));
      return std::nullopt;
    }
    return v.get<std::string>();
  };

  for (auto const& [key, value] : doc->items()) {
    if (key == "dataset") {
      if (value.is_null()) {
        continue;
      }
      if (!value.is_object()) {
        fail("dataset", "expected an object, got " + type_of(value));
        continue;
      }
      for (auto const& [dkey, dvalue] : value.items()) {
        auto const field = "dataset." + dkey;
        std::string model::dataset::*member = nullptr;
        if (dkey == "id") {
          member = &model::dataset::id_;
        } else if (dkey == "title") {
          member = &model::dataset::title_;
        } else if (dkey == "licence") {
          member = &model::dataset::licence_;
        } else if (dkey == "url") {
          member = &model::dataset::url_;
        } else if (dkey == "attribution") {
          member = &model::dataset::attribution_;
        } else {
          fail(field,
               "unknown key (expected id, title, licence, url, attribution)" + hint_for(dkey));
          continue;
        }
        if (auto const s = string_value(dvalue, field)) {
          meta.dataset_.*member = *s;
        }
      }
      if (!meta.dataset_.id_.empty() && !model::is_valid_id(meta.dataset_.id_)) {
        fail("dataset.id", quote_value(meta.dataset_.id_) +
                               " is not a valid id (no spaces, '/', '?', '#', '%' or '\\')");
      }
    } else if (key == "format") {
      if (auto const s = string_value(value, key)) {
        if (*s == "csv") {
          meta.format_ = file_format::kCsv;
        } else if (*s == "geojson") {
          meta.format_ = file_format::kGeoJson;
        } else if (*s == "ntriples") {
          meta.format_ = file_format::kNTriples;
        } else {
          fail(key, "expected \"csv\", \"geojson\" or \"ntriples\", got " + quote_value(*s));
        }
      }
    } else if (key == "crs") {
      if (auto const s = string_value(value, key)) {
        if (auto const c = model::parse_crs(*s)) {
          meta.crs_ = *c;
        } else {
          fail(key, "unknown CRS " + quote_value(*s) + " (expected wgs84, gcj02 or bd09)");
        }
      }
    } else if (key == "kind") {
      if (auto const s = string_value(value, key)) {
        if (model::is_valid_kind(*s)) {
          meta.kind_ = *s;
        } else {
          fail(key, quote_value(*s) +
                        " is not a valid kind (lower_snake_case ASCII such as "
                        "heritage_site)");
        }
      }
    } else if (key == "columns") {
      if (value.is_null()) {
        continue;
      }
      if (!value.is_object()) {
        fail(key, "expected an object mapping fields to column names, got " + type_of(value));
        continue;
      }
      for (auto const& [ckey, cvalue] : value.items()) {
        auto const field = "columns." + ckey;
        std::string_view const name = ckey;  // clang 14 cannot capture structured bindings
        auto const def = std::find_if(kFields.begin(), kFields.end(),
                                      [name](field_def const& d) { return d.name_ == name; });
        if (def == kFields.end()) {
          fail(field,
               "unknown field (expected id, name, name_en, aliases, kind, lon, lat, era, "
               "start, end, geometry, source_title, source_url)");
          continue;
        }
        if (cvalue.is_null()) {
          meta.columns_.*def->member_ = {};  // explicitly unmapped
          continue;
        }
        if (auto const s = string_value(cvalue, field)) {
          meta.columns_.*def->member_ = std::string{trim(*s)};
          if (!trim(*s).empty()) {
            meta.explicit_fields_.emplace_back(def->name_);
          }
        }
      }
    } else if (key == "geometry") {
      if (auto const s = string_value(value, key)) {
        if (*s == "required" || *s == "optional") {
          meta.geometry_required_ = *s == "required";
        } else {
          fail(key, "expected \"required\" or \"optional\", got " + quote_value(*s));
        }
      }
    } else if (key == "records") {
      if (auto const s = string_value(value, key)) {
        if (*s == "entities" || *s == "relations") {
          meta.records_ = *s == "entities" ? record_kind::kEntities : record_kind::kRelations;
        } else {
          fail(key, "expected \"entities\" or \"relations\", got " + quote_value(*s));
        }
      }
    } else if (key == "citations") {
      if (auto const s = string_value(value, key)) {
        if (*s == "required" || *s == "optional") {
          meta.citations_required_ = *s == "required";
        } else {
          fail(key, "expected \"required\" or \"optional\", got " + quote_value(*s));
        }
      }
    } else if (key == "kinds" || key == "predicates") {
      if (!value.is_object()) {
        fail(key, "expected an object mapping IRIs (or their last segment) to names, got " +
                      type_of(value));
        continue;
      }
      auto& target = key == "kinds" ? meta.rdf_kinds_ : meta.rdf_predicates_;
      for (auto const& [iri, name] : value.items()) {
        auto const field = key + "." + iri;
        if (auto const s = string_value(name, field)) {
          if (model::is_valid_kind(*s)) {
            target[iri] = *s;
          } else {
            fail(field, quote_value(*s) + " is not a valid name (lower_snake_case ASCII such as " +
                            (key == "kinds" ? "heritage_site" : "located_in") + ")");
          }
        }
      }
    } else {
      fail(key,
           "unknown key (expected dataset, format, crs, kind, columns, geometry, records, "
           "citations, kinds, predicates)" +
               hint_for(key));
    }
  }
  return ok;
}

std::optional<std::string> read_text(std::filesystem::path const& path, std::string const& name,
                                     import_context& ctx) {
  auto const fail = [&](std::string message) {
    ctx.report({.file_ = name, .message_ = std::move(message)});
    return std::nullopt;
  };
  std::error_code ec;
  auto const st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st)) {
    return fail("cannot read: no such file");
  }
  if (std::filesystem::is_directory(st)) {
    return fail("cannot read: is a directory");
  }
  std::ifstream in{path, std::ios::binary};
  if (!in) {
    return fail(std::string{"cannot open: "} + std::strerror(errno));
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    return fail("read error");
  }
  return std::move(buf).str();
}

namespace {

// The file's stem with anything an id may not hold replaced by '_' ("my sites.csv" → "my_sites").
std::string dataset_id_from(std::filesystem::path const& path) {
  auto id = path.stem().string();
  for (auto& c : id) {
    auto const u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '/' || c == '?' || c == '#' || c == '%' || c == '\\') {
      c = '_';
    }
  }
  if (id.size() > 200) {
    id.resize(200);
  }
  return id;
}

}  // namespace

std::optional<file_meta> resolve_meta(std::filesystem::path const& path, import_options const& opt,
                                      import_context& ctx) {
  auto const file = path.string();
  file_meta m;
  auto usable = true;

  std::optional<std::filesystem::path> meta_path = opt.meta_path_;
  if (!meta_path) {
    auto sidecar = path;
    sidecar += ".meta.json";
    std::error_code ec;
    if (std::filesystem::exists(sidecar, ec)) {
      meta_path = sidecar;
    }
  }
  std::string meta_name;
  if (meta_path) {
    meta_name = meta_path->string();
    auto const text = read_text(*meta_path, meta_name, ctx);
    if (!text || !parse_meta(*text, meta_name, m, ctx)) {
      usable = false;
    }
  }

  auto const flag_error = [&](std::string field, std::string message) {
    ctx.report({.file_ = file, .field_ = std::move(field), .message_ = std::move(message)});
    usable = false;
  };
  if (opt.format_) {
    m.format_ = *opt.format_;
  }
  if (opt.crs_) {
    m.crs_ = *opt.crs_;
  }
  if (opt.dataset_id_) {
    if (model::is_valid_id(*opt.dataset_id_)) {
      m.dataset_.id_ = *opt.dataset_id_;
    } else {
      flag_error("dataset", "--dataset " + quote_value(*opt.dataset_id_) +
                                " is not a valid id (no spaces, '/', '?', '#', '%' or '\\')");
    }
  }
  if (opt.title_) {
    m.dataset_.title_ = *opt.title_;
  }
  if (opt.licence_) {
    m.dataset_.licence_ = *opt.licence_;
  }
  if (opt.url_) {
    m.dataset_.url_ = *opt.url_;
  }
  if (opt.kind_) {
    if (model::is_valid_kind(*opt.kind_)) {
      m.kind_ = *opt.kind_;
    } else {
      flag_error("kind", "--kind " + quote_value(*opt.kind_) +
                             " is not a valid kind (lower_snake_case ASCII such as heritage_site)");
    }
  }

  if (m.dataset_.id_.empty()) {
    m.dataset_.id_ = dataset_id_from(path);
  }
  if (m.dataset_.title_.empty()) {
    m.dataset_.title_ = m.dataset_.id_;
  }
  if (trim(m.dataset_.licence_).empty() && usable) {
    // Reported, but the file is still read so that its other errors show up in the same run.
    auto const where = meta_path ? "add \"licence\" to \"dataset\" in " + meta_name
                                 : "add it with a meta file " + file + ".meta.json";
    ctx.report({.file_ = file,
                .field_ = "licence",
                .message_ = "no licence for data set " + quote_value(m.dataset_.id_) +
                            " (provenance is not optional): pass --licence TEXT or " + where});
  }

  if (!m.format_) {
    auto ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    if (ext == ".csv") {
      m.format_ = file_format::kCsv;
    } else if (ext == ".geojson" || ext == ".json") {
      m.format_ = file_format::kGeoJson;
    } else if (ext == ".nt") {
      m.format_ = file_format::kNTriples;
    } else {
      flag_error("format", "cannot tell the format from the extension " + quote_value(ext) +
                               " (expected .csv, .geojson, .json or .nt): pass --format "
                               "csv|geojson|ntriples or set \"format\" in the meta file");
    }
  }
  if (!usable) {
    return std::nullopt;
  }
  return m;
}

}  // namespace zhitu::io::detail
