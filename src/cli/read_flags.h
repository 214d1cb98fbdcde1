// SPDX-License-Identifier: Apache-2.0
// The flags that say how input files are read, shared by `import` and `check`.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "io/import.h"

namespace zhitu::cli {

struct read_flags {
  std::string format_;
  std::string crs_;
  std::string dataset_;
  std::string title_;
  std::string licence_;
  std::string url_;
  std::string kind_;
  std::string map_;
  std::size_t max_errors_{100};

  void add_to(CLI::App& app);
  io::import_options options() const;
};

// Prints every error of a rejected read and a summary line; returns kExitInputRejected.
int report_read_errors(io::read_outcome const& out);

}  // namespace zhitu::cli
