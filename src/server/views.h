// SPDX-License-Identifier: Apache-2.0
// JSON bodies of the API's answers, built from engine results. Kept apart from the routes so
// that tests can check the encoding without a socket.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "index/catalog.h"
#include "io/export.h"
#include "model/result.h"
#include "query/features.h"
#include "query/search.h"

namespace zhitu::server {

// /api/entities/{id}: names, geometry, bbox, time span, properties and full sources.
nlohmann::json entity_json(index::catalog const& cat, index::entity_idx i);

// A short reference to an entity: id, kind, names, point and time span, for lists.
nlohmann::json entity_ref(index::catalog const& cat, index::entity_idx i);

// /api/search: one result per hit with its representative point, score, and which name matched
// where (UTF-16 offsets, for JavaScript) and through which reading (pinyin, homophone, typo).
nlohmann::json search_json(index::catalog const& cat, std::string const& q,
                           std::vector<query::search_hit> const& hits);

// /api/suggest: the same hits, lighter, each with a `label` to show.
nlohmann::json suggest_json(index::catalog const& cat, std::string const& q,
                            std::vector<query::search_hit> const& hits);

// A GeoJSON FeatureCollection's text: "type", the entities as features (io::append_feature,
// written straight into the text: a page holds up to thousands), then the members of `more`
// (links, numberMatched, ...), which must be an object.
std::string feature_collection_text(index::catalog const& cat,
                                    std::span<index::entity_idx const> entities,
                                    nlohmann::json const& more, io::export_options const& opt = {});

// /api/features: a FeatureCollection with OGC-style paging members and links.
// `base_href` is the request path with its query less `offset` and `limit`.
std::string features_geojson(index::catalog const& cat, query::features_page const& page,
                             query::features_params const& p, std::string const& base_href);

// RFC 9457 problem details for an error; a bad request's names the field its message starts with.
nlohmann::json problem_json(error const& e, int status);

int http_status(error_kind k);

}  // namespace zhitu::server
