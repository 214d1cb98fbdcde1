// SPDX-License-Identifier: Apache-2.0
// /tiles/{set}/{z}/{x}/{y}.mvt and /tiles/{set}.json (TileJSON 3.0).
#include <algorithm>
#include <memory>
#include <mutex>
#include <tuple>

#include "model/time_span.h"
#include "server/routes.h"
#include "tiles/cluster_index.h"
#include "tiles/glyphs.h"
#include "tiles/render.h"
#include "tiles/tile_cache.h"

namespace zhitu::server {

using nlohmann::json;

namespace {

constexpr std::size_t kTileCacheBytes = 128U << 20U;
constexpr auto kMaxServedZoom = 18;

// The cluster index of the current catalog: made at start and again by the first tile request
// after the data change, which waits for it (about 0.1 s a million points).
class current_clusters {
 public:
  std::shared_ptr<tiles::cluster_index const> get(
      std::shared_ptr<index::catalog const> const& cat) {
    std::lock_guard const lock{mutex_};
    if (!index_ || catalog_.owner_before(cat) || cat.owner_before(catalog_)) {
      index_ = std::make_shared<tiles::cluster_index const>(*cat);
      catalog_ = cat;  // compared by owner: a new catalog may live where a freed one was
    }
    return index_;
  }

 private:
  std::mutex mutex_;
  std::weak_ptr<index::catalog const> catalog_;
  std::shared_ptr<tiles::cluster_index const> index_;
};

struct tile_filter {
  std::optional<std::vector<index::kind_idx>> kinds_;
  std::optional<std::int32_t> from_;
  std::optional<std::int32_t> to_;
  std::string key_;  // the filter's part of the cache key
};

result<tile_filter> parse_tile_filter(index::catalog const& cat, query_args const& args) {
  if (auto const e = check_parameter_names(args, {"kinds", "from", "to"})) {
    return *e;
  }
  tile_filter f;
  for (auto const& [name, value] : args) {
    if (name == "kinds") {
      auto k = parse_kinds(cat, value);
      if (!k) {
        return k.err();
      }
      f.kinds_ = std::move(*k);
    } else {
      auto const year = model::parse_year(value);
      if (!year) {
        return invalid_argument(name + ": expected a year such as 618 or -770, got \"" + value + "\"");
      }
      (name == "from" ? f.from_ : f.to_) = *year;
    }
    f.key_ += "&" + name + "=" + value;
  }
  if (f.from_ && f.to_ && *f.from_ > *f.to_) {
    return invalid_argument("from: " + std::to_string(*f.from_) + " is after to " +
                            std::to_string(*f.to_));
  }
  return f;
}

json vector_layers(index::catalog const& cat, tiles::tileset set) {
  auto layers = json::array();
  json const fields = {{"id", "String"}, {"kind", "String"}, {"name", "String"},
                       {"name_en", "String"}, {"start", "Number"}, {"end", "Number"},
                       {"cluster", "Boolean"}, {"point_count", "Number"}};
  for (auto const& k : cat.kinds()) {
    auto min_zoom = -1;
    for (auto const& b : tiles::kBasemapLayers) {
      if (b.kind_ == k.kind_) {
        min_zoom = b.min_zoom_;
      }
    }
    if ((set == tiles::tileset::kBasemap) == (min_zoom >= 0)) {
      layers.push_back({{"id", k.kind_}, {"fields", fields}, {"minzoom", std::max(0, min_zoom)},
                        {"maxzoom", kMaxServedZoom}});
      if (set == tiles::tileset::kBasemap) {
        layers.push_back({{"id", k.kind_ + "_label"}, {"fields", fields}, {"minzoom", min_zoom},
                          {"maxzoom", kMaxServedZoom}});
      }
    }
  }
  return layers;
}

// Kind colours shared with the web app's legend (web/src/layers.js).
std::string kind_colour(std::string_view kind) {
  static constexpr std::pair<std::string_view, std::string_view> kColours[] = {
      {"heritage_site", "#c2352b"}, {"station", "#1f6fc5"}, {"museum", "#8e44ad"},
      {"scenic_spot", "#2e9d50"},   {"dynasty", "#9a7d0a"}, {"person", "#795548"}};
  for (auto const& [k, c] : kColours) {
    if (k == kind) {
      return std::string{c};
    }
  }
  return "#6c7a89";
}

json default_style(index::catalog const& cat, std::string const& base, bool english) {
  // Labels prefer the UI language and fall back to the other name.
  json const label = english ? json::array({"coalesce", {"get", "name_en"}, {"get", "name"}})
                             : json::array({"coalesce", {"get", "name"}, {"get", "name_en"}});
  json const font = json::array({"Noto Sans Regular"});
  auto layers = json::array();
  layers.push_back({{"id", "background"}, {"type", "background"},
                    {"paint", {{"background-color", "#dfe7ec"}}}});
  layers.push_back({{"id", "province-fill"}, {"type", "fill"}, {"source", "basemap"},
                    {"source-layer", "province"}, {"paint", {{"fill-color", "#f7f4ee"}}}});
  for (auto const& [kind, width, colour] :
       {std::tuple{"county", 0.5, "#c9c2b4"}, std::tuple{"prefecture", 1.0, "#a89f8e"},
        std::tuple{"province", 1.6, "#8c8373"}}) {
    layers.push_back({{"id", std::string{kind} + "-line"}, {"type", "line"}, {"source", "basemap"},
                      {"source-layer", kind},
                      {"paint", {{"line-color", colour}, {"line-width", width}}}});
  }
  for (auto const& [kind, min_zoom, size] :
       {std::tuple{"province", 3, 14}, std::tuple{"prefecture", 6, 12}, std::tuple{"county", 8, 11}}) {
    layers.push_back({{"id", std::string{kind} + "-label"}, {"type", "symbol"}, {"source", "basemap"},
                      {"source-layer", std::string{kind} + "_label"}, {"minzoom", min_zoom},
                      {"layout", {{"text-field", label}, {"text-font", font}, {"text-size", size}}},
                      {"paint", {{"text-color", "#5b5346"}, {"text-halo-color", "#ffffff"},
                                 {"text-halo-width", 1}}}});
  }
  for (auto const& k : cat.kinds()) {
    auto const basemap = std::any_of(std::begin(tiles::kBasemapLayers), std::end(tiles::kBasemapLayers),
                                     [&](auto const& b) { return b.kind_ == k.kind_; });
    if (basemap) {
      continue;
    }
    auto const colour = kind_colour(k.kind_);
    layers.push_back(
        {{"id", k.kind_ + "-circle"}, {"type", "circle"}, {"source", "entities"},
         {"source-layer", k.kind_},
         {"paint",
          {{"circle-color", colour},
           {"circle-radius", {"case", {"has", "point_count"},
                              {"interpolate", {"linear"}, {"get", "point_count"}, 2, 7, 100, 16, 1000, 24},
                              4.5}},
           {"circle-stroke-color", "#ffffff"},
           {"circle-stroke-width", 1}}}});
    layers.push_back({{"id", k.kind_ + "-count"}, {"type", "symbol"}, {"source", "entities"},
                      {"source-layer", k.kind_}, {"filter", {"has", "point_count"}},
                      {"layout", {{"text-field", {"to-string", {"get", "point_count"}}},
                                  {"text-font", font}, {"text-size", 11}}},
                      {"paint", {{"text-color", "#ffffff"}}}});
    layers.push_back({{"id", k.kind_ + "-label"}, {"type", "symbol"}, {"source", "entities"},
                      {"source-layer", k.kind_}, {"minzoom", 10},
                      {"filter", {"!", {"has", "point_count"}}},
                      {"layout", {{"text-field", label}, {"text-font", font}, {"text-size", 12},
                                  {"text-offset", {0, 1.1}}, {"text-anchor", "top"}}},
                      {"paint", {{"text-color", "#333333"}, {"text-halo-color", "#ffffff"},
                                 {"text-halo-width", 1.2}}}});
  }
  return {{"version", 8},
          {"name", "zhitu default"},
          {"glyphs", base + "/fonts/{fontstack}/{range}.pbf"},
          {"sources",
           {{"basemap", {{"type", "vector"}, {"url", base + "/tiles/basemap.json"}}},
            {"entities", {{"type", "vector"}, {"url", base + "/tiles/entities.json"}}}}},
          {"layers", std::move(layers)}};
}

}  // namespace

void add_tile_routes(httplib::Server& svr, route_context const& ctx) {
  auto const cache = std::make_shared<tiles::tile_cache>(kTileCacheBytes);
  auto const clusters = std::make_shared<current_clusters>();
  clusters->get(ctx.catalog());

  svr.Get(R"(/tiles/([a-z_]+)/([^/]+)/([^/]+)/([^/]+)\.mvt)",
          [ctx, cache, clusters](httplib::Request const& req, httplib::Response& res) {
            auto const cat = ctx.catalog();
            auto const set = tiles::parse_tileset(req.matches[1].str());
            if (!set) {
              return reply_error(res, not_found("no tile set \"" + req.matches[1].str() +
                                                "\"; there are basemap and entities"));
            }
            auto const tile = tiles::parse_tile_id(req.matches[2], req.matches[3], req.matches[4]);
            if (!tile) {
              return reply_error(res, tile.err());
            }
            auto const filter = parse_tile_filter(*cat, req.params);
            if (!filter) {
              return reply_error(res, filter.err());
            }
            auto const key = req.matches[1].str() + "/" + req.matches[2].str() + "/" +
                             req.matches[3].str() + "/" + req.matches[4].str() + filter->key_;
            auto const encoded = cache->get_or_make(cat, key, [&] {
              return tiles::render_tile(*cat,
                                        {.tile_ = *tile,
                                         .set_ = *set,
                                         .kinds_ = filter->kinds_,
                                         .from_year_ = filter->from_,
                                         .to_year_ = filter->to_},
                                        {}, clusters->get(cat).get());
            });
            // The data can change under a running server, so clients revalidate (cheap: 304).
            res.set_header("Cache-Control", "no-cache");
            res.set_header("ETag", encoded->etag_);
            res.set_header("Vary", "Accept-Encoding");
            if (req.get_header_value("If-None-Match") == encoded->etag_) {
              res.status = 304;
              return;
            }
            if (req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos) {
              res.set_header("Content-Encoding", "gzip");
              res.set_content(encoded->gzip_, "application/vnd.mapbox-vector-tile");
            } else {
              res.set_content(encoded->mvt_, "application/vnd.mapbox-vector-tile");
            }
          });

  svr.Get(R"(/tiles/([a-z_]+)\.json)", [ctx](httplib::Request const& req, httplib::Response& res) {
    auto const cat = ctx.catalog();
    auto const set = tiles::parse_tileset(req.matches[1].str());
    if (!set) {
      return reply_error(res, not_found("no tile set \"" + req.matches[1].str() + "\""));
    }
    // TileJSON wants absolute URLs; the Host header gives the address the client used.
    auto const host = req.get_header_value("Host");
    auto const name = std::string{tiles::to_string(*set)};
    model::box extent;
    for (index::entity_idx i = 0; i < cat->size(); ++i) {
      extent.extend(cat->bounds(i));
    }
    auto bounds = extent.empty() ? json{-180, -85.0511, 180, 85.0511}
                                 : json{extent.min_lon_, extent.min_lat_, extent.max_lon_, extent.max_lat_};
    reply_json(res, {{"tilejson", "3.0.0"},
                     {"name", "zhitu " + name},
                     {"scheme", "xyz"},
                     {"tiles", {"http://" + host + "/tiles/" + name + "/{z}/{x}/{y}.mvt"}},
                     {"minzoom", 0},
                     {"maxzoom", kMaxServedZoom},
                     {"bounds", std::move(bounds)},
                     {"vector_layers", vector_layers(*cat, *set)}});
  });

  // Label glyphs from a local CJK font (Debian's fonts-wqy-microhei or fonts-noto-cjk).
  std::shared_ptr<tiles::glyph_source> glyphs;
  if (auto const font = tiles::find_cjk_font()) {
    glyphs = std::make_shared<tiles::glyph_source>(*font);
  }
  svr.Get(R"(/fonts/([^/]+)/(\d+)-(\d+)\.pbf)", [glyphs](httplib::Request const& req, httplib::Response& res) {
    if (!glyphs) {
      return reply_error(res, error{error_kind::kUnavailable,
                                    "no CJK font installed: apt-get install fonts-wqy-microhei"});
    }
    auto const start = std::stoul(req.matches[2].str().substr(0, 9));
    auto const end = std::stoul(req.matches[3].str().substr(0, 9));
    if (start % 256 != 0 || end != start + 255 || start > 0xffff00) {
      return reply_error(res, not_found("glyph ranges are 256 code points: 0-255, 256-511, …"));
    }
    res.set_header("Cache-Control", "public, max-age=86400");
    res.set_content(glyphs->range_pbf(req.matches[1].str(), static_cast<std::uint32_t>(start)),
                    "application/x-protobuf");
  });

  // A MapLibre style using only this server's tiles and glyphs: the map works offline.
  svr.Get("/styles/default.json", [ctx](httplib::Request const& req, httplib::Response& res) {
    auto const lang = req.get_param_value("lang");
    if (!lang.empty() && lang != "zh" && lang != "en") {
      return reply_error(res, invalid_argument("lang: expected zh or en, got \"" + lang + "\""));
    }
    auto const base = "http://" + req.get_header_value("Host");
    auto const cat = ctx.catalog();
    reply_json(res, default_style(*cat, base, lang == "en"));
  });
}

}  // namespace zhitu::server
