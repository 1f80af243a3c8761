#pragma once
// Code references inside free text: "(E08.-)", "(O24.4-)", "(P70.2)", "(I10-I16)",
// "(K85-K86.-)". Used to resolve excludes1 notes into something a lookup can test.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace notecoder::codes {

// "E11.22" / "e1122" / " E11.22 " → "E1122"; nullopt unless 3–7 alphanumerics, letter first,
// at most one dot and only after the third character.
std::optional<std::string> UndotCode(std::string_view text);
// "E1122" → "E11.22" (no dot for 3 characters).
std::string DotCode(std::string_view undotted);

struct CodeRef {
  enum class Kind : unsigned char {
    kExact,   // "(P70.2)": the code and anything under it
    kPrefix,  // "(E08.-)", "(O24.4-)": everything starting with the prefix
    kRange,   // "(I10-I16)": every code whose leading characters fall in [lo, hi]
  };
  Kind kind;
  std::string lo;  // undotted
  std::string hi;  // undotted; equals lo unless kRange
};

// All well-formed references in parenthesised groups of `text`; odd forms ("T36-T50 with fifth
// or sixth character 5") are skipped, never an error.
std::vector<CodeRef> ParseCodeRefs(std::string_view text);

// Whether `ref` covers the undotted code `code`.
bool RefCovers(std::string_view lo, std::string_view hi, std::string_view code);

}  // namespace notecoder::codes
