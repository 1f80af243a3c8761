#pragma once
// The cache shared by replicas: values sealed (sealed_value.hpp) in Redis under HMAC keys, so
// Redis never holds a note-derived answer in clear text. Fail-open: any Redis failure, slow
// answer or unreadable value is a miss (counted), and after a few failures a circuit breaker stops
// asking Redis until a probe succeeds. Nothing here can fail a request or hold one for more than
// the per-call bound (REDIS_TIMEOUT_MS).
#include <memory>

#include "cache/cache.hpp"
#include "cache/cache_metrics.hpp"
#include "cache/circuit_breaker.hpp"
#include "cache/redis_client.hpp"
#include "cache/sealed_value.hpp"

namespace notecoder::cache {

class RedisCache final : public Cache {
 public:
  // `metrics` may be null (tests).
  RedisCache(std::shared_ptr<RedisClient> redis, const KeyMaker& keys, CacheMetrics* metrics,
             CircuitBreaker::Options breaker = {});

  boost::asio::awaitable<std::optional<std::string>> Get(CacheKey key,
                                                         Clock::time_point deadline) override;
  boost::asio::awaitable<void> Set(CacheKey key, std::string value, std::chrono::milliseconds ttl,
                                   Clock::time_point deadline) override;

  CircuitBreaker::State breaker_state() const { return breaker_.state(); }

 private:
  void Count(CacheKind kind, Outcome outcome) {
    if (metrics_ != nullptr) metrics_->Count(Layer::kRedis, kind, outcome);
  }
  void Report(bool ok);

  std::shared_ptr<RedisClient> redis_;
  Sealer sealer_;
  CacheMetrics* metrics_;
  CircuitBreaker breaker_;
};

}  // namespace notecoder::cache
