#pragma once
// Stage events of one note, for callers that show progress as it happens (the SSE endpoint).
// CodeNote calls the listener after each stage, on the thread that runs it (a CPU thread): the
// listener must be quick and thread-safe, and hand anything for the network to the io thread.
//
// Stages so far, in order: "basics" and "rules" (both after the one analysis + rules pass),
// "ml" (always sent; `result.ml_used` says whether a model ran). An LLM stage adds its own name
// ("parse", "summary", "structure") by calling Emit at its point in CodeNote; a token stream adds
// `delta` events under the same stage name. Nothing else has to change for a new stage.
#include <functional>
#include <string_view>

#include "pipeline/coding_result.hpp"

namespace notecoder::pipeline {

struct StageEvent {
  std::string_view stage;      // "basics", "rules", "ml" (later "parse", "summary", "structure")
  const CodingResult& result;  // the answer as it stands after this stage
  double ms = 0;               // time of this stage alone
  std::string_view delta;      // streamed text of a stage in progress (empty: the stage is done)
};

enum class StageControl { kContinue, kStop };

// kStop ends CodeNote before its next stage (the client went away): CodeNote returns
// kUnavailable and does no more work.
using StageListener = std::function<StageControl(const StageEvent&)>;

}  // namespace notecoder::pipeline
