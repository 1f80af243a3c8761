#include "pipeline/difficulty.hpp"

#include <algorithm>

namespace notecoder::pipeline {

Difficulty AssessDifficulty(const CodingResult& result) {
  if (result.codes.empty()) return {true, "no_codes_found"};
  const bool model_only = std::any_of(result.codes.begin(), result.codes.end(),
                                      [](const FinalCode& c) { return !c.from_rules(); });
  if (model_only) return {true, "model_only_codes"};
  const auto& excluded = result.rules.excluded;
  const bool contradicted = std::any_of(excluded.begin(), excluded.end(), [](const auto& e) {
    return e.note.rfind("model suggestion", 0) == 0;
  });
  if (contradicted) return {true, "model_contradicted"};
  const bool uncertain = std::any_of(excluded.begin(), excluded.end(), [](const auto& e) {
    return e.reason == "uncertain" || e.reason == "possible";
  });
  if (uncertain) return {true, "uncertain_mentions"};
  const bool weak = std::any_of(result.codes.begin(), result.codes.end(), [](const FinalCode& c) {
    return c.from_rules() && *c.rules_score < 0.5 && !c.from_ml();
  });
  if (weak) return {true, "low_confidence_codes"};
  return {false, "engines_agree"};
}

}  // namespace notecoder::pipeline
