// SPDX-License-Identifier: Apache-2.0
#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "server/server.h"

namespace zhitu::cli {

namespace {

int default_port() {
  auto const* env = std::getenv("ZHITU_PORT");
  return env != nullptr && *env != '\0' ? std::atoi(env) : 8080;
}

// The web app beside the binary (build/zhitu → web/dist), so `build/zhitu serve` works from
// any directory; a web/dist under the working directory wins.
std::string default_web_root() {
  if (std::filesystem::is_directory("web/dist")) {
    return "web/dist";
  }
  std::error_code ec;
  auto const exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  auto const beside = exe.parent_path().parent_path() / "web" / "dist";
  return !ec && std::filesystem::is_directory(beside) ? beside.string() : "web/dist";
}

}  // namespace

command add_serve(CLI::App& app) {
  auto cfg = std::make_shared<server::server_config>();
  cfg->db_ = default_db();
  cfg->port_ = default_port();
  cfg->web_root_ = default_web_root();
  // cpp-httplib holds a thread for each keep-alive connection, so size the pool for the
  // connections (a browser opens six), not for the cores.
  cfg->threads_ = std::max(64U, 8 * std::thread::hardware_concurrency());
  app.add_option("--db", cfg->db_, "store file ($ZHITU_DB)")->capture_default_str();
  app.add_option("--host", cfg->host_, "address to listen on")->capture_default_str();
  app.add_option("--port", cfg->port_, "port ($ZHITU_PORT); 0 picks a free one")
      ->capture_default_str();
  app.add_option("--web", cfg->web_root_, "directory of the built web app")->capture_default_str();
  if (std::filesystem::is_directory("data/rail/gtfs")) {
    cfg->gtfs_dir_ = "data/rail/gtfs";
  }
  app.add_option("--gtfs", cfg->gtfs_dir_, "GTFS feed directory for /api/journeys (\"\": none)")
      ->capture_default_str();
  if (std::filesystem::is_directory("data/themes")) {
    cfg->themes_dir_ = "data/themes";
  }
  app.add_option("--themes", cfg->themes_dir_, "itinerary themes directory (\"\": none)")
      ->capture_default_str();
  app.add_option("--threads", cfg->threads_, "worker threads")->capture_default_str();
  app.add_option("--max-features", cfg->limits_.max_features_, "largest page of /api/features")
      ->capture_default_str();
  return [cfg] {
    // Block the stop signals in every thread; one thread waits for them and stops the server.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    server::server s{*cfg};
    auto const port = s.bind();
    std::jthread signal_waiter{[&] {
      int sig = 0;
      sigwait(&stop_signals, &sig);
      std::cerr << "zhitu: stopping\n";
      s.stop();
    }};
    // One write, so a script reading the log never sees half the address.
    std::cerr << "zhitu: serving http://" + cfg->host_ + ":" + std::to_string(port) +
                     "/ (Ctrl-C stops)\n";
    s.listen();
    // listen() also returns when the server fails; wake the waiter so the thread can be joined.
    pthread_kill(signal_waiter.native_handle(), SIGTERM);
    return 0;
  };
}

}  // namespace zhitu::cli
