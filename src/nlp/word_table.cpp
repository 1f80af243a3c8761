#include "nlp/word_table.hpp"

#include "infra/same_bytes.hpp"

namespace notecoder::nlp {

namespace {

__extension__ using Wide = unsigned __int128;  // g++ and clang on 64-bit targets

// The high and low halves of the 128-bit product: every input bit reaches many output bits in
// one multiplication.
std::uint64_t Fold(std::uint64_t a, std::uint64_t b) {
  const Wide r = static_cast<Wide>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

constexpr std::uint64_t kSeedA = 0x9E3779B97F4A7C15ull;
constexpr std::uint64_t kSeedB = 0xD6E8FEB86659FD93ull;

}  // namespace

std::uint32_t WordTable::HashOf(std::string_view key) {
  // A word at a time, not a byte at a time: byte-wise FNV-1a was a chain of dependent
  // multiplications per letter, on every lookup of every note word. Keys of 4 to 16 bytes are
  // read as two overlapping words; the length is mixed in, so overlaps cannot collide across
  // lengths.
  const char* p = key.data();
  const std::size_t n = key.size();
  std::uint64_t seed = kSeedA ^ (n * kSeedB);
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  if (n >= 8) {
    std::size_t i = 0;
    for (; i + 16 < n; i += 16)
      seed = Fold(infra::LoadBytes8(p + i) ^ seed, infra::LoadBytes8(p + i + 8) ^ kSeedB);
    a = infra::LoadBytes8(p + (n >= 16 ? n - 16 : 0));
    b = infra::LoadBytes8(p + n - 8);
  } else if (n >= 4) {
    a = infra::LoadBytes4(p);
    b = infra::LoadBytes4(p + n - 4);
  } else if (n > 0) {
    a = std::uint64_t{static_cast<unsigned char>(p[0])} << 16 |
        std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
        static_cast<unsigned char>(p[n - 1]);
  }
  const std::uint64_t h = Fold(a ^ seed, b ^ kSeedB);
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

void WordTable::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.value == kMissing) continue;
    std::size_t i = s.hash & mask;
    while (slots_[i].value != kMissing) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

std::uint32_t WordTable::Insert(std::string_view key, std::uint32_t value) {
  if ((size_ + 1) * 2 > slots_.size()) Grow();  // load factor at most 1/2: short probes
  const std::uint32_t h = HashOf(key);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.value == kMissing) {
      s = Slot{h, static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(key.size()),
               value};
      arena_.append(key);
      ++size_;
      return value;
    }
    if (s.hash == h && s.length == key.size() &&
        infra::SameBytes(arena_.data() + s.offset, key.data(), key.size())) {
      return s.value;
    }
  }
}

std::uint32_t WordTable::FindHashed(std::string_view key, std::uint32_t h) const {
  if (slots_.empty()) return kMissing;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.value == kMissing) return kMissing;
    if (s.hash == h && s.length == key.size() &&
        infra::SameBytes(arena_.data() + s.offset, key.data(), key.size())) {
      return s.value;
    }
  }
}

}  // namespace notecoder::nlp
