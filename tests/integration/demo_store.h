// SPDX-License-Identifier: Apache-2.0
// The bundled demo data (every file under data/ with a .meta.json sidecar, less data/samples),
// imported with the real binary into a temporary store.
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "common/fixtures.h"
#include "integration/process.h"

namespace zhitu::test {

inline std::vector<std::string> bundled_data_files() {
  std::vector<std::string> files;
  auto const data = source_dir() / "data";
  for (auto const& e : std::filesystem::recursive_directory_iterator(data)) {
    auto const p = e.path();
    auto const rel = std::filesystem::relative(p, data).string();
    if (e.is_regular_file() && !rel.starts_with("samples/") &&
        std::filesystem::exists(p.string() + ".meta.json")) {
      files.push_back(p.string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Imports the demo data into `db`; returns the import's result.
inline run_result import_demo_data(std::filesystem::path const& db) {
  std::vector<std::string> argv{zhitu_binary(), "import", "--db", db.string()};
  auto const files = bundled_data_files();
  argv.insert(argv.end(), files.begin(), files.end());
  return run(argv);
}

}  // namespace zhitu::test
