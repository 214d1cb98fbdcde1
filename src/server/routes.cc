// SPDX-License-Identifier: Apache-2.0
#include "server/routes.h"

#include <cctype>
#include <iostream>

#include "server/views.h"
#include "tiles/tile_cache.h"

namespace zhitu::server {

using nlohmann::json;

void reply_json(httplib::Response& res, json const& body, char const* content_type) {
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), content_type);
}

void reply_error(httplib::Response& res, error const& e) {
  auto const status = http_status(e.kind_);
  res.status = status;
  reply_json(res, problem_json(e, status), "application/problem+json");
}

void compress_other_json(httplib::Request const& req, httplib::Response& res) {
  constexpr std::size_t kMinBytes = 1024;
  auto const type = res.get_header_value("Content-Type");
  auto const ours = type.starts_with("application/geo+json") ||
                    type.starts_with("application/problem+json") ||
                    type.starts_with("application/vnd.oai.openapi+json") ||
                    type.starts_with("application/schema+json");
  if (!ours || res.body.size() < kMinBytes || res.has_header("Content-Encoding") ||
      req.get_header_value("Accept-Encoding").find("gzip") == std::string::npos) {
    return;
  }
  res.body = tiles::gzip(res.body);
  // cpp-httplib has set the length of the plain body before this handler runs.
  res.headers.erase("Content-Length");
  res.set_header("Content-Length", std::to_string(res.body.size()));
  res.set_header("Content-Encoding", "gzip");
  res.set_header("Vary", "Accept-Encoding");
}

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (auto const c : s) {
    auto const u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == '~' || c == ',') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4U]);
      out.push_back(kHex[u & 0xfU]);
    }
  }
  return out;
}

void add_entity_routes(httplib::Server& svr, route_context const& ctx) {
  svr.Get("/health", [ctx](httplib::Request const&, httplib::Response& res) {
    auto const cat = ctx.catalog();
    reply_json(
        res, {{"status", "ok"}, {"entities", cat->size()}, {"relations", cat->relations().size()}});
  });

  svr.Get("/api/kinds", [ctx](httplib::Request const&, httplib::Response& res) {
    auto const cat = ctx.catalog();
    auto kinds = json::array();
    for (auto const& k : cat->kinds()) {
      kinds.push_back({{"kind", k.kind_}, {"count", k.count_}});
    }
    reply_json(res, {{"kinds", std::move(kinds)}});
  });

  svr.Get("/api/stats", [ctx](httplib::Request const&, httplib::Response& res) {
    auto const cat = ctx.catalog();
    auto const& s = cat->stats();
    reply_json(res, {{"entities", s.n_entities_},
                     {"relations", s.n_relations_},
                     {"names", s.n_names_},
                     {"catalog_build_ms", s.build_ms_},
                     {"index_bytes", s.index_bytes_},
                     {"search_index",
                      {{"names", s.n_names_},
                       {"build_ms", s.name_index_build_ms_},
                       {"bytes", s.name_index_bytes_}}}});
  });

  svr.Get(R"(/api/entities/([^/]+))", [ctx](httplib::Request const& req, httplib::Response& res) {
    auto const cat = ctx.catalog();
    auto const id = req.matches[1].str();
    auto const idx = cat->find(id);
    if (!idx) {
      return reply_error(res, not_found("no entity with id \"" + id + "\""));
    }
    reply_json(res, entity_json(*cat, *idx));
  });
}

void add_search_routes(httplib::Server& svr, route_context const& ctx) {
  if (auto const cat = ctx.catalog()) {
    auto const& s = cat->stats();
    std::clog << "search index: " << s.n_names_ << " names, built in " << s.name_index_build_ms_
              << " ms, " << s.name_index_bytes_ / 1024 << " KiB\n";
  }
  svr.Get("/api/search", [ctx](httplib::Request const& req, httplib::Response& res) {
    auto const cat = ctx.catalog();
    auto const p = parse_search_params(*cat, req.params, ctx.limits_);
    if (!p) {
      return reply_error(res, p.err());
    }
    auto const hits = query::search(*cat, *p);
    if (!hits) {
      return reply_error(res, hits.err());
    }
    reply_json(res, search_json(*cat, p->text_, *hits));
  });

  // Autocomplete: the same engine and ranking, a smaller answer per entry.
  svr.Get("/api/suggest", [ctx](httplib::Request const& req, httplib::Response& res) {
    auto const cat = ctx.catalog();
    auto const p = parse_suggest_params(req.params, ctx.limits_);
    if (!p) {
      return reply_error(res, p.err());
    }
    auto const hits = query::search(*cat, *p);
    if (!hits) {
      return reply_error(res, hits.err());
    }
    reply_json(res, suggest_json(*cat, p->text_, *hits));
  });
}

void add_feature_routes(httplib::Server& svr, route_context const& ctx) {
  svr.Get("/api/features", [ctx](httplib::Request const& req, httplib::Response& res) {
    auto const cat = ctx.catalog();
    auto const p = parse_features_params(*cat, req.params, ctx.limits_);
    if (!p) {
      return reply_error(res, p.err());
    }
    auto const page = query::select_features(*cat, *p);
    std::string base = req.path;
    auto sep = '?';
    for (auto const& [k, v] : req.params) {
      if (k != "offset" && k != "limit") {
        base += sep + percent_encode(k) + "=" + percent_encode(v);
        sep = '&';
      }
    }
    res.set_content(features_geojson(*cat, page, *p, base), "application/geo+json");
  });
}

}  // namespace zhitu::server
