#include "http/connection.hpp"

#include <sys/socket.h>

#include <cerrno>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>

#include "api/error_body.hpp"
#include "http/chunked_stream.hpp"
#include "http/cors.hpp"
#include "http/request_head.hpp"
#include "http/security_headers.hpp"
#include "infra/logging.hpp"

namespace notecoder::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

// At most this long and this many bytes are read and dropped after an error reply (see Linger).
constexpr Millis kLingerTime{2000};
constexpr std::size_t kLingerBytes = 1u << 20;
// What one read asks the socket for (Beast's own read size), on top of a whole header.
constexpr std::size_t kReadChunkBytes = 64u << 10;

// A connection's socket and its one deadline. The deadline moves with a plain store per phase
// (header, body, write); the watchdog re-arms its timer only when it wakes before the deadline,
// about once per keep-alive period, instead of a timer start and cancel per read and write.
// Both coroutines run on the socket's single-threaded executor, so nothing here is locked.
struct ConnState {
  explicit ConnState(tcp::socket s) : socket(std::move(s)), timer(socket.get_executor()) {}

  void ExpireAfter(Millis d) {
    deadline = Clock::now() + d;
    if (deadline < armed) timer.cancel();  // the watchdog wakes and waits for the nearer one
  }
  void NoDeadline() { deadline = Clock::time_point::max(); }  // a handler is running
  void Finish() {
    done = true;
    timer.cancel();
  }

  tcp::socket socket;
  asio::steady_timer timer;
  Clock::time_point deadline = Clock::time_point::max();
  Clock::time_point armed = Clock::time_point::max();  // what the timer waits for
  bool done = false;
};

// Closes the socket when the deadline passes: the pending read or write ends with
// operation_aborted and the connection coroutine returns.
asio::awaitable<void> Watchdog(std::shared_ptr<ConnState> st) {
  boost::system::error_code ec;
  while (!st->done) {
    if (st->deadline <= Clock::now()) {
      st->socket.close(ec);
      co_return;
    }
    st->armed = st->deadline;
    st->timer.expires_at(st->armed);
    co_await st->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

Reply ErrorReply(int status, ErrorCode code, std::string message) {
  Reply r = JsonReply(
      status, boost::json::serialize(api::EncodeError(MakeError(code, std::move(message)))));
  r.error_code = ErrorCodeName(code);
  return r;
}

// Routes one request: 404/405, API key (401), admission (503), then the handler. `metrics` and
// `route_name` are set for the access log and the duration histogram.
asio::awaitable<Reply> Dispatch(Request req, RequestInfo info, std::string_view& route_name,
                                infra::RouteMetrics*& metrics, ConnectionContext& ctx) {
  auto match = ctx.router.Find(req.method(), info.path);
  if (match.route == nullptr) {
    // A preflight needs no key (browsers send none); an origin not listed gets the plain 405.
    if (!match.allow.empty() && ctx.cors.enabled() && CorsPolicy::IsPreflight(req) &&
        ctx.cors.Allows(req[beast_http::field::origin])) {
      route_name = match.pattern;
      co_return ctx.cors.Preflight(req[beast_http::field::origin], match.allow);
    }
    if (!match.allow.empty()) {
      route_name = match.pattern;  // the template, so labels stay bounded
      Reply r = ErrorReply(405, ErrorCode::kInvalidArgument, "method not allowed");
      r.response.set(beast_http::field::allow, match.allow);
      r.error_code = "method_not_allowed";
      co_return r;
    }
    route_name = "unmatched";
    metrics = &ctx.unmatched_metrics;
    co_return ErrorReply(404, ErrorCode::kNotFound, "no such route");
  }
  route_name = match.route->pattern;
  metrics = ctx.route_metrics[match.index];
  info.path_param = std::move(match.param);  // "{code}", "{file}": guarded or not
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
  auto call = match.route->handler(std::move(req), std::move(info));
  Reply reply = co_await std::move(call);
  // A stream stays admitted until its last event, not only while its handler ran.
  if (reply.stream) reply.held = std::make_shared<Admission::Ticket>(std::move(*ticket));
  co_return reply;
}

void LogRequest(beast_http::verb method, std::string_view request_id, std::string_view route,
                const Reply& reply, double ms) {
  const int status = static_cast<int>(reply.response.result_int());
  const bool probe = route == "/health" || route == "/ready" || route == "/metrics";
  // Probes are polled constantly (503 from /ready while warming is expected): debug only.
  const auto level = probe           ? spdlog::level::debug
                     : status >= 500 ? spdlog::level::warn
                                     : spdlog::level::info;
  if (!infra::LogEnabled(level)) return;
  infra::LogLine line(level, "http", "request");
  line.Str("request_id", request_id)
      .Str("method", beast_http::to_string(method))
      .Str("route", route)
      .Int("status", status)
      .Num("duration_ms", ms);
  if (reply.note) line.Safe("note", *reply.note);
  if (!reply.error_code.empty()) line.Str("error", reply.error_code);
}

// After an error reply the client may still be sending (a 100 KB header, a large body). Closing
// with unread bytes makes the kernel reset the connection, and the reset can destroy our reply
// before the client reads it; so the send side is closed first and the rest is read and dropped,
// bounded in time and bytes (as nginx's lingering close).
asio::awaitable<void> Linger(ConnState& st, beast::flat_buffer& buffer) {
  boost::system::error_code ec;
  st.socket.shutdown(tcp::socket::shutdown_send, ec);
  if (ec) co_return;
  st.ExpireAfter(kLingerTime);
  buffer.clear();
  std::size_t dropped = 0;
  while (dropped < kLingerBytes) {
    const auto n = co_await st.socket.async_read_some(
        buffer.prepare(16u << 10), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    dropped += n;
  }
}

// Answers a request that could not be read (too large, malformed), then closes.
asio::awaitable<void> Refuse(ConnState& st, beast::flat_buffer& buffer, int status, ErrorCode code,
                             const char* message, ConnectionContext& ctx) {
  Reply r = ErrorReply(status, code, message);
  SetSecurityHeaders(r.response);
  r.response.keep_alive(false);
  r.response.prepare_payload();
  st.ExpireAfter(ctx.options.request_timeout);
  boost::system::error_code ec;
  co_await beast_http::async_write(st.socket, r.response,
                                   asio::redirect_error(asio::use_awaitable, ec));
  ctx.unread_metrics.Observe(status, 0);
  infra::LogLine(spdlog::level::info, "http", "request_refused")
      .Int("status", status)
      .Str("error", r.error_code);
  if (!ec) {
    auto linger = Linger(st, buffer);
    co_await std::move(linger);
  }
}

// Writes a streamed reply: the header (chunked), then the handler's StreamBody, then the last
// chunk. The connection closes afterwards, so bytes read by the client watch are never a
// request's.
asio::awaitable<void> WriteStream(std::shared_ptr<ConnState> st, Reply& reply,
                                  ConnectionContext& ctx) {
  auto& res = reply.response;
  res.chunked(true);
  res.keep_alive(false);
  boost::system::error_code ec;
  st->ExpireAfter(ctx.options.request_timeout);
  beast_http::response_serializer<beast_http::string_body> sr(res);
  co_await beast_http::async_write_header(st->socket, sr,
                                          asio::redirect_error(asio::use_awaitable, ec));
  st->NoDeadline();
  if (ec) co_return;
  const Millis timeout = ctx.options.request_timeout;
  ConnState* raw = st.get();
  auto writer = std::make_shared<ChunkedStream>(st->socket, st, [raw, timeout](bool arm) {
    if (arm) {
      raw->ExpireAfter(timeout);
    } else {
      raw->NoDeadline();
    }
  });
  writer->WatchClient();
  auto body = reply.stream(writer);
  co_await std::move(body);
  auto finish = writer->Finish();
  co_await std::move(finish);
}

// Peeks at the socket without consuming: EOF or an error means the client left; bytes (a request
// sent ahead) or nothing yet mean it is still there.
std::function<bool()> ClientGoneProbe(const std::shared_ptr<ConnState>& state) {
  return [weak = std::weak_ptr<ConnState>(state)] {
    const auto st = weak.lock();
    if (!st || !st->socket.is_open()) return true;
    char byte = 0;
    const auto n = ::recv(st->socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
  };
}

// Serves requests until the client closes, a deadline passes, or keep-alive ends.
asio::awaitable<void> ServeRequests(std::shared_ptr<ConnState> state, ConnectionContext& ctx) {
  ConnState& st = *state;
  // Bounded: Beast keeps a chunk header line (with its extensions) whole in the buffer, and
  // neither the header nor the body limit counts it, so an unbounded buffer let one chunk
  // extension grow without limit for REQUEST_TIMEOUT_S.
  beast::flat_buffer buffer(ctx.options.max_header_bytes + kReadChunkBytes);
  boost::system::error_code ec;
  for (;;) {
    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(ctx.options.max_header_bytes));
    parser.body_limit(ctx.options.max_body_bytes);
    // Idle keep-alive and a slow header share one deadline: a slowloris client is cut off here.
    st.ExpireAfter(ctx.options.keepalive_timeout);
    co_await beast_http::async_read_header(st.socket, buffer, parser,
                                           asio::redirect_error(asio::use_awaitable, ec));
    if (ec == beast_http::error::end_of_stream || ec == asio::error::eof ||
        ec == asio::error::connection_reset || ec == asio::error::operation_aborted ||
        ec == asio::error::bad_descriptor) {
      co_return;  // the client left, or the deadline closed the socket
    }
    if (ec) {
      const HeaderRefusal r = RefusalFor(ec);
      auto refuse = Refuse(st, buffer, r.status, r.code, r.message, ctx);
      co_await std::move(refuse);
      co_return;
    }
    if (beast::iequals(parser.get()[beast_http::field::expect], "100-continue")) {
      beast_http::response<beast_http::empty_body> cont{beast_http::status::continue_, 11};
      co_await beast_http::async_write(st.socket, cont,
                                       asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
    }
    if (!parser.is_done()) {
      st.ExpireAfter(ctx.options.request_timeout);
      co_await beast_http::async_read(st.socket, buffer, parser,
                                      asio::redirect_error(asio::use_awaitable, ec));
      if (ec == beast_http::error::body_limit) {
        auto refuse =
            Refuse(st, buffer, 413, ErrorCode::kResourceExhausted, "request body too large", ctx);
        co_await std::move(refuse);
        co_return;
      }
      if (ec == beast_http::error::buffer_overflow) {
        auto refuse = Refuse(st, buffer, 400, ErrorCode::kInvalidArgument,
                             "chunk header or extension too long", ctx);
        co_await std::move(refuse);
        co_return;
      }
      if (ec) co_return;  // timeout or the client went away mid-body: nothing was accepted
    }

    const auto start = Clock::now();
    st.NoDeadline();  // handlers bound their own waits (CPU pool, WAIT_FOR_READY_S)
    ctx.active.fetch_add(1);
    ctx.metrics.in_flight().Increment();
    Request req = parser.release();
    const std::string request_id = RequestId(req["X-Request-Id"]);
    const std::string origin =
        ctx.cors.enabled() ? std::string(req[beast_http::field::origin]) : "";
    RequestInfo info;
    info.request_id = request_id;
    info.client_gone = ClientGoneProbe(state);
    SplitTarget(req.target(), info);
    const bool keep_alive = req.keep_alive();
    const auto version = req.version();
    const auto method = req.method();
    const bool head = method == beast_http::verb::head;
    std::string_view route;
    infra::RouteMetrics* route_metrics = nullptr;
    auto dispatch = Dispatch(std::move(req), std::move(info), route, route_metrics, ctx);
    Reply reply = co_await std::move(dispatch);
    auto& res = reply.response;
    res.version(version);
    res.set("X-Request-Id", request_id);
    SetSecurityHeaders(res);
    ctx.cors.Decorate(origin, res);
    if (reply.stream) {
      auto stream = WriteStream(state, reply, ctx);
      co_await std::move(stream);
      const double stream_ms =
          std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      const int stream_status = static_cast<int>(res.result_int());
      if (route_metrics != nullptr) route_metrics->Observe(stream_status, stream_ms / 1000.0);
      LogRequest(method, request_id, route, reply, stream_ms);
      ctx.metrics.in_flight().Decrement();
      ctx.OnRequestDone();
      co_return;
    }
    res.keep_alive(keep_alive && !ctx.draining.load());
    res.prepare_payload();
    if (head) res.body().clear();
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    const int status = static_cast<int>(res.result_int());
    if (route_metrics != nullptr) {
      route_metrics->Observe(status, ms / 1000.0);
    } else {
      ctx.metrics.ObserveRequest(route, status, ms / 1000.0);
    }
    LogRequest(method, request_id, route, reply, ms);
    st.ExpireAfter(ctx.options.request_timeout);
    if (head) {
      beast_http::response_serializer<beast_http::string_body> sr(res);
      co_await beast_http::async_write_header(st.socket, sr,
                                              asio::redirect_error(asio::use_awaitable, ec));
    } else {
      co_await beast_http::async_write(st.socket, res,
                                       asio::redirect_error(asio::use_awaitable, ec));
    }
    ctx.metrics.in_flight().Decrement();
    ctx.OnRequestDone();
    if (ec || !res.keep_alive()) co_return;
  }
}

}  // namespace

asio::awaitable<void> ServeConnection(tcp::socket socket, std::shared_ptr<ConnectionContext> ctx) {
  ctx->metrics.open_connections().Increment();
  auto st = std::make_shared<ConnState>(std::move(socket));
  asio::co_spawn(st->socket.get_executor(), Watchdog(st), asio::detached);
  auto serve = ServeRequests(st, *ctx);
  co_await std::move(serve);
  boost::system::error_code ec;
  st->socket.shutdown(tcp::socket::shutdown_send, ec);
  st->socket.close(ec);
  st->Finish();
  ctx->metrics.open_connections().Decrement();
}

}  // namespace notecoder::http
