// SPDX-License-Identifier: Apache-2.0
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/read_flags.h"
#include "store/sqlite_store.h"

namespace zhitu::cli {

namespace {

struct check_config {
  std::string db_;
  std::vector<std::string> files_;
  read_flags read_;
};

}  // namespace

command add_check(CLI::App& app) {
  auto cfg = std::make_shared<check_config>();
  app.add_option("--db", cfg->db_, "store to check (integrity, schema, counts)");
  app.add_option("files", cfg->files_, "files to validate as `zhitu import` would, importing nothing")
      ->check(CLI::ExistingFile);
  cfg->read_.add_to(app);
  return [cfg] {
    if (cfg->db_.empty() && cfg->files_.empty()) {
      std::cerr << "zhitu check: give --db PATH, FILE..., or both\n";
      return kExitInputRejected;
    }
    auto status = 0;
    if (!cfg->files_.empty()) {
      std::vector<std::filesystem::path> files{cfg->files_.begin(), cfg->files_.end()};
      auto const out = io::read_files(files, cfg->read_.options());
      if (out.n_errors_ != 0) {
        status = report_read_errors(out);
      } else {
        std::cout << "files: ok, " << out.n_records_ << " records, " << out.batch_.entities_.size()
                  << " entities\n";
      }
    }
    if (!cfg->db_.empty()) {
      store::sqlite_store const store{cfg->db_, store::open_mode::kReadWrite};
      auto const problems = store.integrity_problems();
      for (auto const& p : problems) {
        std::cerr << cfg->db_ << ": " << p << '\n';
      }
      auto const s = store.stats();
      std::cout << "store " << cfg->db_ << ": " << (problems.empty() ? "ok" : "DAMAGED")
                << ", schema version " << s.schema_version_ << ", " << s.n_datasets_
                << " data sets, " << s.n_entities_ << " entities, " << s.n_relations_
                << " relations\n";
      if (!problems.empty()) {
        status = 2;
      }
    }
    return status;
  };
}

}  // namespace zhitu::cli
