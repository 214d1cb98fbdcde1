// SPDX-License-Identifier: Apache-2.0
// The labelled query set (tests/query/queries.tsv) over the bundled data: hit@1 and hit@3 per
// query class and overall, printed, and hit@3 asserted (≥ 95%).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "common/bundled_catalog.h"
#include "query/search.h"

namespace zhitu::query {

namespace {

struct labelled_query {
  std::string class_;
  std::string text_;
  std::set<std::string> accepted_;
};

std::vector<labelled_query> load_queries() {
  std::ifstream in{test::source_dir() / "tests/query/queries.tsv"};
  std::vector<labelled_query> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    std::istringstream cols{line};
    labelled_query q;
    std::string ids;
    std::getline(cols, q.class_, '\t');
    std::getline(cols, q.text_, '\t');
    std::getline(cols, ids, '\t');
    std::istringstream parts{ids};
    for (std::string id; std::getline(parts, id, '|');) {
      q.accepted_.insert(id);
    }
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace

TEST(query_set, hit_at_3_is_at_least_95_percent) {
  auto const queries = load_queries();
  ASSERT_GE(queries.size(), 150U);
  auto const cat = test::bundled_catalog();
  struct tally {
    std::size_t n_ = 0, hit1_ = 0, hit3_ = 0;
  };
  std::map<std::string, tally> by_class;
  tally all;
  for (auto const& q : queries) {
    auto const r = search(*cat, {.text_ = q.text_, .limit_ = 3});
    ASSERT_TRUE(r) << q.text_;
    auto rank = std::size_t{99};
    for (std::size_t i = 0; i < r->size(); ++i) {
      if (q.accepted_.contains(cat->at((*r)[i].entity_).id_)) {
        rank = i;
        break;
      }
    }
    for (auto* t : {&by_class[q.class_], &all}) {
      ++t->n_;
      t->hit1_ += rank < 1 ? 1 : 0;
      t->hit3_ += rank < 3 ? 1 : 0;
    }
    if (rank >= 3) {
      std::cout << "  miss: [" << q.class_ << "] " << q.text_ << " → "
                << (r->empty() ? std::string{"(nothing)"} : matched_name(*cat, r->front())) << "\n";
    }
  }
  auto const pct = [](std::size_t a, std::size_t n) { return 100.0 * static_cast<double>(a) / static_cast<double>(n); };
  std::cout << std::fixed << std::setprecision(1);
  for (auto const& [c, t] : by_class) {
    std::cout << "  " << std::setw(16) << std::left << c << " n=" << std::setw(3) << t.n_
              << " hit@1 " << pct(t.hit1_, t.n_) << "%  hit@3 " << pct(t.hit3_, t.n_) << "%\n";
  }
  std::cout << "  all              n=" << all.n_ << " hit@1 " << pct(all.hit1_, all.n_)
            << "%  hit@3 " << pct(all.hit3_, all.n_) << "%\n";
  EXPECT_GE(pct(all.hit3_, all.n_), 95.0);
}

}  // namespace zhitu::query
