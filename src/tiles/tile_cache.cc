// SPDX-License-Identifier: Apache-2.0
#include "tiles/tile_cache.h"

#include <zlib.h>

#include <array>
#include <cstdint>

#include "model/check.h"

namespace zhitu::tiles {

namespace {

std::string etag_of(std::string const& data) {
  std::uint64_t h = 14695981039346656037ULL;  // FNV-1a
  for (auto const c : data) {
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  std::array<char, 24> buf{};
  auto const n = std::snprintf(buf.data(), buf.size(), "\"%016llx\"", static_cast<unsigned long long>(h));
  return {buf.data(), static_cast<std::size_t>(n)};
}

}  // namespace

std::string gzip(std::string const& data) {
  z_stream z{};
  // 15 + 16: a gzip header and trailer rather than raw zlib.
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw zhitu::exception("zlib: deflateInit2 failed");
  }
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  auto const rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) {
    throw zhitu::exception("zlib: deflate did not finish");
  }
  return out;
}

std::shared_ptr<encoded_tile const> tile_cache::get_or_make(std::shared_ptr<void const> const& catalog,
                                                           std::string const& key,
                                                           std::function<std::string()> const& render) {
  {
    std::lock_guard const lock{mutex_};
    if (!same_catalog(catalog)) {
      lru_.clear();
      by_key_.clear();
      bytes_ = 0;
      catalog_ = catalog;
    }
    if (auto const it = by_key_.find(key); it != by_key_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);
      return it->second->second;
    }
  }
  // Render outside the lock: two threads may render the same tile once each, which is cheaper
  // than serialising every miss.
  auto tile = std::make_shared<encoded_tile>();
  tile->mvt_ = render();
  tile->gzip_ = gzip(tile->mvt_);
  tile->etag_ = etag_of(tile->mvt_);
  auto const size = key.size() + tile->mvt_.size() + tile->gzip_.size();

  std::lock_guard const lock{mutex_};
  if (!same_catalog(catalog) || by_key_.contains(key) || size > max_bytes_) {
    return tile;
  }
  lru_.emplace_front(key, tile);
  by_key_.emplace(key, lru_.begin());
  bytes_ += size;
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    auto const& [old_key, old] = lru_.back();
    bytes_ -= old_key.size() + old->mvt_.size() + old->gzip_.size();
    by_key_.erase(old_key);
    lru_.pop_back();
  }
  return tile;
}

std::size_t tile_cache::bytes() const {
  std::lock_guard const lock{mutex_};
  return bytes_;
}

}  // namespace zhitu::tiles
