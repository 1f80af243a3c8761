#pragma once
// What the rules engine returns: codes with their evidence, and the mentions it chose not to code.
#include <optional>
#include <string>
#include <vector>

#include "nlp/basics.hpp"
#include "nlp/context.hpp"
#include "nlp/document.hpp"

namespace notecoder::rules {

struct CodedDiagnosis {
  std::string code;                 // dotted, billable FY2026
  std::string description;          // CMS long title
  double score = 0;                 // confidence in [0, 1]
  std::vector<nlp::Span> evidence;  // every place in the note that supports it, in text order
  nlp::Assertion assertion = nlp::Assertion::kPresent;
  std::string section;    // section of the first supporting mention
  std::string rationale;  // why this code: the index path, defaults taken, rules applied
};

struct ExcludedMention {
  nlp::Span span;      // the mention
  std::string reason;  // negated, family, historical, hypothetical, uncertain, excludes1, ...
  std::string code;    // the code it would have had (may be empty)
  std::string description;
  std::optional<nlp::Span> trigger;  // the ConText trigger, when one decided
  std::string section;
  std::string note;  // e.g. "coded as personal history Z86.718"
};

struct RulesResult {
  std::vector<CodedDiagnosis> codes;      // best first
  std::vector<ExcludedMention> excluded;  // in text order, at most 500
  std::size_t excluded_total = 0;         // before that cap
  nlp::Basics basics;
  std::size_t sections = 0;
  std::size_t sentences = 0;
  std::size_t mentions = 0;
};

}  // namespace notecoder::rules
