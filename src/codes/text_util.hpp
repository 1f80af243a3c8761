#pragma once
// Text helpers shared by the snapshot builder and the query side, so that both fold, split and
// stem words identically (a search only matches what the builder indexed the same way).
#include <string>
#include <string_view>
#include <vector>

#include "codes/codebook.hpp"

namespace notecoder::codes {

// AsciiFold is declared in codebook.hpp (it is part of the public API).
std::string ToLowerAscii(std::string_view text);
// Trims and collapses every run of whitespace to one space.
std::string CollapseWhitespace(std::string_view text);
// Lower-case ASCII-folded alphanumeric words, in order ("Type 2 diabetes, NOS" → type 2 diabetes
// nos).
std::vector<std::string> SplitWords(std::string_view text);
// Crude plural stripping ("fractures" → "fracture", "bodies" → "body"); applied to indexed words
// and query words alike.
std::string StemWord(std::string_view word);
bool IsStopWord(std::string_view word);

}  // namespace notecoder::codes
