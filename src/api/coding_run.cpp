#include "api/coding_run.hpp"

#include "api/coding_response.hpp"
#include "infra/timed_scope.hpp"

namespace notecoder::api {

using Clock = std::chrono::steady_clock;

void ApplyOptions(const PredictOptions& options, pipeline::CodingResult& result) {
  if (result.codes.size() > options.max_codes) result.codes.resize(options.max_codes);
  if (!options.include_excluded) result.rules.excluded.clear();
}

Result<std::string> CodeAndEncode(const pipeline::Engines& engines, std::string_view note,
                                  const PredictOptions& options, infra::Metrics* metrics,
                                  Clock::time_point start, pipeline::StageListener on_stage) {
  infra::StageTimings timings;
  pipeline::CodeOptions code_options;
  code_options.use_model = options.use_ml;
  code_options.on_stage = std::move(on_stage);
  auto coded = pipeline::CodeNote(engines, note, code_options, &timings, metrics);
  if (!coded.ok()) return coded.error();
  auto& result = *coded;
  ApplyOptions(options, result);
  ResponseTimings rt;
  rt.analyze_and_rules_ms = timings["rules"];
  rt.ml_ms = timings["ml"];
  rt.total_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  const infra::TimedScope t("encode", timings, metrics);
  std::string body;
  body.reserve(4096 + note.size());
  WriteCodingResponse(body, result, note, engines.rules->book(), rt);
  return body;
}

}  // namespace notecoder::api
