#pragma once
// A condition mention found in the note, before the coding decision.
#include <cstdint>
#include <string_view>
#include <vector>

#include "codes/codebook.hpp"
#include "nlp/context.hpp"
#include "nlp/document.hpp"
#include "rules/index_walker.hpp"

namespace notecoder::rules {

// "AKI on CKD stage 4, prerenal, resolved": a trigger written after the mention, past a comma
// and other words, speaks of the phrase's first condition rather than of this one.
inline bool TriggerBeyondClause(std::string_view text, nlp::Span mention, nlp::Span trigger) {
  if (trigger.begin < mention.end) return false;
  const std::string_view between = text.substr(mention.end, trigger.begin - mention.end);
  const auto comma = between.find(',');
  if (comma == std::string_view::npos) return false;
  for (std::size_t i = comma + 1; i < between.size(); ++i) {
    const char c = between[i];
    if (c != ',' && c != ' ' && c != '\t' && c != '\n' && c != '\r') return true;
  }
  return false;
}

struct Mention {
  std::uint32_t head_first = 0;  // concept positions of the main-term words
  std::uint32_t head_last = 0;
  std::uint32_t sentence = 0;
  codes::TermId main_term = codes::kNone;
  WalkResult walk;
  codes::CodeId code = codes::kNone;  // billable code, kNone when the index gave none
  // The manifestation the index pairs with it ("Dementia in Alzheimer's disease G30.9 [F02.80]").
  codes::CodeId manifestation = codes::kNone;
  bool defaulted = false;  // an unspecified child was taken somewhere
  bool finding = false;    // a symptom or sign (chapter R, or a finding main term)
  double words = 0;        // written words the mention accounts for
  nlp::SectionKind section = nlp::SectionKind::kUnknown;
  nlp::AssertionResult assertion;
  nlp::Span span;                     // head plus its direct modifiers
  std::vector<nlp::Span> evidence;    // span plus linked conditions
  std::vector<std::uint32_t> window;  // concept positions of the mention's phrase
  // Further codes of the same mention through the same "with" (COPD with exacerbation and with
  // pneumonia); they stand or fall with it.
  std::vector<Mention> siblings;
};

}  // namespace notecoder::rules
