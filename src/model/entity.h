// SPDX-License-Identifier: Apache-2.0
// The knowledge graph's value types: entities, relations, and where each came from.
//
//   entity e;
//   e.id_ = "nhs-1-37";  e.kind_ = "heritage_site";
//   e.names_ = {.zh_ = "龙门石窟", .en_ = "Longmen Grottoes", .aliases_ = {"伊阙"}};
//   e.geometry_ = make_point({112.471269, 34.559899});
//   e.sources_ = {{.dataset_ = "national_heritage_sites", .record_ = "line 38"}};
//
// Provenance is not optional: every entity and relation names its data set and the row or
// feature it came from; the data set carries title, licence and URL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/geometry.h"
#include "model/time_span.h"

namespace zhitu::model {

struct dataset {
  std::string id_;
  std::string title_;
  std::string licence_;
  std::string url_;
  std::string attribution_;
  friend bool operator==(dataset const&, dataset const&) = default;
};

struct source_ref {
  std::string dataset_;
  std::string record_;  // "line 38" (CSV) or "feature 12" (GeoJSON)
  // The public reference the record cites for its fact (curated data sets such as the atlas
  // require one per row); both empty when the data set as a whole is the source.
  std::string title_;
  std::string url_;
  friend bool operator==(source_ref const&, source_ref const&) = default;
};

struct names {
  std::string zh_;
  std::string en_;
  std::vector<std::string> aliases_;
  // The name to show when no language is preferred: Chinese first.
  std::string const& primary() const { return zh_.empty() ? en_ : zh_; }
  friend bool operator==(names const&, names const&) = default;
};

struct entity {
  std::string id_;
  std::string kind_;
  names names_;
  std::optional<geometry> geometry_;
  std::optional<time_span> time_;
  std::string properties_{"{}"};  // a JSON object, kept as text: cheap to hold, store and emit
  std::vector<source_ref> sources_;
  friend bool operator==(entity const&, entity const&) = default;
};

// Asks the cache for every line of `e`: a page or tile visits entities scattered over a catalog
// far larger than the caches, and asking some entities ahead lets those round trips overlap.
// Its heap parts (names, vertices, ...) can be asked for once it has arrived.
inline void prefetch(entity const& e) {
  auto const* const first = reinterpret_cast<char const*>(&e);
  for (auto const* p = first; p < first + sizeof(e); p += 64) {
    __builtin_prefetch(p);
  }
  __builtin_prefetch(first + sizeof(e) - 1);
}

struct relation {
  std::string subject_;
  std::string predicate_;
  std::string object_;
  std::optional<time_span> time_;
  source_ref source_;
  friend bool operator==(relation const&, relation const&) = default;
};

// Ids are printable, at most 200 bytes, with no whitespace, '/', '?' or '#', so they fit in a URL
// path segment once percent-encoded and in a file name.
bool is_valid_id(std::string_view id);

// Kinds and predicates are lower_snake_case ASCII: `heritage_site`, `station`, `county`;
// `part_of`, `buried_at`.
bool is_valid_kind(std::string_view kind);

// A cited reference's address: http(s)://, a host, and no whitespace or control characters.
bool is_valid_source_url(std::string_view url);

}  // namespace zhitu::model
