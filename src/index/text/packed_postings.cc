// SPDX-License-Identifier: Apache-2.0
#include "index/text/packed_postings.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <tuple>

#include "index/text/posting_codes.h"
#include "model/check.h"

namespace zhitu::index {

namespace {

static_assert(std::endian::native == std::endian::little,
              "postings are read as little-endian words");

// Appends the low `width` bits of values to a stream of bytes, lowest first.
class bit_writer {
 public:
  explicit bit_writer(std::vector<std::uint8_t>& out) : out_{out} {}
  void put(std::uint64_t v, unsigned width) {
    pending_ |= v << filled_;
    filled_ += width;
    while (filled_ >= 8) {
      out_.push_back(static_cast<std::uint8_t>(pending_));
      pending_ >>= 8U;
      filled_ -= 8;
    }
  }
  void flush() {
    if (filled_ > 0) {
      out_.push_back(static_cast<std::uint8_t>(pending_));
    }
    pending_ = 0;
    filled_ = 0;
  }

 private:
  std::vector<std::uint8_t>& out_;
  std::uint64_t pending_ = 0;
  unsigned filled_ = 0;
};

// A read may take eight bytes from the last posting's first.
constexpr std::size_t kPadding = 8;

}  // namespace

packed_postings::packed_postings(std::vector<raw_posting>&& raw) {
  std::sort(raw.begin(), raw.end(), [](raw_posting const& a, raw_posting const& b) {
    return std::tie(a.key_, a.name_, a.pos_) < std::tie(b.key_, b.name_, b.pos_);
  });
  ZHITU_CHECK(raw.size() < UINT32_MAX, "too many postings for 32-bit numbers");
  bit_writer bits{bytes_};
  for (std::size_t i = 0; i < raw.size();) {
    if (i == 0 || raw[i].key_ != raw[i - 1].key_) {
      keys_.push_back(raw[i].key_);
      first_.push_back(static_cast<std::uint32_t>(i));
      blocks_of_.push_back(static_cast<std::uint32_t>(blocks_.size()));
    }
    // A block: up to kBlock postings of one key, each its name's difference from the one
    // before (the first from itself: 0) and its position, in the widths the block's largest
    // need.
    auto end = i + 1;
    while (end < raw.size() && end - i < kBlock && raw[end].key_ == raw[i].key_) {
      ++end;
    }
    std::uint32_t most_delta = 0;
    std::uint16_t most_pos = 0;
    for (auto j = i; j < end; ++j) {
      most_delta = std::max(most_delta, j == i ? 0U : raw[j].name_ - raw[j - 1].name_);
      most_pos = std::max(most_pos, raw[j].pos_);
    }
    ZHITU_CHECK(bytes_.size() < UINT32_MAX - 1024, "posting bytes past 32-bit offsets");
    blocks_.push_back({raw[i].name_, static_cast<std::uint32_t>(bytes_.size())});
    auto const delta_bits = static_cast<std::uint8_t>(std::bit_width(most_delta));
    auto const pos_bits = static_cast<std::uint8_t>(std::bit_width(most_pos));
    bytes_.push_back(delta_bits);
    bytes_.push_back(pos_bits);
    for (auto j = i; j < end; ++j) {
      bits.put(j == i ? 0U : raw[j].name_ - raw[j - 1].name_, delta_bits);
      bits.put(raw[j].pos_, pos_bits);
    }
    bits.flush();
    i = end;
  }
  bytes_.insert(bytes_.end(), kPadding, 0);
  first_.push_back(static_cast<std::uint32_t>(raw.size()));
  blocks_of_.push_back(static_cast<std::uint32_t>(blocks_.size()));
  keys_.shrink_to_fit();
  first_.shrink_to_fit();
  blocks_of_.shrink_to_fit();
  blocks_.shrink_to_fit();
  bytes_.shrink_to_fit();
  raw = std::vector<raw_posting>{};
}

std::optional<std::size_t> packed_postings::find(std::uint64_t key) const {
  return find_key(keys_, key);
}

std::pair<std::size_t, std::size_t> packed_postings::range(std::uint64_t lo,
                                                           std::uint64_t hi) const {
  auto const from = std::lower_bound(keys_.begin(), keys_.end(), lo);
  auto const to = std::lower_bound(from, keys_.end(), hi);
  return {static_cast<std::size_t>(from - keys_.begin()),
          static_cast<std::size_t>(to - keys_.begin())};
}

packed_postings::cursor packed_postings::list(std::size_t k) const {
  cursor c;
  c.p_ = this;
  c.end_block_ = blocks_of_[k + 1];
  c.left_ = size(k);
  c.enter(blocks_of_[k]);
  return c;
}

void packed_postings::cursor::enter(std::uint32_t block) {
  block_ = block;
  auto const* at = p_->bytes_.data() + p_->blocks_[block].byte_;
  delta_bits_ = at[0];
  pos_bits_ = at[1];
  at_ = at + 2;
  bit_ = 0;
  name_ = p_->blocks_[block].name_;
  left_in_block_ = std::min(kBlock, left_);
  started_ = false;
}

bool packed_postings::cursor::next() {
  if (left_ == 0) {
    return false;
  }
  if (left_in_block_ == 0) {
    enter(block_ + 1);
  }
  // One read holds both (at most 32 + 16 bits, from any of a byte's 8).
  std::uint64_t word = 0;
  std::memcpy(&word, at_ + bit_ / 8, sizeof(word));
  word >>= bit_ % 8;
  name_ += static_cast<std::uint32_t>(word & ((std::uint64_t{1} << delta_bits_) - 1));
  pos_ = static_cast<std::uint16_t>(word >> delta_bits_ & ((1U << pos_bits_) - 1));
  bit_ += delta_bits_ + pos_bits_;
  --left_;
  --left_in_block_;
  started_ = true;
  return true;
}

bool packed_postings::cursor::seek(std::uint32_t name, std::uint16_t pos) {
  auto const before = [&] { return std::tie(name_, pos_) < std::tie(name, pos); };
  if (started_ && !before()) {
    return true;
  }
  // Skip the blocks that end before the target: those followed by a block that starts with a
  // smaller name (a block starting with the same name may hold the target's earlier positions).
  // Gallop, then halve: `lo` starts with a smaller name (or is the current block), `hi` with the
  // target's or a greater one (or is the end).
  auto const& blocks = p_->blocks_;
  auto lo = block_;
  std::uint32_t step = 1;
  while (lo + step < end_block_ && blocks[lo + step].name_ < name) {
    lo += step;
    step *= 2;
  }
  for (auto hi = std::min(lo + step, end_block_); lo + 1 < hi;) {
    auto const mid = lo + (hi - lo) / 2;
    if (blocks[mid].name_ < name) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  if (lo > block_) {
    left_ -= left_in_block_ + (lo - block_ - 1) * kBlock;
    enter(lo);
  }
  while (next()) {
    if (!before()) {
      return true;
    }
  }
  return false;
}

std::size_t packed_postings::memory_bytes() const {
  return keys_.capacity() * 8 + first_.capacity() * 4 + blocks_of_.capacity() * 4 +
         blocks_.capacity() * sizeof(block) + bytes_.capacity();
}

}  // namespace zhitu::index
