// SPDX-License-Identifier: Apache-2.0
// `zhitu serve`: the HTTP/1.1 server (keep-alive, a thread pool) in front of the engine.
//
//   server_config cfg;                    // defaults: 127.0.0.1:8080, web/dist
//   cfg.db_ = "var/zhitu.db";
//   server s{cfg};                        // loads the catalog from the store (throws if it can't)
//   auto const port = s.bind();           // port_ 0 picks a free port
//   s.listen();                           // blocks until stop() (e.g. from a signal handler)
//
// Endpoints: GET /health, /api/kinds, /api/datasets, /api/entities/{id}, /api/search,
// /api/features, and the web app's static files. Errors are RFC 9457 problem details. The
// catalog is swapped whole when the store changes (an import while serving), so each request
// sees one consistent version.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include "server/params.h"

namespace zhitu::server {

struct server_config {
  std::filesystem::path db_{"var/zhitu.db"};
  std::string host_{"127.0.0.1"};
  int port_{8080};
  std::size_t threads_{64};  // one per open keep-alive connection (cpp-httplib)
  std::filesystem::path web_root_{"web/dist"};
  std::filesystem::path gtfs_dir_;    // GTFS feed for /api/journeys; empty: none (503)
  std::filesystem::path themes_dir_;  // itinerary themes (transit/themes.h); empty: none
  std::size_t max_body_bytes_{1U << 20U};
  std::chrono::milliseconds reload_interval_{1000};
  limits limits_;
};

class server {
 public:
  explicit server(server_config cfg);
  ~server();
  server(server const&) = delete;
  server& operator=(server const&) = delete;

  // Binds the socket; returns the port (useful with port_ 0). Throws if the address is taken.
  int bind();
  // Serves until stop(). REQUIRES: bind() succeeded.
  void listen();
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace zhitu::server
