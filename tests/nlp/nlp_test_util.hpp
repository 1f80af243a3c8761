#pragma once
// Helpers shared by the nlp tests: analyze or fail, find a mention by its words, assess it.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "nlp/analyzer.hpp"
#include "nlp/context.hpp"
#include "nlp/document.hpp"
#include "nlp/tokenizer.hpp"

namespace notecoder::nlp::testing {

inline Document AnalyzeOk(std::string_view text) {
  auto result = Analyze(text);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  if (!result.ok()) return Document{};
  return std::move(result).value();
}

inline std::vector<std::string> SentenceTexts(const Document& doc) {
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) {
    out.emplace_back(doc.text.substr(s.span.begin, s.span.size()));
  }
  return out;
}

inline std::vector<std::string> Norms(const Document& doc) {
  std::vector<std::string> out;
  for (const Token& t : doc.tokens) out.push_back(t.norm);
  return out;
}

struct Mention {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
};

// The last occurrence of the words of `phrase` (normalized like the note) in `doc`; the last
// one so that tests can name a mention that also appears inside a trigger earlier on.
inline Mention FindMention(const Document& doc, std::string_view phrase) {
  const auto words = TokenizeNorms(phrase);
  Mention found{0, 0};
  for (std::size_t i = 0; i + words.size() <= doc.tokens.size(); ++i) {
    bool match = true;
    for (std::size_t k = 0; k < words.size() && match; ++k)
      match = doc.tokens[i + k].norm == words[k];
    if (match)
      found = Mention{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + words.size())};
  }
  EXPECT_LT(found.first, found.last) << "mention not found: " << phrase;
  return found;
}

inline AssertionResult AssessIn(const Document& doc, std::string_view mention) {
  const Mention m = FindMention(doc, mention);
  return Assess(doc, m.first, m.last);
}

// The assertion of `mention` in the note `text`, by name ("negated", "present", ...).
inline std::string AssertionOf(std::string_view text, std::string_view mention) {
  const Document doc = AnalyzeOk(text);
  if (doc.tokens.empty()) return "analyze-failed";
  return AssertionName(AssessIn(doc, mention).assertion);
}

inline std::string TextOf(const Document& doc, Span span) {
  return std::string(doc.text.substr(span.begin, span.size()));
}

}  // namespace notecoder::nlp::testing
