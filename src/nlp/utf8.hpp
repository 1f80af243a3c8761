#pragma once
// UTF-8 decoding, validation and ASCII folding. Hand-written because the analyzer must be linear
// and fast; nothing here allocates except AppendFoldedLower.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace notecoder::nlp {

// Byte offset of the first byte that does not start a well-formed UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF are rejected), or nullopt when valid.
std::optional<std::size_t> FindInvalidUtf8(std::string_view text);

struct Decoded {
  char32_t cp = 0;
  std::uint32_t len = 1;  // bytes consumed, at least 1
};

// Decodes the code point at text[pos]; the text must already be valid UTF-8.
inline Decoded DecodeAt(std::string_view text, std::size_t pos) {
  const auto b0 = static_cast<unsigned char>(text[pos]);
  if (b0 < 0x80) return {b0, 1};
  auto cont = [&](std::size_t i) {
    return pos + i < text.size()
               ? static_cast<char32_t>(static_cast<unsigned char>(text[pos + i]) & 0x3F)
               : char32_t{0};
  };
  if (b0 < 0xE0) return {(static_cast<char32_t>(b0 & 0x1F) << 6) | cont(1), 2};
  if (b0 < 0xF0) return {(static_cast<char32_t>(b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3};
  return {(static_cast<char32_t>(b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3), 4};
}

enum class CharClass : std::uint8_t { kSpace, kLetter, kDigit, kPunct };

// Classifies a code point for tokenization: control characters and Unicode spaces are kSpace,
// letters of any script kLetter, ASCII digits kDigit, everything else (dashes, bullets, quotes,
// symbols) kPunct.
CharClass ClassifyCodepoint(char32_t cp);

// Appends the lower-case ASCII folding of `cp` ("É" → "e", "ß" → "ss", "’" → "'", "–" → "-")
// to `out`; code points without a folding are appended as UTF-8 unchanged.
void AppendFoldedLower(char32_t cp, std::string& out);

// Appends cp as UTF-8.
void AppendUtf8(char32_t cp, std::string& out);

}  // namespace notecoder::nlp
