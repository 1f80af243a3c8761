#include "llm/http_exchange.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "llm/chat_json.hpp"
#include "llm/sse_parser.hpp"

namespace notecoder::llm {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using ErrorCode = boost::system::error_code;

namespace {

constexpr int kMaxStaleReconnects = 4;

http::request<http::string_body> BuildRequest(const Endpoint& ep, const ExchangeRequest& r) {
  http::request<http::string_body> req{http::verb::post, ep.target, 11};
  req.set(http::field::host, ep.host_header);
  req.set(http::field::user_agent, "notecoder");
  req.set(http::field::content_type, "application/json");
  req.set(http::field::accept, r.stream ? "text/event-stream" : "application/json");
  if (!r.api_key.empty()) {
    req.set(http::field::authorization, "Bearer " + r.api_key);
    if (ep.azure) req.set("api-key", r.api_key);
  }
  req.keep_alive(true);
  req.body() = r.body;
  req.prepare_payload();
  return req;
}

template <class Fields>
std::optional<Millis> RetryAfterOf(const http::header<false, Fields>& h) {
  return ParseRetryAfter(h[http::field::retry_after], h["retry-after-ms"],
                         std::chrono::system_clock::now());
}

bool IsStale(const ErrorCode& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == http::error::partial_message;
}

// Turns a transport error into the attempt's kind; `what` says which step, never the payload.
asio::awaitable<Attempt> Failed(ErrorCode ec, std::string step) {
  Attempt a;
  const auto cs = co_await asio::this_coro::cancellation_state;
  if (cs.cancelled() != asio::cancellation_type::none) {
    a.kind = AttemptKind::kCancelled;
  } else if (ec == beast::error::timeout) {
    a.kind = AttemptKind::kTimeout;
  } else {
    a.kind = AttemptKind::kNetwork;
  }
  a.what = step + ": " + ec.message();
  co_return a;
}

// State of one streamed answer, fed by the SSE parser.
struct StreamState {
  std::string content;
  std::string finish_reason;
  Usage usage;
  bool done = false;       // "[DONE]" seen
  bool malformed = false;  // a chunk that is not JSON, or an error object
  bool delivered = false;  // a delta reached the caller's callback
};

template <class Stream>
asio::awaitable<Attempt> ReadStream(Stream& s, Connection& c, const ExchangeRequest& r,
                                    bool& reusable, bool& stale) {
  http::response_parser<http::buffer_body> p;
  p.header_limit(kMaxHeaderBytes);
  p.body_limit(kMaxResponseBytes);
  ErrorCode ec;
  c.lowest().expires_at(r.deadline);
  auto header =
      http::async_read_header(s, c.buffer, p, asio::redirect_error(asio::use_awaitable, ec));
  co_await std::move(header);
  if (ec) {
    stale = c.reused && !p.got_some() && IsStale(ec);
    auto failed = Failed(ec, "read header");
    co_return co_await std::move(failed);
  }
  const int status = static_cast<int>(p.get().result_int());
  if (status / 100 != 2) {
    // The body may echo the prompt: it is not read (the connection is dropped instead).
    Attempt a;
    a.kind = AttemptKind::kHttpStatus;
    a.status = status;
    a.retry_after = RetryAfterOf(p.get().base());
    a.what = "HTTP " + std::to_string(status);
    co_return a;
  }
  StreamState st;
  SseParser sse(kMaxResponseBytes);
  const SseParser::EventFn on_event = [&st, &r](const SseEvent& e) {
    if (st.done || st.malformed) return;
    if (e.data == "[DONE]") {
      st.done = true;
      return;
    }
    auto chunk = DecodeChunk(e.data);
    if (!chunk || chunk->error) {
      st.malformed = true;
      return;
    }
    if (chunk->usage.reported) st.usage = chunk->usage;
    if (!chunk->finish_reason.empty()) st.finish_reason = chunk->finish_reason;
    if (!chunk->delta.empty()) {
      st.content += chunk->delta;
      if (r.on_delta) {
        st.delivered = true;
        r.on_delta(chunk->delta);
      }
    }
  };
  char buf[16384];
  while (!p.is_done() && !st.malformed) {
    p.get().body().data = buf;
    p.get().body().size = sizeof buf;
    c.lowest().expires_at(r.deadline);
    auto read = http::async_read(s, c.buffer, p, asio::redirect_error(asio::use_awaitable, ec));
    co_await std::move(read);
    if (ec == http::error::need_buffer) ec = {};
    const std::size_t n = sizeof buf - p.get().body().size;
    if (n > 0 && !sse.Feed(std::string_view(buf, n), on_event)) st.malformed = true;
    if (ec) break;
  }
  const bool complete = (st.done || !st.finish_reason.empty()) && !st.malformed;
  if (!complete || ec) reusable = false;
  if (complete) {
    reusable = reusable && p.is_done() && p.get().keep_alive();
    Attempt a;
    a.kind = AttemptKind::kOk;
    a.status = status;
    a.response.content = std::move(st.content);
    a.response.finish_reason = std::move(st.finish_reason);
    a.response.usage = st.usage;
    co_return a;
  }
  if (st.malformed) {
    Attempt a;
    a.kind = AttemptKind::kBadResponse;
    a.what = "stream chunk is not a chat.completion.chunk";
    co_return a;
  }
  Attempt a;
  if (ec) {
    auto failed = Failed(ec, "read stream");
    a = co_await std::move(failed);
  } else {
    a.kind = AttemptKind::kNetwork;
    a.what = "stream ended before [DONE]";
  }
  // A retry would repeat deltas the caller has already shown.
  if (st.delivered && a.kind == AttemptKind::kNetwork) {
    a.kind = AttemptKind::kBadResponse;
    a.what = "stream truncated after deltas were delivered";
  }
  co_return a;
}

template <class Stream>
asio::awaitable<Attempt> ReadWhole(Stream& s, Connection& c, const ExchangeRequest& r,
                                   bool& reusable, bool& stale) {
  http::response_parser<http::string_body> p;
  p.header_limit(kMaxHeaderBytes);
  p.body_limit(kMaxResponseBytes);
  ErrorCode ec;
  c.lowest().expires_at(r.deadline);
  auto read = http::async_read(s, c.buffer, p, asio::redirect_error(asio::use_awaitable, ec));
  co_await std::move(read);
  if (ec) {
    reusable = false;
    stale = c.reused && !p.got_some() && IsStale(ec);
    auto failed = Failed(ec, "read");
    co_return co_await std::move(failed);
  }
  reusable = p.get().keep_alive();
  Attempt a;
  a.status = static_cast<int>(p.get().result_int());
  if (a.status / 100 != 2) {
    a.kind = AttemptKind::kHttpStatus;
    a.retry_after = RetryAfterOf(p.get().base());
    a.what = "HTTP " + std::to_string(a.status);
    co_return a;  // the body is dropped unread by anyone: it may echo the prompt
  }
  auto decoded = DecodeChatResponse(p.get().body());
  if (!decoded) {
    a.kind = AttemptKind::kBadResponse;
    a.what = "the body is not a chat completion";
    co_return a;
  }
  a.kind = AttemptKind::kOk;
  a.response = std::move(*decoded);
  co_return a;
}

template <class Stream>
asio::awaitable<Attempt> RunOn(Stream& s, Connection& c, const Endpoint& ep,
                               const ExchangeRequest& r, bool& reusable, bool& stale) {
  auto req = BuildRequest(ep, r);
  ErrorCode ec;
  c.lowest().expires_at(r.deadline);
  auto write = http::async_write(s, req, asio::redirect_error(asio::use_awaitable, ec));
  co_await std::move(write);
  if (ec) {
    stale = c.reused && IsStale(ec);
    auto failed = Failed(ec, "write");
    co_return co_await std::move(failed);
  }
  Attempt a;
  if (r.stream) {
    auto read = ReadStream(s, c, r, reusable, stale);
    a = co_await std::move(read);
  } else {
    auto read = ReadWhole(s, c, r, reusable, stale);
    a = co_await std::move(read);
  }
  co_return a;
}

}  // namespace

asio::awaitable<Attempt> Exchange(ConnectionPool& pool, ExchangeRequest request) {
  for (int round = 0;; ++round) {
    auto get = pool.Get(request.deadline);
    ConnectResult got = co_await std::move(get);
    if (got.connection == nullptr) {
      auto failed = Failed(got.error, got.step);
      co_return co_await std::move(failed);
    }
    Connection& c = *got.connection;
    bool reusable = true;
    bool stale = false;
    Attempt a;
    if (c.tls) {
      auto run = RunOn(*c.tls, c, pool.endpoint(), request, reusable, stale);
      a = co_await std::move(run);
    } else {
      auto run = RunOn(*c.tcp, c, pool.endpoint(), request, reusable, stale);
      a = co_await std::move(run);
    }
    // A pooled connection the server closed while idle fails before a byte is read: reconnect
    // at once, it is not a provider failure.
    if (stale && a.kind == AttemptKind::kNetwork && round < kMaxStaleReconnects) continue;
    if (reusable && (a.kind == AttemptKind::kOk || a.kind == AttemptKind::kHttpStatus) &&
        !(request.stream && a.kind == AttemptKind::kHttpStatus)) {
      pool.Put(std::move(got.connection));
    }
    co_return a;
  }
}

}  // namespace notecoder::llm
