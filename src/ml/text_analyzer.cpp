#include "ml/text_analyzer.hpp"

#include <algorithm>

#include "ml/python_text.hpp"

namespace notecoder::ml {
namespace {

bool IsAscii(std::string_view text) {
  unsigned char any = 0;
  for (char c : text) any |= static_cast<unsigned char>(c);
  return any < 0x80;
}

}  // namespace

TextAnalyzer::TextAnalyzer(const FeatureConfig& config)
    : analyzer_(config.analyzer),
      ngram_min_(config.ngram_min),
      ngram_max_(config.ngram_max),
      lowercase_(config.lowercase),
      stop_words_(config.stop_words) {
  std::sort(stop_words_.begin(), stop_words_.end());
  stop_words_.erase(std::unique(stop_words_.begin(), stop_words_.end()), stop_words_.end());
}

bool TextAnalyzer::IsStopWord(std::string_view token) const {
  return !stop_words_.empty() &&
         std::binary_search(stop_words_.begin(), stop_words_.end(), token, std::less<>{});
}

void TextAnalyzer::Analyze(std::string_view text, AnalyzerScratch& s) const {
  s.decoded_.clear();
  s.lowered_.clear();
  s.tokens_text_.clear();
  s.tokens_.clear();
  s.arena_.clear();
  s.terms_.clear();
  if (analyzer_ == Analyzer::kWord && IsAscii(text)) {
    // Most notes are pure ASCII: tokenize the bytes directly, no code point round trip.
    AsciiWordTokens(text, s);
    WordNgrams(s);
    return;
  }
  DecodeUtf8(text, s.decoded_);
  if (lowercase_) {
    PythonLower(s.decoded_, s.lowered_);
  } else {
    s.lowered_.swap(s.decoded_);
  }
  if (analyzer_ == Analyzer::kWord) {
    WordTokens(s);
    WordNgrams(s);
  } else {
    CharWbTerms(s);
  }
}

void TextAnalyzer::KeepToken(AnalyzerScratch& s, std::uint32_t offset) const {
  auto length = static_cast<std::uint32_t>(s.tokens_text_.size() - offset);
  if (IsStopWord(std::string_view(s.tokens_text_).substr(offset, length))) {
    s.tokens_text_.resize(offset);
  } else {
    s.tokens_.push_back({offset, length});
  }
}

void TextAnalyzer::AsciiWordTokens(std::string_view text, AnalyzerScratch& s) const {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    if (!detail::IsAsciiWord(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < n && detail::IsAsciiWord(static_cast<unsigned char>(text[i]))) ++i;
    if (i - start < 2) continue;
    auto offset = static_cast<std::uint32_t>(s.tokens_text_.size());
    s.tokens_text_.append(text.substr(start, i - start));
    if (lowercase_) {
      for (std::size_t k = offset; k < s.tokens_text_.size(); ++k) {
        char& c = s.tokens_text_[k];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      }
    }
    KeepToken(s, offset);
  }
}

void TextAnalyzer::WordTokens(AnalyzerScratch& s) const {
  // (?u)\b\w\w+\b matches exactly the maximal runs of word characters at least two long.
  const std::u32string& cps = s.lowered_;
  std::size_t i = 0;
  while (i < cps.size()) {
    if (!IsWordChar(cps[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < cps.size() && IsWordChar(cps[i])) ++i;
    if (i - start < 2) continue;
    auto offset = static_cast<std::uint32_t>(s.tokens_text_.size());
    for (std::size_t k = start; k < i; ++k) AppendUtf8(cps[k], s.tokens_text_);
    KeepToken(s, offset);
  }
}

void TextAnalyzer::WordNgrams(AnalyzerScratch& s) const {
  // scikit-learn's _word_ngrams: all unigrams (when min_n is 1), then n = 2.. joined by ' '.
  const std::string_view text = s.tokens_text_;
  const std::size_t count = s.tokens_.size();
  for (std::uint32_t n = ngram_min_; n <= ngram_max_ && n <= count; ++n) {
    for (std::size_t first = 0; first + n <= count; ++first) {
      auto offset = static_cast<std::uint32_t>(s.arena_.size());
      for (std::size_t k = first; k < first + n; ++k) {
        if (k != first) s.arena_.push_back(' ');
        s.arena_.append(text.substr(s.tokens_[k].offset, s.tokens_[k].length));
      }
      s.terms_.push_back({offset, static_cast<std::uint32_t>(s.arena_.size() - offset)});
    }
  }
}

void TextAnalyzer::CharWbTerms(AnalyzerScratch& s) const {
  // scikit-learn's _char_wb_ngrams: for each str.split() word w, n-grams of ' ' + w + ' ' in code
  // points; a padded word no longer than n is counted once and stops the larger n.
  const std::u32string& cps = s.lowered_;
  std::size_t i = 0;
  while (i < cps.size()) {
    if (IsSpaceChar(cps[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < cps.size() && !IsSpaceChar(cps[i])) ++i;

    s.tokens_text_.clear();
    s.cp_offsets_.clear();
    s.cp_offsets_.push_back(0);
    s.tokens_text_.push_back(' ');
    for (std::size_t k = start; k < i; ++k) {
      s.cp_offsets_.push_back(static_cast<std::uint32_t>(s.tokens_text_.size()));
      AppendUtf8(cps[k], s.tokens_text_);
    }
    s.cp_offsets_.push_back(static_cast<std::uint32_t>(s.tokens_text_.size()));
    s.tokens_text_.push_back(' ');
    s.cp_offsets_.push_back(static_cast<std::uint32_t>(s.tokens_text_.size()));
    const std::size_t w_len = s.cp_offsets_.size() - 1;  // code points in the padded word

    auto emit = [&](std::size_t from, std::size_t n) {
      std::size_t to = std::min(from + n, w_len);
      auto offset = static_cast<std::uint32_t>(s.arena_.size());
      s.arena_.append(s.tokens_text_, s.cp_offsets_[from], s.cp_offsets_[to] - s.cp_offsets_[from]);
      s.terms_.push_back({offset, static_cast<std::uint32_t>(s.arena_.size() - offset)});
    };
    for (std::size_t n = ngram_min_; n <= ngram_max_; ++n) {
      std::size_t offset = 0;
      emit(offset, n);
      while (offset + n < w_len) {
        ++offset;
        emit(offset, n);
      }
      if (offset == 0) break;
    }
  }
}

}  // namespace notecoder::ml
