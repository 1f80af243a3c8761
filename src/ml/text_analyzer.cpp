#include "ml/text_analyzer.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "ml/python_text.hpp"

namespace notecoder::ml {
namespace {

bool IsAscii(std::string_view text) {
  std::uint64_t any = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    any |= w;
  }
  for (; i < text.size(); ++i) any |= static_cast<unsigned char>(text[i]);
  return (any & 0x8080808080808080ull) == 0;
}

// Per byte: the byte itself when it is an ASCII word character (\w), else 0.
constexpr std::array<char, 256> WordBytes(bool lower) {
  std::array<char, 256> t{};
  for (int c = 0; c < 128; ++c) {
    if (!detail::IsAsciiWord(static_cast<unsigned char>(c))) continue;
    t[c] = static_cast<char>(lower && c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  return t;
}
constexpr std::array<char, 256> kWordBytes = WordBytes(false);
constexpr std::array<char, 256> kWordBytesLower = WordBytes(true);

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
    // Kept tokens are separated by one space, so that any run of consecutive tokens is already
    // the n-gram scikit-learn joins with ' ' (WordNgrams copies nothing).
    s.tokens_text_.push_back(' ');
  }
}

void TextAnalyzer::AsciiWordTokens(std::string_view text, AnalyzerScratch& s) const {
  const auto& word = lowercase_ ? kWordBytesLower : kWordBytes;
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  // Written through a raw pointer, not appended byte by byte: a kept token of k >= 2 bytes takes
  // k + 1 (its separator), so the output never outgrows 3/2 of the text.
  s.tokens_text_.resize(n + n / 2 + 1);
  char* const base = s.tokens_text_.data();
  char* out = base;
  const bool has_stop_words = !stop_words_.empty();  // most models have none: no call per token
  std::size_t i = 0;
  while (true) {
    while (i < n && word[in[i]] == 0) ++i;
    if (i == n) break;
    char* const start = out;
    for (char c; i < n && (c = word[in[i]]) != 0; ++i) *out++ = c;
    const auto length = static_cast<std::uint32_t>(out - start);
    if (length < 2 || (has_stop_words && IsStopWord(std::string_view(start, length)))) {
      out = start;
      continue;
    }
    s.tokens_.push_back({static_cast<std::uint32_t>(start - base), length});
    *out++ = ' ';  // see KeepToken
  }
  s.tokens_text_.resize(static_cast<std::size_t>(out - base));
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
  // Tokens sit one space apart in tokens_text_, so an n-gram is the run from its first token
  // to the end of its last one.
  const std::size_t count = s.tokens_.size();
  for (std::uint32_t n = ngram_min_; n <= ngram_max_ && n <= count; ++n) {
    for (std::size_t first = 0; first + n <= count; ++first) {
      const auto& last = s.tokens_[first + n - 1];
      const std::uint32_t offset = s.tokens_[first].offset;
      s.terms_.push_back({offset, last.offset + last.length - offset});
    }
  }
  s.arena_.swap(s.tokens_text_);  // terms point into arena_
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
