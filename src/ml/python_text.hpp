#pragma once
// Python's view of text, for tokens identical to scikit-learn's: UTF-8 decoding with
// errors='replace', str.lower() (full Unicode mapping, Final_Sigma included), the `re` word
// class (?u)\w and str.isspace().
#include <string>
#include <string_view>

#include "nlp/utf8.hpp"

namespace notecoder::ml {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes UTF-8 into code points. Each invalid sequence (a maximal subpart, as Python's
// bytes.decode('utf-8', 'replace') sees it) becomes U+FFFD, never swallowing the byte that
// follows it, so the words around bad bytes come out as Python's. U+FFFD is not a word char.
void DecodeUtf8(std::string_view utf8, std::u32string& out);

// str.lower() of `text` appended to `out`.
void PythonLower(std::u32string_view text, std::u32string& out);

namespace detail {
bool IsWordCharSlow(char32_t cp);
bool IsSpaceCharSlow(char32_t cp);
// ASCII answers, checked against the generated tables by python_text_test.
inline constexpr bool IsAsciiWord(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
inline constexpr bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
}
}  // namespace detail

// re's (?u)\w
inline bool IsWordChar(char32_t cp) {
  return cp < 128 ? detail::IsAsciiWord(static_cast<unsigned char>(cp))
                  : detail::IsWordCharSlow(cp);
}
// str.isspace()
inline bool IsSpaceChar(char32_t cp) {
  return cp < 128 ? detail::IsAsciiSpace(static_cast<unsigned char>(cp))
                  : detail::IsSpaceCharSlow(cp);
}

// UTF-8 encoding of one code point: nlp's (one encoder for the whole project).
using nlp::AppendUtf8;

}  // namespace notecoder::ml
