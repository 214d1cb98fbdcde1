// SPDX-License-Identifier: Apache-2.0
// Small hand-made entities and temporary directories for tests.
#pragma once

#include <filesystem>
#include <random>
#include <string>

#include "model/entity.h"

namespace zhitu::test {

inline model::entity make_entity(std::string id, std::string kind, std::string zh, std::string en,
                                 double lon, double lat) {
  model::entity e;
  e.id_ = std::move(id);
  e.kind_ = std::move(kind);
  e.names_.zh_ = std::move(zh);
  e.names_.en_ = std::move(en);
  e.geometry_ = model::make_point({lon, lat});
  e.sources_ = {{"test", "line 1"}};
  return e;
}

inline model::dataset test_dataset(std::string id = "test") {
  return {std::move(id), "Test data", "CC0-1.0", "https://example.org/test", "zhitu tests"};
}

// A fresh directory under the system temp dir, removed with the object.
class temp_dir {
 public:
  temp_dir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("zhitu-test-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  temp_dir(temp_dir const&) = delete;
  temp_dir& operator=(temp_dir const&) = delete;
  std::filesystem::path const& path() const { return path_; }
  std::filesystem::path operator/(std::string const& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline std::filesystem::path source_dir() { return ZHITU_SOURCE_DIR; }

}  // namespace zhitu::test
