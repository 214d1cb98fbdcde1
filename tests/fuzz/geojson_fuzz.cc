// SPDX-License-Identifier: Apache-2.0
// libFuzzer: read_geojson on any bytes must not crash, hang or leak, and must keep the
// invariants in fuzz_util.h (including CSV and GeoJSON export round trips).
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace zhitu::io;
  std::string_view text{reinterpret_cast<char const*>(data), size};
  auto const meta = fuzz::pick_meta(text);
  auto const out = read_geojson(text, "fuzz.geojson", meta, fuzz::kMaxErrors);
  fuzz::check_outcome(out, meta);
  fuzz::check_round_trips(out, meta);
  return 0;
}
