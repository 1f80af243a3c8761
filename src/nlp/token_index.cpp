#include "nlp/token_index.hpp"

#include <algorithm>

namespace notecoder::nlp {

TokenRange TokensInSpan(const Document& doc, Span span) {
  const auto& tokens = doc.tokens;
  // First token ending after span.begin, then first token starting at or after span.end.
  const auto first = std::partition_point(tokens.begin(), tokens.end(),
                                          [&](const Token& t) { return t.span.end <= span.begin; });
  const auto last = std::partition_point(first, tokens.end(),
                                         [&](const Token& t) { return t.span.begin < span.end; });
  return TokenRange{static_cast<std::uint32_t>(first - tokens.begin()),
                    static_cast<std::uint32_t>(last - tokens.begin())};
}

std::optional<std::uint32_t> TokenAt(const Document& doc, std::uint32_t offset) {
  const TokenRange range = TokensInSpan(doc, Span{offset, offset + 1});
  if (range.empty() || doc.tokens[range.first].span.begin > offset) return std::nullopt;
  return range.first;
}

std::optional<std::uint32_t> SentenceAt(const Document& doc, std::uint32_t offset) {
  const auto& sentences = doc.sentences;
  const auto it = std::partition_point(sentences.begin(), sentences.end(),
                                       [&](const Sentence& s) { return s.span.end <= offset; });
  if (it == sentences.end() || it->span.begin > offset) return std::nullopt;
  return static_cast<std::uint32_t>(it - sentences.begin());
}

}  // namespace notecoder::nlp
