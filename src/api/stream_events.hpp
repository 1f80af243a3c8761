#pragma once
// The JSON payloads of the stream's events (POST /predict/coder/stream). Stage payloads show the
// answer as it stands, with the request's options applied, in the shapes of the final body:
//   basics: {"stage","ms","basics"}
//   rules:  {"stage","ms","codes","excluded"}          (rules codes only)
//   ml:     {"stage","ms","used","codes","excluded"}   (codes after the model's merge)
//   other:  {"stage","ms"} (+ "delta" for streamed text) until its own payload is defined
// `final` is the POST /predict/coder body itself and `error` is {"status", "error":{...}}.
#include <string>
#include <string_view>

#include "api/predict_request.hpp"
#include "codes/codebook.hpp"
#include "infra/result.hpp"
#include "pipeline/stage_listener.hpp"

namespace notecoder::api {

// CPU work: called by the stage listener on the pool thread.
std::string EncodeStageEvent(const pipeline::StageEvent& event, std::string_view note,
                             const codes::Codebook& book, const PredictOptions& options);
// `with_llm`: the stages list the LLM's too (parse, summary, structure).
std::string EncodeAcceptedEvent(std::string_view request_id, std::size_t note_bytes, bool with_llm);
std::string EncodeErrorEvent(const Error& error);

}  // namespace notecoder::api
