// SPDX-License-Identifier: Apache-2.0
// POST /api/query (one query over text, place, time, kinds and relations), the relation
// endpoints (/api/entities/{id}/relations, /api/entities/{id}/graph, /api/path) and
// POST /api/annotate (the entities a text mentions).
#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "io/export.h"
#include "query/annotate.h"
#include "query/planner.h"
#include "server/routes.h"
#include "server/views.h"

namespace zhitu::server {

using nlohmann::json;

namespace {

// A query body is a few hundred bytes; anything near this is not a query.
constexpr std::size_t kMaxQueryBodyBytes = 64U * 1024U;
constexpr std::uint32_t kMaxGraphHops = 3;
constexpr std::size_t kMaxGraphNodes = 500;
constexpr std::size_t kFeaturesPerChunk = 256;  // a streamed answer's write size
// A graph view walks through an entity with up to this many relations, not through hubs.
constexpr std::uint32_t kDefaultHubDegree = 40;
constexpr std::uint32_t kDefaultPathHops = 6;
constexpr std::uint32_t kMaxPathHops = 8;

// Problem details with the bad field named on its own, as well as in `detail`.
json relation_json(index::catalog const& cat, std::uint32_t r) {
  auto const& rel = cat.relation_at(r);
  json j = {{"subject", rel.subject_},
            {"predicate", rel.predicate_},
            {"object", rel.object_},
            {"derived", cat.is_derived(r)}};
  if (cat.is_derived(r)) {
    j["rule"] = rel.source_.record_;
  } else {
    j["source"] = {{"dataset", rel.source_.dataset_}, {"record", rel.source_.record_}};
    if (!rel.source_.url_.empty()) {
      j["source"]["cites"] = {{"title", rel.source_.title_}, {"url", rel.source_.url_}};
    }
  }
  if (rel.time_) {
    j["time"] = {{"start", rel.time_->first_year()}, {"end", rel.time_->last_year()}};
  }
  return j;
}

result<index::entity_idx> entity_param(index::catalog const& cat, std::string const& name,
                                       std::string const& id) {
  if (id.empty()) {
    return invalid_argument(name + ": required (an entity id)");
  }
  auto const i = cat.find(id);
  if (!i) {
    return not_found(name + ": no entity with id \"" + id + "\"");
  }
  return *i;
}

result<std::optional<index::predicate_idx>> predicate_param(index::catalog const& cat,
                                                            httplib::Request const& req) {
  if (!req.has_param("predicate")) {
    return std::optional<index::predicate_idx>{};
  }
  auto const name = req.get_param_value("predicate");
  auto const p = cat.find_predicate(name);
  if (!p) {
    return invalid_argument("predicate: unknown predicate \"" + name + "\"");
  }
  return std::optional{*p};
}

result<std::uint32_t> hops_param(httplib::Request const& req, char const* name, std::uint32_t dflt,
                                 std::uint32_t max) {
  if (!req.has_param(name)) {
    return dflt;
  }
  auto const n = parse_count(name, req.get_param_value(name), 1, max);
  if (!n) {
    return n.err();
  }
  return static_cast<std::uint32_t>(*n);
}

// Unknown or repeated parameters are errors, as everywhere in the API.
std::optional<error> check_params(httplib::Request const& req,
                                  std::initializer_list<std::string_view> allowed) {
  for (auto const& [k, _] : req.params) {
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      return invalid_argument(k + ": unknown parameter");
    }
    if (req.get_param_value_count(k) > 1) {
      return invalid_argument(k + ": given more than once");
    }
  }
  return std::nullopt;
}

// A query's results as a file: GeoJSON, CSV, or GeoJSON Text Sequences (RFC 8142), which is
// streamed in chunks so that a client reads the first features while the rest are written.
void reply_entities(httplib::Response& res, std::shared_ptr<index::catalog const> const& cat,
                    query::query_result const& r, std::string const& format) {
  std::vector<model::entity const*> entities;
  entities.reserve(r.hits_.size());
  for (auto const& h : r.hits_) {
    entities.push_back(&cat->at(h.entity_));
  }
  if (format == "geojsonseq") {
    res.set_chunked_content_provider(
        "application/geo+json-seq", [cat, entities = std::move(entities), next = std::size_t{0}](
                                        std::size_t, httplib::DataSink& sink) mutable {
          if (next >= entities.size()) {
            sink.done();
            return true;
          }
          auto const n = std::min(kFeaturesPerChunk, entities.size() - next);
          std::ostringstream chunk;
          io::write_geojson_seq(chunk, std::span{entities}.subspan(next, n));
          next += n;
          auto const text = chunk.str();
          return sink.write(text.data(), text.size());
        });
    return;
  }
  std::ostringstream out;
  if (format == "geojson") {
    io::write_geojson(out, entities);
    res.set_content(out.str(), "application/geo+json");
  } else {
    io::write_csv(out, entities);
    res.set_content(out.str(), "text/csv; charset=utf-8");
  }
}

// {"text": "...", "kinds": [...], "min_confidence": 0.5} → annotate's parameters.
result<std::pair<std::string, query::annotate_params>> parse_annotate_body(
    index::catalog const& cat, json const& body) {
  if (!body.is_object()) {
    return invalid_argument("body: expected a JSON object such as {\"text\": \"...\"}");
  }
  std::optional<std::string> text;
  query::annotate_params p;
  for (auto const& [key, value] : body.items()) {
    if (key == "text") {
      if (!value.is_string()) {
        return invalid_argument("text: expected a string");
      }
      text = value.get<std::string>();
    } else if (key == "kinds") {
      if (!value.is_array()) {
        return invalid_argument("kinds: expected an array of kind names");
      }
      p.kinds_.emplace();
      for (auto const& k : value) {
        auto const idx = k.is_string() ? cat.find_kind(k.get<std::string>()) : std::nullopt;
        if (!idx) {
          return invalid_argument("kinds: " + k.dump() +
                                  " is not a kind in the catalog (see /api/kinds)");
        }
        p.kinds_->push_back(*idx);
      }
    } else if (key == "min_confidence") {
      if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 1) {
        return invalid_argument("min_confidence: expected a number from 0 to 1");
      }
      p.min_confidence_ = value.get<double>();
    } else {
      return invalid_argument(key + ": unknown member (expected text, kinds, min_confidence)");
    }
  }
  if (!text) {
    return invalid_argument("text: missing");
  }
  return std::pair{std::move(*text), std::move(p)};
}

}  // namespace

void add_query_routes(httplib::Server& svr, route_context const& ctx) {
  svr.Post("/api/annotate", [ctx](httplib::Request const& req, httplib::Response& res) {
    auto const cat = ctx.catalog();
    auto const body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) {
      return reply_error(res, invalid_argument("body: not valid JSON"));
    }
    auto const parsed = parse_annotate_body(*cat, body);
    if (!parsed) {
      return reply_error(res, parsed.err());
    }
    auto const mentions = query::annotate(*cat, parsed->first, parsed->second);
    if (!mentions) {
      return reply_error(res, mentions.err());
    }
    auto out = json::array();
    for (auto const& m : *mentions) {
      auto j = entity_ref(*cat, m.entity_);
      out.push_back({{"start", m.start_utf16_},
                     {"end", m.end_utf16_},
                     {"start_byte", m.start_},
                     {"end_byte", m.end_},
                     {"surface", m.surface_},
                     {"entity_id", cat->at(m.entity_).id_},
                     {"kind", cat->at(m.entity_).kind_},
                     {"confidence", std::round(m.confidence_ * 1000) / 1000},
                     {"entity", std::move(j)}});
    }
    reply_json(res, {{"offsets", "utf16"}, {"mentions", std::move(out)}});
  });

  svr.Post("/api/query", [ctx](httplib::Request const& req, httplib::Response& res) {
    if (req.body.size() > kMaxQueryBodyBytes) {
      return reply_error(res,
                         {error_kind::kPayloadTooLarge,
                          "body: larger than " + std::to_string(kMaxQueryBodyBytes) + " bytes"});
    }
    auto const cat = ctx.catalog();
    auto body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) {
      return reply_error(res, invalid_argument("body: not valid JSON"));
    }
    // "format" chooses the encoding of the results; the rest is the query.
    std::string format = "json";
    if (body.is_object() && body.contains("format")) {
      auto const& f = body["format"];
      if (!f.is_string() || (f != "json" && f != "geojson" && f != "geojsonseq" && f != "csv")) {
        return reply_error(res, invalid_argument("format: expected \"json\", \"geojson\", "
                                                 "\"geojsonseq\" or \"csv\""));
      }
      format = f.get<std::string>();
      body.erase("format");
    }
    auto const q = query::parse_query(*cat, body);
    if (!q) {
      return reply_error(res, q.err());
    }
    auto const r = query::run_query(*cat, *q);
    if (!r) {
      return reply_error(res, r.err());
    }
    if (format != "json") {
      return reply_entities(res, cat, *r, format);
    }
    auto results = json::array();
    for (auto const& h : r->hits_) {
      auto j = entity_ref(*cat, h.entity_);
      if (h.distance_m_) {
        j["distance_m"] = *h.distance_m_;
      }
      if (h.text_score_) {
        j["score"] = *h.text_score_;
      }
      results.push_back(std::move(j));
    }
    json out = {{"results", std::move(results)}, {"matched", r->matched_}};
    if (q->explain_) {
      out["explain"] = query::plan_json(*r);
    }
    reply_json(res, out);
  });

  svr.Get(R"(/api/entities/([^/]+)/relations)",
          [ctx](httplib::Request const& req, httplib::Response& res) {
            if (auto const e = check_params(req, {"predicate"})) {
              return reply_error(res, *e);
            }
            auto const cat = ctx.catalog();
            auto const i = entity_param(*cat, "id", req.matches[1].str());
            if (!i) {
              return reply_error(res, i.err());
            }
            auto const p = predicate_param(*cat, req);
            if (!p) {
              return reply_error(res, p.err());
            }
            auto const& g = cat->relation_graph();
            auto out = json::array();
            for (auto const outgoing : {true, false}) {
              auto const edges =
                  outgoing ? (*p ? g.out(*i, **p) : g.out(*i)) : (*p ? g.in(*i, **p) : g.in(*i));
              for (auto const& e : edges) {
                auto j = relation_json(*cat, e.relation_);
                j["direction"] = outgoing ? "out" : "in";
                j["other"] = entity_ref(*cat, e.other_);
                out.push_back(std::move(j));
              }
            }
            reply_json(res, {{"entity", entity_ref(*cat, *i)}, {"relations", std::move(out)}});
          });

  svr.Get(R"(/api/entities/([^/]+)/graph)",
          [ctx](httplib::Request const& req, httplib::Response& res) {
            if (auto const e = check_params(req, {"hops", "predicate", "hub_degree"})) {
              return reply_error(res, *e);
            }
            auto const cat = ctx.catalog();
            auto const i = entity_param(*cat, "id", req.matches[1].str());
            if (!i) {
              return reply_error(res, i.err());
            }
            auto const hops = hops_param(req, "hops", 1, kMaxGraphHops);
            if (!hops) {
              return reply_error(res, hops.err());
            }
            auto const p = predicate_param(*cat, req);
            if (!p) {
              return reply_error(res, p.err());
            }
            auto const hub_degree = hops_param(req, "hub_degree", kDefaultHubDegree, 1U << 30U);
            if (!hub_degree) {
              return reply_error(res, hub_degree.err());
            }
            auto const& g = cat->relation_graph();
            auto const reached = g.k_hops(*i, *hops, *p, kMaxGraphNodes, *hub_degree);
            std::unordered_map<index::entity_idx, std::uint32_t> in_view;
            auto nodes = json::array();
            for (auto const& [node, h] : reached) {
              in_view.emplace(node, h);
              auto j = entity_ref(*cat, node);
              j["hops"] = h;
              // A hub short of the last hop was not walked through: its other relations are
              // left out of the view.
              if (h > 0 && h < *hops && g.out(node).size() + g.in(node).size() > *hub_degree) {
                j["hub"] = true;
              }
              nodes.push_back(std::move(j));
            }
            auto edges = json::array();
            for (auto const& [node, _] : reached) {
              for (auto const& e : *p ? g.out(node, **p) : g.out(node)) {
                if (in_view.contains(e.other_)) {
                  auto const& rel = cat->relation_at(e.relation_);
                  edges.push_back({{"source", cat->at(node).id_},
                                   {"target", cat->at(e.other_).id_},
                                   {"predicate", rel.predicate_},
                                   {"derived", cat->is_derived(e.relation_)}});
                }
              }
            }
            reply_json(res, {{"nodes", std::move(nodes)},
                             {"edges", std::move(edges)},
                             {"truncated", reached.size() >= kMaxGraphNodes}});
          });

  svr.Get("/api/path", [ctx](httplib::Request const& req, httplib::Response& res) {
    if (auto const e = check_params(req, {"from", "to", "max_hops", "predicate"})) {
      return reply_error(res, *e);
    }
    auto const cat = ctx.catalog();
    auto const from = entity_param(*cat, "from", req.get_param_value("from"));
    if (!from) {
      return reply_error(res, from.err());
    }
    auto const to = entity_param(*cat, "to", req.get_param_value("to"));
    if (!to) {
      return reply_error(res, to.err());
    }
    auto const max_hops = hops_param(req, "max_hops", kDefaultPathHops, kMaxPathHops);
    if (!max_hops) {
      return reply_error(res, max_hops.err());
    }
    auto const p = predicate_param(*cat, req);
    if (!p) {
      return reply_error(res, p.err());
    }
    auto const path = cat->relation_graph().shortest_path(*from, *to, *p, *max_hops);
    json out = {{"from", entity_ref(*cat, *from)},
                {"to", entity_ref(*cat, *to)},
                {"found", path.has_value()}};
    auto steps = json::array();
    if (path) {
      for (auto const& s : *path) {
        auto j = relation_json(*cat, s.edge_.relation_);
        j["direction"] = s.outgoing_ ? "forward" : "backward";
        j["node"] = entity_ref(*cat, s.edge_.other_);
        steps.push_back(std::move(j));
      }
    }
    out["steps"] = std::move(steps);
    reply_json(res, out);
  });
}

}  // namespace zhitu::server
