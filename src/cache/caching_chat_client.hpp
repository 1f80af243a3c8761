#pragma once
// A ChatClient that answers a repeated prompt from the cache. The key is the HMAC of (model,
// prompt version, the whole request: messages and sampling parameters), so an edited prompt or
// another model never gets an old answer. Identical prompts in flight together reach the provider
// once (single_flight.hpp). Only complete answers (finish_reason "stop" or none) are stored; a
// failure is never stored. Wrap the limited client, so a cache hit takes no global slot:
//
//   cache::CachingChatClient cached(limited_or_http, services.llm_cache, services.keys,
//                                   services.flights, services.llm_ttl, llm::PromptVersion());
//   llm::Agents agents(cached, codebook);
//
// A streamed request served from the cache gets its whole content as one delta.
#include <memory>
#include <optional>
#include <string>

#include "cache/cache.hpp"
#include "cache/cache_key.hpp"
#include "cache/single_flight.hpp"
#include "llm/chat_client.hpp"

namespace notecoder::cache {

class CachingChatClient final : public llm::ChatClient {
 public:
  // `inner` outlives this object.
  CachingChatClient(llm::ChatClient& inner, std::shared_ptr<Cache> cache,
                    std::shared_ptr<const KeyMaker> keys, std::shared_ptr<SingleFlight> flights,
                    std::chrono::milliseconds ttl, std::string prompt_version);

  boost::asio::awaitable<llm::CallResult<llm::ChatResponse>> Complete(
      llm::ChatRequest request, llm::CallOptions options) override;
  const std::string& model() const override { return inner_.model(); }

  // The canonical bytes a request is keyed by (tests).
  static std::string CanonicalPrompt(const llm::ChatRequest& request);

 private:
  boost::asio::awaitable<Result<std::string>> CallAndStore(
      CacheKey key, llm::ChatRequest request, llm::CallOptions options,
      std::shared_ptr<llm::CallError> error,
      std::shared_ptr<std::optional<llm::ChatResponse>> full);

  llm::ChatClient& inner_;
  std::shared_ptr<Cache> cache_;
  std::shared_ptr<const KeyMaker> keys_;
  std::shared_ptr<SingleFlight> flights_;
  std::chrono::milliseconds ttl_;
  std::string prompt_version_;
};

}  // namespace notecoder::cache
