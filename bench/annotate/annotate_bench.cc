// SPDX-License-Identifier: Apache-2.0
// Annotation of one long article over the bundled catalog: zhitu's annotator (Aho–Corasick over
// every name, then overlap and disambiguation) against the obvious alternative, looking up each
// name of the same dictionary with string::find, which is what a first version usually does.
//
//   annotate_bench [REPO_DIR=.] [CHARS=5000] [RUNS=500]
//
// The article is the labelled paragraphs of tests/query/annotations.jsonl, in order, repeated
// until it has CHARS characters. Prints p50/p99 per article for both and their ratio, and the
// number of mentions found so that a fast wrong answer shows.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "index/text/mention_index.h"
#include "io/import.h"
#include "query/annotate.h"

namespace {

std::size_t n_code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

struct timing {
  std::vector<double> us_;
  double at(double p) {
    std::sort(us_.begin(), us_.end());
    return us_[static_cast<std::size_t>(p * static_cast<double>(us_.size() - 1))];
  }
};

template <typename F>
timing time_runs(int runs, F&& f) {
  timing t;
  for (auto i = 0; i < runs; ++i) {
    auto const start = std::chrono::steady_clock::now();
    f();
    t.us_.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
  }
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path const repo = argc > 1 ? argv[1] : ".";
  auto const chars = argc > 2 ? std::stoul(argv[2]) : 5000UL;
  auto const runs = argc > 3 ? std::stoi(argv[3]) : 500;

  std::vector<std::filesystem::path> files;
  for (auto const* dir : {"heritage", "rail", "admin", "gazetteer", "atlas"}) {
    for (auto const& f : std::filesystem::directory_iterator{repo / "data" / dir}) {
      auto const ext = f.path().extension();
      if (f.is_regular_file() && (ext == ".csv" || ext == ".geojson")) {
        files.push_back(f.path());
      }
    }
  }
  auto in = zhitu::io::read_files(files, {});
  if (!in.ok()) {
    std::fprintf(stderr, "%s\n", in.errors_.front().to_string().c_str());
    return 2;
  }
  auto const cat = zhitu::index::catalog::build(std::move(in.batch_.entities_),
                                                std::move(in.batch_.datasets_),
                                                std::move(in.batch_.relations_));

  std::vector<std::string> paragraphs;
  std::ifstream set{repo / "tests/query/annotations.jsonl"};
  for (std::string line; std::getline(set, line);) {
    if (!line.empty()) {
      paragraphs.push_back(nlohmann::json::parse(line)["text"].get<std::string>());
    }
  }
  if (paragraphs.empty()) {
    std::fprintf(stderr, "no paragraphs in tests/query/annotations.jsonl\n");
    return 2;
  }
  std::string article;
  for (std::size_t i = 0; n_code_points(article) < chars; ++i) {
    article += paragraphs[i % paragraphs.size()];
  }

  // The same dictionary as the annotator's, looked up name by name.
  std::vector<std::string> names;
  for (auto const& e : cat->entities()) {
    for (auto const* n : {&e.names_.zh_, &e.names_.en_}) {
      if (zhitu::index::mention_index::is_matchable(*n)) {
        names.push_back(*n);
      }
    }
    for (auto const& a : e.names_.aliases_) {
      if (zhitu::index::mention_index::is_matchable(a)) {
        names.push_back(a);
      }
    }
  }

  std::size_t n_mentions = 0;
  auto zhitu_t = time_runs(runs, [&] {
    n_mentions = zhitu::query::annotate(*cat, article, {})->size();
  });
  std::size_t n_occurrences = 0;
  auto naive_t = time_runs(std::max(runs / 10, 5), [&] {
    n_occurrences = 0;
    for (auto const& n : names) {
      for (auto pos = article.find(n); pos != std::string::npos; pos = article.find(n, pos + 1)) {
        ++n_occurrences;
      }
    }
  });

  std::printf("catalog: %zu entities, %zu surfaces, mention index %.1f ms / %zu KiB\n",
              cat->size(), cat->mentions().n_surfaces(), cat->stats().mention_index_build_ms_,
              cat->stats().mention_index_bytes_ / 1024);
  std::printf("article: %zu characters, %zu bytes\n", n_code_points(article), article.size());
  auto const z50 = zhitu_t.at(0.5);
  auto const n50 = naive_t.at(0.5);
  std::printf("zhitu annotate     p50 %9.1f us  p99 %9.1f us  (%zu mentions)\n", z50,
              zhitu_t.at(0.99), n_mentions);
  std::printf("find() per name    p50 %9.1f us  p99 %9.1f us  (%zu raw occurrences, no "
              "disambiguation)\n",
              n50, naive_t.at(0.99), n_occurrences);
  std::printf("ratio (p50): zhitu %.0fx faster\n", n50 / z50);
  return 0;
}
