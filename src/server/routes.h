// SPDX-License-Identifier: Apache-2.0
// HTTP routes, one function per area of the API, each registering its handlers on the server.
// A handler takes the catalog current when the request arrived (`ctx.catalog()`), parses typed
// params (params.h), calls the engine and answers with views.h encodings or a problem document.
//
//   route_context ctx{.catalog = [&] { return current.load(); }, .limits_ = cfg.limits_};
//   add_entity_routes(svr, ctx);      // /health, /api/kinds, /api/stats, /api/entities/{id}
//   add_search_routes(svr, ctx);      // /api/search
//   add_feature_routes(svr, ctx);     // /api/features
#pragma once

#include <httplib.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "index/catalog.h"
#include "server/params.h"

namespace zhitu::server {

struct route_context {
  std::function<std::shared_ptr<index::catalog const>()> catalog;
  limits limits_;
};

void add_entity_routes(httplib::Server& svr, route_context const& ctx);
void add_search_routes(httplib::Server& svr, route_context const& ctx);
void add_feature_routes(httplib::Server& svr, route_context const& ctx);
void add_tile_routes(httplib::Server& svr, route_context const& ctx);  // /tiles/...
void add_query_routes(httplib::Server& svr, route_context const& ctx);  // /api/query, /api/path, relations
void add_ogc_routes(httplib::Server& svr, route_context const& ctx);  // /ogc/..., /api (OpenAPI)
// /api/journeys, /api/itineraries (503 without a feed), /api/itineraries/themes
void add_journey_routes(httplib::Server& svr, route_context const& ctx,
                        std::filesystem::path const& gtfs_dir,
                        std::filesystem::path const& themes_dir);

// Helpers for handlers.
void reply_json(httplib::Response& res, nlohmann::json const& body,
                char const* content_type = "application/json");
void reply_error(httplib::Response& res, error const& e);
std::string percent_encode(std::string_view s);

// gzip for the answers cpp-httplib does not compress itself (it knows text/* and
// application/json, not GeoJSON, problem details, OpenAPI or JSON Schema):
// when the client accepts gzip and the body is over 1 KiB. A post-routing handler.
void compress_other_json(httplib::Request const& req, httplib::Response& res);

}  // namespace zhitu::server
