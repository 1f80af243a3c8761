// POST /predict/coder/stream: the work of POST /predict/coder as Server-Sent Events.
//
// The request is checked and decoded before the header is sent, so a bad request still gets its
// plain status (400, 415, 503). Then: `accepted` at once, one event per pipeline stage as the
// CPU pool finishes it, and `final` (the POST body) or `error`. The CPU thread only encodes a
// stage's payload and posts it to the connection's executor; the io thread frames and writes.
// While the work runs, a comment line every `heartbeat` keeps proxies from closing the stream.
// A client that goes away sets `stop`: the stage listener tells the pipeline to end before its
// next stage, and nothing more is written.
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <deque>

#include "api/coding_run.hpp"
#include "api/handlers.hpp"
#include "api/llm_run.hpp"
#include "api/stream_events.hpp"
#include "http/sse.hpp"
#include "infra/logging.hpp"

namespace notecoder::api {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

struct StreamState {
  explicit StreamState(const asio::any_io_executor& ex) : wake(ex) {}

  // io thread only: queues one framed event and wakes the writer.
  void Push(std::string_view event, std::string_view payload) {
    ready.push_back(http::SseEvent(event, next_id++, payload));
    wake.cancel();
  }

  std::deque<std::string> ready;  // framed events not yet written (io thread only)
  asio::steady_timer wake;        // the writer waits on it; cancel() wakes it
  std::uint64_t next_id = 0;
  bool finished = false;          // final or error queued (io thread only)
  std::atomic<bool> stop{false};  // the client left: read by the stage listener on the pool
};

// Runs the pipeline on the CPU pool and queues its stage events, then `final` or `error`.
asio::awaitable<void> Work(ServiceContextPtr ctx, pipeline::Engines engines,
                           std::shared_ptr<const PredictRequest> req,
                           std::shared_ptr<const std::string> body, std::string request_id,
                           Clock::time_point start, std::shared_ptr<StreamState> state) {
  const asio::any_io_executor io = co_await asio::this_coro::executor;
  const codes::Codebook* book = &engines.rules->book();
  pipeline::StageListener listener = [state, io, req, book](const pipeline::StageEvent& e) {
    if (state->stop.load()) return pipeline::StageControl::kStop;
    std::string payload = EncodeStageEvent(e, req->note, *book, req->options);
    asio::post(io, [state, stage = std::string(e.stage), payload = std::move(payload)] {
      state->Push(stage, payload);
    });
    return pipeline::StageControl::kContinue;
  };
  auto task = [ctx, engines, req, start, state, listener]() -> Result<std::string> {
    if (state->stop.load()) return MakeError(ErrorCode::kUnavailable, "the client went away");
    return CodeAndEncode(engines, req->note, req->options, &ctx->metrics, start, listener);
  };
  Result<std::string> result = MakeError(ErrorCode::kInternal, "not run");
  if (engines.agents) {
    // With an LLM configured, the same path as POST /predict/coder (api/llm_run.hpp): its
    // stages ("parse", "summary" deltas, "structure") reach the same listener.
    std::optional<infra::SafeText> digest;  // the stream's reply already carries it
    auto run = PredictWithLlm(ctx, engines, body, start, request_id, digest, listener,
                              [state] { return state->stop.load(); });
    result = co_await std::move(run);
  } else {
    auto coded = co_await ctx->cpu.Run(std::move(task));
    result = std::move(coded);
  }
  if (result.ok()) {
    state->Push("final", *result);
  } else {
    state->Push("error", EncodeErrorEvent(result.error()));
  }
  state->finished = true;
}

asio::awaitable<void> RunStream(ServiceContextPtr ctx, StreamOptions options,
                                pipeline::Engines engines,
                                std::shared_ptr<const PredictRequest> req,
                                std::shared_ptr<const std::string> body, std::string request_id,
                                Clock::time_point start, std::shared_ptr<http::StreamWriter> out) {
  const asio::any_io_executor io = co_await asio::this_coro::executor;
  auto state = std::make_shared<StreamState>(io);
  out->OnClientGone([state] {
    state->stop = true;
    state->wake.cancel();
  });
  state->Push("accepted",
              EncodeAcceptedEvent(request_id, req->note.size(), engines.agents != nullptr));
  asio::co_spawn(io, Work(ctx, engines, req, body, request_id, start, state), asio::detached);

  std::size_t events = 0;
  std::size_t heartbeats = 0;
  bool error = false;
  while (!out->client_gone()) {
    while (!state->ready.empty() && !out->client_gone()) {
      std::string next = std::move(state->ready.front());
      state->ready.pop_front();
      error = next.rfind("event: error", 0) == 0;
      auto write = out->Write(std::move(next));
      if (co_await std::move(write)) ++events;
    }
    if (out->client_gone() || (state->finished && state->ready.empty())) break;
    // Nothing to write: sleep until an event arrives (Push cancels the wait) or a heartbeat is due.
    boost::system::error_code ec;
    state->wake.expires_after(options.heartbeat);
    co_await state->wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (!ec && state->ready.empty() && !out->client_gone()) {
      auto beat = out->Write(http::SseComment("heartbeat"));
      if (co_await std::move(beat)) ++heartbeats;
    }
  }
  const bool cancelled = out->client_gone() && !(state->finished && state->ready.empty());
  if (cancelled) state->stop = true;
  infra::LogLine(cancelled ? spdlog::level::info : spdlog::level::debug, "api", "stream_end")
      .Str("request_id", request_id)
      .Str("outcome", cancelled ? "cancelled"
                      : error   ? "error"
                                : "completed")
      .Int("events", static_cast<std::int64_t>(events))
      .Int("heartbeats", static_cast<std::int64_t>(heartbeats));
}

asio::awaitable<http::Reply> Stream(ServiceContextPtr ctx, StreamOptions options, http::Request req,
                                    http::RequestInfo info) {
  const auto start = Clock::now();
  if (!IsJsonMediaType(req[http::beast_http::field::content_type])) {
    co_return UnsupportedMediaTypeReply();
  }
  auto wait = ReadyEngines(ctx);
  auto engines = co_await std::move(wait);
  if (!engines.rules) co_return NotReadyReply(ctx->readiness);

  // Decoding the body is CPU work: it crosses to the pool, as in POST /predict/coder.
  auto body = std::make_shared<std::string>(std::move(req.body()));
  auto decode = [body]() -> Result<std::shared_ptr<const PredictRequest>> {
    auto parsed = ParsePredictRequest(*body);
    if (!parsed.ok()) return parsed.error();
    return std::make_shared<const PredictRequest>(std::move(*parsed));
  };
  auto parsed = co_await ctx->cpu.Run(std::move(decode));
  if (!parsed.ok()) co_return ErrorReply(parsed.error());

  http::Reply r;
  r.response.result(http::beast_http::status::ok);
  r.response.set(http::beast_http::field::content_type, "text/event-stream; charset=utf-8");
  r.response.set(http::beast_http::field::cache_control, "no-store");
  r.response.set("X-Accel-Buffering", "no");  // nginx: pass events on as they come
  r.note = infra::SafeLogText((*parsed)->note);
  // The body is kept for the LLM path, which decodes it itself (as POST /predict/coder does).
  std::shared_ptr<const std::string> raw = engines.agents ? body : nullptr;
  r.stream = [ctx, options, engines, req_ptr = *parsed, raw, id = info.request_id,
              start](std::shared_ptr<http::StreamWriter> out) {
    return RunStream(ctx, options, engines, req_ptr, raw, id, start, std::move(out));
  };
  co_return r;
}

}  // namespace

http::Handler StreamHandler(ServiceContextPtr ctx, StreamOptions options) {
  return [ctx, options](http::Request req, http::RequestInfo info) {
    return Stream(ctx, options, std::move(req), std::move(info));
  };
}

}  // namespace notecoder::api
