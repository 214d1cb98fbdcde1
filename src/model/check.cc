// SPDX-License-Identifier: Apache-2.0
#include "model/check.h"

namespace zhitu {

void fail_check(char const* condition, std::string const& message, std::source_location where) {
  throw check_failure(std::string{where.file_name()} + ":" + std::to_string(where.line()) +
                      ": check `" + condition + "` failed: " + message);
}

}  // namespace zhitu
