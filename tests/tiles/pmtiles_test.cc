// SPDX-License-Identifier: Apache-2.0
// PMTiles v3 archives, read back by a small reader written here from the spec: header, gzip'd
// root directory, and every tile equal to what the server renders for it.
#include "tiles/pmtiles.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/fixtures.h"
#include "tiles/tile_id.h"

namespace zhitu::tiles {

namespace {

std::string gunzip(std::string_view in) {
  std::string out(1 << 22, '\0');
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

template <typename T>
T le(std::string_view s, std::size_t at) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    v |= std::uint64_t{static_cast<unsigned char>(s[at + i])} << (8 * i);
  }
  return static_cast<T>(v);
}

std::uint64_t varint(std::string_view s, std::size_t& at) {
  std::uint64_t v = 0;
  for (unsigned shift = 0;; shift += 7) {
    auto const b = static_cast<unsigned char>(s[at++]);
    v |= std::uint64_t{b & 0x7fU} << shift;
    if ((b & 0x80U) == 0) {
      return v;
    }
  }
}

struct dir_entry {
  std::uint64_t tile_id_, run_length_, length_, offset_;
};

std::vector<dir_entry> read_directory(std::string_view gz) {
  auto const raw = gunzip(gz);
  std::size_t at = 0;
  auto const n = varint(raw, at);
  std::vector<dir_entry> d(n);
  std::uint64_t id = 0;
  for (auto& e : d) {
    id += varint(raw, at);
    e.tile_id_ = id;
  }
  for (auto& e : d) {
    e.run_length_ = varint(raw, at);
  }
  for (auto& e : d) {
    e.length_ = varint(raw, at);
  }
  for (std::size_t i = 0; i < n; ++i) {
    auto const v = varint(raw, at);
    d[i].offset_ = v == 0 ? d[i - 1].offset_ + d[i - 1].length_ : v - 1;
  }
  EXPECT_EQ(at, raw.size());
  return d;
}

std::shared_ptr<index::catalog const> luoyang() {
  std::vector<model::entity> e;
  e.push_back(
      test::make_entity("nhs-1-37", "heritage_site", "龙门石窟", "", 112.471269, 34.559899));
  e.push_back(test::make_entity("nhs-1-92", "heritage_site", "白马寺", "", 112.598, 34.722));
  e.push_back(test::make_entity("rail-LYF", "station", "洛阳", "", 112.43, 34.69));
  return index::catalog::build(std::move(e), {test::test_dataset()}, {});
}

}  // namespace

TEST(pmtiles, tile_ids_follow_the_spec) {
  EXPECT_EQ(pmtiles_tile_id({0, 0, 0}), 0U);
  EXPECT_EQ(pmtiles_tile_id({1, 0, 0}), 1U);
  EXPECT_EQ(pmtiles_tile_id({1, 0, 1}), 2U);
  EXPECT_EQ(pmtiles_tile_id({1, 1, 1}), 3U);
  EXPECT_EQ(pmtiles_tile_id({1, 1, 0}), 4U);
  EXPECT_EQ(pmtiles_tile_id({2, 0, 0}), 5U);
  EXPECT_EQ(pmtiles_tile_id({12, 3423, 1763}), 19078479U);  // the spec's example
}

TEST(pmtiles, archive_holds_every_tile_with_data_as_rendered) {
  auto const cat = luoyang();
  std::ostringstream out;
  auto const summary = write_pmtiles(*cat, {.max_zoom_ = 12, .sets_ = {tileset::kEntities}}, out);
  auto const file = out.str();
  ASSERT_EQ(file.size(), summary.bytes_);
  ASSERT_EQ(file.substr(0, 7), "PMTiles");
  EXPECT_EQ(file[7], 3);
  auto const root_offset = le<std::uint64_t>(file, 8);
  auto const root_length = le<std::uint64_t>(file, 16);
  auto const metadata_offset = le<std::uint64_t>(file, 24);
  auto const metadata_length = le<std::uint64_t>(file, 32);
  auto const data_offset = le<std::uint64_t>(file, 56);
  EXPECT_EQ(root_offset, 127U);
  EXPECT_EQ(le<std::uint64_t>(file, 72), summary.tiles_addressed_);  // addressed tiles
  EXPECT_EQ(file[98], 2);                                            // tiles gzip'd
  EXPECT_EQ(file[99], 1);                                            // MVT
  EXPECT_EQ(file[101], 12);                                          // max zoom
  EXPECT_NEAR(le<std::int32_t>(file, 102) / 1e7, 112.43, 1e-6);      // min lon of the data
  auto const meta = nlohmann::json::parse(
      gunzip(std::string_view{file}.substr(metadata_offset, metadata_length)));
  EXPECT_EQ(meta["vector_layers"].size(), 2U);  // heritage_site, station

  // Each zoom has the tiles of the three points: 龙门石窟 and 洛阳 share a tile until they part.
  std::map<std::uint64_t, std::string> expected;
  for (std::uint8_t z = 0; z <= 12; ++z) {
    for (auto const& e : cat->entities()) {
      auto const t = tile_of(model::representative_point(*e.geometry_), z);
      expected[pmtiles_tile_id(t)] = render_tile(*cat, {.tile_ = t, .set_ = tileset::kEntities});
    }
  }
  auto const entries = read_directory(std::string_view{file}.substr(root_offset, root_length));
  std::size_t addressed = 0;
  for (auto const& e : entries) {
    ASSERT_GT(e.run_length_, 0U);  // no leaves in so small an archive
    for (std::uint64_t r = 0; r < e.run_length_; ++r) {
      auto const it = expected.find(e.tile_id_ + r);
      ASSERT_NE(it, expected.end()) << "tile id " << e.tile_id_ + r;
      EXPECT_EQ(gunzip(std::string_view{file}.substr(data_offset + e.offset_, e.length_)),
                it->second);
      ++addressed;
    }
  }
  EXPECT_EQ(addressed, expected.size());
  EXPECT_EQ(summary.tiles_addressed_, expected.size());
}

TEST(pmtiles, an_empty_selection_is_a_valid_empty_archive) {
  auto const cat = luoyang();
  std::ostringstream out;
  auto const summary =
      write_pmtiles(*cat, {.max_zoom_ = 4, .sets_ = {tileset::kBasemap}}, out);  // no admin units
  EXPECT_EQ(summary.tiles_addressed_, 0U);
  auto const file = out.str();
  EXPECT_EQ(read_directory(std::string_view{file}.substr(127, le<std::uint64_t>(file, 16))).size(),
            0U);
}

}  // namespace zhitu::tiles
