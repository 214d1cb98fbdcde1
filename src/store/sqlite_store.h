// SPDX-License-Identifier: Apache-2.0
// The system of record: entities, relations and data sets in one SQLite file (WAL mode).
//
//   sqlite_store store{"var/zhitu.db", open_mode::kReadWrite};   // creates and migrates
//   model::batch batch = io::read_files(files, options).batch_;
//   auto const r = store.import(batch, on_existing::kFail);      // one transaction
//   if (!r) { report(r.err()); }                                 // conflict: nothing changed
//   std::vector<model::entity> all = store.load_entities();      // for the in-memory engine
//
// An import is one transaction with `synchronous=FULL`: it returns only once the commit is on
// disk, and a process killed at any moment leaves the store exactly as before the import.
// Readers (the server) never block the writer and see each import whole or not at all;
// `data_version()` tells them when to reload.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "model/batch.h"
#include "model/check.h"
#include "model/result.h"

namespace zhitu::store {

namespace detail {
class connection;
}

enum class open_mode : std::uint8_t { kReadOnly, kReadWrite };

// What to do when a data set in the batch was imported before.
enum class on_existing : std::uint8_t { kFail, kReplace };

struct import_summary {
  std::size_t n_entities_{0};
  std::size_t n_relations_{0};
  std::size_t n_replaced_{0};  // entities removed because their data set was re-imported
};

struct store_stats {
  std::int64_t schema_version_;
  std::size_t n_entities_;
  std::size_t n_relations_;
  std::size_t n_datasets_;
};

// Called with (entities written, entities in batch) while an import runs.
using progress_fn = std::function<void(std::size_t, std::size_t)>;

class sqlite_store {
 public:
  static constexpr std::int64_t kSchemaVersion = 2;

  // Throws zhitu::exception when the file cannot be opened, is not a zhitu store, or has a
  // schema newer than this build knows.
  sqlite_store(std::filesystem::path const& path, open_mode mode);
  ~sqlite_store();
  sqlite_store(sqlite_store const&) = delete;
  sqlite_store& operator=(sqlite_store const&) = delete;

  // REQUIRES: open_mode::kReadWrite. Entity ids in the batch are unique (io checks that).
  result<import_summary> import(model::batch const& batch, on_existing existing,
                                progress_fn const& progress = {});

  std::vector<model::dataset> load_datasets() const;
  std::vector<model::entity> load_entities() const;
  std::vector<model::relation> load_relations() const;

  store_stats stats() const;

  // Changes whenever another connection commits; cheap to poll.
  std::int64_t data_version() const;

  // SQLite's own consistency check; empty when the file is sound.
  std::vector<std::string> integrity_problems() const;

 private:
  void migrate();

  std::unique_ptr<detail::connection> db_;
  open_mode mode_;
};

}  // namespace zhitu::store
