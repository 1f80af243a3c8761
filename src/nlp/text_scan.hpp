#pragma once
// Byte-level character tests shared by the scanners. ASCII only on purpose: multi-byte UTF-8
// never collides with these bytes, so scanning bytes is safe and fast.
#include <cstdint>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace notecoder::nlp::scan {

// Control characters other than the line breaks count as spaces (see Analyze).
constexpr bool IsSpace(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u <= 0x20 && c != '\n' && c != '\r') || u == 0x7F;
}
constexpr bool IsLineBreak(char c) { return c == '\n' || c == '\r'; }
constexpr bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsAlpha(char c) { return IsUpper(c) || IsLower(c); }
constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
// A table: the tokenizer asks this of nearly every byte of a note.
inline constexpr auto kAlnum = [] {
  struct Table {
    bool at[256] = {};
  } t;
  for (int c = 0; c < 256; ++c) {
    t.at[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  return t;
}();
constexpr bool IsAlnum(char c) { return kAlnum.at[static_cast<unsigned char>(c)]; }
constexpr char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c + ('a' - 'A')) : c; }

// The first of '.', '!' or '?' in text[pos, end), or end. Sixteen bytes per step with SSE2:
// a note is mostly words between terminators, and the byte loop testing three characters was a
// visible share of sentence splitting.
inline std::uint32_t FindTerminator(std::string_view text, std::uint32_t pos, std::uint32_t end) {
#if defined(__SSE2__)
  const __m128i dot = _mm_set1_epi8('.');
  const __m128i bang = _mm_set1_epi8('!');
  const __m128i question = _mm_set1_epi8('?');
  while (pos + 16 <= end) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, bang)),
                                     _mm_cmpeq_epi8(v, question));
    const int mask = _mm_movemask_epi8(hit);
    if (mask != 0)
      return pos + static_cast<std::uint32_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    pos += 16;
  }
#endif
  for (; pos < end; ++pos) {
    const char c = text[pos];
    if (c == '.' || c == '!' || c == '?') return pos;
  }
  return end;
}

// [begin, end) with leading and trailing spaces removed.
inline void Trim(std::string_view text, std::uint32_t& begin, std::uint32_t& end) {
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
}

}  // namespace notecoder::nlp::scan
