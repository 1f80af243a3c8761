#pragma once
// Shared helpers of the basics extractors (basics_*.cpp); not part of the module's API.
#include <cstdint>
#include <optional>
#include <string_view>

#include "nlp/basics.hpp"
#include "nlp/document.hpp"

namespace notecoder::nlp::basics_internal {

// True when b starts exactly where a ends (no space between: "142/88", "2024-03-14").
inline bool Adjacent(const Token& a, const Token& b) { return a.span.end == b.span.begin; }

// The value of an all-digit string of at most 9 digits.
inline std::optional<int> ParseInt(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Number of leading ASCII digits of s.
inline std::size_t DigitPrefix(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
  return n;
}

inline std::string_view SpanText(const Document& doc, Span span) {
  return doc.text.substr(span.begin, span.size());
}

void ExtractAgeSex(const Document& doc, Basics& out);
void ExtractDates(const Document& doc, Basics& out);
void ExtractVitals(const Document& doc, Basics& out);
void ExtractListedItems(const Document& doc, Basics& out);

}  // namespace notecoder::nlp::basics_internal
