// SPDX-License-Identifier: Apache-2.0
// For route tests: a catalog of bundled data files, and an httplib server with some routes
// listening on a free loopback port on its own thread until destroyed.
//
//   auto const cat = catalog_of({"heritage/national_heritage_sites.csv"});
//   loopback_server const svr{[&](httplib::Server& s) { add_ogc_routes(s, ctx); }};
//   httplib::Client{"127.0.0.1", svr.port()}.Get("/ogc");
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <functional>
#include <initializer_list>
#include <memory>
#include <thread>

#include "common/fixtures.h"
#include "index/catalog.h"
#include "io/import.h"

namespace zhitu::test {

inline std::shared_ptr<index::catalog const> catalog_of(std::initializer_list<char const*> files) {
  std::vector<std::filesystem::path> paths;
  for (auto const* f : files) {
    paths.push_back(source_dir() / "data" / f);
  }
  auto out = io::read_files(paths, {});
  EXPECT_TRUE(out.ok());
  return index::catalog::build(std::move(out.batch_.entities_), std::move(out.batch_.datasets_),
                               std::move(out.batch_.relations_));
}

class loopback_server {
 public:
  explicit loopback_server(std::function<void(httplib::Server&)> const& add_routes) {
    add_routes(svr_);
    port_ = svr_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread{[this] { svr_.listen_after_bind(); }};
    while (!svr_.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds{1});
    }
  }
  ~loopback_server() {
    svr_.stop();
    thread_.join();
  }
  loopback_server(loopback_server const&) = delete;
  loopback_server& operator=(loopback_server const&) = delete;

  int port() const { return port_; }

 private:
  httplib::Server svr_;
  int port_{0};
  std::thread thread_;
};

}  // namespace zhitu::test
