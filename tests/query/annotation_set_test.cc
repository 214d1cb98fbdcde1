// SPDX-License-Identifier: Apache-2.0
// The labelled annotation set (tests/query/annotations.jsonl: news-style paragraphs with every
// expected mention) over the whole bundled catalog: precision and recall, printed with each
// miss and false hit, and both asserted (≥ 0.9).
//
// A paragraph lists each mentioned surface once with its entity; every occurrence of the
// surface counts, except inside a longer listed surface.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "common/bundled_catalog.h"
#include "query/annotate.h"

namespace zhitu::query {

namespace {

using span_id = std::tuple<std::size_t, std::size_t, std::string>;  // byte start, end, entity

struct paragraph {
  std::string id_;
  std::string text_;
  std::set<span_id> expected_;
};

std::vector<paragraph> load_set() {
  std::ifstream in{test::source_dir() / "tests/query/annotations.jsonl"};
  std::vector<paragraph> out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) {
      continue;
    }
    auto const j = nlohmann::json::parse(line);
    paragraph p{j["id"], j["text"], {}};
    // Longest surfaces first, so that a surface inside a longer one is not counted again.
    std::vector<std::pair<std::string, std::string>> mentions;
    for (auto const& m : j["mentions"]) {
      mentions.emplace_back(m["surface"], m["id"]);
    }
    std::sort(mentions.begin(), mentions.end(),
              [](auto const& a, auto const& b) { return a.first.size() > b.first.size(); });
    std::vector<bool> taken(p.text_.size(), false);
    for (auto const& [surface, id] : mentions) {
      EXPECT_NE(p.text_.find(surface), std::string::npos) << p.id_ << ": " << surface;
      for (auto pos = p.text_.find(surface); pos != std::string::npos;
           pos = p.text_.find(surface, pos + surface.size())) {
        if (std::any_of(taken.begin() + static_cast<std::ptrdiff_t>(pos),
                        taken.begin() + static_cast<std::ptrdiff_t>(pos + surface.size()),
                        [](bool b) { return b; })) {
          continue;
        }
        std::fill(taken.begin() + static_cast<std::ptrdiff_t>(pos),
                  taken.begin() + static_cast<std::ptrdiff_t>(pos + surface.size()), true);
        p.expected_.insert({pos, pos + surface.size(), id});
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

TEST(annotation_set, precision_and_recall_are_at_least_90_percent) {
  auto const set = load_set();
  ASSERT_GE(set.size(), 30U);
  auto const cat = test::bundled_catalog();
  std::size_t n_expected = 0;
  std::size_t n_found = 0;
  std::size_t n_right = 0;
  for (auto const& p : set) {
    auto const r = annotate(*cat, p.text_, {});
    ASSERT_TRUE(r) << p.id_ << ": " << r.err().message_;
    std::set<span_id> found;
    for (auto const& m : *r) {
      found.insert({m.start_, m.end_, cat->at(m.entity_).id_});
    }
    n_expected += p.expected_.size();
    n_found += found.size();
    for (auto const& f : found) {
      if (p.expected_.contains(f)) {
        ++n_right;
      } else {
        std::cout << p.id_ << " false hit: "
                  << p.text_.substr(std::get<0>(f), std::get<1>(f) - std::get<0>(f)) << " → "
                  << std::get<2>(f) << '\n';
      }
    }
    for (auto const& e : p.expected_) {
      if (!found.contains(e)) {
        std::cout << p.id_
                  << " missed: " << p.text_.substr(std::get<0>(e), std::get<1>(e) - std::get<0>(e))
                  << " → " << std::get<2>(e) << '\n';
      }
    }
  }
  auto const precision =
      static_cast<double>(n_right) / static_cast<double>(std::max<std::size_t>(n_found, 1));
  auto const recall =
      static_cast<double>(n_right) / static_cast<double>(std::max<std::size_t>(n_expected, 1));
  std::cout << "annotation set: " << set.size() << " paragraphs, " << n_expected
            << " expected mentions, " << n_found << " found, " << n_right << " right: precision "
            << precision << ", recall " << recall << '\n';
  EXPECT_GE(precision, 0.9);
  EXPECT_GE(recall, 0.9);
}

}  // namespace zhitu::query
