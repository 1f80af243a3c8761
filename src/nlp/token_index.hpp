#pragma once
// Finding tokens by byte offset: the bridge from character spans (dictionary hits, evidence)
// to the token indices that ConText and the matchers work on.
#include <cstdint>
#include <optional>

#include "nlp/document.hpp"

namespace notecoder::nlp {

struct TokenRange {
  std::uint32_t first = 0;  // index of the first token
  std::uint32_t last = 0;   // one past the last token; first == last when empty
  bool empty() const { return first >= last; }
};

// The tokens that overlap `span` (binary search, O(log n)). Empty when none does.
TokenRange TokensInSpan(const Document& doc, Span span);

// The token containing byte `offset`, if any.
std::optional<std::uint32_t> TokenAt(const Document& doc, std::uint32_t offset);

// The sentence containing byte `offset`, if any.
std::optional<std::uint32_t> SentenceAt(const Document& doc, std::uint32_t offset);

}  // namespace notecoder::nlp
