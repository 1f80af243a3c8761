#pragma once
// The merged answer of the engines: every code keeps which engines support it and each one's
// score, so a reader can tell a rules-only finding from a model suggestion.
#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rules/rules_result.hpp"

namespace notecoder::pipeline {

struct FinalCode {
  rules::CodedDiagnosis diagnosis;  // `score` is the combined score (see engine_merge.hpp)
  std::optional<double> rules_score;
  std::optional<double> ml_score;  // the model's probability or decision value
  bool from_llm = false;           // the LLM's final judgement kept or added it
  bool from_rules() const { return rules_score.has_value(); }
  bool from_ml() const { return ml_score.has_value(); }
};

// What the LLM stage did for this note (llm_refinement.hpp).
struct LlmReport {
  bool used = false;           // the agents ran (possibly degraded)
  std::string skipped_reason;  // why they did not run, when not used
  std::string prompt_version;
  std::string model;
  std::map<std::string, double> timings_ms;  // parse, summarize, structure
  std::int64_t tokens_in = 0;
  std::int64_t tokens_out = 0;
};

struct CodingResult {
  std::vector<FinalCode> codes;  // best first
  // The rules engine's result with its codes moved into `codes`; excluded mentions, basics and
  // statistics stay here, plus the model suggestions the merge refused.
  rules::RulesResult rules;
  bool ml_used = false;
  std::string model_fingerprint;  // empty when no model ran

  // From the LLM stage, when it ran: the clinical summary and the structured record.
  std::optional<std::string> summary;
  std::optional<boost::json::object> structured;
  LlmReport llm;
  // Some engine could not give its part (LLM rate-limited, timed out, ...): the codes are still
  // those of the engines that answered. Reasons are stable names ("llm_timeout").
  bool degraded = false;
  std::vector<std::string> degraded_reasons;
};

}  // namespace notecoder::pipeline
