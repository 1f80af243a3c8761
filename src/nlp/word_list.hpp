#pragma once
// A short constant list of words asked "is this token one of you?" for every token of a note.
// Lengths and first letters are kept as bit sets, so most tokens are refused by two bit tests
// instead of a string compare per entry (those compares were a visible share of mispredicted
// branches in the engine).
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
      if (w.empty() || w.size() >= 64) {
        lengths_ = ~std::uint64_t{0};  // no length filter: let every length through
      } else {
        lengths_ |= std::uint64_t{1} << w.size();
      }
      if (!w.empty()) {
        const auto c = static_cast<unsigned char>(w.front());
        first_[c / 64] |= std::uint64_t{1} << (c % 64);
      }
    }
  }

  constexpr bool Contains(std::string_view w) const {
    if (w.empty()) return has_empty();
    if (w.size() < 64 && ((lengths_ >> w.size()) & 1) == 0) return false;
    const auto c = static_cast<unsigned char>(w.front());
    if (((first_[c / 64] >> (c % 64)) & 1) == 0) return false;
    for (const std::string_view x : words_) {
      if (infra::SameWord(x, w)) return true;
    }
    return false;
  }

 private:
  constexpr bool has_empty() const {
    for (const std::string_view x : words_) {
      if (x.empty()) return true;
    }
    return false;
  }
  std::array<std::string_view, N> words_;
  std::uint64_t lengths_ = 0;
  std::array<std::uint64_t, 4> first_{};
};

// WordList from string literals: MakeWordList("and", "or").
template <class... W>
constexpr WordList<sizeof...(W)> MakeWordList(W... words) {
  return WordList<sizeof...(W)>(std::array<std::string_view, sizeof...(W)>{words...});
}

}  // namespace notecoder::nlp
