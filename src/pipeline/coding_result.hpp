#pragma once
// The merged answer of the engines: every code keeps which engines support it and each one's
// score, so a reader can tell a rules-only finding from a model suggestion.
#include <optional>
#include <string>
#include <vector>

#include "rules/rules_result.hpp"

namespace notecoder::pipeline {

struct FinalCode {
  rules::CodedDiagnosis diagnosis;  // `score` is the combined score (see engine_merge.hpp)
  std::optional<double> rules_score;
  std::optional<double> ml_score;   // the model's probability or decision value
  bool from_rules() const { return rules_score.has_value(); }
  bool from_ml() const { return ml_score.has_value(); }
};

struct CodingResult {
  std::vector<FinalCode> codes;  // best first
  // The rules engine's result with its codes moved into `codes`; excluded mentions, basics and
  // statistics stay here, plus the model suggestions the merge refused.
  rules::RulesResult rules;
  bool ml_used = false;
  std::string model_fingerprint;  // empty when no model ran
};

}  // namespace notecoder::pipeline
