#pragma once
// The global LLM limit in Redis: a sorted set of lease ids scored by expiry (Redis's own clock,
// so replicas' clocks do not matter). A Lua script atomically drops expired leases, counts, and
// adds ours if under the limit. A held lease is renewed every third of its TTL and removed when
// released; a replica that dies stops renewing, so its slots come back within one TTL.
//
// Waiting is async: retries with jittered exponential backoff inside the caller's deadline. When
// Redis cannot be asked (down, slow, breaker open) the lease is granted unenforced (fail-open:
// the per-process limit still holds, the provider's 429s are handled by the client's retries).
#include <memory>
#include <string>

#include "cache/cache_metrics.hpp"
#include "cache/circuit_breaker.hpp"
#include "cache/llm_limiter.hpp"
#include "cache/redis_client.hpp"

namespace notecoder::cache {

class RedisLlmLimiter final : public LlmLimiter {
 public:
  struct Options {
    int limit = 4;
    std::string key = "nc1:llm:leases";
    std::chrono::milliseconds lease_ttl{15000};
    std::chrono::milliseconds min_backoff{5};
    std::chrono::milliseconds max_backoff{200};
  };

  // `metrics` may be null (tests).
  RedisLlmLimiter(std::shared_ptr<RedisClient> redis, Options options, CacheMetrics* metrics);

  boost::asio::awaitable<Result<Lease>> Acquire(Clock::time_point deadline) override;

 private:
  struct Held;
  static boost::asio::awaitable<void> KeepAlive(std::shared_ptr<Held> held);

  std::shared_ptr<RedisClient> redis_;
  const Options options_;
  CacheMetrics* metrics_;
  CircuitBreaker breaker_;
};

}  // namespace notecoder::cache
