// SPDX-License-Identifier: Apache-2.0
#include "model/check.h"

namespace zhitu {

void fail_check(char const* condition, std::string const& message, char const* file, int line) {
  throw check_failure(std::string{file} + ":" + std::to_string(line) +
                      ": check `" + condition + "` failed: " + message);
}

}  // namespace zhitu
