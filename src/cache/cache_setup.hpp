#pragma once
// Builds the caches and the global LLM limiter from Settings, once at start. What the lead wires:
//
//   auto services = cache::MakeCacheServices(settings, io_executor, &metrics.registry());
//   if (!services.ok()) → exit with services.error().message (a bad REDIS_URL)
//
// Whole results (ENABLE_ML_CACHE), in the predict path before the CPU work:
//   auto key = services->keys->Result(normalized_note, model_fp, codeset_fp, options_canonical);
//   auto get = services->result->Get(key, Clock::now() + 20ms);   // fail-open: nullopt on trouble
//   if (auto body = co_await std::move(get)) → reply with *body
//   auto run = services->flights->Do(key.text, deadline, [=] { return CodeAndStore(...); });
//   (CodeAndStore: the CPU work, then services->result->Set(key, body, services->result_ttl, ...))
//
// LLM answers and the global limit, around the ChatClient given to llm::Agents:
//   HttpChatClient → LimitedChatClient(services.llm_limiter) → CachingChatClient(services.llm)
//
// /health and /ready never look at any of this: Redis down only means misses.
#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <memory>

#include "cache/cache.hpp"
#include "cache/cache_key.hpp"
#include "cache/cache_metrics.hpp"
#include "cache/llm_limiter.hpp"
#include "cache/memory_cache.hpp"
#include "cache/redis_client.hpp"
#include "cache/single_flight.hpp"
#include "infra/result.hpp"
#include "infra/settings.hpp"

namespace notecoder::cache {

struct CacheServices {
  std::shared_ptr<const KeyMaker> keys;
  std::shared_ptr<CacheMetrics> metrics;  // null when no registry was given
  std::shared_ptr<MemoryCache> memory;    // shared by both kinds (one byte budget)
  std::shared_ptr<Cache> llm;             // LLM answers; null when ENABLE_LLM_CACHE is off
  std::shared_ptr<Cache> result;          // whole results; null when ENABLE_ML_CACHE is off
  std::shared_ptr<SingleFlight> flights;
  std::shared_ptr<LlmLimiter> llm_limiter;  // null unless LLM_GLOBAL_LIMIT > 0
  std::shared_ptr<RedisClient> redis;       // null unless Redis is used
  std::chrono::milliseconds llm_ttl{0};
  std::chrono::milliseconds result_ttl{0};
};

// `executor`: where Redis connections live (a strand is made over it). `registry` may be null.
Result<CacheServices> MakeCacheServices(const infra::Settings& settings,
                                        boost::asio::any_io_executor executor,
                                        prometheus::Registry* registry);

}  // namespace notecoder::cache
