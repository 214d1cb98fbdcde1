// SPDX-License-Identifier: Apache-2.0
// What one import brings: data sets, their entities and relations, and the files they came from.
// Importers (io) fill it; the store writes it in one transaction.
#pragma once

#include <string>
#include <vector>

#include "model/entity.h"

namespace zhitu::model {

struct batch {
  std::vector<dataset> datasets_;
  std::vector<std::string> files_;
  std::vector<entity> entities_;
  std::vector<relation> relations_;
};

}  // namespace zhitu::model
