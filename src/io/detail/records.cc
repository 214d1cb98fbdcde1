// SPDX-License-Identifier: Apache-2.0
#include "io/detail/records.h"

#include <unordered_set>

#include "io/detail/text.h"
#include "model/crs.h"
#include "model/era.h"

namespace zhitu::io::detail {

void import_context::report(input_error e) {
  ++n_errors_;
  if (errors_.size() < max_errors_) {
    e.field_ = valid_utf8(std::move(e.field_));
    e.message_ = valid_utf8(std::move(e.message_));
    errors_.push_back(std::move(e));
  }
}

std::string location_text(std::string const& file, std::size_t line,
                          std::optional<std::size_t> feature) {
  auto s = file;
  if (line != 0) {
    s += ":" + std::to_string(line);
  }
  if (feature) {
    s += ": feature " + std::to_string(*feature);
  }
  return s;
}

record_builder::record_builder(import_context& ctx, file_meta const& meta, std::string const& file,
                               std::size_t line, std::optional<std::size_t> feature)
    : ctx_{ctx}, meta_{meta}, file_{file}, line_{line}, feature_{feature} {}

std::optional<std::pair<std::string, std::string>> citation_problem(std::string_view title,
                                                                    std::string_view url,
                                                                    bool required,
                                                                    std::string const& title_field,
                                                                    std::string const& url_field) {
  if (title.empty() && url.empty() && !required) {
    return std::nullopt;
  }
  auto const why = required ? " (this data set requires a source for every fact)"
                            : " (a citation needs both title and URL)";
  if (title.empty()) {
    return std::pair{title_field, "missing the title of the cited source" + std::string{why}};
  }
  if (url.empty()) {
    return std::pair{url_field, "missing the URL of the cited source" + std::string{why}};
  }
  if (!model::is_valid_source_url(url)) {
    return std::pair{url_field,
                     "expected an http:// or https:// URL without spaces, got " + quote_value(url)};
  }
  return std::nullopt;
}

void record_builder::fail(std::string field, std::string message) {
  failed_ = true;
  ctx_.report({.file_ = file_,
               .line_ = line_,
               .feature_ = feature_,
               .field_ = std::move(field),
               .message_ = std::move(message)});
}

void record_builder::set_id(std::string_view text, std::string const& field) {
  auto const id = trim(text);
  if (id.empty()) {
    fail(field, "missing id");
    return;
  }
  if (!model::is_valid_id(id)) {
    fail(field, quote_value(id) +
                    " is not a valid id (1 to 200 bytes; no spaces, control characters, "
                    "'/', '?', '#', '%' or '\\')");
    return;
  }
  auto const [it, inserted] =
      ctx_.first_seen_.try_emplace(std::string{id}, location_text(file_, line_, feature_));
  if (!inserted) {
    fail(field, "duplicate id " + quote_value(id) + " (first at " + it->second + ")");
    return;
  }
  e_.id_ = std::string{id};
}

void record_builder::set_names(std::string_view zh, std::string_view en, std::string const& field) {
  e_.names_.zh_ = std::string{trim(zh)};
  e_.names_.en_ = std::string{trim(en)};
  if (e_.names_.zh_.empty() && e_.names_.en_.empty()) {
    fail(field, "missing name (give name or name_en)");
  }
}

void record_builder::set_kind(std::string_view text, std::string const& field) {
  auto const given = trim(text);
  auto const kind = given.empty() ? std::string_view{meta_.kind_} : given;
  if (kind.empty()) {
    fail(field,
         "missing kind (no value here and no default kind: set \"kind\" in the meta file "
         "or pass --kind)");
    return;
  }
  if (!model::is_valid_kind(kind)) {
    fail(field,
         quote_value(kind) + " is not a valid kind (lower_snake_case ASCII such as heritage_site)");
    return;
  }
  e_.kind_ = std::string{kind};
}

void record_builder::add_alias(std::string_view text) {
  auto const a = trim(text);
  if (!a.empty()) {
    pending_aliases_.emplace_back(a);
  }
}

void record_builder::add_aliases_text(std::string_view text) {
  while (true) {
    auto const bar = text.find('|');
    add_alias(text.substr(0, bar));
    if (bar == std::string_view::npos) {
      break;
    }
    text.remove_prefix(bar + 1);
  }
}

std::optional<model::year_range> record_builder::parse_year_text(std::string_view text,
                                                                 std::string const& field) {
  auto const t = trim(text);
  if (t.empty()) {
    return std::nullopt;
  }
  auto const y = model::parse_year_range(t);
  if (!y) {
    fail(field,
         "expected a year such as 618, -770, 公元前770年 or 770 BCE, or a range of years it lies "
         "in such as [1822..1844], got " +
             quote_value(t));
  }
  return y;
}

void record_builder::set_years(std::optional<model::year_range> start,
                               std::optional<model::year_range> end, std::string const& end_field) {
  if (!start && !end) {
    return;
  }
  auto const s = start ? *start : *end;
  auto const e = end ? *end : *start;
  if (s.earliest_ > e.latest_) {
    fail(end_field, "end " + model::to_string(e) + " is before start " + model::to_string(s));
    return;
  }
  e_.time_ = model::time_span{s.earliest_, s.latest_, e.earliest_, e.latest_};
}

void record_builder::set_geometry(model::geometry g, std::string const& field) {
  auto const from = meta_.crs_;
  std::optional<std::pair<model::lon_lat, model::lon_lat>> outside;
  model::transform_points(g, [&](model::lon_lat p) {
    auto const w = model::to_wgs84(from, p);
    auto const r = model::lon_lat{round_coordinate(w.lon_), round_coordinate(w.lat_)};
    if (!outside && !(r.lon_ >= -180 && r.lon_ <= 180 && r.lat_ >= -90 && r.lat_ <= 90)) {
      outside = {p, r};
    }
    return r;
  });
  if (outside) {
    fail(field, "position [" + format_double(outside->first.lon_) + ", " +
                    format_double(outside->first.lat_) + "] in " +
                    std::string{model::to_string(from)} + " converts to [" +
                    format_double(outside->second.lon_) + ", " +
                    format_double(outside->second.lat_) + "], outside WGS84's range");
    return;
  }
  e_.geometry_ = std::move(g);
}

void record_builder::no_geometry(std::string const& field) {
  if (meta_.geometry_required_) {
    fail(field,
         "missing coordinates (this data set requires a location for every record; set "
         "\"geometry\": \"optional\" in the meta file to allow records without one)");
  }
}

void record_builder::set_citation(std::string_view title, std::string_view url,
                                  std::string const& title_field, std::string const& url_field) {
  auto const problem =
      citation_problem(trim(title), trim(url), meta_.citations_required_, title_field, url_field);
  if (problem) {
    fail(problem->first, problem->second);
    return;
  }
  citation_.title_ = trim(title);
  citation_.url_ = trim(url);
}

void record_builder::set_property(std::string const& key, nlohmann::json value) {
  properties_[key] = std::move(value);
}

void record_builder::set_era(std::string_view text) {
  auto const t = trim(text);
  if (t.empty()) {
    return;
  }
  set_property("era", std::string{t});
  if (!e_.time_) {
    e_.time_ = model::parse_era(t);
  }
}

std::optional<model::entity> record_builder::finish(std::string record) {
  if (failed_) {
    return std::nullopt;
  }
  // A set, not a scan: a row may carry thousands of aliases.
  std::unordered_set<std::string_view> seen{e_.names_.zh_, e_.names_.en_};
  for (auto const& a : pending_aliases_) {
    if (seen.insert(a).second) {
      e_.names_.aliases_.push_back(a);
    }
  }
  e_.properties_ = properties_.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  citation_.dataset_ = meta_.dataset_.id_;
  citation_.record_ = std::move(record);
  e_.sources_.push_back(std::move(citation_));
  return std::move(e_);
}

}  // namespace zhitu::io::detail
