// SPDX-License-Identifier: Apache-2.0
#include "model/entity.h"

namespace zhitu::model {

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 200) {
    return false;
  }
  for (auto const c : id) {
    auto const u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '/' || c == '?' || c == '#' || c == '%' || c == '\\') {
      return false;
    }
  }
  return true;
}

bool is_valid_kind(std::string_view kind) {
  if (kind.empty() || kind.size() > 64 || !(kind.front() >= 'a' && kind.front() <= 'z')) {
    return false;
  }
  for (auto const c : kind) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

bool is_valid_source_url(std::string_view url) {
  auto rest = url;
  for (auto const scheme : {std::string_view{"https://"}, std::string_view{"http://"}}) {
    if (rest.starts_with(scheme)) {
      rest.remove_prefix(scheme.size());
      break;
    }
  }
  if (rest.size() == url.size() || rest.empty() || rest.front() == '/' || url.size() > 2000) {
    return false;
  }
  for (auto const c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      return false;
    }
  }
  return true;
}

}  // namespace zhitu::model
