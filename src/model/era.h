// SPDX-License-Identifier: Apache-2.0
// The dynasty and period gazetteer, and a parser for the free-text era of heritage records.
//
//   parse_era("唐");            // {618, 618, 907, 907}
//   parse_era("北魏至唐");       // {386, 386, 907, 907}: from the first's start to the last's end
//   parse_era("1938～1942年");   // {1938, 1938, 1942, 1942}
//   parse_era("清末");           // the last third of 清, its start fuzzy: {1822, 1844, 1911, 1912}
//   parse_era("新石器时代");      // fuzzy ends from the gazetteer
//   parse_era("[-5999..-4999]/-2999");   // ISO 8601-2 (EDTF) interval with a one-of start
//   find_era("唐")->id_;        // "dyn-tang"
//
// Years are astronomical (1 BCE = 0). The gazetteer is the table in era.cc; the bundled data
// file data/gazetteer/dynasties.csv holds the same entries as entities with their sources (a
// test keeps the two equal). Parsing costs O(length × gazetteer names); no allocation beyond
// the result.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "model/time_span.h"

namespace zhitu::model {

struct era_entry {
  std::string_view id_;       // entity id in the gazetteer data: "dyn-tang"
  std::string_view zh_;       // "唐"
  std::string_view en_;       // "Tang"
  std::string_view kind_;     // "dynasty" or "period"
  time_span span_;
  std::string_view aliases_;  // '|'-separated: "唐朝"
  std::string_view parent_;   // id of the enclosing era, or empty
};

// The year "今" (now) and open ends stand for.
constexpr std::int32_t kPresentYear = 2026;

std::span<era_entry const> era_gazetteer();

// By Chinese name or alias ("唐", "唐朝", "淸"), exact match.
era_entry const* find_era(std::string_view name);

// The span of a free-text era, or nullopt when any part of the text is not understood.
// Understood: gazetteer names and aliases, optionally with 代/朝/时期 and early/middle/late
// modifiers (初, 早期, 中期, 末, 晚期, 后期), joined by 至 ～ ~ — － - 、，and 到 or written
// together (明清); years (1938年, 公元前221年, 前221, 1921), centuries (13世纪), decades
// (20世纪50年代, 1950年代), 今 (the present); a parenthesised year range wins over the names
// before it ("高昌（公元500—640年）"). A BCE year followed by a bare larger year is read as
// crossing into CE ("公元前37～668年"), a smaller one as BCE ("公元前2000～1500年").
// Several parts give the hull: the earliest start and the latest end.
std::optional<time_span> parse_era(std::string_view text);

}  // namespace zhitu::model
