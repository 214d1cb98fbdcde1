// SPDX-License-Identifier: Apache-2.0
// What the CSV and GeoJSON importers share: the error sink with its limit, the registry that
// keeps ids unique across an import, and `record_builder`, which validates one row or feature's
// fields into an entity.
//
//   import_context ctx{out.errors_, out.n_errors_, max_errors};
//   record_builder b{ctx, meta, "sites.csv", 12, std::nullopt};
//   b.set_id(id_text, "id");
//   b.set_names(name, name_en, "name");
//   ...
//   if (auto e = b.finish("line 12")) { out.batch_.entities_.push_back(std::move(*e)); }
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "io/import.h"
#include "model/entity.h"

namespace zhitu::io::detail {

struct import_context {
  import_context(std::vector<input_error>& errors, std::size_t& n_errors, std::size_t max_errors)
      : errors_{errors}, n_errors_{n_errors}, max_errors_{max_errors} {}

  // Counts every error; keeps the first `max_errors_`.
  void report(input_error e);

  std::vector<input_error>& errors_;
  std::size_t& n_errors_;
  std::size_t max_errors_;
  // id → where it first appeared ("sites.csv:3", "areas.geojson: feature 2").
  std::unordered_map<std::string, std::string> first_seen_;
};

// "sites.csv:12" or "areas.geojson: feature 3": for `first at …` in duplicate-id messages.
std::string location_text(std::string const& file, std::size_t line,
                          std::optional<std::size_t> feature);

// What is wrong with a record's citation, as (field, message); nullopt when it is fine. Both
// values trimmed; with `required` both must be present, else both or neither.
std::optional<std::pair<std::string, std::string>> citation_problem(std::string_view title,
                                                                    std::string_view url,
                                                                    bool required,
                                                                    std::string const& title_field,
                                                                    std::string const& url_field);

class record_builder {
 public:
  record_builder(import_context& ctx, file_meta const& meta, std::string const& file,
                 std::size_t line, std::optional<std::size_t> feature);

  void fail(std::string field, std::string message);
  // Drops the record without a message: its problem was reported once for the whole file.
  void fail_silently() { failed_ = true; }
  bool failed() const { return failed_; }

  // Each setter validates and reports under `field` (the column or property name).
  void set_id(std::string_view text, std::string const& field);
  // At least one of the two; `field` names the zh name's column for the message.
  void set_names(std::string_view zh, std::string_view en, std::string const& field);
  // Empty text: the data set's default kind. Call for every record.
  void set_kind(std::string_view text, std::string const& field);
  // Trimmed; empties and repeats of a name or of an earlier alias are dropped.
  void add_alias(std::string_view text);
  // Aliases as one text: `a|b|c`.
  void add_aliases_text(std::string_view text);
  // A year or a one-of range ("[1822..1844]", what exports write for a fuzzy end); nullopt for
  // an empty value; reports unparseable text.
  std::optional<model::year_range> parse_year_text(std::string_view text, std::string const& field);
  // One end alone stands for both; a start after the end is an error reported on `end_field`.
  void set_years(std::optional<model::year_range> start, std::optional<model::year_range> end,
                 std::string const& end_field);
  // A geometry in the file's CRS, already validated: converted to WGS84 and rounded to 1e-7°.
  // Reports a conversion that leaves the valid range (BD-09 near the antimeridian or poles).
  void set_geometry(model::geometry g, std::string const& field);
  void set_property(std::string const& key, nlohmann::json value);
  // The free-text era as property "era"; when no start/end year gave the record a span, the
  // span parsed from it (`model::parse_era`: 明, 北魏至唐, 1938～1942年). Text that does not
  // parse stays a property only: eras are free text, not an error.
  void set_era(std::string_view text);
  // A missing geometry: an error when the data set requires one.
  void no_geometry(std::string const& field);
  // The reference this record cites (see `file_meta::citations_required_`).
  void set_citation(std::string_view title, std::string_view url, std::string const& title_field,
                    std::string const& url_field);

  // The entity, or nullopt when any check failed.
  std::optional<model::entity> finish(std::string record);

 private:
  import_context& ctx_;
  file_meta const& meta_;
  std::string const& file_;
  std::size_t line_;
  std::optional<std::size_t> feature_;
  bool failed_{false};
  model::entity e_;
  std::vector<std::string> pending_aliases_;
  model::source_ref citation_;
  nlohmann::json properties_ = nlohmann::json::object();
};

}  // namespace zhitu::io::detail
