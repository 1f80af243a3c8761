#include "pipeline/coder.hpp"

#include <vector>

#include "pipeline/engine_merge.hpp"

namespace notecoder::pipeline {
namespace {

// Reports a finished stage; false when the listener asked to stop.
bool Emit(const CodeOptions& options, std::string_view stage, const CodingResult& result,
          const infra::StageTimings& t, std::string_view timing_key) {
  if (!options.on_stage) return true;
  const auto it = t.find(std::string(timing_key));
  const StageEvent event{stage, result, it == t.end() ? 0.0 : it->second, {}};
  return options.on_stage(event) == StageControl::kContinue;
}

Error Stopped() { return MakeError(ErrorCode::kUnavailable, "coding stopped by its caller"); }

}  // namespace

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
  // The analyzer finds basics in the same pass as the rules: both are known here.
  if (!Emit(options, "basics", result, t, "rules")) return Stopped();
  if (!Emit(options, "rules", result, t, "rules")) return Stopped();
  if (engines.model != nullptr && options.use_model) {
    const infra::TimedScope scope("ml", t, metrics);
    // One score buffer per CPU thread: the label count is fixed per model, so no regrowth.
    thread_local std::vector<double> scores;
    engines.model->Score(note, scores);
    const auto suggestions = engines.model->Top(scores, options.max_suggestions, true);
    MergeModelSuggestions(engines.rules->book(), *engines.model, suggestions, result);
  }
  if (!Emit(options, "ml", result, t, "ml")) return Stopped();
  return result;
}

}  // namespace notecoder::pipeline
