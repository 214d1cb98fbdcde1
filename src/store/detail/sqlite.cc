// SPDX-License-Identifier: Apache-2.0
#include "store/detail/sqlite.h"

#include <string>

namespace zhitu::store::detail {

namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw sqlite_error(std::string{what} + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

statement::statement(sqlite3* db, std::string_view sql) : db_{db} {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
      SQLITE_OK) {
    fail(db, "preparing `" + std::string{sql} + "`");
  }
}

statement::~statement() { sqlite3_finalize(stmt_); }

statement& statement::bind(int idx, std::string_view text) {
  if (sqlite3_bind_text(stmt_, idx, text.data(), static_cast<int>(text.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    fail(db_, "binding text");
  }
  return *this;
}

statement& statement::bind(int idx, std::int64_t v) {
  if (sqlite3_bind_int64(stmt_, idx, v) != SQLITE_OK) {
    fail(db_, "binding integer");
  }
  return *this;
}

statement& statement::bind(int idx, double v) {
  if (sqlite3_bind_double(stmt_, idx, v) != SQLITE_OK) {
    fail(db_, "binding real");
  }
  return *this;
}

statement& statement::bind_null(int idx) {
  if (sqlite3_bind_null(stmt_, idx) != SQLITE_OK) {
    fail(db_, "binding null");
  }
  return *this;
}

bool statement::step() {
  auto const rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  fail(db_, "executing statement");
}

void statement::run() {
  while (step()) {
  }
  reset();
}

void statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

std::string_view statement::text(int col) const {
  auto const* p = reinterpret_cast<char const*>(sqlite3_column_text(stmt_, col));
  return p == nullptr ? std::string_view{}
                      : std::string_view{p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::int64_t statement::integer(int col) const { return sqlite3_column_int64(stmt_, col); }

double statement::real(int col) const { return sqlite3_column_double(stmt_, col); }

connection::connection(std::string const& path, int flags) {
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string const msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw sqlite_error("cannot open database " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
}

connection::~connection() { sqlite3_close(db_); }

void connection::exec(std::string_view sql) {
  std::string const s{sql};
  char* msg = nullptr;
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string const m = msg ? msg : "unknown error";
    sqlite3_free(msg);
    throw sqlite_error("`" + s.substr(0, 80) + "`: " + m);
  }
}

std::int64_t connection::scalar(std::string_view sql) {
  statement st{db_, sql};
  ZHITU_CHECK(st.step(), "scalar query returned no row");
  return st.integer(0);
}

}  // namespace zhitu::store::detail
