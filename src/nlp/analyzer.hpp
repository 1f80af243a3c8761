#pragma once
// Splits a note into sections, sentences and tokens, all with offsets into the original text.
#include <string_view>

#include "infra/result.hpp"
#include "nlp/document.hpp"

namespace notecoder::nlp {

struct AnalyzeLimits {
  std::size_t max_bytes = 8u << 20;  // larger notes are refused with kResourceExhausted
};

// Validates the note (non-empty after whitespace, valid UTF-8, no NUL bytes, within limits) and
// analyzes it. Control characters other than tab/CR/LF count as spaces. Never throws.
Result<Document> Analyze(std::string_view text, const AnalyzeLimits& limits = {});

}  // namespace notecoder::nlp
