// SPDX-License-Identifier: Apache-2.0
// The zhitu fields a column or property maps to, their default names and the variants accepted
// when a field is left at its default (see `column_map`).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "io/import.h"

namespace zhitu::io::detail {

enum field_idx : std::size_t {
  kId,
  kName,
  kNameEn,
  kAliases,
  kKind,
  kLon,
  kLat,
  kEra,
  kStart,
  kEnd,
  kGeometry,
  kSourceTitle,
  kSourceUrl,
  kNumFields
};

struct field_def {
  std::string_view name_;  // as in the meta file's `columns`
  std::string column_map::*member_;
  std::array<std::string_view, 3> variants_;  // besides the default name; empty slots unused
};

inline constexpr std::array<field_def, kNumFields> kFields{{
    {"id", &column_map::id_, {}},
    {"name", &column_map::name_, {"name_zh"}},
    {"name_en", &column_map::name_en_, {}},
    {"aliases", &column_map::aliases_, {}},
    {"kind", &column_map::kind_, {}},
    {"lon", &column_map::lon_, {"lng", "longitude", "x"}},
    {"lat", &column_map::lat_, {"latitude", "y"}},
    {"era", &column_map::era_, {}},
    {"start", &column_map::start_, {}},
    {"end", &column_map::end_, {}},
    {"geometry", &column_map::geometry_, {}},
    {"source_title", &column_map::source_title_, {}},
    {"source_url", &column_map::source_url_, {}},
}};

// The column or property name `meta` maps field `f` to; empty when unmapped.
inline std::string const& mapped_name(file_meta const& meta, field_idx f) {
  return meta.columns_.*kFields[f].member_;
}

// Named on purpose (meta file or a non-default name): must be present, matched by name only.
bool is_explicit(file_meta const& meta, field_idx f);

}  // namespace zhitu::io::detail
