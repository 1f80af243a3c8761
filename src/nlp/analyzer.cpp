#include "nlp/analyzer.hpp"

#include <cstring>
#include <limits>
#include <string>

#include "nlp/sentence_splitter.hpp"
#include "nlp/tokenizer.hpp"
#include "nlp/utf8.hpp"

namespace notecoder::nlp {
namespace {

// Messages carry sizes and offsets only, never note text (PHI).
Status Validate(std::string_view text, const AnalyzeLimits& limits) {
  if (text.size() > limits.max_bytes || text.size() > std::numeric_limits<std::uint32_t>::max()) {
    return MakeError(ErrorCode::kResourceExhausted, "note is " + std::to_string(text.size()) +
                                                        " bytes; the limit is " +
                                                        std::to_string(limits.max_bytes));
  }
  if (text.empty()) return MakeError(ErrorCode::kInvalidArgument, "note is empty");
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    const auto offset = static_cast<const char*>(nul) - text.data();
    return MakeError(
        ErrorCode::kInvalidArgument,
        "note contains binary data (NUL byte at byte offset " + std::to_string(offset) + ")");
  }
  if (const auto bad = FindInvalidUtf8(text)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "note is not valid UTF-8 (at byte offset " + std::to_string(*bad) + ")");
  }
  return {};
}

// Tokenizes every sentence, dropping sentences that hold no token (e.g. only Unicode spaces),
// and fills the per-sentence token ranges.
void TokenizeSentences(Document& doc) {
  doc.tokens.reserve(doc.text.size() / 4 + 16);  // clinical text: about one token per 4.5 bytes
  std::uint32_t kept = 0;
  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    const auto first = static_cast<std::uint32_t>(doc.tokens.size());
    TokenizeRange(doc.text, doc.sentences[s].span, kept, doc.tokens);
    const auto last = static_cast<std::uint32_t>(doc.tokens.size());
    if (first == last) continue;
    doc.sentences[kept++] = doc.sentences[s];
    doc.sentence_token_begin.push_back(first);
    doc.sentence_token_end.push_back(last);
  }
  doc.sentences.resize(kept);
}

}  // namespace

Result<Document> Analyze(std::string_view text, const AnalyzeLimits& limits) {
  if (Status status = Validate(text, limits); !status.ok()) return status.error();
  Document doc;
  doc.text = text;
  SplitSectionsAndSentences(doc);
  TokenizeSentences(doc);
  if (doc.tokens.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "note is empty: whitespace only, or no text outside headers");
  }
  return doc;
}

}  // namespace notecoder::nlp
