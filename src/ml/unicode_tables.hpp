#pragma once
// Character classes and the lowercase mapping of the Python that scikit-learn runs on, generated
// by tools/gen_unicode_tables.py (unicode_tables.cpp) so tokens match Python's `re` exactly.
#include <cstdint>
#include <span>

namespace notecoder::ml::unicode {

struct CodeRange {
  char32_t first;
  char32_t last;  // inclusive
};

// first..last (stepping by `stride`) map to cp + delta.
struct LowerRun {
  char32_t first;
  char32_t last;
  std::int32_t delta;
  std::int32_t stride;
};

// A code point whose lowercase is several code points ('İ' → "i̇").
struct LowerMulti {
  char32_t cp;
  std::uint8_t size;
  char32_t to[3];
};

struct Tables {
  std::span<const CodeRange> word;            // re (?u)\w: str.isalnum() or '_'
  std::span<const CodeRange> space;           // str.isspace(): what str.split() splits on
  std::span<const CodeRange> cased;           // Cased and not Case_Ignorable (Final_Sigma rule)
  std::span<const CodeRange> case_ignorable;  // Case_Ignorable
  std::span<const LowerRun> lower_runs;
  std::span<const LowerMulti> lower_multi;
};

const Tables& Get();
extern const char kPythonVersion[];
extern const char kUnicodeVersion[];

}  // namespace notecoder::ml::unicode
