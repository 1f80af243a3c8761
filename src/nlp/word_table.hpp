#pragma once
// A read-mostly map from short strings (word keys) to small integers, probed in place: one hash
// of the bytes, one cache line per probe, no allocation per lookup. Note words are looked up
// several times each while a note is coded, so std::unordered_map<std::string, …>'s node chasing
// and temporary strings showed up as a tenth of the engine's time.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace notecoder::nlp {

class WordTable {
 public:
  static constexpr std::uint32_t kMissing = 0xFFFFFFFFu;

  // Inserts `key` with `value` unless present; returns the value stored for `key`.
  std::uint32_t Insert(std::string_view key, std::uint32_t value);
  // The value of `key`, or kMissing.
  std::uint32_t Find(std::string_view key) const { return FindHashed(key, HashOf(key)); }

  // Looking up many keys in a row, a caller hashes key i + k and prefetches its slot before
  // finding key i: the table is larger than the cache, and the probes then overlap.
  static std::uint32_t HashOf(std::string_view key);
  void Prefetch(std::uint32_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }
  std::uint32_t FindHashed(std::string_view key, std::uint32_t hash) const;
  std::size_t size() const { return size_; }

  // Visits every (key, value) pair, in no particular order.
  template <class F>
  void ForEach(F&& f) const {
    for (const Slot& s : slots_) {
      if (s.value != kMissing) f(std::string_view(arena_).substr(s.offset, s.length), s.value);
    }
  }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    std::uint32_t value = kMissing;
  };
  void Grow();

  std::vector<Slot> slots_;  // power-of-two size, linear probing
  std::string arena_;        // every key's bytes, back to back
  std::size_t size_ = 0;
};

}  // namespace notecoder::nlp
