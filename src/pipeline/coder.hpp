#pragma once
// One note through the engines: rules, then the model's suggestions merged in. CPU work: call it
// on the CPU pool. The service, the CLI and bulk coding share it, so they give the same answer.
#include <string_view>

#include "infra/result.hpp"
#include "infra/timed_scope.hpp"
#include "nlp/analyzer.hpp"
#include "pipeline/coding_result.hpp"
#include "pipeline/engines.hpp"
#include "pipeline/stage_listener.hpp"

namespace notecoder::pipeline {

struct CodeOptions {
  bool use_model = true;             // false: rules only, even with a model loaded
  std::size_t max_suggestions = 30;  // model labels considered, best first (above threshold)
  nlp::AnalyzeLimits limits{};
  // Told after each stage (stage_listener.hpp); empty: nobody is watching.
  StageListener on_stage;
};

// `timings` (optional) receives "rules" and "ml" stage times in milliseconds.
Result<CodingResult> CodeNote(const Engines& engines, std::string_view note,
                              const CodeOptions& options, infra::StageTimings* timings = nullptr,
                              infra::Metrics* metrics = nullptr);

}  // namespace notecoder::pipeline
