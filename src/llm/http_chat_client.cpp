#include "llm/http_chat_client.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <random>

#include "infra/logging.hpp"
#include "llm/chat_json.hpp"
#include "llm/http_exchange.hpp"

namespace notecoder::llm {

namespace asio = boost::asio;

namespace {

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

double UnitDraw() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

// What a retryable failure becomes when no retry is left (or none fits before the deadline).
CallError Exhausted(const Attempt& a, int attempts) {
  const std::string suffix = " after " + std::to_string(attempts) + " attempt(s)";
  if (a.kind == AttemptKind::kHttpStatus && a.status == 429) {
    CallError e = MakeCallError(CallErrorKind::kRateLimited, "HTTP 429" + suffix, 429);
    e.retry_after = a.retry_after;
    return e;
  }
  CallError e = MakeCallError(CallErrorKind::kProviderError, a.what + suffix, a.status);
  e.retry_after = a.retry_after;
  return e;
}

bool Retryable(const Attempt& a) {
  return a.kind == AttemptKind::kNetwork ||
         (a.kind == AttemptKind::kHttpStatus && IsRetryableStatus(a.status));
}

}  // namespace

Result<std::unique_ptr<HttpChatClient>> HttpChatClient::Create(ClientConfig config,
                                                               infra::Metrics* metrics) {
  auto endpoint = ParseEndpoint(config.base_url);
  if (!endpoint) return endpoint.error();
  if (config.model.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "LLM_MODEL: a model name is required");
  }
  if (config.concurrency < 1) {
    return MakeError(ErrorCode::kInvalidArgument, "LLM_CONCURRENCY: expected at least 1");
  }
  std::shared_ptr<asio::ssl::context> tls;
  if (endpoint->tls) {
    boost::system::error_code ec;
    tls = MakeVerifyingTlsContext(ec);
    if (tls == nullptr) {
      return MakeError(ErrorCode::kInternal, "TLS set-up failed: " + ec.message());
    }
  }
  return std::unique_ptr<HttpChatClient>(
      new HttpChatClient(std::move(config), std::move(*endpoint), std::move(tls), metrics));
}

HttpChatClient::HttpChatClient(ClientConfig config, Endpoint endpoint,
                               std::shared_ptr<asio::ssl::context> tls, infra::Metrics* metrics)
    : config_(std::move(config)),
      metrics_(metrics),
      limiter_(config_.concurrency),
      pool_(std::move(endpoint), std::move(tls), static_cast<std::size_t>(config_.concurrency)) {}

asio::awaitable<CallResult<ChatResponse>> HttpChatClient::Complete(ChatRequest request,
                                                                   CallOptions options) {
  const auto start = Clock::now();
  const auto deadline = std::min(options.deadline, start + config_.timeout);
  const std::string agent = options.agent;
  try {
    auto run = Run(std::move(request), std::move(options), deadline);
    co_return co_await std::move(run);
  } catch (const boost::system::system_error& e) {
    // asio throws operation_aborted from a co_await once the caller's coroutine is cancelled.
    const bool aborted = e.code() == asio::error::operation_aborted;
    CallOptions o;
    o.agent = agent;
    Record(o, aborted ? "cancelled" : "provider_error", 0, 0, start, nullptr);
    co_return MakeCallError(aborted ? CallErrorKind::kCancelled : CallErrorKind::kProviderError,
                            aborted ? "cancelled" : "client failure: " + e.code().message());
  } catch (const std::exception&) {
    CallOptions o;
    o.agent = agent;
    Record(o, "provider_error", 0, 0, start, nullptr);
    co_return MakeCallError(CallErrorKind::kProviderError, "client failure");
  }
}

asio::awaitable<CallResult<ChatResponse>> HttpChatClient::Run(ChatRequest request,
                                                              CallOptions options,
                                                              Clock::time_point deadline) {
  const auto start = Clock::now();
  ExchangeRequest x;
  x.body = EncodeChatRequest(request, config_.model, config_.stream_usage);
  x.stream = request.stream;
  x.api_key = config_.api_key;
  x.deadline = deadline;
  x.on_delta = options.on_delta;
  const auto fail = [&](CallError e, int attempts) -> CallResult<ChatResponse> {
    Record(options, CallErrorKindName(e.kind), e.http_status, attempts, start, nullptr);
    return e;
  };

  int attempts = 0;
  for (int retry = 0;; ++retry) {
    const auto wait_start = Clock::now();
    auto acquire = limiter_.Acquire(deadline);
    AsyncSemaphore::Permit permit = co_await std::move(acquire);
    if (metrics_ != nullptr) metrics_->LlmSlotWait(Seconds(Clock::now() - wait_start));
    if (!permit) {
      const bool cancelled = permit.status() == AcquireStatus::kCancelled;
      co_return fail(MakeCallError(cancelled ? CallErrorKind::kCancelled : CallErrorKind::kTimeout,
                                   cancelled ? "cancelled waiting for a slot"
                                             : "deadline passed waiting for a slot"),
                     attempts);
    }
    // A slot handed over just as the deadline passed must not start a call nobody will read:
    // the provider would work on it while the next caller takes the slot.
    if (Clock::now() >= deadline) {
      co_return fail(MakeCallError(CallErrorKind::kTimeout, "deadline passed waiting for a slot"),
                     attempts);
    }
    const double typical_ms = typical_attempt_ms_.load(std::memory_order_relaxed);
    if (std::chrono::duration<double, std::milli>(deadline - Clock::now()).count() < typical_ms) {
      co_return fail(
          MakeCallError(CallErrorKind::kTimeout, "too little time left for a call; not started"),
          attempts);
    }
    ++attempts;
    const auto attempt_start = Clock::now();
    auto exchange = Exchange(pool_, x);
    Attempt a = co_await std::move(exchange);
    permit.Reset();  // a backoff must not hold a slot another call could use
    if (a.kind == AttemptKind::kOk) {
      // An exponential average (weight 1/8) follows the provider's pace and forgets outliers.
      const double ms =
          std::chrono::duration<double, std::milli>(Clock::now() - attempt_start).count();
      const double old = typical_attempt_ms_.load(std::memory_order_relaxed);
      typical_attempt_ms_.store(old == 0 ? ms : old + (ms - old) / 8, std::memory_order_relaxed);
    }

    switch (a.kind) {
      case AttemptKind::kOk: {
        a.response.attempts = attempts;
        Record(options, "ok", a.status, attempts, start, &a.response.usage);
        co_return std::move(a.response);
      }
      case AttemptKind::kCancelled:
        co_return fail(MakeCallError(CallErrorKind::kCancelled, "cancelled"), attempts);
      case AttemptKind::kTimeout:
        co_return fail(MakeCallError(CallErrorKind::kTimeout, "deadline passed during " + a.what),
                       attempts);
      case AttemptKind::kBadResponse:
        co_return fail(MakeCallError(CallErrorKind::kBadResponse, a.what, a.status), attempts);
      case AttemptKind::kHttpStatus:
      case AttemptKind::kNetwork:
        break;
    }
    if (!Retryable(a)) {
      CallError e = MakeCallError(CallErrorKind::kProviderError, a.what, a.status);
      co_return fail(std::move(e), attempts);
    }
    if (retry >= config_.retry.max_retries) co_return fail(Exhausted(a, attempts), attempts);
    const Millis delay = BackoffDelay(config_.retry, retry, a.retry_after, UnitDraw());
    if (Clock::now() + delay >= deadline) co_return fail(Exhausted(a, attempts), attempts);
    if (metrics_ != nullptr) metrics_->llm_retries().Increment();
    asio::steady_timer timer(co_await asio::this_coro::executor);
    timer.expires_after(delay);
    boost::system::error_code ec;
    auto sleep = timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    co_await std::move(sleep);
    if (ec)
      co_return fail(MakeCallError(CallErrorKind::kCancelled, "cancelled in backoff"), attempts);
  }
}

void HttpChatClient::Record(const CallOptions& options, std::string_view outcome, int status,
                            int attempts, Clock::time_point start, const Usage* usage) const {
  const double seconds = Seconds(Clock::now() - start);
  if (metrics_ != nullptr) {
    metrics_->LlmCall(options.agent, outcome, seconds);
    if (usage != nullptr && usage->reported) {
      metrics_->LlmTokens(config_.model, usage->prompt_tokens, usage->completion_tokens);
    }
  }
  const auto level = outcome == "ok" ? spdlog::level::debug : spdlog::level::warn;
  if (!infra::LogEnabled(level)) return;
  infra::LogLine line(level, "llm", "llm_call");
  line.Str("agent", options.agent).Str("outcome", outcome).Int("status", status);
  line.Int("attempts", attempts).Num("ms", seconds * 1000);
  if (!options.request_id.empty()) line.Str("request_id", options.request_id);
  if (usage != nullptr && usage->reported) {
    line.Int("tokens_in", usage->prompt_tokens).Int("tokens_out", usage->completion_tokens);
  }
}

}  // namespace notecoder::llm
