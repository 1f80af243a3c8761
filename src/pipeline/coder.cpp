#include "pipeline/coder.hpp"

#include <vector>

#include "pipeline/engine_merge.hpp"

namespace notecoder::pipeline {

Result<CodingResult> CodeNote(const Engines& engines, std::string_view note,
                              const CodeOptions& options, infra::StageTimings* timings,
                              infra::Metrics* metrics) {
  infra::StageTimings local;
  infra::StageTimings& t = timings != nullptr ? *timings : local;
  auto coded = [&] {
    const infra::TimedScope scope("rules", t, metrics);
    return engines.rules->Code(note, options.limits);
  }();
  if (!coded.ok()) return coded.error();
  CodingResult result = FromRules(std::move(*coded));
  if (engines.model != nullptr && options.use_model) {
    const infra::TimedScope scope("ml", t, metrics);
    // One score buffer per CPU thread: the label count is fixed per model, so no regrowth.
    thread_local std::vector<double> scores;
    engines.model->Score(note, scores);
    const auto suggestions = engines.model->Top(scores, options.max_suggestions, true);
    MergeModelSuggestions(engines.rules->book(), *engines.model, suggestions, result);
  }
  return result;
}

}  // namespace notecoder::pipeline
