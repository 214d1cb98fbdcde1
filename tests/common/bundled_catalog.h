// SPDX-License-Identifier: Apache-2.0
// The catalog of every bundled data file (data/), as `make demo` imports it, for the labelled
// query and annotation sets.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <vector>

#include "common/fixtures.h"
#include "index/catalog.h"
#include "io/import.h"

namespace zhitu::test {

inline std::shared_ptr<index::catalog const> bundled_catalog() {
  std::vector<std::filesystem::path> files;
  for (auto const* dir : {"heritage", "rail", "admin", "gazetteer", "atlas"}) {
    for (auto const& f : std::filesystem::directory_iterator{source_dir() / "data" / dir}) {
      auto const ext = f.path().extension();
      if (f.is_regular_file() && (ext == ".csv" || ext == ".geojson")) {
        files.push_back(f.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  auto out = io::read_files(files, {});
  EXPECT_TRUE(out.ok()) << (out.errors_.empty() ? "" : out.errors_.front().to_string());
  return index::catalog::build(std::move(out.batch_.entities_), std::move(out.batch_.datasets_),
                               std::move(out.batch_.relations_));
}

}  // namespace zhitu::test
