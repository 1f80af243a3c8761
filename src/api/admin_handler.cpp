// POST /admin/reload and SIGHUP: swap in a new model file without dropping requests. The file is
// opened and checked on the CPU pool; requests already running keep the model they started with.
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "api/error_body.hpp"
#include "api/handlers.hpp"
#include "infra/logging.hpp"

namespace notecoder::api {
namespace {

namespace asio = boost::asio;

asio::awaitable<http::Reply> Reload(ServiceContextPtr ctx) {
  if (!ctx->admin_enabled) {
    http::Reply r =
        http::JsonReply(403, boost::json::serialize(EncodeError(MakeError(
                                 ErrorCode::kInvalidArgument,
                                 "admin endpoints are disabled: set API_KEYS to enable them"))));
    r.error_code = "forbidden";
    co_return r;
  }
  auto reload = ReloadModel(ctx);
  auto model = co_await std::move(reload);
  if (!model.ok()) co_return ErrorReply(model.error());
  boost::json::object body;
  body["status"] = "reloaded";
  body["model_fingerprint"] = (*model)->Fingerprint();
  body["labels"] = (*model)->LabelCount();
  body["features"] = (*model)->FeatureCount();
  co_return http::JsonReply(200, boost::json::serialize(body));
}

}  // namespace

asio::awaitable<Result<std::shared_ptr<const ml::Model>>> ReloadModel(ServiceContextPtr ctx) {
  using ModelResult = Result<std::shared_ptr<const ml::Model>>;
  if (!ctx->load_model) {
    co_return ModelResult(MakeError(ErrorCode::kInvalidArgument,
                                    "no model is configured (MODEL_PATH); nothing to reload"));
  }
  if (!ctx->readiness.ready()) {
    co_return ModelResult(
        MakeError(ErrorCode::kUnavailable, "the service is not ready; reload after warmup"));
  }
  auto task = ctx->load_model;
  auto loaded = co_await ctx->cpu.Run(std::move(task));
  ctx->metrics.model_reloads(loaded.ok()).Increment();
  if (!loaded.ok()) {
    infra::LogLine(spdlog::level::err, "api", "model_reload_failed")
        .Str("error", loaded.error().message);
    co_return loaded;
  }
  ctx->readiness.SwapModel(*loaded);
  infra::LogLine(spdlog::level::info, "api", "model_reloaded")
      .Str("fingerprint", (*loaded)->Fingerprint())
      .Int("labels", (*loaded)->LabelCount())
      .Int("features", (*loaded)->FeatureCount());
  co_return loaded;
}

http::Handler ReloadHandler(ServiceContextPtr ctx) {
  return [ctx](http::Request, http::RequestInfo) { return Reload(ctx); };
}

}  // namespace notecoder::api
