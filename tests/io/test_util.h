// SPDX-License-Identifier: Apache-2.0
// Helpers for the io tests: a complete file_meta, error texts, files in a fresh temp folder.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "io/import.h"

namespace zhitu::io::test {

inline file_meta make_meta(std::string kind = "heritage_site") {
  file_meta m;
  m.dataset_ = {.id_ = "test_set", .title_ = "Test set", .licence_ = "CC0-1.0"};
  m.kind_ = std::move(kind);
  return m;
}

inline std::vector<std::string> messages(read_outcome const& out) {
  std::vector<std::string> v;
  for (auto const& e : out.errors_) {
    v.push_back(e.to_string());
  }
  return v;
}

inline read_outcome csv(std::string_view text, file_meta const& meta = make_meta()) {
  return read_csv(text, "t.csv", meta, 100);
}

inline read_outcome geojson(std::string_view text, file_meta const& meta = make_meta()) {
  return read_geojson(text, "t.geojson", meta, 100);
}

// A fresh, empty folder per test.
inline std::filesystem::path temp_dir() {
  auto const* info = ::testing::UnitTest::GetInstance()->current_test_info();
  auto const dir = std::filesystem::temp_directory_path() / "zhitu-io-test" /
                   (std::string{info->test_suite_name()} + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::filesystem::path write_file(std::filesystem::path const& path, std::string_view text) {
  std::ofstream out{path, std::ios::binary};
  out << text;
  return path;
}

inline std::filesystem::path data_file(std::string_view relative) {
  return std::filesystem::path{ZHITU_SOURCE_DIR} / "data" / relative;
}

}  // namespace zhitu::io::test
