#include "nlp/word_table.hpp"

#include <bit>

#include "infra/same_bytes.hpp"

namespace notecoder::nlp {

namespace {

// Heads are built with shifts that place byte i at bits 8i, as a little-endian load does.
static_assert(std::endian::native == std::endian::little);

__extension__ using Wide = unsigned __int128;  // g++ and clang on 64-bit targets

// The high and low halves of the 128-bit product: every input bit reaches many output bits in
// one multiplication.
std::uint64_t Fold(std::uint64_t a, std::uint64_t b) {
  const Wide r = static_cast<Wide>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

constexpr std::uint64_t kSeedA = 0x9E3779B97F4A7C15ull;
constexpr std::uint64_t kSeedB = 0xD6E8FEB86659FD93ull;

// What a key shorter than a load reads instead of its own bytes, so that every load is in bounds
// and the length class picks among loaded values (conditional moves), not among loads (branches).
alignas(8) constexpr char kZeros[8] = {};

std::uint64_t TagOf(std::uint32_t hash, std::size_t length) {
  return std::uint64_t{hash} << 32 | static_cast<std::uint32_t>(length);
}

// The length classes below pick among values with masks and indices, not branches: which class
// a word falls in is what the predictor cannot learn across notes, and g++ turned `?:` on
// pointers into jumps.
std::uint64_t MaskIf(bool b) { return std::uint64_t{0} - b; }
const char* PickIf(std::uint64_t mask, const char* yes, const char* no) {
  const char* const choice[2] = {no, yes};
  return choice[mask & 1];
}

}  // namespace

WordTable::Head WordTable::HeadOf(std::string_view key) {
  const char* p = key.data();
  const std::size_t n = key.size() < kHeadBytes ? key.size() : kHeadBytes;
  // 8 to 16 bytes: the first word, and the last word shifted down to start at byte 8.
  const std::uint64_t has8 = MaskIf(n >= 8);
  const char* p8 = PickIf(has8, p, kZeros);
  const std::size_t n8 = (n & has8) | (8 & ~has8);
  const std::uint64_t first8 = infra::LoadBytes8(p8);
  const std::uint64_t last8 = infra::LoadBytes8(p8 + n8 - 8);
  const std::uint64_t hi = (last8 >> ((16 - n8) * 8 % 64)) & MaskIf(n8 > 8);
  // 4 to 7 bytes: two overlapping half-words; the overlap holds the same bytes in both. Each
  // class reads a key of another length as a stand-in of its own, so its shifts stay in range.
  const std::uint64_t in4 = MaskIf(n - 4 < 4);
  const char* p4 = PickIf(in4, p, kZeros);
  const std::size_t n4 = (n & in4) | (4 & ~in4);
  const std::uint64_t four = infra::LoadBytes4(p4) | std::uint64_t{infra::LoadBytes4(p4 + n4 - 4)}
                                                         << (n4 - 4) * 8;
  // 1 to 3 bytes: first, middle and last cover them all.
  const std::uint64_t in1 = MaskIf(n - 1 < 3);
  const auto* p1 = reinterpret_cast<const unsigned char*>(PickIf(in1, p, kZeros));
  const std::size_t n1 = (n & in1) | (1 & ~in1);
  const std::uint64_t one = std::uint64_t{p1[0]} | std::uint64_t{p1[n1 / 2]} << (n1 / 2) * 8 |
                            std::uint64_t{p1[n1 - 1]} << (n1 - 1) * 8;
  const std::uint64_t lo = (first8 & has8) | (four & in4) | (one & in1);
  return Head{lo, hi};
}

std::uint32_t WordTable::HashOf(std::string_view key, const Head& head) {
  // A word at a time, not a byte at a time: byte-wise FNV-1a was a chain of dependent
  // multiplications per letter, on every lookup of every note word. The length is mixed in, so
  // zero padding cannot collide across lengths.
  const std::size_t n = key.size();
  std::uint64_t seed = kSeedA ^ (n * kSeedB);
  if (n > kHeadBytes) {  // rare: words are short
    const char* p = key.data();
    std::size_t i = kHeadBytes;
    for (; i + 8 < n; i += 8) seed = Fold(infra::LoadBytes8(p + i) ^ seed, kSeedB);
    seed = Fold(infra::LoadBytes8(p + n - 8) ^ seed, kSeedA);
  }
  const std::uint64_t h = Fold(head.lo ^ seed, head.hi ^ kSeedB);
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

void WordTable::Reserve(std::size_t keys) {
  std::size_t size = 64;
  while (size < 2 * keys) size *= 2;
  if (size > slots_.size()) Rehash(size);
}

void WordTable::Grow() { Rehash(slots_.empty() ? 64 : slots_.size() * 2); }

void WordTable::Rehash(std::size_t size) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(size, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.value == kMissing) continue;
    std::size_t i = (s.tag >> 32) & mask;
    while (slots_[i].value != kMissing) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

std::size_t WordTable::Probe(std::string_view key, const Head& head, std::uint32_t h) const {
  const std::uint64_t tag = TagOf(h, key.size());
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    // One branch per probe, usually taken on the first (load factor at most 1/2): a hit or an
    // empty slot ends it (the minimum of two unsigned values is 0 when either is; g++ split
    // `same || empty` into two branches). An empty slot's tag (length 0) can equal an empty key's;
    // its value is kMissing either way.
    const std::uint64_t diff = (s.head.lo ^ head.lo) | (s.head.hi ^ head.hi) | (s.tag ^ tag);
    const std::uint64_t used = s.value ^ kMissing;
    if ((diff < used ? diff : used) == 0) {
      if (key.size() <= kHeadBytes) return i;  // the head and the length were the whole key
      if (used == 0 || infra::SameBytes(arena_.data() + s.offset + kHeadBytes,
                                        key.data() + kHeadBytes, key.size() - kHeadBytes)) {
        return i;
      }
    }
  }
}

[[gnu::flatten]] std::uint32_t WordTable::Insert(std::string_view key, std::uint32_t value) {
  if ((size_ + 1) * 2 > slots_.size()) Grow();  // load factor at most 1/2: short probes
  const Head head = HeadOf(key);
  const std::uint32_t h = HashOf(key, head);
  Slot& s = slots_[Probe(key, head, h)];
  if (s.value != kMissing) return s.value;
  s = Slot{head, TagOf(h, key.size()), static_cast<std::uint32_t>(arena_.size()), value};
  arena_.append(key);
  ++size_;
  return value;
}

// Flattened (and the other look-ups): g++ left HeadOf and Probe as calls, whose set-up was a good
// part of a look-up of a few dozen instructions.
[[gnu::flatten]] std::uint32_t WordTable::Find(std::string_view key) const {
  if (slots_.empty()) return kMissing;
  const Head head = HeadOf(key);
  return slots_[Probe(key, head, HashOf(key, head))].value;
}

[[gnu::flatten]] std::uint32_t WordTable::FindInString(const std::string& key) const {
  if (slots_.empty()) return kMissing;
  const Head head = infra::Head16OfString(key);
  return slots_[Probe(key, head, HashOf(key, head))].value;
}

}  // namespace notecoder::nlp
