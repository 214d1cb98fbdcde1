// SPDX-License-Identifier: Apache-2.0
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/read_flags.h"
#include "io/import.h"
#include "store/sqlite_store.h"

namespace zhitu::cli {

namespace {

struct import_config {
  std::string db_{default_db()};
  std::vector<std::string> files_;
  read_flags read_;
  bool replace_{false};
  bool progress_{false};
};

}  // namespace

command add_import(CLI::App& app) {
  auto cfg = std::make_shared<import_config>();
  app.add_option("--db", cfg->db_, "store file ($ZHITU_DB)")->capture_default_str();
  app.add_option("files", cfg->files_, "CSV or GeoJSON files, imported as one transaction")
      ->required()
      ->check(CLI::ExistingFile);
  cfg->read_.add_to(app);
  app.add_flag("--replace", cfg->replace_,
               "replace data sets imported before (default: refuse to import one twice)");
  app.add_flag("--progress", cfg->progress_,
               "print progress lines even when standard error is not a terminal");
  return [cfg] {
    auto const start = std::chrono::steady_clock::now();
    std::vector<std::filesystem::path> files{cfg->files_.begin(), cfg->files_.end()};
    auto const out = io::read_files(files, cfg->read_.options());
    if (out.n_errors_ != 0) {
      return report_read_errors(out);
    }
    if (auto const parent = std::filesystem::path{cfg->db_}.parent_path(); !parent.empty()) {
      std::filesystem::create_directories(parent);
    }
    store::sqlite_store store{cfg->db_, store::open_mode::kReadWrite};
    auto const on_terminal = isatty(STDERR_FILENO) != 0;
    auto const progress = [&](std::size_t done, std::size_t total) {
      if (on_terminal || cfg->progress_) {
        std::cerr << (on_terminal ? "\r" : "") << "importing: " << done << " / " << total
                  << " entities (" << (total == 0 ? 100 : done * 100 / total) << "%)"
                  << (on_terminal ? "" : "\n") << std::flush;
      }
    };
    auto const r = store.import(out.batch_,
                                cfg->replace_ ? store::on_existing::kReplace : store::on_existing::kFail,
                                progress);
    if (on_terminal) {
      std::cerr << '\n';
    }
    if (!r) {
      std::cerr << "zhitu: " << r.err().message_ << '\n';
      return kExitInputRejected;
    }
    auto const ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
    std::cerr << "zhitu: imported " << r->n_entities_ << " entities and " << r->n_relations_
              << " relations from " << files.size() << " file(s) into " << cfg->db_;
    if (r->n_replaced_ != 0) {
      std::cerr << " (replacing " << r->n_replaced_ << ")";
    }
    std::cerr << " in " << static_cast<long>(ms.count()) << " ms\n";
    return 0;
  };
}

}  // namespace zhitu::cli
