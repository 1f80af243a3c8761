#pragma once
// The JSON body of a coding answer (DESIGN.md "HTTP contract"); the CLI prints the same body.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "codes/codebook.hpp"
#include "pipeline/coding_result.hpp"

namespace notecoder::api {

struct ResponseTimings {
  double analyze_and_rules_ms = 0;
  double ml_ms = 0;
  double total_ms = 0;
};

// `note` is the text the spans point into; evidence text is copied from it (the caller sent it).
// The body as JSON text, appended to `out`: what the request path sends.
void WriteCodingResponse(std::string& out, const pipeline::CodingResult& result,
                         std::string_view note, const codes::Codebook& book,
                         const ResponseTimings& timings);

// The same body as a document, for callers that take parts of it or add to it (stream stages,
// batch records, the CLI's pretty printer). One writer defines the body; this reads it back.
boost::json::object EncodeCodingResponse(const pipeline::CodingResult& result,
                                         std::string_view note, const codes::Codebook& book,
                                         const ResponseTimings& timings);

// The deterministic basics as the response writes them (also the LLM's context).
boost::json::object EncodeBasics(const nlp::Basics& basics, std::string_view note);

}  // namespace notecoder::api
