#pragma once
// One note through the engines and into the JSON body of POST /predict/coder, with the request's
// options applied. The plain endpoint and the stream share it, so the stream's `final` event is
// byte for byte the body the plain endpoint returns (timings aside). CPU work: call it on the pool.
#include <chrono>
#include <string>
#include <string_view>

#include "api/predict_request.hpp"
#include "infra/metrics.hpp"
#include "infra/result.hpp"
#include "pipeline/coder.hpp"

namespace notecoder::api {

// `start` is when the request was read (timings_ms.total counts from it); `on_stage` (optional)
// is told after each stage (pipeline/stage_listener.hpp).
Result<std::string> CodeAndEncode(const pipeline::Engines& engines, std::string_view note,
                                  const PredictOptions& options, infra::Metrics* metrics,
                                  std::chrono::steady_clock::time_point start,
                                  pipeline::StageListener on_stage = {});

// The request's options applied to a result: at most max_codes codes, excluded mentions dropped
// unless asked for. Stage events show the same view as the final answer.
void ApplyOptions(const PredictOptions& options, pipeline::CodingResult& result);

}  // namespace notecoder::api
