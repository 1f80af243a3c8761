#pragma once
// The embedded cache: an LRU with a TTL per entry and a byte budget, split into shards so io
// threads rarely meet on one mutex. Every operation is a short critical section with no await
// inside; Get/Set of the Cache interface complete without suspending. TryGet/Put are the same
// operations for synchronous callers (CPU pool code).
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "cache/cache.hpp"
#include "cache/cache_metrics.hpp"

namespace notecoder::cache {

class MemoryCache final : public Cache {
 public:
  // `max_bytes` bounds keys + values + a fixed per-entry overhead, over all shards.
  // `metrics` may be null (tests, CLI).
  explicit MemoryCache(std::size_t max_bytes, CacheMetrics* metrics = nullptr,
                       std::size_t shards = 16);

  boost::asio::awaitable<std::optional<std::string>> Get(CacheKey key,
                                                         Clock::time_point deadline) override;
  boost::asio::awaitable<void> Set(CacheKey key, std::string value, std::chrono::milliseconds ttl,
                                   Clock::time_point deadline) override;

  std::optional<std::string> TryGet(const CacheKey& key);
  void Put(const CacheKey& key, std::string value, std::chrono::milliseconds ttl);

  std::size_t bytes() const;
  std::size_t entries() const;

  static constexpr std::size_t kEntryOverhead = 96;  // list node, map node, bookkeeping

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const std::string> value;  // copied out after the lock is released
    Clock::time_point expires;
    CacheKind kind;
    std::size_t bytes;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::list<Entry> lru;  // front: most recently used
    std::unordered_map<std::string_view, std::list<Entry>::iterator> index;  // views of Entry::key
    std::size_t bytes = 0;
  };

  Shard& ShardOf(const std::string& key);
  void Erase(Shard& shard, std::list<Entry>::iterator it);
  void Count(CacheKind kind, Outcome outcome, double n = 1) {
    if (metrics_ != nullptr) metrics_->Count(Layer::kMemory, kind, outcome, n);
  }

  const std::size_t shard_budget_;
  CacheMetrics* metrics_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace notecoder::cache
