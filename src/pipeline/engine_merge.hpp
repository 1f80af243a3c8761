#pragma once
// Merges the model's suggestions into the rules engine's codes.
//
// - A code both engines give keeps the rules evidence and gains the model's score; its combined
//   score is 1 − (1 − rules)(1 − model) for probabilities (two independent supports).
// - A code only the model gives is emitted, without evidence spans, unless the note contradicts
//   it: the rules engine saw that condition (same category) only as negated, family history or
//   hypothetical, and nowhere as present. Such suggestions are reported as excluded mentions
//   with the rules engine's reason.
// - A model-only code is also refused when it is an "unspecified" or "without complications"
//   code of a category the rules engine coded (it says less), or when an Excludes1 note forbids
//   it beside a rules code.
// Only probabilities (logistic models) are combined; a decision-function model's codes are
// merged the same way but keep the rules score as the combined score when both agree.
#include <span>

#include "codes/codebook.hpp"
#include "ml/model.hpp"
#include "pipeline/coding_result.hpp"

namespace notecoder::pipeline {

// `result.codes` must hold the rules codes (as from FromRules); `suggestions` are the model's
// labels at or above their thresholds, best first.
void MergeModelSuggestions(const codes::Codebook& book, const ml::Model& model,
                           std::span<const ml::LabelScore> suggestions, CodingResult& result);

// The rules engine's answer as a CodingResult (codes moved, sources "rules").
CodingResult FromRules(rules::RulesResult&& rules_result);

}  // namespace notecoder::pipeline
