#pragma once
// A short constant list of words asked "is this token one of you?" for every token of a note.
// Each (first letter, length) pair of the list is kept as one bit, so most tokens are refused by
// a single well-predicted bit test. Separate length and first-letter tests each passed for most
// words (a list of a dozen words covers most lengths and many letters), and the two
// content-dependent branches were a visible share of the engine's mispredictions.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include "infra/same_bytes.hpp"

namespace notecoder::nlp {

template <std::size_t N>
class WordList {
 public:
  constexpr explicit WordList(const std::array<std::string_view, N>& words) : words_(words) {
    for (const std::string_view w : words_) {
      if (!w.empty()) shapes_[Bucket(w)] |= LengthBit(w);
    }
  }

  constexpr bool Contains(std::string_view w) const {
    if (w.empty()) return has_empty();
    if ((shapes_[Bucket(w)] & LengthBit(w)) == 0) return false;
    for (const std::string_view x : words_) {
      if (infra::SameWord(x, w)) return true;
    }
    return false;
  }

 private:
  // Letters fall in distinct buckets ('a' → 1 ... 'z' → 26); digits and punctuation share them,
  // which only lets a few more words through to the compare.
  static constexpr std::size_t Bucket(std::string_view w) {
    return static_cast<unsigned char>(w.front()) % 32;
  }
  // Lengths from 63 up share the last bit.
  static constexpr std::uint64_t LengthBit(std::string_view w) {
    return std::uint64_t{1} << std::min<std::size_t>(w.size(), 63);
  }
  constexpr bool has_empty() const {
    for (const std::string_view x : words_) {
      if (x.empty()) return true;
    }
    return false;
  }
  std::array<std::string_view, N> words_;
  std::array<std::uint64_t, 32> shapes_{};  // by first-letter bucket: a bit per length
};

// WordList from string literals: MakeWordList("and", "or").
template <class... W>
constexpr WordList<sizeof...(W)> MakeWordList(W... words) {
  return WordList<sizeof...(W)>(std::array<std::string_view, sizeof...(W)>{words...});
}

}  // namespace notecoder::nlp
