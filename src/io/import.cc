// SPDX-License-Identifier: Apache-2.0
#include "io/import.h"

#include <algorithm>
#include <map>
#include <set>

#include "io/detail/parsers.h"
#include "io/detail/records.h"

namespace zhitu::io {

std::string input_error::to_string() const {
  auto s = file_;
  auto const add = [&](std::string const& part, char const* sep) {
    s += s.empty() ? "" : sep;
    s += part;
  };
  if (line_ != 0) {
    s += ":" + std::to_string(line_);
  }
  if (feature_) {
    add("feature " + std::to_string(*feature_), ": ");
  }
  if (!field_.empty()) {
    add(field_, ": ");
  }
  add(message_, ": ");
  return s;
}

namespace {

// Nothing is half-read: a batch with errors carries no entities.
void drop_entities_on_error(read_outcome& out) {
  if (!out.ok()) {
    out.batch_.entities_.clear();
    out.batch_.relations_.clear();
  }
}

template <typename Parse>
read_outcome read_one(std::string_view text, std::string const& file_name, file_meta const& meta,
                      std::size_t max_errors, Parse&& parse) {
  read_outcome out;
  detail::import_context ctx{out.errors_, out.n_errors_, max_errors};
  detail::check_dataset(meta.dataset_, file_name, ctx);
  out.batch_.datasets_.push_back(meta.dataset_);
  out.batch_.files_.push_back(file_name);
  parse(text, file_name, meta, ctx, out);
  drop_entities_on_error(out);
  return out;
}

bool ends_with_meta_json(std::string const& s) { return s.ends_with(".meta.json"); }

}  // namespace

read_outcome read_csv(std::string_view text, std::string const& file_name, file_meta const& meta,
                      std::size_t max_errors) {
  return read_one(
      text, file_name, meta, max_errors,
      meta.records_ == record_kind::kRelations ? detail::parse_relations_csv : detail::parse_csv);
}

read_outcome read_geojson(std::string_view text, std::string const& file_name,
                          file_meta const& meta, std::size_t max_errors) {
  return read_one(text, file_name, meta, max_errors, detail::parse_geojson);
}

read_outcome read_ntriples(std::string_view text, std::string const& file_name,
                           file_meta const& meta, std::size_t max_errors) {
  return read_one(text, file_name, meta, max_errors, detail::parse_ntriples);
}

read_outcome read_files(std::vector<std::filesystem::path> const& files,
                        import_options const& opt) {
  read_outcome out;
  detail::import_context ctx{out.errors_, out.n_errors_, opt.max_errors_};

  std::set<std::string> listed;
  for (auto const& f : files) {
    listed.insert(f.string());
  }

  struct dataset_origin {
    model::dataset dataset_;
    std::string file_;
    // [begin, end) of the file's entities and relations in the batch, per file
    std::vector<std::pair<std::size_t, std::size_t>> entity_ranges_;
    std::vector<std::pair<std::size_t, std::size_t>> relation_ranges_;
    std::vector<std::string> files_;
  };
  std::map<std::string, dataset_origin> datasets;
  std::vector<std::string> dataset_order;

  for (auto const& path : files) {
    auto const name = path.string();
    if (ends_with_meta_json(name)) {
      // `zhitu import data/*` lists sidecars too; they are read with their data file.
      if (!listed.contains(name.substr(0, name.size() - std::string_view{".meta.json"}.size()))) {
        ctx.report({.file_ = name,
                    .message_ = "this is a meta file: pass the data file it describes (or use "
                                "--map to apply it to other files)"});
      }
      continue;
    }
    auto const meta = detail::resolve_meta(path, opt, ctx);
    auto const text = detail::read_text(path, name, ctx);
    if (!meta || !text) {
      continue;
    }
    auto const first = out.batch_.entities_.size();
    auto const first_relation = out.batch_.relations_.size();
    if (meta->records_ == record_kind::kRelations) {
      if (*meta->format_ == file_format::kCsv) {
        detail::parse_relations_csv(*text, name, *meta, ctx, out);
      } else {
        ctx.report({.file_ = name,
                    .field_ = "records",
                    .message_ = "relations are read from CSV files only (subject, predicate, "
                                "object, ...); an N-Triples file gives entities and their "
                                "relations together"});
      }
    } else if (*meta->format_ == file_format::kCsv) {
      detail::parse_csv(*text, name, *meta, ctx, out);
    } else if (*meta->format_ == file_format::kNTriples) {
      detail::parse_ntriples(*text, name, *meta, ctx, out);
    } else {
      detail::parse_geojson(*text, name, *meta, ctx, out);
    }
    out.batch_.files_.push_back(name);

    auto const& d = meta->dataset_;
    auto [it, inserted] = datasets.try_emplace(d.id_, dataset_origin{d, name, {}, {}, {}});
    if (inserted) {
      dataset_order.push_back(d.id_);
    } else if (!(it->second.dataset_ == d)) {
      ctx.report({.file_ = name,
                  .field_ = "dataset",
                  .message_ = "data set " + d.id_ + " is described differently for " +
                              it->second.file_ +
                              " (title, licence, url and attribution must match)"});
    }
    it->second.entity_ranges_.emplace_back(first, out.batch_.entities_.size());
    it->second.relation_ranges_.emplace_back(first_relation, out.batch_.relations_.size());
    it->second.files_.push_back(path.filename().string());
  }

  for (auto const& id : dataset_order) {
    auto& origin = datasets.at(id);
    out.batch_.datasets_.push_back(origin.dataset_);
    if (origin.files_.size() < 2) {
      continue;
    }
    // "line 3" would be ambiguous in a data set read from several files.
    for (std::size_t i = 0; i < origin.files_.size(); ++i) {
      auto const [begin, end] = origin.entity_ranges_[i];
      for (auto k = begin; k < end; ++k) {
        for (auto& s : out.batch_.entities_[k].sources_) {
          s.record_ = origin.files_[i] + " " + s.record_;
        }
      }
      auto const [rel_begin, rel_end] = origin.relation_ranges_[i];
      for (auto k = rel_begin; k < rel_end; ++k) {
        auto& s = out.batch_.relations_[k].source_;
        s.record_ = origin.files_[i] + " " + s.record_;
      }
    }
  }
  drop_entities_on_error(out);
  return out;
}

}  // namespace zhitu::io
