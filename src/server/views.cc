// SPDX-License-Identifier: Apache-2.0
#include "server/views.h"

#include "io/export.h"
#include "model/check.h"
#include "model/geojson.h"

namespace zhitu::server {

using nlohmann::json;

namespace {

json names_json(model::names const& n) {
  return {{"zh", n.zh_.empty() ? json(nullptr) : json(n.zh_)},
          {"en", n.en_.empty() ? json(nullptr) : json(n.en_)},
          {"aliases", n.aliases_}};
}

json time_json(std::optional<model::time_span> const& t) {
  if (!t) {
    return nullptr;
  }
  return {{"start", t->first_year()},
          {"end", t->last_year()},
          {"start_range", {t->start_earliest_, t->start_latest_}},
          {"end_range", {t->end_earliest_, t->end_latest_}}};
}

std::string_view problem_title(error_kind k) {
  switch (k) {
    case error_kind::kInvalidArgument:
      return "Invalid argument";
    case error_kind::kNotFound:
      return "Not found";
    case error_kind::kConflict:
      return "Conflict";
    case error_kind::kOutOfRange:
      return "Out of range";
    case error_kind::kPayloadTooLarge:
      return "Payload too large";
    case error_kind::kUnavailable:
      return "Unavailable";
    case error_kind::kInternal:
      return "Internal error";
  }
  return "Error";
}

std::string_view problem_code(error_kind k) {
  switch (k) {
    case error_kind::kInvalidArgument:
      return "InvalidArgument";
    case error_kind::kNotFound:
      return "NotFound";
    case error_kind::kConflict:
      return "Conflict";
    case error_kind::kOutOfRange:
      return "OutOfRange";
    case error_kind::kPayloadTooLarge:
      return "PayloadTooLarge";
    case error_kind::kUnavailable:
      return "Unavailable";
    case error_kind::kInternal:
      return "Internal";
  }
  return "Error";
}

}  // namespace

int http_status(error_kind k) {
  switch (k) {
    case error_kind::kInvalidArgument:
      return 400;
    case error_kind::kNotFound:
      return 404;
    case error_kind::kConflict:
      return 409;
    case error_kind::kOutOfRange:
      return 400;
    case error_kind::kPayloadTooLarge:
      return 413;
    case error_kind::kUnavailable:
      return 503;
    case error_kind::kInternal:
      return 500;
  }
  return 500;
}

json problem_json(error const& e, int status) {
  json body{{"type", "urn:zhitu:problem:" + std::string{problem_code(e.kind_)}},
            {"title", problem_title(e.kind_)},
            {"status", status},
            {"detail", e.message_},
            {"code", problem_code(e.kind_)}};
  // Messages about a request say which part first ("places[1]: no station …"): a client can
  // show the message beside that field.
  auto const colon = e.message_.find(": ");
  if (colon != std::string::npos && e.kind_ == error_kind::kInvalidArgument) {
    body["field"] = e.message_.substr(0, colon);
  }
  return body;
}

json entity_json(index::catalog const& cat, index::entity_idx i) {
  auto const& e = cat.at(i);
  json out = {{"id", e.id_}, {"kind", e.kind_}, {"names", names_json(e.names_)}};
  if (e.geometry_) {
    auto const& b = cat.bounds(i);
    auto const p = *cat.point(i);
    out["geometry"] = model::geometry_to_geojson(*e.geometry_);
    out["bbox"] = {b.min_lon_, b.min_lat_, b.max_lon_, b.max_lat_};
    out["point"] = {p.lon_, p.lat_};
  } else {
    out["geometry"] = nullptr;
    out["bbox"] = nullptr;
    out["point"] = nullptr;
  }
  out["time"] = time_json(e.time_);
  out["properties"] = json::parse(e.properties_);
  auto& sources = out["sources"] = json::array();
  for (auto const& s : e.sources_) {
    json src = {{"dataset", s.dataset_}, {"record", s.record_}};
    if (auto const* d = cat.find_dataset(s.dataset_)) {
      src["title"] = d->title_;
      src["licence"] = d->licence_;
      src["url"] = d->url_;
      src["attribution"] = d->attribution_;
    }
    if (!s.url_.empty()) {
      src["cites"] = {{"title", s.title_}, {"url", s.url_}};
    }
    sources.push_back(std::move(src));
  }
  return out;
}

namespace {

// Which name matched and where: `begin`/`end` are UTF-16 code units of `name` (JavaScript string
// indices), `pinyin` is set for hits found through pinyin, homophones or pinyin typos.
json matched_json(index::catalog const& cat, query::search_hit const& h) {
  auto const& m = h.match_;
  json j{{"field", index::to_string(m.field_)},
         {"name", query::matched_name(cat, h)},
         {"match", index::to_string(m.kind_)},
         {"via", index::to_string(m.via_)},
         {"begin", m.begin_},
         {"end", m.end_}};
  if (m.field_ == index::name_field::kAlias) {
    j["alias_index"] = m.alias_idx_;
  }
  if (m.edits_ > 0) {
    j["edits"] = m.edits_;
  }
  if (auto py = query::matched_pinyin(cat, h); !py.empty()) {
    j["pinyin"] = std::move(py);
  }
  return j;
}

json hit_json(index::catalog const& cat, query::search_hit const& h) {
  auto const& e = cat.at(h.entity_);
  auto const p = cat.point(h.entity_);
  return {{"id", e.id_},
          {"kind", e.kind_},
          {"names", names_json(e.names_)},
          {"lon", p ? json(p->lon_) : json(nullptr)},
          {"lat", p ? json(p->lat_) : json(nullptr)},
          {"matched", matched_json(cat, h)}};
}

}  // namespace

json search_json(index::catalog const& cat, std::string const& q,
                 std::vector<query::search_hit> const& hits) {
  auto results = json::array();
  for (auto const& h : hits) {
    auto r = hit_json(cat, h);
    r["score"] = h.score_;
    results.push_back(std::move(r));
  }
  return {{"query", q}, {"offsets", "utf16"}, {"results", std::move(results)}};
}

json suggest_json(index::catalog const& cat, std::string const& q,
                  std::vector<query::search_hit> const& hits) {
  auto out = json::array();
  for (auto const& h : hits) {
    auto r = hit_json(cat, h);
    r["label"] = cat.at(h.entity_).names_.primary();
    out.push_back(std::move(r));
  }
  return {{"query", q}, {"offsets", "utf16"}, {"suggestions", std::move(out)}};
}

std::string feature_collection_text(index::catalog const& cat,
                                    std::span<index::entity_idx const> entities, json const& more,
                                    io::export_options const& opt) {
  ZHITU_CHECK(more.is_object(), "feature_collection_text: members must be an object");
  std::string out = R"({"type":"FeatureCollection","features":[)";
  out.reserve(256 + 320 * entities.size());  // a point feature with a few properties: ~270 B
  // The entities of a page lie all over memory and each holds pointers to more: ask for the
  // entity a few features ahead, and for what it points to once it has arrived.
  constexpr std::size_t kAhead = 8;
  auto const prefetch_parts = [&](model::entity const& e) {
    __builtin_prefetch(e.names_.zh_.data());
    __builtin_prefetch(e.properties_.data());
    __builtin_prefetch(e.sources_.data());
    if (e.geometry_) {
      __builtin_prefetch(e.geometry_->points_.data());
    }
  };
  for (std::size_t i = 0; i < entities.size(); ++i) {
    if (i + 2 * kAhead < entities.size()) {
      model::prefetch(cat.at(entities[i + 2 * kAhead]));
    }
    if (i + kAhead < entities.size()) {
      prefetch_parts(cat.at(entities[i + kAhead]));
    }
    if (i > 0) {
      out += ',';
    }
    io::append_feature(out, cat.at(entities[i]), opt);
  }
  out += ']';
  auto const members = more.dump(-1, ' ', false, json::error_handler_t::replace);
  if (members.size() > 2) {  // not "{}"
    out += ',';
    out.append(members, 1, members.size() - 1);  // from after '{' through the final '}'
  } else {
    out += '}';
  }
  return out;
}

std::string features_geojson(index::catalog const& cat, query::features_page const& page,
                             query::features_params const& p, std::string const& base_href) {
  auto const href = [&](std::size_t offset) {
    return base_href + (base_href.find('?') == std::string::npos ? "?" : "&") +
           "offset=" + std::to_string(offset) + "&limit=" + std::to_string(p.limit_);
  };
  auto links = json::array();
  links.push_back({{"rel", "self"}, {"type", "application/geo+json"}, {"href", href(p.offset_)}});
  if (p.offset_ + page.entities_.size() < page.matched_) {
    links.push_back({{"rel", "next"},
                     {"type", "application/geo+json"},
                     {"href", href(p.offset_ + page.entities_.size())}});
  }
  if (p.offset_ > 0) {
    links.push_back({{"rel", "prev"},
                     {"type", "application/geo+json"},
                     {"href", href(p.offset_ > p.limit_ ? p.offset_ - p.limit_ : 0)}});
  }
  return feature_collection_text(cat, page.entities_,
                                 {{"numberMatched", page.matched_},
                                  {"numberReturned", page.entities_.size()},
                                  {"links", std::move(links)}});
}

json entity_ref(index::catalog const& cat, index::entity_idx i) {
  auto const& e = cat.at(i);
  json j = {{"id", e.id_},
            {"kind", e.kind_},
            {"name", e.names_.primary()},
            {"name_en", e.names_.en_.empty() ? json(nullptr) : json(e.names_.en_)}};
  if (auto const p = cat.point(i)) {
    j["lon"] = p->lon_;
    j["lat"] = p->lat_;
  }
  if (e.time_) {
    j["time"] = {{"start", e.time_->first_year()}, {"end", e.time_->last_year()}};
  }
  return j;
}

}  // namespace zhitu::server
