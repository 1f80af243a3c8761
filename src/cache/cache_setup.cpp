#include "cache/cache_setup.hpp"

#include "cache/redis_cache.hpp"
#include "cache/redis_llm_limiter.hpp"
#include "cache/tiered_cache.hpp"

namespace notecoder::cache {
namespace {

std::chrono::milliseconds Millis(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

// A value copied from Redis into memory is kept at most this long in this process.
constexpr std::chrono::milliseconds kMemoryCopyTtl{60000};

}  // namespace

Result<CacheServices> MakeCacheServices(const infra::Settings& settings,
                                        boost::asio::any_io_executor executor,
                                        prometheus::Registry* registry) {
  CacheServices s;
  s.keys = std::make_shared<KeyMaker>(settings.cache_key_secret);
  if (registry != nullptr) s.metrics = std::make_shared<CacheMetrics>(*registry);
  s.memory = std::make_shared<MemoryCache>(settings.cache_max_bytes, s.metrics.get());
  s.flights = std::make_shared<SingleFlight>();
  s.llm_ttl = Millis(settings.llm_cache_ttl_s);
  s.result_ttl = Millis(settings.result_cache_ttl_s);

  if (settings.enable_redis_cache || settings.llm_global_limit > 0) {
    auto url = ParseRedisUrl(settings.redis_url);
    if (!url.ok()) return url.error();
    RedisClient::Options o;
    o.url = std::move(*url);
    o.command_timeout = std::chrono::milliseconds(settings.redis_timeout_ms);
    s.redis = RedisClient::Create(executor, std::move(o));
  }
  std::shared_ptr<Cache> shared = s.memory;
  if (settings.enable_redis_cache) {
    auto redis_cache = std::make_shared<RedisCache>(s.redis, *s.keys, s.metrics.get());
    shared = std::make_shared<TieredCache>(s.memory, std::move(redis_cache), kMemoryCopyTtl);
  }
  if (settings.enable_llm_cache && s.llm_ttl.count() > 0) s.llm = shared;
  if (settings.enable_ml_cache && s.result_ttl.count() > 0) s.result = shared;
  if (settings.llm_global_limit > 0) {
    RedisLlmLimiter::Options lo;
    lo.limit = settings.llm_global_limit;
    s.llm_limiter = std::make_shared<RedisLlmLimiter>(s.redis, lo, s.metrics.get());
  }
  return s;
}

}  // namespace notecoder::cache
