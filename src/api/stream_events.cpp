#include "api/stream_events.hpp"

#include <boost/json/array.hpp>

#include "api/coding_response.hpp"
#include "api/coding_run.hpp"
#include "api/error_body.hpp"
#include "api/json_writer.hpp"

namespace notecoder::api {

namespace json = boost::json;

std::string EncodeStageEvent(const pipeline::StageEvent& event, std::string_view note,
                             const codes::Codebook& book, const PredictOptions& options) {
  json::object out;
  out["stage"] = event.stage;
  out["ms"] = event.ms;
  const bool known = event.stage == "basics" || event.stage == "rules" || event.stage == "ml";
  if (!known) {
    if (!event.delta.empty()) out["delta"] = event.delta;
    return WriteJson(out);
  }
  // The same encoder as the final body, on a copy with the request's options applied, so a
  // stage shows exactly what the final answer will show of it.
  pipeline::CodingResult view = event.result;
  ApplyOptions(options, view);
  json::object body = EncodeCodingResponse(view, note, book, ResponseTimings{});
  if (event.stage == "basics") {
    out["basics"] = std::move(body["basics"]);
  } else {
    if (event.stage == "ml") out["used"] = event.result.ml_used;
    out["codes"] = std::move(body["codes"]);
    out["excluded"] = std::move(body["excluded"]);
  }
  return WriteJson(out);
}

std::string EncodeAcceptedEvent(std::string_view request_id, std::size_t note_bytes,
                                bool with_llm) {
  json::object out;
  out["request_id"] = request_id;
  out["note_bytes"] = note_bytes;
  out["stages"] =
      with_llm ? json::array{"basics", "rules", "ml", "parse", "summary", "structure", "final"}
               : json::array{"basics", "rules", "ml", "final"};
  return WriteJson(out);
}

std::string EncodeErrorEvent(const Error& error) {
  json::object out = EncodeError(error);
  out["status"] = HttpStatusFor(error.code);
  return WriteJson(out);
}

}  // namespace notecoder::api
