// SPDX-License-Identifier: Apache-2.0
// Small text helpers shared by the importers and exporters: UTF-8 checks, trimming, number
// parsing and formatting that round-trips, CSV quoting, and quoting values in error messages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace zhitu::io::detail {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Where the first invalid UTF-8 byte is, if any: 1-based line and byte column.
struct utf8_problem {
  std::size_t offset_;
  std::size_t line_;
  std::size_t column_;  // in bytes, 1-based
};
std::optional<utf8_problem> find_invalid_utf8(std::string_view text);

// `s` with every invalid UTF-8 byte replaced by U+FFFD (messages must be valid UTF-8: the
// server puts them into JSON, and nlohmann's own parse messages quote partial characters).
std::string valid_utf8(std::string s);

// Line breaks are LF, CRLF or a lone CR; returns the 1-based line of byte `offset`.
std::size_t line_of_offset(std::string_view text, std::size_t offset);

// Where JSON text first nests arrays and objects deeper than `limit` (outside strings), if it
// does: nlohmann parses any depth, but dumping and comparing recurse.
std::optional<std::size_t> find_too_deep_json(std::string_view text, std::size_t limit);

// Drops ASCII spaces and tabs (and, for header cells, CR/LF) at both ends.
std::string_view trim(std::string_view s);

bool iequals(std::string_view a, std::string_view b);

// `text` quoted for a message: JSON-style escapes, cut at about 60 bytes on a UTF-8 boundary.
std::string quote_value(std::string_view text);

// A finite or non-finite double; nullopt unless the whole text is a number.
std::optional<double> parse_double(std::string_view text);

// The shortest fixed-notation text that reads back as `v` ("112.4712691", "0.00001", "3").
std::string format_double(double v);

// Appends the shortest fixed-notation text of a finite `v` (format_double without allocating).
void append_double(std::string& out, double v);

// Appends `s` as a JSON string: quoted, with `"`, `\` and control characters escaped, other
// characters as they are; invalid UTF-8 bytes become U+FFFD (as nlohmann's `replace` handler).
void append_json_string(std::string& out, std::string_view s);

// Rounds to 1e-7 degrees (about 1 cm), the precision coordinates are kept at.
double round_coordinate(double v);

// Appends format_double(round_coordinate(v)), the same text, from whole 1e-7 steps instead of
// a shortest-digits search (the 7-decimal text is the shortest that reads back: a shorter one
// would differ by at least 1e-7). REQUIRES: |v| < 1e9.
void append_coordinate(std::string& out, double v);

// A CSV value as a property: canonical decimals (`-?(0|[1-9]\d*)(\.\d+)?`) become JSON numbers
// when the number holds them exactly; everything else ("0371", "1e5", "+1") stays a string.
nlohmann::json property_value(std::string_view text);

// A JSON value as CSV cell text: strings as is, numbers as format_double, null as empty, objects
// and arrays as compact JSON.
std::string cell_text(nlohmann::json const& v);

// RFC 4180: quoted when the value holds `,` `"` CR or LF, or starts or ends with a blank.
void append_csv_field(std::string& out, std::string_view value);

}  // namespace zhitu::io::detail
