// POST /predict/coder: the rules engine and the ML model (when one is loaded); the LLM joins in a
// later issue.
#include <chrono>

#include "api/cached_predict.hpp"
#include "api/coding_run.hpp"
#include "api/handlers.hpp"
#include "api/llm_run.hpp"
#include "api/predict_request.hpp"

namespace notecoder::api {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

asio::awaitable<http::Reply> Predict(ServiceContextPtr ctx, http::Request req,
                                     http::RequestInfo info) {
  const auto start = Clock::now();
  if (!IsJsonMediaType(req[http::beast_http::field::content_type])) {
    co_return UnsupportedMediaTypeReply();
  }
  auto wait = ReadyEngines(ctx);
  auto engines = co_await std::move(wait);
  if (!engines.rules) co_return NotReadyReply(ctx->readiness);

  // Decoding a large JSON body is CPU work too, so it crosses to the pool with the rest.
  auto body = std::make_shared<std::string>(std::move(req.body()));
  std::optional<infra::SafeText> note_digest;
  // note_digest lives in this frame, which outlives the task (the task is awaited).
  auto task = [engines, body, ctx, start, &note_digest]() -> Result<std::string> {
    auto parsed = ParsePredictRequest(*body);
    if (!parsed.ok()) return parsed.error();
    note_digest = infra::SafeLogText(parsed->note);
    // Parsing, analysis, rules, model scoring and encoding are all CPU work.
    return CodeAndEncode(engines, parsed->note, parsed->options, &ctx->metrics, start);
  };
  if (ctx->caches && ctx->caches->result) {
    auto run = PredictCached(ctx, engines, body, start, std::string(info.request_id), note_digest);
    auto answer = co_await std::move(run);
    http::Reply r =
        answer.ok() ? http::JsonReply(200, std::move(answer->body)) : ErrorReply(answer.error());
    if (answer.ok()) r.response.set("X-Cache", answer->hit ? "hit" : "miss");
    r.note = std::move(note_digest);
    co_return r;
  }
  if (engines.agents) {
    // A client that leaves cancels the agents' calls (not in the cached path above: a single
    // flight there may be shared by clients that stayed).
    auto run = PredictWithLlm(ctx, engines, body, start, std::string(info.request_id), note_digest,
                              {}, info.client_gone);
    auto encoded = co_await std::move(run);
    http::Reply r =
        encoded.ok() ? http::JsonReply(200, std::move(*encoded)) : ErrorReply(encoded.error());
    r.note = std::move(note_digest);
    co_return r;
  }
  auto encoded = co_await ctx->cpu.Run(std::move(task));
  http::Reply r =
      encoded.ok() ? http::JsonReply(200, std::move(*encoded)) : ErrorReply(encoded.error());
  r.note = std::move(note_digest);
  co_return r;
}

}  // namespace

asio::awaitable<pipeline::Engines> ReadyEngines(ServiceContextPtr ctx) {
  auto engines = ctx->readiness.engines();
  if (!engines.rules && ctx->wait_for_ready_s > 0) {
    auto wait = ctx->readiness.WaitForEngines(
        std::chrono::milliseconds(static_cast<long long>(ctx->wait_for_ready_s * 1000)));
    engines = co_await std::move(wait);
  }
  co_return engines;
}

http::Handler PredictHandler(ServiceContextPtr ctx) {
  return [ctx](http::Request req, http::RequestInfo info) {
    return Predict(ctx, std::move(req), std::move(info));
  };
}

}  // namespace notecoder::api
