#include "cache/memory_cache.hpp"

#include <functional>

namespace notecoder::cache {

MemoryCache::MemoryCache(std::size_t max_bytes, CacheMetrics* metrics, std::size_t shards)
    : shard_budget_(max_bytes / (shards == 0 ? 1 : shards)), metrics_(metrics) {
  for (std::size_t i = 0; i < (shards == 0 ? 1 : shards); ++i) {
    shards_.push_back(std::make_unique<Shard>());
  }
}

MemoryCache::Shard& MemoryCache::ShardOf(const std::string& key) {
  // Keys end in HMAC hex digits, so any hash spreads them evenly.
  return *shards_[std::hash<std::string>{}(key) % shards_.size()];
}

void MemoryCache::Erase(Shard& shard, std::list<Entry>::iterator it) {
  shard.bytes -= it->bytes;
  shard.index.erase(std::string_view(it->key));
  shard.lru.erase(it);
}

std::optional<std::string> MemoryCache::TryGet(const CacheKey& key) {
  Shard& shard = ShardOf(key.text);
  std::shared_ptr<const std::string> value;
  std::size_t expired_bytes = 0;
  {
    std::lock_guard lock(shard.mutex);
    const auto found = shard.index.find(std::string_view(key.text));
    if (found != shard.index.end()) {
      const auto it = found->second;
      if (it->expires <= Clock::now()) {
        expired_bytes = it->bytes;
        Erase(shard, it);
      } else {
        shard.lru.splice(shard.lru.begin(), shard.lru, it);
        value = it->value;
      }
    }
  }
  // Without this the gauge drifted up by every entry that expired before a read found it (the
  // 60 s copies of Redis values, over a soak: +1.6 MB in 10 minutes on a 16 MiB budget).
  if (expired_bytes > 0 && metrics_ != nullptr) {
    metrics_->memory_bytes().Decrement(static_cast<double>(expired_bytes));
  }
  if (!value) {
    Count(key.kind, Outcome::kMiss);
    return std::nullopt;
  }
  Count(key.kind, Outcome::kHit);
  return std::string(*value);
}

void MemoryCache::Put(const CacheKey& key, std::string value, std::chrono::milliseconds ttl) {
  const std::size_t bytes = key.text.size() + value.size() + kEntryOverhead;
  if (bytes > shard_budget_ || ttl.count() <= 0) return;  // would evict a whole shard for one value
  auto shared = std::make_shared<const std::string>(std::move(value));
  Shard& shard = ShardOf(key.text);
  int evicted = 0;
  std::ptrdiff_t delta = 0;
  {
    std::lock_guard lock(shard.mutex);
    const auto now = Clock::now();
    if (const auto found = shard.index.find(std::string_view(key.text));
        found != shard.index.end()) {
      delta -= static_cast<std::ptrdiff_t>(found->second->bytes);
      Erase(shard, found->second);
    }
    // Expired entries at the cold end go first, then the least recently used, until it fits.
    while (!shard.lru.empty() && shard.bytes + bytes > shard_budget_) {
      const auto last = std::prev(shard.lru.end());
      if (last->expires > now) ++evicted;
      delta -= static_cast<std::ptrdiff_t>(last->bytes);
      Erase(shard, last);
    }
    shard.lru.push_front(Entry{key.text, std::move(shared), now + ttl, key.kind, bytes});
    shard.index.emplace(std::string_view(shard.lru.front().key), shard.lru.begin());
    shard.bytes += bytes;
    delta += static_cast<std::ptrdiff_t>(bytes);
  }
  Count(key.kind, Outcome::kSet);
  if (evicted > 0) Count(key.kind, Outcome::kEvicted, evicted);
  if (metrics_ != nullptr) metrics_->memory_bytes().Increment(static_cast<double>(delta));
}

boost::asio::awaitable<std::optional<std::string>> MemoryCache::Get(CacheKey key,
                                                                    Clock::time_point) {
  co_return TryGet(key);
}

boost::asio::awaitable<void> MemoryCache::Set(CacheKey key, std::string value,
                                              std::chrono::milliseconds ttl, Clock::time_point) {
  Put(key, std::move(value), ttl);
  co_return;
}

std::size_t MemoryCache::bytes() const {
  std::size_t total = 0;
  for (const auto& s : shards_) {
    std::lock_guard lock(s->mutex);
    total += s->bytes;
  }
  return total;
}

std::size_t MemoryCache::entries() const {
  std::size_t total = 0;
  for (const auto& s : shards_) {
    std::lock_guard lock(s->mutex);
    total += s->lru.size();
  }
  return total;
}

}  // namespace notecoder::cache
