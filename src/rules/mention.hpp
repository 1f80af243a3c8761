#pragma once
// A condition mention found in the note, before the coding decision.
#include <cstdint>
#include <vector>

#include "codes/codebook.hpp"
#include "nlp/context.hpp"
#include "nlp/document.hpp"
#include "rules/index_walker.hpp"

namespace notecoder::rules {

struct Mention {
  std::uint32_t head_first = 0;  // concept positions of the main-term words
  std::uint32_t head_last = 0;
  std::uint32_t sentence = 0;
  codes::TermId main_term = codes::kNone;
  WalkResult walk;
  codes::CodeId code = codes::kNone;  // billable code, kNone when the index gave none
  bool defaulted = false;             // an unspecified child was taken somewhere
  bool finding = false;               // a symptom or sign (chapter R, or a finding main term)
  double words = 0;                   // written words the mention accounts for
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
