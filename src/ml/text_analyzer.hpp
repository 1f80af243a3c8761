#pragma once
// Text → terms, exactly as scikit-learn's TfidfVectorizer analyzers do it: decode, lowercase,
// then either the word analyzer (token pattern (?u)\b\w\w+\b, stop words removed, word n-grams
// joined by ' ') or char_wb (character n-grams inside ' '-padded whitespace-separated words).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ml/feature_config.hpp"

namespace notecoder::ml {

// Reusable buffers of one analysis; keep one per thread to avoid allocating per note.
class AnalyzerScratch {
 public:
  std::size_t TermCount() const { return terms_.size(); }
  std::string_view Term(std::size_t i) const {
    return std::string_view(arena_).substr(terms_[i].offset, terms_[i].length);
  }

 private:
  friend class TextAnalyzer;
  struct Span {
    std::uint32_t offset;
    std::uint32_t length;
  };
  std::u32string decoded_;
  std::u32string lowered_;
  std::string tokens_text_;   // UTF-8 of the kept tokens (word) or padded words (char_wb)
  std::vector<Span> tokens_;  // into tokens_text_
  std::vector<std::uint32_t> cp_offsets_;  // char_wb: byte offset of each code point of a word
  std::string arena_;                      // UTF-8 of the emitted terms
  std::vector<Span> terms_;                // into arena_
};

class TextAnalyzer {
 public:
  explicit TextAnalyzer(const FeatureConfig& config);

  // Fills `scratch` with the terms of `text` in scikit-learn's order (repeats included). Invalid
  // UTF-8 is replaced by U+FFFD first, like Python's decode(errors='replace').
  void Analyze(std::string_view text, AnalyzerScratch& scratch) const;

 private:
  void WordTokens(AnalyzerScratch& s) const;
  void AsciiWordTokens(std::string_view text, AnalyzerScratch& s) const;
  void KeepToken(AnalyzerScratch& s, std::uint32_t offset) const;
  void WordNgrams(AnalyzerScratch& s) const;
  void CharWbTerms(AnalyzerScratch& s) const;
  bool IsStopWord(std::string_view token) const;

  Analyzer analyzer_;
  std::uint32_t ngram_min_;
  std::uint32_t ngram_max_;
  bool lowercase_;
  std::vector<std::string> stop_words_;  // sorted for binary search
};

}  // namespace notecoder::ml
