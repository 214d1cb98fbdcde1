// SPDX-License-Identifier: Apache-2.0
// Importers: CSV, GeoJSON and N-Triples files → a validated `model::batch`, or every error found.
//
//   import_options opt;
//   opt.crs_ = model::crs::kGcj02;                       // --crs gcj02
//   auto const out = read_files({"sites.csv"}, opt);     // reads sites.csv.meta.json if present
//   for (auto const& e : out.errors_) { std::cerr << e.to_string() << '\n'; }
//   if (out.ok()) { store.import(out.batch_, ...); }          // else: n_errors_ errors in all
//
// A file's sidecar `<file>.meta.json` (or `--map FILE`) names its data set (id, title, licence,
// url, attribution), format, CRS, default kind, which columns/properties hold id, name, name_en,
// aliases, kind, lon, lat, era, start, end, source_title, source_url, whether geometry is required
// and whether every record must cite a source. Flags override it. A meta file with
// `"records": "relations"` makes its CSV file a list of relations (subject, predicate, object,
// start, end, source_title, source_url) between entities of this import or of the store. An
// N-Triples file (`.nt`, Wikidata-style) gives entities and the relations between them.
// Everything else in a row or feature is kept as an entity property. Nothing is half-read: after
// any error `batch_` holds no entities, and the caller must not import it. Sources name the row
// as "line N" (where a CSV record starts, the header is line 1) or "feature N" (0-based index in
// the GeoJSON `features` array). Cost: one pass over each file, which is held in memory.
// See docs/importing.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/batch.h"
#include "model/crs.h"

namespace zhitu::io {

enum class file_format : std::uint8_t { kCsv, kGeoJson, kNTriples };
enum class record_kind : std::uint8_t { kEntities, kRelations };

// The zhitu fields a column (CSV) or property (GeoJSON) can be mapped to. An empty name leaves
// the field unmapped. A field still at its default name is looked up leniently: CSV headers match
// case-insensitively and also by common variants (`name_zh`; `lng`, `longitude`, `x`;
// `latitude`, `y`), and the field is simply absent when no column matches. A field given another
// name, or listed in `file_meta::explicit_fields_`, must be in the header. GeoJSON reads
// id, names, aliases, kind, era, start and end from properties; lon, lat and geometry are unused
// there (the feature's geometry is the location).
struct column_map {
  std::string id_{"id"};
  std::string name_{"name"};
  std::string name_en_{"name_en"};
  std::string aliases_{"aliases"};
  std::string kind_{"kind"};
  std::string lon_{"lon"};
  std::string lat_{"lat"};
  std::string era_{"era"};
  std::string start_{"start"};
  std::string end_{"end"};
  std::string geometry_{"geometry"};  // CSV only: GeoJSON geometry text, for rows without lon/lat
  std::string source_title_{"source_title"};  // the public reference this record cites
  std::string source_url_{"source_url"};
};

// Everything known about one input file after reading its sidecar and applying flags.
struct file_meta {
  model::dataset dataset_;
  std::optional<file_format> format_;  // nullopt: from the file name's extension
  model::crs crs_{model::crs::kWgs84};
  std::string kind_;  // default kind when no kind column/property
  column_map columns_;
  // Fields named in the meta file's `columns` ("id", "lon", ...): the CSV header must have them.
  std::vector<std::string> explicit_fields_;
  bool geometry_required_{true};
  record_kind records_{record_kind::kEntities};
  // Every record must cite its own source (title and http(s) URL): curated facts such as the
  // atlas. Otherwise a citation is optional, but a title needs its URL and the other way round.
  bool citations_required_{false};
  // N-Triples: classes (objects of wdt:P31 / rdf:type, by IRI or last segment) → kinds, and
  // predicates → relation or property names (default: the last segment in snake_case).
  std::map<std::string, std::string> rdf_kinds_;
  std::map<std::string, std::string> rdf_predicates_;
};

struct import_options {
  std::optional<file_format> format_;
  std::optional<model::crs> crs_;
  std::optional<std::string> dataset_id_;
  std::optional<std::string> title_;
  std::optional<std::string> licence_;
  std::optional<std::string> url_;
  std::optional<std::string> kind_;
  std::optional<std::filesystem::path> meta_path_;  // --map: used instead of every sidecar
  std::size_t max_errors_{100};                     // errors kept; all are counted
};

struct input_error {
  std::string file_;
  std::size_t line_{0};                 // 1-based; 0 when the error has no line
  std::optional<std::size_t> feature_;  // 0-based GeoJSON feature index
  std::string field_;                   // column or property name; may be empty
  std::string message_;

  // "sites.csv:12: lon: expected a number, got \"abc\"" or
  // "areas.geojson: feature 3: geometry.coordinates[0]: linear ring is not closed ..."
  std::string to_string() const;
};

struct read_outcome {
  model::batch batch_;
  std::vector<input_error> errors_;  // at most max_errors_
  std::size_t n_errors_{0};          // all errors found, even past max_errors_
  std::size_t n_records_{0};         // rows or features read

  bool ok() const { return n_errors_ == 0; }
};

// Reads every file as one import: ids must be unique across all of them. Per file: the meta file
// (`opt.meta_path_`, else `<file>.meta.json` if present), then the flags in `opt`; the data set
// id defaults to the file's stem, the title to the id; a licence is required. Files that share a
// data set id must describe it identically; their records then name the file ("a.csv line 3").
// Inputs ending in `.meta.json` are skipped when their data file is also listed (shell globs).
// Unreadable files are input errors, not exceptions.
read_outcome read_files(std::vector<std::filesystem::path> const& files, import_options const& opt);

// The parsers behind read_files, on text in memory (tests, fuzzing, uploads). `file_name` is used
// in messages; `meta` must be complete (format_ is ignored; the data set needs an id and a
// licence, else that is an error). The batch gets `meta.dataset_`, `file_name` and the entities;
// ids are checked unique within the text (read_files checks across files).
read_outcome read_csv(std::string_view text, std::string const& file_name, file_meta const& meta,
                      std::size_t max_errors);
read_outcome read_geojson(std::string_view text, std::string const& file_name,
                          file_meta const& meta, std::size_t max_errors);
read_outcome read_ntriples(std::string_view text, std::string const& file_name,
                           file_meta const& meta, std::size_t max_errors);

}  // namespace zhitu::io
