// SPDX-License-Identifier: Apache-2.0
// OGC API – Features under /ogc, one collection per kind: Part 1 (Core, GeoJSON, OpenAPI 3.0)
// and Part 3 (queryables, filter=CQL2 text: query/cql2.h).
//
//   GET /ogc                                  landing page
//   GET /ogc/conformance                      the conformance classes passed
//   GET /ogc/collections                      every kind, with its extent
//   GET /ogc/collections/{kind}               one
//   GET /ogc/collections/{kind}/queryables    the properties a filter may name (JSON Schema)
//   GET /ogc/collections/{kind}/items         ?bbox=&datetime=&filter=&limit=&offset=
//                                             &skipGeometry=  (next/prev links)
//   GET /ogc/collections/{kind}/items/{id}    one feature
//   GET /api                                  the OpenAPI 3.0 document of the whole HTTP API
//
// Links are absolute, built from the request's Host (and X-Forwarded-Proto behind a proxy).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <limits>
#include <map>

#include "io/export.h"
#include "server/openapi.h"
#include "server/routes.h"
#include "server/views.h"

namespace zhitu::server {

namespace {

using nlohmann::json;

constexpr auto kGeoJson = "application/geo+json";
constexpr auto kJson = "application/json";
constexpr auto kOpenApi = "application/vnd.oai.openapi+json;version=3.0";
constexpr std::string_view kCrs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

std::string base_url(httplib::Request const& req) {
  auto const host = req.get_header_value("Host");
  if (host.empty()) {
    return {};
  }
  auto const proto = req.get_header_value("X-Forwarded-Proto");
  return (proto == "https" ? "https://" : "http://") + host;
}

json link(std::string href, char const* rel, char const* type, std::string title = {}) {
  json l = {{"href", std::move(href)}, {"rel", rel}, {"type", type}};
  if (!title.empty()) {
    l["title"] = std::move(title);
  }
  return l;
}

// ISO 8601 for a year: expanded (±YYYYY) outside 0000–9999, as the datetime parameter takes it.
std::string iso_year_start(std::int32_t y) {
  std::array<char, 32> buf{};
  if (y >= 0 && y <= 9999) {
    std::snprintf(buf.data(), buf.size(), "%04d-01-01T00:00:00Z", y);
  } else {
    std::snprintf(buf.data(), buf.size(), "%+07d-01-01T00:00:00Z", y);
  }
  return buf.data();
}

std::string iso_year_end(std::int32_t y) {
  auto s = iso_year_start(y);
  s.replace(s.size() - 15, 5, "12-31");
  s.replace(s.size() - 9, 8, "23:59:59");
  return s;
}

std::string now_rfc3339() {
  auto const t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::array<char, 32> buf{};
  return {buf.data(), std::strftime(buf.data(), buf.size(), "%FT%TZ", &tm)};
}

json collection_json(index::catalog const& cat, index::kind_idx k, std::string const& base) {
  auto const& kind = cat.kinds()[k].kind_;
  model::box box{180, 90, -180, -90};
  auto first = std::numeric_limits<std::int32_t>::max();
  auto last = std::numeric_limits<std::int32_t>::min();
  for (index::entity_idx i = 0; i < cat.size(); ++i) {
    if (cat.kind_of(i) != k) {
      continue;
    }
    if (cat.at(i).geometry_) {
      auto const& b = cat.bounds(i);
      box = {std::min(box.min_lon_, b.min_lon_), std::min(box.min_lat_, b.min_lat_),
             std::max(box.max_lon_, b.max_lon_), std::max(box.max_lat_, b.max_lat_)};
    }
    if (auto const& t = cat.at(i).time_) {
      first = std::min(first, t->first_year());
      last = std::max(last, t->last_year());
    }
  }
  auto const href = base + "/ogc/collections/" + percent_encode(kind);
  json c = {{"id", kind},
            {"title", kind},
            {"description", std::to_string(cat.kinds()[k].count_) + " entities of kind " + kind},
            {"itemType", "feature"},
            {"crs", {kCrs84}},
            {"links",
             {link(href, "self", kJson, kind), link(href + "/items", "items", kGeoJson, kind),
              link(href + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables",
                   "application/schema+json", "queryables")}}};
  json extent = json::object();
  if (box.min_lon_ <= box.max_lon_) {
    extent["spatial"] = {
        {"bbox",
         json::array({json::array({box.min_lon_, box.min_lat_, box.max_lon_, box.max_lat_})})},
        {"crs", kCrs84}};
  }
  if (first <= last) {
    extent["temporal"] = {
        {"interval", json::array({json::array({iso_year_start(first), iso_year_end(last)})})},
        {"trs", "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"}};
  }
  if (!extent.empty()) {
    c["extent"] = std::move(extent);
  }
  return c;
}

// The kind named by a collection id, or a 404 problem.
std::optional<index::kind_idx> collection_or_404(index::catalog const& cat, std::string const& id,
                                                 httplib::Response& res) {
  auto const k = cat.find_kind(id);
  if (!k) {
    reply_error(res, {error_kind::kNotFound,
                      "collection: no collection \"" + id + "\" (see /ogc/collections)"});
  }
  return k;
}

// Property name → JSON Schema type, for every property a feature of the collection may have:
// the fixed ones and every key of its entities' properties (catalog::property_types).
std::map<std::string, json> queryables(index::catalog const& cat, index::kind_idx k) {
  std::map<std::string, json> out{
      {"id", {{"type", "string"}}},
      {"kind", {{"type", "string"}}},
      {"name", {{"type", "string"}}},
      {"name_en", {{"type", "string"}}},
      {"start", {{"type", "integer"}, {"description", "first year (astronomical)"}}},
      {"end", {{"type", "integer"}, {"description", "last year (astronomical)"}}},
      {"geometry", {{"format", "geometry-any"}}},
      {"time", {{"format", "interval"}, {"description", "the time span, for T_ functions"}}},
      {"datetime", {{"format", "interval"}, {"description", "the same as time"}}}};
  for (auto const& [key, type] : cat.property_types(k)) {
    if (!out.contains(key)) {
      out[key] = {{"type", type == "number" || type == "boolean" ? type : "string"}};
    }
  }
  return out;
}

std::optional<error> only_f(httplib::Request const& req) {
  if (auto const e = check_parameter_names(req.params, {"f"})) {
    return e;
  }
  if (req.has_param("f") && req.get_param_value("f") != "json") {
    return invalid_argument("f: only json is offered, got \"" + req.get_param_value("f") + "\"");
  }
  return std::nullopt;
}

}  // namespace

void add_ogc_routes(httplib::Server& svr, route_context const& ctx) {
  svr.Get("/ogc", [](httplib::Request const& req, httplib::Response& res) {
    if (auto const e = only_f(req)) {
      return reply_error(res, *e);
    }
    auto const base = base_url(req);
    reply_json(res, {{"title", "zhitu 智图"},
                     {"description",
                      "Cultural heritage and city data as OGC API – Features: one collection per "
                      "kind of entity (heritage sites, stations, counties, …)"},
                     {"links",
                      {link(base + "/ogc", "self", kJson, "this document"),
                       link(base + "/api", "service-desc", kOpenApi, "the API definition"),
                       link(base + "/ogc/conformance", "conformance", kJson, "conformance classes"),
                       link(base + "/ogc/collections", "data", kJson, "the collections")}}});
  });

  svr.Get("/ogc/conformance", [](httplib::Request const& req, httplib::Response& res) {
    if (auto const e = only_f(req)) {
      return reply_error(res, *e);
    }
    reply_json(res, {{"conformsTo",
                      {"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                       "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                       "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
                       "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
                       "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
                       "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
                       "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
                       "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
                       "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
                       "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
                       "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions"}}});
  });

  svr.Get("/ogc/collections", [ctx](httplib::Request const& req, httplib::Response& res) {
    if (auto const e = only_f(req)) {
      return reply_error(res, *e);
    }
    auto const cat = ctx.catalog();
    auto const base = base_url(req);
    auto collections = json::array();
    for (index::kind_idx k = 0; k < cat->kinds().size(); ++k) {
      collections.push_back(collection_json(*cat, k, base));
    }
    reply_json(res, {{"links", {link(base + "/ogc/collections", "self", kJson)}},
                     {"collections", std::move(collections)}});
  });

  svr.Get(R"(/ogc/collections/([^/]+))",
          [ctx](httplib::Request const& req, httplib::Response& res) {
            if (auto const e = only_f(req)) {
              return reply_error(res, *e);
            }
            auto const cat = ctx.catalog();
            if (auto const k = collection_or_404(*cat, req.matches[1].str(), res)) {
              reply_json(res, collection_json(*cat, *k, base_url(req)));
            }
          });

  svr.Get(R"(/ogc/collections/([^/]+)/items)", [ctx](httplib::Request const& req,
                                                     httplib::Response& res) {
    auto const cat = ctx.catalog();
    auto const k = collection_or_404(*cat, req.matches[1].str(), res);
    if (!k) {
      return;
    }
    auto const p = parse_ogc_items_params(*k, req.params, ctx.limits_);
    if (!p) {
      return reply_error(res, p.err());
    }
    if (p->filter_) {
      auto const known = queryables(*cat, *k);
      for (auto const& name : p->filter_->properties()) {
        if (!known.contains(name)) {
          return reply_error(res, invalid_argument("filter: \"" + name +
                                                   "\" is not a queryable of this collection "
                                                   "(see its /queryables)"));
        }
      }
    }
    auto const page = query::select_features(*cat, *p);
    auto const href_base = base_url(req) + req.path;
    auto const href = [&](std::size_t offset) {
      std::string h = href_base + "?";
      for (auto const& [key, v] : req.params) {
        if (key != "offset" && key != "limit") {
          h += percent_encode(key) + "=" + percent_encode(v) + "&";
        }
      }
      return h + "offset=" + std::to_string(offset) + "&limit=" + std::to_string(p->limit_);
    };
    auto const skip_geometry = req.get_param_value("skipGeometry") == "true";
    auto links = json::array(
        {link(href(p->offset_), "self", kGeoJson),
         link(base_url(req) + "/ogc/collections/" + percent_encode(cat->kinds()[*k].kind_),
              "collection", kJson)});
    if (p->offset_ + page.entities_.size() < page.matched_) {
      links.push_back(link(href(p->offset_ + page.entities_.size()), "next", kGeoJson));
    }
    if (p->offset_ > 0) {
      links.push_back(
          link(href(p->offset_ > p->limit_ ? p->offset_ - p->limit_ : 0), "prev", kGeoJson));
    }
    res.set_content(feature_collection_text(*cat, page.entities_,
                                            {{"links", std::move(links)},
                                             {"timeStamp", now_rfc3339()},
                                             {"numberMatched", page.matched_},
                                             {"numberReturned", page.entities_.size()}},
                                            {.skip_geometry_ = skip_geometry}),
                    kGeoJson);
  });

  svr.Get(R"(/ogc/collections/([^/]+)/queryables)", [ctx](httplib::Request const& req,
                                                          httplib::Response& res) {
    if (auto const e = only_f(req)) {
      return reply_error(res, *e);
    }
    auto const cat = ctx.catalog();
    auto const k = collection_or_404(*cat, req.matches[1].str(), res);
    if (!k) {
      return;
    }
    auto properties = json::object();
    for (auto& [name, schema] : queryables(*cat, *k)) {
      properties[name] = std::move(schema);
    }
    auto const& kind = cat->kinds()[*k].kind_;
    reply_json(res,
               {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                {"$id", base_url(req) + "/ogc/collections/" + percent_encode(kind) + "/queryables"},
                {"type", "object"},
                {"title", kind},
                {"properties", std::move(properties)},
                {"additionalProperties", false}},
               "application/schema+json");
  });

  svr.Get(R"(/ogc/collections/([^/]+)/items/([^/]+))",
          [ctx](httplib::Request const& req, httplib::Response& res) {
            if (auto const e = only_f(req)) {
              return reply_error(res, *e);
            }
            auto const cat = ctx.catalog();
            auto const k = collection_or_404(*cat, req.matches[1].str(), res);
            if (!k) {
              return;
            }
            auto const id = req.matches[2].str();
            auto const i = cat->find(id);
            if (!i || cat->kind_of(*i) != *k) {
              return reply_error(res, {error_kind::kNotFound, "featureId: no feature \"" + id +
                                                                  "\" in collection \"" +
                                                                  cat->kinds()[*k].kind_ + "\""});
            }
            auto const collection =
                base_url(req) + "/ogc/collections/" + percent_encode(cat->kinds()[*k].kind_);
            auto f = io::to_feature(cat->at(*i));
            f["links"] = {link(collection + "/items/" + percent_encode(id), "self", kGeoJson),
                          link(collection, "collection", kJson)};
            reply_json(res, f, kGeoJson);
          });

  svr.Get("/api", [](httplib::Request const& req, httplib::Response& res) {
    if (auto const e = only_f(req)) {
      return reply_error(res, *e);
    }
    res.set_content(std::string{kOpenApiDocument}, kOpenApi);
  });
}

}  // namespace zhitu::server
