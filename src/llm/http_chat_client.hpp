#pragma once
// The ChatClient for any OpenAI-compatible server: the one layer of limits and retries.
//
//   deadline = min(options.deadline, start + LLM_TIMEOUT_S)
//   repeat: wait for a slot (FIFO, LLM_CONCURRENCY process-wide) until the deadline
//           → one attempt (keep-alive connection, HTTP/1.1, http or https)
//           → release the slot
//           → ok, or a non-retryable failure: return it
//           → retryable (connect/reset, 408, 409, 429, 5xx) and retries left: back off
//             (Retry-After / retry-after-ms, else full jitter); a backoff that would end past
//             the deadline is not slept: the call returns at once.
//
// Outcomes: ok | rate_limited (429 kept coming; retry_after set when the provider sent one) |
// timeout | cancelled | provider_error(status) | bad_response | config_error. Provider bodies
// are never read into logs or messages.
#include <atomic>
#include <memory>

#include "infra/metrics.hpp"
#include "llm/async_semaphore.hpp"
#include "llm/chat_client.hpp"
#include "llm/client_config.hpp"
#include "llm/connection_pool.hpp"

namespace notecoder::llm {

// Lifetime: create once at start and destroy it before the io_contexts it ran on (its idle
// keep-alive sockets belong to them), i.e. after the io threads have stopped and before the
// contexts are destroyed.
class HttpChatClient final : public ChatClient {
 public:
  // Validates the configuration (kInvalidArgument naming the variable). `metrics` may be null.
  static Result<std::unique_ptr<HttpChatClient>> Create(ClientConfig config,
                                                        infra::Metrics* metrics);

  boost::asio::awaitable<CallResult<ChatResponse>> Complete(ChatRequest request,
                                                            CallOptions options) override;
  const std::string& model() const override { return config_.model; }

  const AsyncSemaphore& limiter() const { return limiter_; }
  const ConnectionPool& pool() const { return pool_; }

 private:
  HttpChatClient(ClientConfig config, Endpoint endpoint,
                 std::shared_ptr<boost::asio::ssl::context> tls, infra::Metrics* metrics);
  boost::asio::awaitable<CallResult<ChatResponse>> Run(ChatRequest request, CallOptions options,
                                                       Clock::time_point deadline);
  void Record(const CallOptions& options, std::string_view outcome, int status, int attempts,
              Clock::time_point start, const Usage* usage) const;

  const ClientConfig config_;
  infra::Metrics* metrics_;
  AsyncSemaphore limiter_;
  // A running estimate of one successful attempt's duration (ms; 0 until the first success). A
  // call whose remaining time is shorter is not started: the client would abandon it at its
  // deadline while the provider kept working on it, and the slot it frees would start another
  // such call — each abandoned call still counts against the provider's concurrency.
  std::atomic<double> typical_attempt_ms_{0};
  ConnectionPool pool_;
};

}  // namespace notecoder::llm
