#pragma once
// Whether a note needs the LLM's judgement after rules and the model have answered. The LLM is
// slow, costs money and is rate-limited, so clear cases skip it, with the reason recorded.
#include <string>

#include "pipeline/coding_result.hpp"

namespace notecoder::pipeline {

struct Difficulty {
  bool needs_llm = false;
  std::string reason;  // stable name, reported in the response ("engines_agree", ...)
};

// Needs the LLM when the engines disagree (a model-only code, a model suggestion the note
// contradicts), when the rules engine met uncertain mentions, or when neither engine found a
// code. Clear ("engines_agree"): every code has rules evidence, and the model (when one ran)
// either confirms it or has no opinion on it.
Difficulty AssessDifficulty(const CodingResult& result);

}  // namespace notecoder::pipeline
