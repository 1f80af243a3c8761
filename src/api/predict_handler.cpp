// POST /predict/coder: the rules engine and the ML model (when one is loaded); the LLM joins in a
// later issue.
#include <boost/json/serialize.hpp>
#include <chrono>

#include "api/coding_response.hpp"
#include "api/handlers.hpp"
#include "api/predict_request.hpp"
#include "infra/timed_scope.hpp"
#include "pipeline/coder.hpp"

namespace notecoder::api {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

bool IsJson(std::string_view content_type) {
  const auto semi = content_type.find(';');
  auto media = content_type.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  constexpr std::string_view kJson = "application/json";
  if (media.size() != kJson.size()) return false;
  for (std::size_t i = 0; i < media.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(media[i])) != kJson[i]) return false;
  }
  return true;
}

// Runs on the CPU pool: parsing, analysis, rules, model scoring and encoding are all CPU work.
Result<std::string> CodeNote(const pipeline::Engines& engines, std::string_view note,
                             const PredictOptions& options, infra::Metrics& metrics,
                             Clock::time_point start) {
  infra::StageTimings timings;
  pipeline::CodeOptions code_options;
  code_options.use_model = options.use_ml;
  auto coded = pipeline::CodeNote(engines, note, code_options, &timings, &metrics);
  if (!coded.ok()) return coded.error();
  auto& result = *coded;
  if (result.codes.size() > options.max_codes) result.codes.resize(options.max_codes);
  if (!options.include_excluded) result.rules.excluded.clear();
  ResponseTimings rt;
  rt.analyze_and_rules_ms = timings["rules"];
  rt.ml_ms = timings["ml"];
  rt.total_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  const infra::TimedScope t("encode", timings, &metrics);
  return boost::json::serialize(EncodeCodingResponse(result, note, engines.rules->book(), rt));
}

asio::awaitable<http::Reply> Predict(ServiceContextPtr ctx, http::Request req,
                                     http::RequestInfo info) {
  const auto start = Clock::now();
  (void)info;
  if (!IsJson(req[http::beast_http::field::content_type])) {
    http::Reply r =
        ErrorReply(MakeError(ErrorCode::kInvalidArgument, "Content-Type must be application/json"));
    r.response.result(http::beast_http::status::unsupported_media_type);
    r.error_code = "unsupported_media_type";
    co_return r;
  }
  auto engines = ctx->readiness.engines();
  if (!engines.rules && ctx->wait_for_ready_s > 0) {
    auto wait = ctx->readiness.WaitForEngines(
        std::chrono::milliseconds(static_cast<long long>(ctx->wait_for_ready_s * 1000)));
    engines = co_await std::move(wait);
  }
  if (!engines.rules) co_return NotReadyReply(ctx->readiness);

  // Decoding a large JSON body is CPU work too, so it crosses to the pool with the rest.
  auto body = std::make_shared<std::string>(std::move(req.body()));
  std::optional<infra::SafeText> note_digest;
  // note_digest lives in this frame, which outlives the task (the task is awaited).
  auto task = [engines, body, ctx, start, &note_digest]() -> Result<std::string> {
    auto parsed = ParsePredictRequest(*body);
    if (!parsed.ok()) return parsed.error();
    note_digest = infra::SafeLogText(parsed->note);
    return CodeNote(engines, parsed->note, parsed->options, ctx->metrics, start);
  };
  auto encoded = co_await ctx->cpu.Run(std::move(task));
  http::Reply r =
      encoded.ok() ? http::JsonReply(200, std::move(*encoded)) : ErrorReply(encoded.error());
  r.note = std::move(note_digest);
  co_return r;
}

}  // namespace

http::Handler PredictHandler(ServiceContextPtr ctx) {
  return [ctx](http::Request req, http::RequestInfo info) {
    return Predict(ctx, std::move(req), std::move(info));
  };
}

}  // namespace notecoder::api
