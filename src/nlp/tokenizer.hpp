#pragma once
// Splits text into word, number and punctuation tokens with byte offsets into the original.
//   words:   runs of letters and digits ("t2dm", "3b", "spo2", "Sézary"); an apostrophe between
//            letters stays inside ("Crohn's" → "crohn's"); a hyphen splits ("covid-19" →
//            "covid" "-" "19").
//   numbers: digit runs with one decimal part ("7.2") or thousands groups ("1,000"); a decimal
//            followed by letters ends before them ("98.6F" → "98.6" "f"), an integer followed by
//            letters is one word ("5mg", "65yo").
//   punct:   any other single character; "142/88" → "142" "/" "88".
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/document.hpp"

namespace notecoder::nlp {

// Appends the tokens of text[range] to `out`, each tagged with `sentence`. `text` must be valid
// UTF-8 and `range` must start and end on character boundaries.
void TokenizeRange(std::string_view text, Span range, std::uint32_t sentence,
                   std::vector<Token>& out);

// The norms of the tokens of `text` (e.g. a dictionary term), tokenized exactly as notes are, so
// that term matching compares like with like. Invalid UTF-8 bytes are skipped.
std::vector<std::string> TokenizeNorms(std::string_view text);

}  // namespace notecoder::nlp
