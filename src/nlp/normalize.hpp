#pragma once
// Normal forms used for matching: Token::norm (lower-case, ASCII-folded) and a light stemmer
// that removes plural endings only, so dictionary terms and note words meet halfway.
#include <string>
#include <string_view>

namespace notecoder::nlp {

// Appends the lower-case ASCII folding of the UTF-8 `word` to `out` ("Sézary" → "sezary",
// "Crohn’s" → "crohn's"). `word` must be valid UTF-8.
void AppendNorm(std::string_view word, std::string& out);

// Strips English plural endings from a normalized word and returns the stem, which is either a
// prefix of `word` or stored in `buf`. Deterministic and idempotent on its output's endings:
//   "ulcers" → "ulcer", "fractures" → "fracture", "kidneys" → "kidney", "arteries" → "artery",
//   "abscesses" → "abscess", "diagnoses" → "diagnosis", "vertebrae" → "vertebra",
//   "crohn's" → "crohn", "feet" → "foot".
// Words that only look plural are kept: "diabetes", "analysis", "abscess", "virus", "aids",
// "herpes", "pancreas", "ascites", and any word of three letters or fewer.
std::string_view LightStem(std::string_view word, std::string& buf);

}  // namespace notecoder::nlp
