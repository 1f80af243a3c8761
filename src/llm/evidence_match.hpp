#pragma once
// Checks that tie a model's claim to the note: a quote must be in the note, and a quote offered
// for a code must name that code's condition rather than the code itself.
#include <optional>
#include <string_view>

#include "llm/agent_types.hpp"

namespace notecoder::llm {

inline constexpr std::size_t kMaxQuoteBytes = 300;

// Where `quote` occurs in `note`, ignoring ASCII case and treating any run of whitespace as one
// space; surrounding quote marks and "..." are ignored. nullopt for quotes shorter than 3 or
// longer than kMaxQuoteBytes characters, or not found.
std::optional<Span> FindQuote(std::string_view note, std::string_view quote);

// True when `text` contains a token shaped like an ICD-10-CM code ("Z99.89", "E119"), not
// counting 3-character tokens such as "B12", which are ordinary clinical words too.
bool ContainsCodeToken(std::string_view text);

// True when a content word of `quote` (4+ letters, not a filler word) shares its first six
// letters (or the whole word, if shorter) with a content word of `title`.
bool QuoteNamesTitle(std::string_view quote, std::string_view title);

}  // namespace notecoder::llm
