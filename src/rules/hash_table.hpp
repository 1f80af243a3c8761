#pragma once
// A map from 64-bit hashes to 32-bit values in one flat array (linear probing, load ≤ 1/2):
// a lookup touches one cache line where std::unordered_map touches a bucket and a node. The
// title dictionary asks it for every word n-gram of a note.
#include <cstdint>
#include <vector>

namespace notecoder::rules {

class HashTable {
 public:
  static constexpr std::uint32_t kMissing = 0xFFFFFFFFu;

  // Keeps the first value inserted for `key`.
  void Insert(std::uint64_t key, std::uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    Slot* s = Probe(slots_, key);
    if (s->value == kMissing) {
      *s = Slot{key, value};
      ++size_;
    }
  }
  std::uint32_t Find(std::uint64_t key) const {
    if (slots_.empty()) return kMissing;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = Start(key, mask);; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.value == kMissing || s.key == key) return s.value;
    }
  }
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t value = kMissing;
  };
  // The keys are hashes already; the high bits spread them over the table.
  static std::size_t Start(std::uint64_t key, std::size_t mask) {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask;
  }
  static Slot* Probe(std::vector<Slot>& slots, std::uint64_t key) {
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = Start(key, mask);; i = (i + 1) & mask) {
      if (slots[i].value == kMissing || slots[i].key == key) return &slots[i];
    }
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    for (const Slot& s : old) {
      if (s.value != kMissing) *Probe(slots_, s.key) = s;
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace notecoder::rules
