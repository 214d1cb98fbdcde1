// SPDX-License-Identifier: Apache-2.0
#include "index/text/pinyin_postings.h"

#include <algorithm>
#include <tuple>

#include "index/text/posting_codes.h"
#include "model/check.h"

namespace zhitu::index {

namespace {

// The characters left and the next initial share a byte, (rest - kFewestRest) · kNextValues +
// next, for kJointRests values of rest; kApart marks the two bytes of any other.
constexpr unsigned kFewestRest = 2;
constexpr unsigned kJointRests = 9;
constexpr std::uint8_t kApart = UINT8_MAX;
static_assert(kJointRests * pinyin_postings::kNextValues <= kApart);

}  // namespace

pinyin_postings::pinyin_postings(std::vector<pinyin_posting>&& raw) {
  std::sort(raw.begin(), raw.end(), [](pinyin_posting const& a, pinyin_posting const& b) {
    return std::tie(a.key_, a.class_, a.rank_, a.pos_) <
           std::tie(b.key_, b.class_, b.rank_, b.pos_);
  });
  ZHITU_CHECK(raw.size() < UINT32_MAX, "too many pinyin postings for 32-bit numbers");
  std::vector<std::uint32_t> byte;
  for (std::size_t i = 0; i < raw.size();) {
    auto const key = raw[i].key_;
    keys_.push_back(key);
    for (unsigned cls = 0; cls < kClasses; ++cls) {
      byte.push_back(static_cast<std::uint32_t>(bytes_.size()));
      std::uint32_t prev_rank = 0;  // a class's first posting is its rank itself
      for (; i < raw.size() && raw[i].key_ == key && raw[i].class_ == cls; ++i) {
        auto const& r = raw[i];
        ZHITU_CHECK(bytes_.size() < UINT32_MAX - 16, "pinyin posting bytes past 32-bit offsets");
        ZHITU_CHECK(r.next_ < kNextValues, "pinyin posting's next initial out of range");
        if (r.rest_ == kFar) {
          far_.emplace_back(static_cast<std::uint32_t>(bytes_.size()), r.pos_);
        }
        put_varint(bytes_, r.rank_ - prev_rank);
        if (r.rest_ >= kFewestRest && r.rest_ < kFewestRest + kJointRests) {
          bytes_.push_back(
              static_cast<std::uint8_t>((r.rest_ - kFewestRest) * kNextValues + r.next_));
        } else {
          bytes_.push_back(kApart);
          bytes_.push_back(r.rest_);
          bytes_.push_back(r.next_);
        }
        prev_rank = r.rank_;
      }
    }
    ZHITU_CHECK(i == raw.size() || raw[i].key_ != key, "pinyin posting class out of range");
  }
  byte.push_back(static_cast<std::uint32_t>(bytes_.size()));
  byte_ = packed_ints{byte};
  keys_.shrink_to_fit();
  bytes_.shrink_to_fit();
  far_.shrink_to_fit();
  raw = std::vector<pinyin_posting>{};
}

std::optional<std::size_t> pinyin_postings::find(std::uint64_t key) const {
  return find_key(keys_, key);
}

pinyin_postings::cursor pinyin_postings::list(std::size_t k, unsigned cls) const {
  cursor c;
  c.p_ = this;
  auto const at = k * kClasses + cls;
  c.at_ = bytes_.data() + byte_[at];
  c.end_ = bytes_.data() + byte_[at + 1];
  return c;
}

bool pinyin_postings::cursor::next() {
  if (at_ == end_) {
    return false;
  }
  posting_ = at_;
  rank_ += get_varint(at_);
  auto const joint = *at_++;
  if (joint != kApart) {
    rest_ = static_cast<std::uint8_t>(joint / kNextValues + kFewestRest);
    next_ = static_cast<std::uint8_t>(joint % kNextValues);
  } else {
    rest_ = *at_++;
    next_ = *at_++;
  }
  return true;
}

std::uint16_t pinyin_postings::cursor::far_pos() const {
  auto const byte = static_cast<std::uint32_t>(posting_ - p_->bytes_.data());
  auto const far = std::lower_bound(p_->far_.begin(), p_->far_.end(), byte,
                                    [](std::pair<std::uint32_t, std::uint16_t> const& f,
                                       std::uint32_t b) { return f.first < b; });
  ZHITU_CHECK(far != p_->far_.end() && far->first == byte, "no far position for a posting");
  return far->second;
}

std::size_t pinyin_postings::memory_bytes() const {
  return keys_.capacity() * 8 + byte_.memory_bytes() + bytes_.capacity() +
         far_.capacity() * sizeof(far_[0]);
}

}  // namespace zhitu::index
