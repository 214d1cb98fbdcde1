// SPDX-License-Identifier: Apache-2.0
// Encoded tiles kept in memory (least recently used out first), each with its gzip form and
// ETag, so a repeated request costs a hash lookup. Keys include the filter (kinds, years), so
// filtered tiles cache too. Safe to share between threads.
//
//   tile_cache cache{64 << 20};                               // bytes
//   auto const t = cache.get_or_make(catalog, key, [&] { return render_tile(...); });
//   t->gzip_;  t->etag_;
//
// The cache belongs to one catalog: given another (the store changed), it empties itself.
#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace zhitu::tiles {

struct encoded_tile {
  std::string mvt_;
  std::string gzip_;
  std::string etag_;  // quoted, strong
};

// gzip (RFC 1952) of `data`, as HTTP `Content-Encoding: gzip` wants.
std::string gzip(std::string const& data);

class tile_cache {
 public:
  explicit tile_cache(std::size_t max_bytes) : max_bytes_{max_bytes} {}

  std::shared_ptr<encoded_tile const> get_or_make(std::shared_ptr<void const> const& catalog,
                                                  std::string const& key,
                                                  std::function<std::string()> const& render);

  std::size_t bytes() const;

 private:
  bool same_catalog(std::shared_ptr<void const> const& c) const {
    return !catalog_.owner_before(c) && !c.owner_before(catalog_);
  }

  using entry = std::pair<std::string, std::shared_ptr<encoded_tile const>>;

  std::size_t const max_bytes_;
  mutable std::mutex mutex_;
  // Compared by owner, not address: a new catalog may be allocated where a freed one was.
  std::weak_ptr<void const> catalog_;
  std::list<entry> lru_;  // most recent first
  std::unordered_map<std::string, std::list<entry>::iterator> by_key_;
  std::size_t bytes_{0};
};

}  // namespace zhitu::tiles
