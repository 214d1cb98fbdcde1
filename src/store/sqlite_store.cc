// SPDX-License-Identifier: Apache-2.0
#include "store/sqlite_store.h"

#include <array>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_set>

#include "model/geojson.h"
#include "store/detail/sqlite.h"

namespace zhitu::store {

using detail::statement;
using nlohmann::json;

namespace {

// Migration i brings the schema from version i to i + 1. Never edit a released step: add one.
constexpr std::array<std::string_view, 2> kMigrations = {R"sql(
CREATE TABLE datasets(
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  licence TEXT NOT NULL,
  url TEXT NOT NULL,
  attribution TEXT NOT NULL,
  files TEXT NOT NULL,
  imported_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE entities(
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  aliases TEXT NOT NULL,
  geometry TEXT,
  min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL,
  start_earliest INTEGER, start_latest INTEGER, end_earliest INTEGER, end_latest INTEGER,
  properties TEXT NOT NULL,
  dataset TEXT NOT NULL REFERENCES datasets(id),
  sources TEXT NOT NULL
);
CREATE INDEX entities_dataset ON entities(dataset);
CREATE INDEX entities_kind ON entities(kind);
CREATE TABLE relations(
  subject TEXT NOT NULL,
  predicate TEXT NOT NULL,
  object TEXT NOT NULL,
  start_earliest INTEGER, start_latest INTEGER, end_earliest INTEGER, end_latest INTEGER,
  dataset TEXT NOT NULL REFERENCES datasets(id),
  record TEXT NOT NULL
);
CREATE INDEX relations_subject ON relations(subject, predicate);
CREATE INDEX relations_object ON relations(object, predicate);
CREATE INDEX relations_dataset ON relations(dataset);
CREATE TABLE imports(
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  datasets TEXT NOT NULL,
  files TEXT NOT NULL,
  n_entities INTEGER NOT NULL,
  n_relations INTEGER NOT NULL
);
)sql",
                                                          // 2: a relation cites its own source.
                                                          R"sql(
ALTER TABLE relations ADD COLUMN source_title TEXT NOT NULL DEFAULT '';
ALTER TABLE relations ADD COLUMN source_url TEXT NOT NULL DEFAULT '';
)sql"};

constexpr auto kMaxConflictsListed = 10U;

std::string now_utc() {
  auto const now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::array<char, 32> buf{};
  return {buf.data(), std::strftime(buf.data(), buf.size(), "%FT%TZ", &tm)};
}

json to_json_array(std::vector<std::string> const& v) { return json(v); }

void bind_span(statement& st, int first_idx, std::optional<model::time_span> const& t) {
  if (t) {
    st.bind(first_idx, std::int64_t{t->start_earliest_})
        .bind(first_idx + 1, std::int64_t{t->start_latest_})
        .bind(first_idx + 2, std::int64_t{t->end_earliest_})
        .bind(first_idx + 3, std::int64_t{t->end_latest_});
  } else {
    for (auto i = 0; i < 4; ++i) {
      st.bind_null(first_idx + i);
    }
  }
}

std::optional<model::time_span> read_span(statement const& st, int first_col) {
  if (st.is_null(first_col)) {
    return std::nullopt;
  }
  return model::time_span{static_cast<std::int32_t>(st.integer(first_col)),
                          static_cast<std::int32_t>(st.integer(first_col + 1)),
                          static_cast<std::int32_t>(st.integer(first_col + 2)),
                          static_cast<std::int32_t>(st.integer(first_col + 3))};
}

std::string sources_json(std::vector<model::source_ref> const& sources) {
  auto out = json::array();
  for (auto const& s : sources) {
    auto j = json{{"dataset", s.dataset_}, {"record", s.record_}};
    if (!s.url_.empty()) {
      j["title"] = s.title_;
      j["url"] = s.url_;
    }
    out.push_back(std::move(j));
  }
  return out.dump();
}

}  // namespace

sqlite_store::sqlite_store(std::filesystem::path const& path, open_mode mode) : mode_{mode} {
  if (mode == open_mode::kReadOnly && !std::filesystem::exists(path)) {
    throw zhitu::exception("no store at " + path.string() + ": run `zhitu import --db " +
                           path.string() + " FILE...` first");
  }
  auto const flags = mode == open_mode::kReadOnly ? SQLITE_OPEN_READONLY
                                                  : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  db_ = std::make_unique<detail::connection>(path.string(), flags | SQLITE_OPEN_NOMUTEX);
  if (mode == open_mode::kReadWrite) {
    db_->exec("PRAGMA journal_mode=WAL");
  }
  // FULL: the WAL is synced at every commit, so an acknowledged import survives power loss.
  db_->exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON");
  migrate();
}

sqlite_store::~sqlite_store() = default;

void sqlite_store::migrate() {
  auto const version = db_->scalar("PRAGMA user_version");
  if (version > kSchemaVersion) {
    throw zhitu::exception("store schema version " + std::to_string(version) +
                           " is newer than this build's " + std::to_string(kSchemaVersion) +
                           ": upgrade zhitu");
  }
  if (version == kSchemaVersion) {
    return;
  }
  if (version == 0 && db_->scalar("SELECT count(*) FROM sqlite_master") != 0) {
    throw zhitu::exception("not a zhitu store (it has tables but no zhitu schema version)");
  }
  if (mode_ == open_mode::kReadOnly) {
    throw zhitu::exception("store schema version " + std::to_string(version) +
                           " needs migrating: open it once read-write (e.g. `zhitu check`)");
  }
  db_->exec("BEGIN IMMEDIATE");
  try {
    for (auto v = version; v < kSchemaVersion; ++v) {
      db_->exec(kMigrations[static_cast<std::size_t>(v)]);
    }
    db_->exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
    db_->exec("COMMIT");
  } catch (...) {
    db_->exec("ROLLBACK");
    throw;
  }
}

result<import_summary> sqlite_store::import(model::batch const& batch, on_existing existing,
                                            progress_fn const& progress) {
  ZHITU_CHECK(mode_ == open_mode::kReadWrite, "import on a read-only store");
  auto* const db = db_->get();
  db_->exec("BEGIN IMMEDIATE");
  try {
    import_summary summary;
    std::unordered_set<std::string> batch_datasets;
    for (auto const& d : batch.datasets_) {
      batch_datasets.insert(d.id_);
      statement exists{db, "SELECT count(*) FROM datasets WHERE id = ?"};
      exists.bind(1, d.id_);
      exists.step();
      if (exists.integer(0) != 0) {
        if (existing == on_existing::kFail) {
          db_->exec("ROLLBACK");
          return error{error_kind::kConflict,
                       "data set \"" + d.id_ +
                           "\" is already in the store; pass --replace to import it again"};
        }
        statement count{db, "SELECT count(*) FROM entities WHERE dataset = ?"};
        count.bind(1, d.id_);
        count.step();
        summary.n_replaced_ += static_cast<std::size_t>(count.integer(0));
        for (auto const* sql : {"DELETE FROM relations WHERE dataset = ?",
                                "DELETE FROM entities WHERE dataset = ?",
                                "DELETE FROM datasets WHERE id = ?"}) {
          statement del{db, sql};
          del.bind(1, d.id_);
          del.run();
        }
      }
      statement ins{db,
                    "INSERT INTO datasets(id, title, licence, url, attribution, files, "
                    "imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)"};
      ins.bind(1, d.id_).bind(2, d.title_).bind(3, d.licence_).bind(4, d.url_);
      ins.bind(5, d.attribution_).bind(6, to_json_array(batch.files_).dump()).bind(7, now_utc());
      ins.run();
    }

    // Ids already owned by another data set are conflicts, not silent overwrites.
    std::vector<std::string> conflicts;
    std::size_t n_conflicts = 0;
    statement owner{db, "SELECT dataset FROM entities WHERE id = ?"};
    statement ins{db,
                  "INSERT INTO entities(id, kind, name_zh, name_en, aliases, geometry, min_lon, "
                  "min_lat, max_lon, max_lat, start_earliest, start_latest, end_earliest, "
                  "end_latest, properties, dataset, sources) VALUES "
                  "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
    auto const n = batch.entities_.size();
    for (std::size_t i = 0; i < n; ++i) {
      auto const& e = batch.entities_[i];
      ZHITU_CHECK(!e.sources_.empty(), "entity without source: " + e.id_);
      owner.bind(1, e.id_);
      if (owner.step()) {
        if (conflicts.size() < kMaxConflictsListed) {
          conflicts.push_back(e.id_ + " (in data set " + std::string{owner.text(0)} + ")");
        }
        ++n_conflicts;
        owner.reset();
        continue;
      }
      owner.reset();
      ins.bind(1, e.id_).bind(2, e.kind_).bind(3, e.names_.zh_).bind(4, e.names_.en_);
      ins.bind(5, to_json_array(e.names_.aliases_).dump());
      if (e.geometry_) {
        auto const b = model::bounds(*e.geometry_);
        ins.bind(6, model::geometry_to_geojson(*e.geometry_).dump());
        ins.bind(7, b.min_lon_).bind(8, b.min_lat_).bind(9, b.max_lon_).bind(10, b.max_lat_);
      } else {
        for (auto c = 6; c <= 10; ++c) {
          ins.bind_null(c);
        }
      }
      bind_span(ins, 11, e.time_);
      ins.bind(15, e.properties_).bind(16, e.sources_.front().dataset_);
      ins.bind(17, sources_json(e.sources_));
      ins.run();
      ++summary.n_entities_;
      if (progress && (i % 4096 == 0 || i + 1 == n)) {
        progress(i + 1, n);
      }
    }
    if (n_conflicts != 0) {
      db_->exec("ROLLBACK");
      std::string msg = std::to_string(n_conflicts) +
                        " id(s) already belong to other data sets; nothing was imported: ";
      for (std::size_t i = 0; i < conflicts.size(); ++i) {
        msg += (i == 0 ? "" : ", ") + conflicts[i];
      }
      return error{error_kind::kConflict, msg};
    }

    statement known{db, "SELECT count(*) FROM entities WHERE id = ?"};
    statement rel{db,
                  "INSERT INTO relations(subject, predicate, object, start_earliest, "
                  "start_latest, end_earliest, end_latest, dataset, record, source_title, "
                  "source_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
    for (auto const& r : batch.relations_) {
      for (auto const* end : {&r.subject_, &r.object_}) {
        known.bind(1, *end);
        known.step();
        auto const found = known.integer(0) != 0;
        known.reset();
        if (!found) {
          db_->exec("ROLLBACK");
          return error{error_kind::kInvalidArgument,
                       r.source_.record_ + ": relation names unknown entity \"" + *end +
                           "\"; nothing was imported"};
        }
      }
      rel.bind(1, r.subject_).bind(2, r.predicate_).bind(3, r.object_);
      bind_span(rel, 4, r.time_);
      rel.bind(8, r.source_.dataset_).bind(9, r.source_.record_);
      rel.bind(10, r.source_.title_).bind(11, r.source_.url_);
      rel.run();
      ++summary.n_relations_;
    }

    json dataset_ids = json::array();
    for (auto const& d : batch.datasets_) {
      dataset_ids.push_back(d.id_);
    }
    statement log{db,
                  "INSERT INTO imports(at, datasets, files, n_entities, n_relations) VALUES "
                  "(?, ?, ?, ?, ?)"};
    log.bind(1, now_utc()).bind(2, dataset_ids.dump()).bind(3, to_json_array(batch.files_).dump());
    log.bind(4, static_cast<std::int64_t>(summary.n_entities_));
    log.bind(5, static_cast<std::int64_t>(summary.n_relations_));
    log.run();
    db_->exec("COMMIT");
    return summary;
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<model::dataset> sqlite_store::load_datasets() const {
  std::vector<model::dataset> out;
  statement st{db_->get(), "SELECT id, title, licence, url, attribution FROM datasets ORDER BY id"};
  while (st.step()) {
    out.push_back({std::string{st.text(0)}, std::string{st.text(1)}, std::string{st.text(2)},
                   std::string{st.text(3)}, std::string{st.text(4)}});
  }
  return out;
}

std::vector<model::entity> sqlite_store::load_entities() const {
  std::vector<model::entity> out;
  statement st{db_->get(),
               "SELECT id, kind, name_zh, name_en, aliases, geometry, start_earliest, "
               "start_latest, end_earliest, end_latest, properties, sources FROM entities "
               "ORDER BY id"};
  while (st.step()) {
    model::entity e;
    e.id_ = st.text(0);
    e.kind_ = st.text(1);
    e.names_.zh_ = st.text(2);
    e.names_.en_ = st.text(3);
    e.names_.aliases_ = json::parse(st.text(4)).get<std::vector<std::string>>();
    if (!st.is_null(5)) {
      auto g = model::geometry_from_geojson(json::parse(st.text(5)));
      if (!g) {
        throw zhitu::exception("corrupt geometry of " + e.id_ + " in store: " + g.err().message_);
      }
      e.geometry_ = std::move(*g);
    }
    e.time_ = read_span(st, 6);
    e.properties_ = st.text(10);
    for (auto const& s : json::parse(st.text(11))) {
      e.sources_.push_back({.dataset_ = s.at("dataset").get<std::string>(),
                            .record_ = s.at("record").get<std::string>(),
                            .title_ = s.value("title", std::string{}),
                            .url_ = s.value("url", std::string{})});
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<model::relation> sqlite_store::load_relations() const {
  std::vector<model::relation> out;
  statement st{db_->get(),
               "SELECT subject, predicate, object, start_earliest, start_latest, end_earliest, "
               "end_latest, dataset, record, source_title, source_url FROM relations ORDER BY "
               "rowid"};
  while (st.step()) {
    out.push_back({std::string{st.text(0)}, std::string{st.text(1)}, std::string{st.text(2)},
                   read_span(st, 3),
                   {std::string{st.text(7)}, std::string{st.text(8)}, std::string{st.text(9)},
                    std::string{st.text(10)}}});
  }
  return out;
}

store_stats sqlite_store::stats() const {
  return {db_->scalar("PRAGMA user_version"),
          static_cast<std::size_t>(db_->scalar("SELECT count(*) FROM entities")),
          static_cast<std::size_t>(db_->scalar("SELECT count(*) FROM relations")),
          static_cast<std::size_t>(db_->scalar("SELECT count(*) FROM datasets"))};
}

std::int64_t sqlite_store::data_version() const { return db_->scalar("PRAGMA data_version"); }

std::vector<std::string> sqlite_store::integrity_problems() const {
  std::vector<std::string> out;
  statement st{db_->get(), "PRAGMA integrity_check"};
  while (st.step()) {
    if (st.text(0) != "ok") {
      out.emplace_back(st.text(0));
    }
  }
  statement fk{db_->get(), "PRAGMA foreign_key_check"};
  while (fk.step()) {
    out.push_back("foreign key violation in table " + std::string{fk.text(0)});
  }
  return out;
}

}  // namespace zhitu::store
