// SPDX-License-Identifier: Apache-2.0
// The one folding applied to names and queries alike, so that they compare byte-wise:
// ASCII and full-width Latin letters lower-cased to ASCII, full-width digits to ASCII, and
// spaces and joining punctuation (· - ' ( ) （ ） 、 and the like) dropped.
//
//   normalize_name("Longmen Grottoes") == "longmengrottoes"
//   normalize_name("龙门石窟（奉先寺）") == "龙门石窟奉先寺"
//
// Input should be valid UTF-8 (the importers guarantee it for names); a stray byte is kept as
// the code point of the same value.
#pragma once

#include <string>
#include <string_view>

namespace zhitu::index {

std::string normalize_name(std::string_view text);

}  // namespace zhitu::index
