// SPDX-License-Identifier: Apache-2.0
// Map label glyphs made from a local font, so Chinese labels render with no internet: signed
// distance fields in the glyph PBF ranges MapLibre asks for (`/fonts/{fontstack}/{range}.pbf`).
//
//   glyph_source font{"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"};
//   std::string const pbf = font.range_pbf("Noto Sans CJK", 0x4e00);   // 一 … 乸
//
// FreeType renders each glyph at 24 px with its SDF renderer (spread 3, the border MapLibre
// expects), remapped to MapLibre's 0.75 edge. A range is rendered once and kept.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace zhitu::tiles {

class glyph_source {
 public:
  // Throws zhitu::exception when FreeType cannot open the font.
  explicit glyph_source(std::filesystem::path const& font_file);
  ~glyph_source();
  glyph_source(glyph_source const&) = delete;
  glyph_source& operator=(glyph_source const&) = delete;

  // The glyphs message of code points [start, start + 255]; REQUIRES start % 256 == 0.
  std::string range_pbf(std::string_view fontstack, std::uint32_t start);

  std::string const& family() const { return family_; }

 private:
  std::string render_range(std::string_view fontstack, std::uint32_t start);

  struct freetype;
  std::unique_ptr<freetype> ft_;
  std::string family_;
  std::mutex mutex_;  // FreeType faces are not thread-safe
  std::map<std::pair<std::string, std::uint32_t>, std::string> cache_;
};

// The first CJK-capable font installed from Debian's packages, if any.
std::optional<std::filesystem::path> find_cjk_font();

}  // namespace zhitu::tiles
