#pragma once
// The narrow interface the pipeline and the LLM client see: async get/set of opaque bytes under a
// key made by KeyMaker (cache_key.hpp), as coroutines on the caller's executor. Every failure is
// a miss or a dropped write: a cache can make a request faster, never make it fail.
//
// Implementations: MemoryCache (in-process LRU, the default), RedisCache (shared by replicas,
// sealed values, fail-open behind a circuit breaker) and TieredCache (memory in front of Redis).
// cache_setup.hpp builds the right one from Settings.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "cache/cache_key.hpp"

namespace notecoder::cache {

using Clock = std::chrono::steady_clock;

class Cache {
 public:
  virtual ~Cache() = default;
  // nullopt: absent, expired, unreadable, backend down, or not answered by `deadline`.
  // Never throws.
  virtual boost::asio::awaitable<std::optional<std::string>> Get(CacheKey key,
                                                                 Clock::time_point deadline) = 0;
  // Best effort: a failed or late write is counted in the metrics, never reported to the caller.
  virtual boost::asio::awaitable<void> Set(CacheKey key, std::string value,
                                           std::chrono::milliseconds ttl,
                                           Clock::time_point deadline) = 0;
};

}  // namespace notecoder::cache
