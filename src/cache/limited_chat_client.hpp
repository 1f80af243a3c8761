#pragma once
// A ChatClient that holds a global LLM lease (llm_limiter.hpp) for the whole of each call of the
// client it wraps, so the calls in flight across replicas stay within LLM_GLOBAL_LIMIT:
//
//   llm::HttpChatClient http(...);
//   cache::LimitedChatClient limited(http, services.llm_limiter);   // when the limiter is set
//   llm::Agents agents(limited, codebook);
//
// No slot before the caller's deadline is a kRateLimited CallError (the orchestrator degrades
// or answers 503 + Retry-After, as for a provider 429).
#include <memory>

#include "cache/llm_limiter.hpp"
#include "llm/chat_client.hpp"

namespace notecoder::cache {

class LimitedChatClient final : public llm::ChatClient {
 public:
  // `inner` outlives this object.
  LimitedChatClient(llm::ChatClient& inner, std::shared_ptr<LlmLimiter> limiter)
      : inner_(inner), limiter_(std::move(limiter)) {}

  boost::asio::awaitable<llm::CallResult<llm::ChatResponse>> Complete(
      llm::ChatRequest request, llm::CallOptions options) override;
  const std::string& model() const override { return inner_.model(); }

 private:
  llm::ChatClient& inner_;
  std::shared_ptr<LlmLimiter> limiter_;
};

}  // namespace notecoder::cache
