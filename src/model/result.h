// SPDX-License-Identifier: Apache-2.0
// `result<T>`: a value or an `error` a user can act on (bad request, bad file, unknown id).
//
//   result<box> parse_bbox(std::string_view text);
//   auto const r = parse_bbox("112,34,113,35");
//   if (!r) { return problem(r.error()); }
//   use(*r);
//
// Broken environments and programmer errors throw instead (see check.h, STYLE.md).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace zhitu {

// Codes are part of the HTTP contract: the server maps each to a status.
enum class error_kind : std::uint8_t {
  kInvalidArgument,   // 400
  kNotFound,          // 404
  kConflict,          // 409
  kOutOfRange,        // 400 / 413 for limits
  kPayloadTooLarge,   // 413
  kUnavailable,       // 503
  kInternal           // 500
};

struct error {
  error_kind kind_;
  std::string message_;
};

inline error invalid_argument(std::string message) {
  return {error_kind::kInvalidArgument, std::move(message)};
}
inline error not_found(std::string message) { return {error_kind::kNotFound, std::move(message)}; }

template <typename T>
class [[nodiscard]] result {
 public:
  result(T value) : v_{std::move(value)} {}          // NOLINT: implicit by design
  result(error e) : v_{std::move(e)} {}              // NOLINT
  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& operator*() { return std::get<0>(v_); }
  T const& operator*() const { return std::get<0>(v_); }
  T* operator->() { return &std::get<0>(v_); }
  T const* operator->() const { return &std::get<0>(v_); }
  error const& err() const { return std::get<1>(v_); }

 private:
  std::variant<T, error> v_;
};

}  // namespace zhitu
