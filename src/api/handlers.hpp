#pragma once
// The endpoint handlers: decode and validate the request, call the domain on the CPU pool, encode.
#include <boost/asio/awaitable.hpp>
#include <chrono>

#include "api/service_context.hpp"
#include "http/message.hpp"

namespace notecoder::api {

http::Handler HealthHandler(ServiceContextPtr ctx);   // GET /health
http::Handler ReadyHandler(ServiceContextPtr ctx);    // GET /ready
http::Handler MetricsHandler(ServiceContextPtr ctx);  // GET /metrics
http::Handler PredictHandler(ServiceContextPtr ctx);  // POST /predict/coder
http::Handler CodeHandler(ServiceContextPtr ctx);     // GET /codes/{code}
http::Handler SearchHandler(ServiceContextPtr ctx);   // GET /codes?q=&limit=
http::Handler ReloadHandler(ServiceContextPtr ctx);   // POST /admin/reload

struct StreamOptions {
  std::chrono::milliseconds heartbeat{15000};  // comment line while work runs (proxy timeouts)
};
// POST /predict/coder/stream: the same work as Server-Sent Events (stream_handler.cpp).
http::Handler StreamHandler(ServiceContextPtr ctx, StreamOptions options = {});
// GET / and GET /web/{file}: the page for people (web/, embedded at build time).
http::Handler WebHandler(ServiceContextPtr ctx);

// Opens the configured model file again (on the CPU pool) and swaps it in; the running model
// stays when that fails. Shared by POST /admin/reload and SIGHUP.
boost::asio::awaitable<Result<std::shared_ptr<const ml::Model>>> ReloadModel(ServiceContextPtr ctx);

// The engines, waiting up to WAIT_FOR_READY_S for warmup; null rules engine when not ready.
boost::asio::awaitable<pipeline::Engines> ReadyEngines(ServiceContextPtr ctx);

// A JSON error reply through the one mapping of errors to statuses (api/error_body.hpp).
http::Reply ErrorReply(const Error& error);
// 415 for a coding request whose body is not declared application/json.
http::Reply UnsupportedMediaTypeReply();
// 503 with Retry-After while the service is not ready.
http::Reply NotReadyReply(const Readiness& readiness);

}  // namespace notecoder::api
