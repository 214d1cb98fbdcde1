// SPDX-License-Identifier: Apache-2.0
// libFuzzer: read_ntriples on any bytes must not crash, hang or leak, and must keep the
// invariants in fuzz_util.h (including CSV and GeoJSON export round trips).
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace zhitu::io;
  std::string_view text{reinterpret_cast<char const*>(data), size};
  auto meta = fuzz::pick_meta(text);
  meta.rdf_kinds_ = {{"Q9259", "world_heritage"}};
  meta.rdf_predicates_ = {{"P131", "located_in"}};
  auto const out = read_ntriples(text, "fuzz.nt", meta, fuzz::kMaxErrors);
  fuzz::check_outcome(out, meta);
  fuzz::check_round_trips(out, meta);
  return 0;
}
