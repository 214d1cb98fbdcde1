// SPDX-License-Identifier: Apache-2.0
#include "server/server.h"

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <stop_token>
#include <thread>

#include "model/check.h"
#include "server/routes.h"
#include "server/views.h"
#include "store/sqlite_store.h"

namespace zhitu::server {

using nlohmann::json;

namespace {

constexpr auto kProblem = "application/problem+json";

std::shared_ptr<index::catalog const> load_catalog(store::sqlite_store const& s) {
  return index::catalog::build(s.load_entities(), s.load_datasets(), s.load_relations());
}

}  // namespace

struct server::impl {
  explicit impl(server_config c)
      : cfg_{std::move(c)}, store_{cfg_.db_, store::open_mode::kReadOnly} {
    auto const start = std::chrono::steady_clock::now();
    data_version_ = store_.data_version();
    catalog_.store(load_catalog(store_));
    auto const ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
    auto const cat = catalog_.load();
    std::cerr << "zhitu: loaded " << cat->size() << " entities from " << cfg_.db_.string() << " in "
              << static_cast<long>(ms.count()) << " ms (indexes "
              << cat->stats().index_bytes_ / (1024 * 1024) << " MiB)\n";
    routes();
  }

  // The store changes under a running server when `zhitu import` runs; poll and swap.
  void watch_store(std::stop_token const& stop) {
    std::mutex m;
    std::condition_variable_any cv;
    std::unique_lock lock{m};
    while (!stop.stop_requested()) {
      cv.wait_for(lock, stop, cfg_.reload_interval_, [] { return false; });
      if (stop.stop_requested()) {
        return;
      }
      try {
        auto const v = store_.data_version();
        if (v == data_version_) {
          continue;
        }
        data_version_ = v;
        catalog_.store(load_catalog(store_));
        std::cerr << "zhitu: store changed; reloaded " << catalog_.load()->size() << " entities\n";
      } catch (std::exception const& e) {
        std::cerr << "zhitu: reload failed, still serving the previous data: " << e.what() << '\n';
      }
    }
  }

  void routes() {
    svr_.new_task_queue = [n = cfg_.threads_] { return new httplib::ThreadPool(n); };
    svr_.set_payload_max_length(cfg_.max_body_bytes_);
    svr_.set_tcp_nodelay(true);  // headers and body go in separate writes: avoid 40 ms Nagle stalls
    svr_.set_keep_alive_max_count(1000);
    svr_.set_keep_alive_timeout(5);
    svr_.set_read_timeout(10);
    svr_.set_write_timeout(10);

    route_context const ctx{.catalog = [this] { return catalog_.load(); }, .limits_ = cfg_.limits_};
    add_entity_routes(svr_, ctx);
    add_search_routes(svr_, ctx);
    add_feature_routes(svr_, ctx);
    add_tile_routes(svr_, ctx);
    add_query_routes(svr_, ctx);
    add_ogc_routes(svr_, ctx);
    add_journey_routes(svr_, ctx, cfg_.gtfs_dir_, cfg_.themes_dir_);
    svr_.set_post_routing_handler(compress_other_json);

    svr_.set_exception_handler(
        [](httplib::Request const&, httplib::Response& res, std::exception_ptr ep) {
          std::string what = "unknown error";
          try {
            std::rethrow_exception(ep);
          } catch (std::exception const& e) {
            what = e.what();
          } catch (...) {
          }
          std::cerr << "zhitu: internal error: " << what << '\n';
          reply_error(res, error{error_kind::kInternal, "internal error; see the server log"});
        });

    svr_.set_error_handler([](httplib::Request const& req, httplib::Response& res) {
      if (!res.body.empty()) {
        return;
      }
      auto const kind = res.status == 413   ? error_kind::kPayloadTooLarge
                        : res.status == 404 ? error_kind::kNotFound
                        : res.status >= 500 ? error_kind::kInternal
                                            : error_kind::kInvalidArgument;
      auto const detail = res.status == 404 ? "no such resource: " + req.path
                                            : "the request could not be served (HTTP " +
                                                  std::to_string(res.status) + ")";
      res.set_content(problem_json(error{kind, detail}, res.status).dump(), kProblem);
    });

    if (std::filesystem::is_directory(cfg_.web_root_)) {
      svr_.set_mount_point("/", cfg_.web_root_.string());
      // Vite names assets by content hash, so they never change under the same name.
      svr_.set_file_request_handler([](httplib::Request const& req, httplib::Response& res) {
        res.set_header("Cache-Control", req.path.starts_with("/assets/")
                                            ? "public, max-age=31536000, immutable"
                                            : "no-cache");
      });
    } else {
      std::cerr << "zhitu: no web app at " << cfg_.web_root_.string()
                << " (build it with `make web`); serving the API only\n";
    }
  }

  server_config cfg_;
  store::sqlite_store store_;
  std::int64_t data_version_{0};
  std::atomic<std::shared_ptr<index::catalog const>> catalog_;
  httplib::Server svr_;
  std::jthread watcher_;
  int port_{0};
};

server::server(server_config cfg) : impl_{std::make_unique<impl>(std::move(cfg))} {}

server::~server() { stop(); }

int server::bind() {
  auto const& cfg = impl_->cfg_;
  if (cfg.port_ == 0) {
    impl_->port_ = impl_->svr_.bind_to_any_port(cfg.host_);
  } else if (impl_->svr_.bind_to_port(cfg.host_, cfg.port_)) {
    impl_->port_ = cfg.port_;
  } else {
    impl_->port_ = -1;
  }
  if (impl_->port_ < 0) {
    throw zhitu::exception("cannot listen on " + cfg.host_ + ":" + std::to_string(cfg.port_) +
                           " (in use? pick another with --port or ZHITU_PORT)");
  }
  return impl_->port_;
}

void server::listen() {
  impl_->watcher_ = std::jthread{[this](std::stop_token const& st) { impl_->watch_store(st); }};
  impl_->svr_.listen_after_bind();
}

void server::stop() {
  impl_->svr_.stop();
  if (impl_->watcher_.joinable()) {
    impl_->watcher_.request_stop();
    impl_->watcher_.join();
  }
}

}  // namespace zhitu::server
