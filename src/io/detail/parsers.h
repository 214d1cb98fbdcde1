// SPDX-License-Identifier: Apache-2.0
// The format parsers and the meta-file reader behind `read_files`, `read_csv` and
// `read_geojson`. Each appends entities to `out.batch_`, counts `out.n_records_` and reports
// through `ctx`; none of them clears the batch on error (the callers do, once, at the end).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "io/detail/csv_reader.h"
#include "io/detail/records.h"
#include "io/import.h"

namespace zhitu::io::detail {

// Nesting deeper than this is refused before nlohmann parses it (dumping and comparing are
// recursive).
inline constexpr std::size_t kMaxJsonDepth = 128;

void parse_csv(std::string_view text, std::string const& file, file_meta const& meta,
               import_context& ctx, read_outcome& out);
void parse_geojson(std::string_view text, std::string const& file, file_meta const& meta,
                   import_context& ctx, read_outcome& out);
// The start of any CSV file: drops a UTF-8 BOM, checks the encoding and reads the header, the
// first non-blank row, into `header`. On a problem reports it ("empty file: expected
// <expected>") and returns nullopt; else the reader, positioned after the header.
std::optional<csv_reader> open_csv(std::string_view text, std::string const& file,
                                   std::string const& expected, import_context& ctx,
                                   csv_row& header);

// A relations file (`file_meta::records_`): appends to `out.batch_.relations_`.
void parse_relations_csv(std::string_view text, std::string const& file, file_meta const& meta,
                         import_context& ctx, read_outcome& out);

// An N-Triples file (format kNTriples): entities, and relations between them.
void parse_ntriples(std::string_view text, std::string const& file, file_meta const& meta,
                    import_context& ctx, read_outcome& out);

// Reports an invalid UTF-8 byte (with the GBK hint) and returns false.
bool check_utf8(std::string_view text, std::string const& file, import_context& ctx);

// Parses JSON text, reporting syntax errors (with the line), invalid UTF-8 and excessive nesting
// under `file`; nullopt after an error.
std::optional<nlohmann::json> parse_json(std::string_view text, std::string const& file,
                                         import_context& ctx);

// Reads a meta file's text into `meta` (and `format`), reporting every problem under
// `meta_file`. False when anything was wrong.
bool parse_meta(std::string_view text, std::string const& meta_file, file_meta& meta,
                import_context& ctx);

// The meta of data file `path` after its meta file and the flags in `opt`, or nullopt when the
// file cannot be read (errors already reported). A missing licence is reported but does not stop
// the file from being read, so its other errors are found too.
std::optional<file_meta> resolve_meta(std::filesystem::path const& path, import_options const& opt,
                                      import_context& ctx);

// A whole file, or nullopt after reporting why not (missing, a directory, unreadable) under
// `name`.
std::optional<std::string> read_text(std::filesystem::path const& path, std::string const& name,
                                     import_context& ctx);

// The data set's id must be valid and its licence present.
void check_dataset(model::dataset const& d, std::string const& file, import_context& ctx);

}  // namespace zhitu::io::detail
