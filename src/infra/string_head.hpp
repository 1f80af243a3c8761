#pragma once
// The first 16 bytes of a short string, zero-padded, as two words: two such heads and the lengths
// decide whether two strings of up to 16 bytes are equal with three compares and no branch on the
// length or the bytes. Words of notes are mostly that short, and which length class a word falls
// in, or at which byte it differs, is what the branch predictor cannot learn across notes.
#include <array>
#include <bit>
#include <cstdint>
#include <string>
#include <string_view>

#include "infra/same_bytes.hpp"

namespace notecoder::infra {

// The shifts below place byte i at bits 8i, as a little-endian load does.
static_assert(std::endian::native == std::endian::little);

struct Head16 {
  std::uint64_t lo = 0;
  std::uint64_t hi = 0;
  friend constexpr bool operator==(const Head16&, const Head16&) = default;
};

// Byte by byte: for constants, and for strings that may end anywhere.
constexpr Head16 Head16Of(std::string_view s) {
  Head16 head;
  for (std::size_t i = 0; i < s.size() && i < 16; ++i) {
    (i < 8 ? head.lo : head.hi) |= std::uint64_t{static_cast<unsigned char>(s[i])} << (i % 8 * 8);
  }
  return head;
}

namespace string_head_internal {

// kKeep[n]: the first n of 16 bytes set.
inline constexpr auto kKeep = [] {
  std::array<Head16, 17> keep{};
  for (std::size_t n = 0; n <= 16; ++n) {
    for (std::size_t i = 0; i < n; ++i) (i < 8 ? keep[n].lo : keep[n].hi) |= 0xFFull << (i % 8 * 8);
  }
  return keep;
}();

// Whether 16 bytes from a std::string's data() are always inside its buffer: the short-string
// buffer holds 16 bytes in libstdc++'s C++11 strings (23 in libc++), and a string leaves it only
// for a larger heap buffer. Not so for libstdc++'s old copy-on-write strings, whose empty string is
// a shared static.
#if (defined(__GLIBCXX__) && _GLIBCXX_USE_CXX11_ABI) || defined(_LIBCPP_VERSION)
inline constexpr bool kHeadRoom = true;
#else
inline constexpr bool kHeadRoom = false;
#endif

}  // namespace string_head_internal

// The same for a std::string: two loads and a mask. The bytes past size() that the loads read lie
// in the string's own buffer and are masked off.
inline Head16 Head16OfString(const std::string& s) {
  if constexpr (!string_head_internal::kHeadRoom) {
    return Head16Of(std::string_view(s));
  } else {
    const Head16& keep = string_head_internal::kKeep[s.size() < 16 ? s.size() : 16];
    return Head16{LoadBytes8(s.data()) & keep.lo, LoadBytes8(s.data() + 8) & keep.hi};
  }
}

}  // namespace notecoder::infra
