// SPDX-License-Identifier: Apache-2.0
#include "cli/read_flags.h"

#include <cstdlib>
#include <iostream>

#include "cli/commands.h"

namespace zhitu::cli {

std::string default_db() {
  auto const* env = std::getenv("ZHITU_DB");
  return env != nullptr && *env != '\0' ? env : "var/zhitu.db";
}

void read_flags::add_to(CLI::App& app) {
  app.add_option("--format", format_, "file format (default: from the extension)")
      ->check(CLI::IsMember({"csv", "geojson", "ntriples"}));
  app.add_option("--crs", crs_,
                 "coordinate system of the files: wgs84, gcj02 (Amap, Tencent) or bd09 (Baidu); "
                 "converted to WGS84 (default: the meta file's, else wgs84)")
      ->check(CLI::IsMember({"wgs84", "gcj02", "bd09"}));
  app.add_option("--dataset", dataset_, "data set id (default: meta file, else the file name)");
  app.add_option("--title", title_, "data set title");
  app.add_option("--licence", licence_, "data set licence (required unless the meta file has one)");
  app.add_option("--source-url", url_, "where the data set comes from");
  app.add_option("--kind", kind_,
                 "kind of every entity without a kind column (e.g. heritage_site)");
  app.add_option("--map", map_, "meta/mapping file (default: FILE.meta.json beside each file)");
  app.add_option("--max-errors", max_errors_, "how many errors to list")->capture_default_str();
}

io::import_options read_flags::options() const {
  io::import_options opt;
  if (format_ == "csv") {
    opt.format_ = io::file_format::kCsv;
  } else if (format_ == "geojson") {
    opt.format_ = io::file_format::kGeoJson;
  } else if (format_ == "ntriples") {
    opt.format_ = io::file_format::kNTriples;
  }
  if (!crs_.empty()) {
    opt.crs_ = model::parse_crs(crs_);
  }
  auto set = [](std::optional<std::string>& o, std::string const& v) {
    if (!v.empty()) {
      o = v;
    }
  };
  set(opt.dataset_id_, dataset_);
  set(opt.title_, title_);
  set(opt.licence_, licence_);
  set(opt.url_, url_);
  set(opt.kind_, kind_);
  if (!map_.empty()) {
    opt.meta_path_ = map_;
  }
  opt.max_errors_ = max_errors_;
  return opt;
}

int report_read_errors(io::read_outcome const& out) {
  for (auto const& e : out.errors_) {
    std::cerr << e.to_string() << '\n';
  }
  if (out.n_errors_ > out.errors_.size()) {
    std::cerr << "... and " << out.n_errors_ - out.errors_.size() << " more errors\n";
  }
  std::cerr << "zhitu: " << out.n_errors_ << " error(s) in " << out.n_records_
            << " records; nothing was imported\n";
  return kExitInputRejected;
}

}  // namespace zhitu::cli
