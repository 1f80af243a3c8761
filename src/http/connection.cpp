#include "http/connection.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <random>

#include "api/error_body.hpp"
#include "infra/logging.hpp"

namespace notecoder::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using Clock = std::chrono::steady_clock;

Reply ErrorReply(int status, ErrorCode code, std::string message) {
  Reply r = JsonReply(
      status, boost::json::serialize(api::EncodeError(MakeError(code, std::move(message)))));
  r.error_code = ErrorCodeName(code);
  return r;
}

// A client's X-Request-Id is honoured when it is a plain token; anything else is replaced, so a
// header cannot smuggle arbitrary text into the logs.
std::string RequestId(std::string_view given) {
  bool plain = !given.empty() && given.size() <= 64;
  for (const char c : given) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' ||
                      c == '.' || c == ':');
  }
  if (plain) return std::string(given);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(16, '0');
  auto x = rng();
  for (auto& c : id) {
    c = kHex[x & 15];
    x >>= 4;
  }
  return id;
}

// Routes one request: 404/405, API key (401), admission (503), then the handler.
asio::awaitable<Reply> Dispatch(Request req, RequestInfo info, std::string& route_name,
                                ConnectionContext& ctx) {
  const auto match = ctx.router.Find(req.method(), info.path);
  if (match.route == nullptr) {
    if (!match.allow.empty()) {
      route_name = info.path;  // the path exists: a bounded set of templates
      Reply r = ErrorReply(405, ErrorCode::kInvalidArgument, "method not allowed");
      r.response.set(beast_http::field::allow, match.allow);
      r.error_code = "method_not_allowed";
      co_return r;
    }
    route_name = "unmatched";
    co_return ErrorReply(404, ErrorCode::kNotFound, "no such route");
  }
  route_name = match.route->pattern;
  // Awaitables are named before co_await: g++ 12 can destroy temporaries of a co_await
  // expression twice.
  if (!match.route->guarded) {
    auto call = match.route->handler(std::move(req), std::move(info));
    co_return co_await std::move(call);
  }
  if (ctx.api_keys.enabled() && !ctx.api_keys.Allows(req[beast_http::field::authorization])) {
    Reply r = ErrorReply(401, ErrorCode::kInvalidArgument, "missing or invalid API key");
    r.response.set(beast_http::field::www_authenticate, "Bearer");
    r.error_code = "unauthenticated";
    co_return r;
  }
  auto ticket = ctx.admission.TryEnter();
  if (!ticket) {
    ctx.metrics.admission_rejections().Increment();
    Reply r = ErrorReply(503, ErrorCode::kUnavailable, "too many requests in progress; retry");
    r.response.set(beast_http::field::retry_after, "1");
    co_return r;
  }
  info.path_param = match.param;
  auto call = match.route->handler(std::move(req), std::move(info));
  co_return co_await std::move(call);
}

void LogRequest(beast_http::verb method, const RequestInfo& info, const std::string& route,
                const Reply& reply, double ms) {
  const int status = static_cast<int>(reply.response.result_int());
  const bool probe = route == "/health" || route == "/ready" || route == "/metrics";
  // Probes are polled constantly (503 from /ready while warming is expected): debug only.
  const auto level = probe           ? spdlog::level::debug
                     : status >= 500 ? spdlog::level::warn
                                     : spdlog::level::info;
  infra::LogLine line(level, "http", "request");
  line.Str("request_id", info.request_id)
      .Str("method", beast_http::to_string(method))
      .Str("route", route)
      .Int("status", status)
      .Num("duration_ms", ms);
  if (reply.note) line.Safe("note", *reply.note);
  if (!reply.error_code.empty()) line.Str("error", reply.error_code);
}

// Answers a request that could not be read (too large, malformed) and closes.
asio::awaitable<void> Refuse(beast::tcp_stream& stream, int status, ErrorCode code,
                             const char* message, ConnectionContext& ctx) {
  Reply r = ErrorReply(status, code, message);
  r.response.keep_alive(false);
  r.response.prepare_payload();
  stream.expires_after(ctx.options.request_timeout);
  boost::system::error_code ec;
  co_await beast_http::async_write(stream, r.response,
                                   asio::redirect_error(asio::use_awaitable, ec));
  ctx.metrics.ObserveRequest("unread", status, 0);
  infra::LogLine(spdlog::level::info, "http", "request_refused")
      .Int("status", status)
      .Str("error", r.error_code);
}

}  // namespace

asio::awaitable<void> ServeConnection(asio::ip::tcp::socket socket,
                                      std::shared_ptr<ConnectionContext> ctx) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  boost::system::error_code ec;
  for (;;) {
    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(ctx->options.max_header_bytes));
    parser.body_limit(ctx->options.max_body_bytes);
    // Idle keep-alive and a slow header share one deadline: a slowloris client is cut off here.
    stream.expires_after(ctx->options.keepalive_timeout);
    co_await beast_http::async_read_header(stream, buffer, parser,
                                           asio::redirect_error(asio::use_awaitable, ec));
    if (ec == beast_http::error::body_limit) {
      co_await Refuse(stream, 413, ErrorCode::kResourceExhausted, "request body too large", *ctx);
      break;
    }
    if (ec == beast_http::error::header_limit) {
      co_await Refuse(stream, 431, ErrorCode::kInvalidArgument, "request headers too large", *ctx);
      break;
    }
    if (ec == beast_http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::eof || ec == asio::error::connection_reset ||
        ec == asio::error::operation_aborted) {
      break;
    }
    if (ec) {
      co_await Refuse(stream, 400, ErrorCode::kInvalidArgument, "malformed HTTP request", *ctx);
      break;
    }
    if (beast::iequals(parser.get()[beast_http::field::expect], "100-continue")) {
      beast_http::response<beast_http::empty_body> cont{beast_http::status::continue_, 11};
      co_await beast_http::async_write(stream, cont, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
    }
    stream.expires_after(ctx->options.request_timeout);
    co_await beast_http::async_read(stream, buffer, parser,
                                    asio::redirect_error(asio::use_awaitable, ec));
    if (ec == beast_http::error::body_limit) {
      co_await Refuse(stream, 413, ErrorCode::kResourceExhausted, "request body too large", *ctx);
      break;
    }
    if (ec) break;  // timeout or the client went away mid-body: nothing was accepted

    const auto start = Clock::now();
    ctx->active.fetch_add(1);
    ctx->metrics.in_flight().Increment();
    Request req = parser.release();
    RequestInfo info;
    info.request_id = RequestId(req["X-Request-Id"]);
    const std::string_view target = req.target();
    const auto q = target.find('?');
    info.path.assign(target.substr(0, q));
    if (q != std::string_view::npos) info.query.assign(target.substr(q + 1));
    const bool keep_alive = req.keep_alive();
    const auto version = req.version();
    const bool head = req.method() == beast_http::verb::head;
    const auto method = req.method();
    std::string route;
    auto dispatch = Dispatch(std::move(req), info, route, *ctx);
    Reply reply = co_await std::move(dispatch);
    auto& res = reply.response;
    res.version(version);
    res.set("X-Request-Id", info.request_id);
    res.set(beast_http::field::server, "notecoder");
    res.keep_alive(keep_alive && !ctx->draining.load());
    res.prepare_payload();
    if (head) res.body().clear();
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    ctx->metrics.ObserveRequest(route, static_cast<int>(res.result_int()), ms / 1000.0);
    LogRequest(method, info, route, reply, ms);
    stream.expires_after(ctx->options.request_timeout);
    if (head) {
      beast_http::response_serializer<beast_http::string_body> sr(res);
      co_await beast_http::async_write_header(stream, sr,
                                              asio::redirect_error(asio::use_awaitable, ec));
    } else {
      co_await beast_http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    }
    ctx->metrics.in_flight().Decrement();
    ctx->OnRequestDone();
    if (ec || !res.keep_alive()) break;
  }
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
}

}  // namespace notecoder::http
