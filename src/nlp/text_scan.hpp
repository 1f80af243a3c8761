#pragma once
// Byte-level character tests shared by the scanners. ASCII only on purpose: multi-byte UTF-8
// never collides with these bytes, so scanning bytes is safe and fast.
#include <cstdint>
#include <string_view>

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
constexpr bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }
constexpr char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c + ('a' - 'A')) : c; }

// [begin, end) with leading and trailing spaces removed.
inline void Trim(std::string_view text, std::uint32_t& begin, std::uint32_t& end) {
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
}

}  // namespace notecoder::nlp::scan
