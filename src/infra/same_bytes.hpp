#pragma once
// Fixed-size loads and equality of short byte strings (word keys and ML terms, mostly 2 to 16
// bytes) without a call to memcmp: two overlapping loads compare what the call would. The rules
// engine, the ML vocabulary and the term hash read note words millions of times a second, and
// the calls were several percent of their time.
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace notecoder::infra {

// Unaligned loads of 8 and 4 bytes (native byte order).
inline std::uint64_t LoadBytes8(const void* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline std::uint32_t LoadBytes4(const void* p) {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// x[0, n) == y[0, n). Never reads outside either range.
inline bool SameBytes(const char* x, const char* y, std::size_t n) {
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (LoadBytes8(x + i) != LoadBytes8(y + i)) return false;
    }
    return LoadBytes8(x + n - 8) == LoadBytes8(y + n - 8);  // the last block, overlapping
  }
  if (n >= 4) {
    return LoadBytes4(x) == LoadBytes4(y) && LoadBytes4(x + n - 4) == LoadBytes4(y + n - 4);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

// a == b, usable in constant expressions too.
constexpr bool SameWord(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (std::is_constant_evaluated()) return a == b;
  return SameBytes(a.data(), b.data(), a.size());
}

}  // namespace notecoder::infra
