#pragma once
// A read-mostly map from short strings (word keys) to small integers, probed in place: one hash
// of the bytes, one cache line per probe, no allocation per lookup. Note words are looked up
// several times each while a note is coded, so std::unordered_map<std::string, …>'s node chasing
// and temporary strings showed up as a tenth of the engine's time.
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "infra/string_head.hpp"

namespace notecoder::nlp {

class WordTable {
 public:
  static constexpr std::uint32_t kMissing = 0xFFFFFFFFu;

  // Room for `keys` keys without growing: a table built once skips the doublings, whose old and
  // new slot arrays coexist while it is rehashed.
  void Reserve(std::size_t keys);
  // Inserts `key` with `value` unless present; returns the value stored for `key`.
  std::uint32_t Insert(std::string_view key, std::uint32_t value);
  // The value of `key`, or kMissing.
  std::uint32_t Find(std::string_view key) const;
  // The same for a key held in a std::string (a token's norm, mostly): its buffer has room for
  // kHeadBytes bytes, so the head is two loads and a mask, where a view's must be read in pieces
  // that stay inside the view. A template, so that a string literal still picks the view.
  template <std::same_as<std::string> S>
  std::uint32_t Find(const S& key) const {
    return FindInString(key);
  }

  std::size_t size() const { return size_; }

  // Visits every (key, value) pair, in no particular order.
  template <class F>
  void ForEach(F&& f) const {
    for (const Slot& s : slots_) {
      if (s.value != kMissing) {
        f(std::string_view(arena_).substr(s.offset, static_cast<std::uint32_t>(s.tag)), s.value);
      }
    }
  }

  // A key's first kHeadBytes bytes, zero-padded, as two words: slots keep it, so a probe on a key
  // of up to kHeadBytes bytes compares three words without a branch per length or per byte, where
  // a byte compare took branches that hang on the word and that the predictor cannot learn when
  // every note brings other words.
  static constexpr std::size_t kHeadBytes = 16;
  using Head = infra::Head16;
  static_assert(sizeof(Head) == kHeadBytes);

 private:
  struct alignas(32) Slot {  // two to a cache line, none across two
    Head head;
    std::uint64_t tag = 0;  // hash << 32 | length; with the head, equal tags mean equal short keys
    std::uint32_t offset = 0;  // of the key's bytes in arena_
    std::uint32_t value = kMissing;
  };
  void Grow();
  void Rehash(std::size_t size);
  // Reads only key[0, min(size, kHeadBytes)): keys are often views into the middle or the end of
  // a note.
  static Head HeadOf(std::string_view key);
  static std::uint32_t HashOf(std::string_view key, const Head& head);
  std::uint32_t FindInString(const std::string& key) const;
  // The index of the slot holding `key`, or of the empty slot where it would go.
  std::size_t Probe(std::string_view key, const Head& head, std::uint32_t hash) const;

  std::vector<Slot> slots_;  // power-of-two size, linear probing
  std::string arena_;        // every key's bytes, back to back
  std::size_t size_ = 0;
};

}  // namespace notecoder::nlp
