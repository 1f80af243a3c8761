#include "cache/tiered_cache.hpp"

namespace notecoder::cache {

boost::asio::awaitable<std::optional<std::string>> TieredCache::Get(CacheKey key,
                                                                    Clock::time_point deadline) {
  if (auto local = memory_->TryGet(key)) co_return local;
  auto remote_get = shared_->Get(key, deadline);
  auto remote = co_await std::move(remote_get);
  if (remote) memory_->Put(key, *remote, memory_ttl_);
  co_return remote;
}

boost::asio::awaitable<void> TieredCache::Set(CacheKey key, std::string value,
                                              std::chrono::milliseconds ttl,
                                              Clock::time_point deadline) {
  memory_->Put(key, value, std::min(ttl, memory_ttl_));
  auto remote_set = shared_->Set(std::move(key), std::move(value), ttl, deadline);
  co_await std::move(remote_set);
}

}  // namespace notecoder::cache
