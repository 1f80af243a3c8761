// GET /health, /ready, /metrics: cheap, never refused by admission, never wait for the CPU pool.
#include <array>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "api/error_body.hpp"
#include "api/handlers.hpp"

namespace notecoder::api {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;

// The /health body of each phase, built once: liveness is polled constantly.
const std::string& HealthBody(Phase phase) {
  static const auto kBodies = [] {
    std::array<std::string, 4> bodies;
    for (const auto p : {Phase::kWarming, Phase::kReady, Phase::kFailed, Phase::kDraining}) {
      json::object o;
      o["status"] = "ok";
      o["ready"] = p == Phase::kReady;
      o["phase"] = PhaseName(p);
      bodies[static_cast<std::size_t>(p)] = json::serialize(o);
    }
    return bodies;
  }();
  return kBodies[static_cast<std::size_t>(phase)];
}

asio::awaitable<http::Reply> Health(ServiceContextPtr ctx) {
  co_return http::JsonReply(200, HealthBody(ctx->readiness.phase()));
}

asio::awaitable<http::Reply> Ready(ServiceContextPtr ctx) {
  if (!ctx->readiness.ready()) co_return NotReadyReply(ctx->readiness);
  co_return http::JsonReply(200, R"({"status":"ready"})");
}

asio::awaitable<http::Reply> RenderMetrics(ServiceContextPtr ctx) {
  http::Reply r;
  r.response.result(http::beast_http::status::ok);
  r.response.set(http::beast_http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
  ctx->metrics.cpu_queue_depth().Set(static_cast<double>(ctx->cpu.pending()));
  ctx->metrics.ready().Set(ctx->readiness.ready() ? 1 : 0);
  r.response.body() = ctx->metrics.Render();
  co_return r;
}

}  // namespace

http::Reply ErrorReply(const Error& error) {
  http::Reply r = http::JsonReply(HttpStatusFor(error.code), json::serialize(EncodeError(error)));
  r.error_code = ErrorCodeName(error.code);
  if (error.code == ErrorCode::kUnavailable)
    r.response.set(http::beast_http::field::retry_after, "1");
  return r;
}

http::Reply UnsupportedMediaTypeReply() {
  http::Reply r =
      ErrorReply(MakeError(ErrorCode::kInvalidArgument, "Content-Type must be application/json"));
  r.response.result(http::beast_http::status::unsupported_media_type);
  r.error_code = "unsupported_media_type";
  return r;
}

http::Reply NotReadyReply(const Readiness& readiness) {
  std::string message;
  switch (readiness.phase()) {
    case Phase::kFailed:
      message = "warmup failed: " + readiness.error();
      break;
    case Phase::kDraining:
      message = "shutting down";
      break;
    default:
      message = "warming up";
  }
  http::Reply r = ErrorReply(MakeError(ErrorCode::kUnavailable, std::move(message)));
  r.response.set(http::beast_http::field::retry_after, "10");
  return r;
}

http::Handler HealthHandler(ServiceContextPtr ctx) {
  return [ctx](http::Request, http::RequestInfo) { return Health(ctx); };
}
http::Handler ReadyHandler(ServiceContextPtr ctx) {
  return [ctx](http::Request, http::RequestInfo) { return Ready(ctx); };
}
http::Handler MetricsHandler(ServiceContextPtr ctx) {
  return [ctx](http::Request, http::RequestInfo) { return RenderMetrics(ctx); };
}

}  // namespace notecoder::api
