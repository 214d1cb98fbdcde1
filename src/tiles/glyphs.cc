// SPDX-License-Identifier: Apache-2.0
#include "tiles/glyphs.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H

#include <algorithm>
#include <cmath>
#include <protozero/pbf_writer.hpp>

#include "model/check.h"

namespace zhitu::tiles {

namespace {

constexpr auto kFontSizePx = 24;
constexpr auto kBufferPx = 3;  // MapLibre's glyph border (and FreeType's SDF spread)
constexpr auto kTopOrigin = 26;

// glyphs.proto field numbers.
enum : protozero::pbf_tag_type {
  kStacks = 1,
  kStackName = 1,
  kStackRange = 2,
  kStackGlyphs = 3,
  kGlyphId = 1,
  kGlyphBitmap = 2,
  kGlyphWidth = 3,
  kGlyphHeight = 4,
  kGlyphLeft = 5,
  kGlyphTop = 6,
  kGlyphAdvance = 7,
};

// FreeType's SDF: 128 on the edge, ±128 over `spread` pixels (inside positive). MapLibre's
// shader: 192 on the edge, 255 / 8 a pixel (TinySDF's radius 8, cutoff 0.25).
std::uint8_t to_maplibre(std::uint8_t v) {
  auto const distance_px = (static_cast<double>(v) - 128.0) / 128.0 * kBufferPx;
  return static_cast<std::uint8_t>(std::clamp(191.25 + distance_px * 255.0 / 8.0, 0.0, 255.0));
}

}  // namespace

struct glyph_source::freetype {
  FT_Library library_{nullptr};
  FT_Face face_{nullptr};
  ~freetype() {
    if (face_ != nullptr) {
      FT_Done_Face(face_);
    }
    if (library_ != nullptr) {
      FT_Done_FreeType(library_);
    }
  }
};

glyph_source::glyph_source(std::filesystem::path const& font_file) : ft_{std::make_unique<freetype>()} {
  if (FT_Init_FreeType(&ft_->library_) != 0) {
    throw zhitu::exception("FreeType could not start");
  }
  FT_Int spread = kBufferPx;
  FT_Property_Set(ft_->library_, "sdf", "spread", &spread);
  if (FT_New_Face(ft_->library_, font_file.c_str(), 0, &ft_->face_) != 0) {
    throw zhitu::exception("cannot open font " + font_file.string());
  }
  if (FT_Set_Pixel_Sizes(ft_->face_, 0, kFontSizePx) != 0) {
    throw zhitu::exception("font " + font_file.string() + " cannot be sized to 24 px");
  }
  family_ = ft_->face_->family_name != nullptr ? ft_->face_->family_name : font_file.stem().string();
}

glyph_source::~glyph_source() = default;

std::string glyph_source::range_pbf(std::string_view fontstack, std::uint32_t start) {
  ZHITU_CHECK(start % 256 == 0 && start <= 0xffff00, "glyph range must start at a multiple of 256");
  std::lock_guard const lock{mutex_};
  auto const key = std::pair{std::string{fontstack}, start};
  if (auto const it = cache_.find(key); it != cache_.end()) {
    return it->second;
  }
  return cache_[key] = render_range(fontstack, start);
}

std::string glyph_source::render_range(std::string_view fontstack, std::uint32_t start) {
  std::string out;
  protozero::pbf_writer glyphs{out};
  protozero::pbf_writer stack{glyphs, kStacks};
  stack.add_string(kStackName, fontstack.data(), fontstack.size());
  stack.add_string(kStackRange, std::to_string(start) + "-" + std::to_string(start + 255));
  auto* const face = ft_->face_;
  for (auto cp = start; cp <= start + 255; ++cp) {
    auto const index = FT_Get_Char_Index(face, cp);
    if (index == 0 || FT_Load_Glyph(face, index, FT_LOAD_DEFAULT) != 0) {
      continue;  // not in the font: MapLibre leaves it out
    }
    auto* const slot = face->glyph;
    protozero::pbf_writer glyph{stack, kStackGlyphs};
    glyph.add_uint32(kGlyphId, cp);
    auto const advance = static_cast<std::uint32_t>(std::lround(slot->advance.x / 64.0));
    if (slot->outline.n_points == 0 || FT_Render_Glyph(slot, FT_RENDER_MODE_SDF) != 0 ||
        slot->bitmap.width <= 2 * kBufferPx || slot->bitmap.rows <= 2 * kBufferPx) {
      // Blank glyphs (spaces) have only an advance.
      glyph.add_uint32(kGlyphWidth, 0);
      glyph.add_uint32(kGlyphHeight, 0);
      glyph.add_sint32(kGlyphLeft, 0);
      glyph.add_sint32(kGlyphTop, 0);
      glyph.add_uint32(kGlyphAdvance, advance);
      continue;
    }
    auto const& bm = slot->bitmap;
    std::string bitmap(static_cast<std::size_t>(bm.width) * bm.rows, '\0');
    for (unsigned row = 0; row < bm.rows; ++row) {
      auto const* src = bm.buffer + static_cast<std::ptrdiff_t>(row) * bm.pitch;
      for (unsigned col = 0; col < bm.width; ++col) {
        bitmap[row * bm.width + col] = static_cast<char>(to_maplibre(src[col]));
      }
    }
    glyph.add_bytes(kGlyphBitmap, bitmap);
    glyph.add_uint32(kGlyphWidth, bm.width - 2 * kBufferPx);
    glyph.add_uint32(kGlyphHeight, bm.rows - 2 * kBufferPx);
    // The SDF bitmap starts `spread` pixels left of and above the outline.
    glyph.add_sint32(kGlyphLeft, slot->bitmap_left + kBufferPx);
    // MapLibre's `top` counts from an origin above the em box, not from the baseline; 26 px
    // puts 24 px glyphs where its own local CJK glyphs go (its `topAdjustment`, 27.5).
    glyph.add_sint32(kGlyphTop, slot->bitmap_top - kBufferPx - kTopOrigin);
    glyph.add_uint32(kGlyphAdvance, advance);
  }
  return out;
}

std::optional<std::filesystem::path> find_cjk_font() {
  for (auto const* p : {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"}) {
    if (std::filesystem::exists(p)) {
      return p;
    }
  }
  return std::nullopt;
}

}  // namespace zhitu::tiles
