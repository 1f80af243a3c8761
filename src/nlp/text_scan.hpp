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
  // Blocks may run past `end` (never past the text), their bits beyond it masked off: most lines
  // are shorter than a block, and a byte loop over their tails branched once per byte.
  while (pos < end && pos + 16 <= text.size()) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, bang)),
                                     _mm_cmpeq_epi8(v, question));
    const std::uint32_t left = end - pos;
    const unsigned in_range = left >= 16 ? 0xFFFFu : (1u << left) - 1;
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit)) & in_range;
    if (mask != 0) return pos + static_cast<std::uint32_t>(__builtin_ctz(mask));
    if (left <= 16) return end;
    pos += 16;
  }
#endif
  for (; pos < end; ++pos) {
    const char c = text[pos];
    if (c == '.' || c == '!' || c == '?') return pos;
  }
  return end;
}

// The first index in [pos, end) whose byte is not an ASCII letter or digit, or end (pos when
// pos >= end). Sixteen bytes per step with SSE2, so a word costs one branch on where it ends
// rather than one per byte: the predictor learns the byte loop for one note but not across many.
// Bytes past `end` may be read, never past text.size().
inline std::size_t AlnumRunEnd(std::string_view text, std::size_t pos, std::size_t end) {
  if (pos >= end) return pos;
#if defined(__SSE2__)
  // Signed compares: bytes of 0x80 and above are negative, so they count as neither class.
  const __m128i case_bit = _mm_set1_epi8(0x20);
  const __m128i before_a = _mm_set1_epi8('a' - 1);
  const __m128i after_z = _mm_set1_epi8('z' + 1);
  const __m128i before_0 = _mm_set1_epi8('0' - 1);
  const __m128i after_9 = _mm_set1_epi8('9' + 1);
  while (pos + 16 <= text.size()) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    const __m128i folded = _mm_or_si128(v, case_bit);
    const __m128i letter =
        _mm_and_si128(_mm_cmpgt_epi8(folded, before_a), _mm_cmplt_epi8(folded, after_z));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, before_0), _mm_cmplt_epi8(v, after_9));
    const unsigned stop =
        ~static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, digit))) & 0xFFFFu;
    if (stop != 0) {
      const std::size_t at = pos + static_cast<std::size_t>(__builtin_ctz(stop));
      return at < end ? at : end;
    }
    pos += 16;
    if (pos >= end) return end;
  }
#endif
  while (pos < end && IsAlnum(text[pos])) ++pos;
  return pos;
}

// [begin, end) with leading and trailing spaces removed.
inline void Trim(std::string_view text, std::uint32_t& begin, std::uint32_t& end) {
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
}

}  // namespace notecoder::nlp::scan
