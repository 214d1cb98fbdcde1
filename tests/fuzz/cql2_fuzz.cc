// SPDX-License-Identifier: Apache-2.0
// libFuzzer: parse_cql2 (the OGC filter parameter) on any bytes must not crash, hang or leak;
// every error is valid UTF-8 and names the filter, and a parsed filter lists its properties.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "io/detail/text.h"
#include "query/cql2.h"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const text{reinterpret_cast<char const*>(data), size};
  auto const f = zhitu::query::parse_cql2(text);
  if (!f) {
    auto const& m = f.err().message_;
    if (!m.starts_with("filter: ") || zhitu::io::detail::find_invalid_utf8(m)) {
      std::fprintf(stderr, "invariant violated: bad error message\n");
      std::abort();
    }
    return 0;
  }
  for (auto const& name : f->properties()) {
    if (name.empty() && text.find("\"\"") == std::string_view::npos) {
      std::fprintf(stderr, "invariant violated: empty property name\n");
      std::abort();
    }
  }
  return 0;
}
