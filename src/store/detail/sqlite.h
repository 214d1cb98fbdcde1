// SPDX-License-Identifier: Apache-2.0
// Thin RAII over the sqlite3 C API: a connection, prepared statements, and errors as exceptions
// (a failing SQLite call here means a broken environment: disk full, corrupt file, bad schema).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/check.h"

namespace zhitu::store::detail {

class sqlite_error : public zhitu::exception {
 public:
  using zhitu::exception::exception;
};

class statement {
 public:
  statement(sqlite3* db, std::string_view sql);
  ~statement();
  statement(statement const&) = delete;
  statement& operator=(statement const&) = delete;

  statement& bind(int idx, std::string_view text);
  statement& bind(int idx, std::int64_t v);
  statement& bind(int idx, double v);
  statement& bind_null(int idx);
  template <typename T>
  statement& bind(int idx, std::optional<T> const& v) {
    return v ? bind(idx, *v) : bind_null(idx);
  }

  // Steps once; true while a row is available.
  bool step();
  // Steps to completion, expecting no rows, then resets for reuse.
  void run();
  void reset();

  bool is_null(int col) const;
  std::string_view text(int col) const;
  std::int64_t integer(int col) const;
  double real(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_{nullptr};
};

class connection {
 public:
  connection(std::string const& path, int flags);
  ~connection();
  connection(connection const&) = delete;
  connection& operator=(connection const&) = delete;

  void exec(std::string_view sql);
  std::int64_t scalar(std::string_view sql);
  sqlite3* get() const { return db_; }

 private:
  sqlite3* db_{nullptr};
};

}  // namespace zhitu::store::detail
