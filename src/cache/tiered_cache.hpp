#pragma once
// Memory in front of Redis: a hit in this process costs no network call; a Redis hit is copied
// into memory for `memory_ttl` at most (a value is the deterministic answer to its key, so a
// stale copy cannot be wrong, only kept longer than Redis keeps it). Writes go to both.
#include <memory>

#include "cache/cache.hpp"
#include "cache/memory_cache.hpp"

namespace notecoder::cache {

class TieredCache final : public Cache {
 public:
  TieredCache(std::shared_ptr<MemoryCache> memory, std::shared_ptr<Cache> shared,
              std::chrono::milliseconds memory_ttl)
      : memory_(std::move(memory)), shared_(std::move(shared)), memory_ttl_(memory_ttl) {}

  boost::asio::awaitable<std::optional<std::string>> Get(CacheKey key,
                                                         Clock::time_point deadline) override;
  boost::asio::awaitable<void> Set(CacheKey key, std::string value, std::chrono::milliseconds ttl,
                                   Clock::time_point deadline) override;

 private:
  std::shared_ptr<MemoryCache> memory_;
  std::shared_ptr<Cache> shared_;
  std::chrono::milliseconds memory_ttl_;
};

}  // namespace notecoder::cache
