// SPDX-License-Identifier: Apache-2.0
// Programmer-error checks (QLever AD_CONTRACT_CHECK, DuckDB D_ASSERT).
//
//   ZHITU_CHECK(idx < n, "entity index out of range");    // always on, throws
//   ZHITU_DCHECK(is_sorted(v), "postings must be sorted"); // debug or ZHITU_EXPENSIVE_CHECKS
//
// Input a user can fix never reaches these: it is answered with `result<T>` (result.h).
#pragma once

#include <stdexcept>
#include <string>

namespace zhitu {

// Root of the exceptions for broken environments (unreadable database, wrong schema version)
// and failed checks; `main` catches it and exits with code 2 or more.
class exception : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class check_failure : public exception {
 public:
  using exception::exception;
};

// `__builtin_FILE`/`__builtin_LINE` rather than std::source_location: clang 14 (our fuzzing
// compiler) cannot use libstdc++ 12's source_location.
[[noreturn]] void fail_check(char const* condition, std::string const& message,
                             char const* file = __builtin_FILE(), int line = __builtin_LINE());

}  // namespace zhitu

#define ZHITU_CHECK(cond, msg)                 \
  do {                                         \
    if (!(cond)) [[unlikely]] {                \
      ::zhitu::fail_check(#cond, (msg));       \
    }                                          \
  } while (false)

#if defined(ZHITU_EXPENSIVE_CHECKS)
#define ZHITU_DCHECK(cond, msg) ZHITU_CHECK(cond, msg)
#else
#define ZHITU_DCHECK(cond, msg) \
  do {                          \
  } while (false)
#endif
