#include "api/cached_predict.hpp"

#include "api/coding_run.hpp"
#include "api/llm_run.hpp"
#include "api/predict_request.hpp"

namespace notecoder::api {
namespace {

using Clock = std::chrono::steady_clock;

// Only the options that change the answer, in one fixed order.
std::string CanonicalOptions(const PredictOptions& o, const pipeline::Engines& engines) {
  std::string s = "excluded=" + std::to_string(o.include_excluded) +
                  ";max=" + std::to_string(o.max_codes) + ";ml=" + std::to_string(o.use_ml);
  s += ";llm=";
  s += engines.agents && o.use_llm ? llm::Agents::Version() : std::string("off");
  return s;
}

struct Keyed {
  PredictRequest request;
  cache::CacheKey key;
};

}  // namespace

boost::asio::awaitable<Result<CachedAnswer>> PredictCached(
    ServiceContextPtr ctx, pipeline::Engines engines, std::shared_ptr<const std::string> body,
    Clock::time_point start, std::string request_id, std::optional<infra::SafeText>& note_digest) {
  const cache::CacheServices& caches = *ctx->caches;
  // Decoding and the key's HMAC over the note are CPU work.
  auto keying = [ctx, engines, body, &note_digest]() -> Result<std::shared_ptr<Keyed>> {
    auto parsed = ParsePredictRequest(*body);
    if (!parsed.ok()) return parsed.error();
    note_digest = infra::SafeLogText(parsed->note);
    auto keyed = std::make_shared<Keyed>();
    keyed->request = std::move(*parsed);
    const std::string model_fp =
        engines.model ? std::string(engines.model->Fingerprint()) : std::string("none");
    keyed->key = ctx->caches->keys->Result(
        keyed->request.note, model_fp, engines.rules->book().Fingerprint(),
        CanonicalOptions(keyed->request.options, engines) + ";llm_model=" + ctx->llm_model);
    return keyed;
  };
  auto keyed_result = co_await ctx->cpu.Run(std::move(keying));
  if (!keyed_result.ok()) co_return keyed_result.error();
  std::shared_ptr<Keyed> keyed = std::move(*keyed_result);

  auto lookup = caches.result->Get(keyed->key, Clock::now() + std::chrono::milliseconds(20));
  if (auto cached = co_await std::move(lookup)) co_return CachedAnswer{std::move(*cached), true};

  const auto deadline =
      start + std::chrono::milliseconds(static_cast<long long>(ctx->time_budget_s * 1000) + 1000);
  cache::SingleFlight::Work work = [ctx, engines, body, keyed, start, request_id,
                                    &note_digest]() -> boost::asio::awaitable<Result<std::string>> {
    Result<std::string> encoded = MakeError(ErrorCode::kInternal, "not run");
    if (engines.agents) {
      auto run = PredictWithLlm(ctx, engines, body, start, request_id, note_digest);
      encoded = co_await std::move(run);
    } else {
      auto task = [ctx, engines, keyed, start]() -> Result<std::string> {
        return CodeAndEncode(engines, keyed->request.note, keyed->request.options, &ctx->metrics,
                             start);
      };
      encoded = co_await ctx->cpu.Run(std::move(task));
    }
    // Our own body: "degraded":true appears exactly when an engine could not answer.
    if (encoded.ok() && encoded->find("\"degraded\":true") == std::string::npos) {
      auto store = ctx->caches->result->Set(keyed->key, *encoded, ctx->caches->result_ttl,
                                            Clock::now() + std::chrono::milliseconds(20));
      co_await std::move(store);
    }
    co_return encoded;
  };
  auto flight = caches.flights->Do(keyed->key.text, deadline, std::move(work));
  auto done = co_await std::move(flight);
  if (!done.ok()) co_return done.error();
  co_return CachedAnswer{std::move(*done), false};
}

}  // namespace notecoder::api
