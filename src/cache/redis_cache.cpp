#include "cache/redis_cache.hpp"

namespace notecoder::cache {

RedisCache::RedisCache(std::shared_ptr<RedisClient> redis, const KeyMaker& keys,
                       CacheMetrics* metrics, CircuitBreaker::Options breaker)
    : redis_(std::move(redis)), sealer_(keys.seal_key()), metrics_(metrics), breaker_(breaker) {}

void RedisCache::Report(bool ok) {
  if (ok) {
    breaker_.OnSuccess();
  } else {
    breaker_.OnFailure();
  }
  if (metrics_ != nullptr) metrics_->breaker_state().Set(static_cast<double>(breaker_.state()));
}

boost::asio::awaitable<std::optional<std::string>> RedisCache::Get(CacheKey key,
                                                                   Clock::time_point deadline) {
  if (!breaker_.Allow()) {
    Count(key.kind, Outcome::kBypassed);
    co_return std::nullopt;
  }
  auto call = redis_->Command({"GET", key.text}, deadline);
  auto reply = co_await std::move(call);
  // An error reply means Redis answered: the breaker is about reachability.
  Report(reply.ok());
  if (!reply.ok() || reply->is_error()) {
    Count(key.kind, Outcome::kError);
    co_return std::nullopt;
  }
  if (reply->type != RedisReply::Type::kString) {
    Count(key.kind, Outcome::kMiss);
    co_return std::nullopt;
  }
  auto opened = sealer_.Open(key.text, reply->str);
  if (!opened) {
    // Tampered with, truncated, or sealed under another secret: never served.
    Count(key.kind, Outcome::kUnsealFailed);
    co_return std::nullopt;
  }
  Count(key.kind, Outcome::kHit);
  co_return std::move(*opened);
}

boost::asio::awaitable<void> RedisCache::Set(CacheKey key, std::string value,
                                             std::chrono::milliseconds ttl,
                                             Clock::time_point deadline) {
  if (ttl.count() <= 0) co_return;
  if (!breaker_.Allow()) {
    Count(key.kind, Outcome::kBypassed);
    co_return;
  }
  std::string sealed = sealer_.Seal(key.text, value);
  auto call = redis_->Command(
      {"SET", key.text, std::move(sealed), "PX", std::to_string(ttl.count())}, deadline);
  auto reply = co_await std::move(call);
  Report(reply.ok());
  // "-OOM" (Redis full, noeviction) lands here too: counted, the answer simply is not shared.
  Count(key.kind, reply.ok() && !reply->is_error() ? Outcome::kSet : Outcome::kSetError);
}

}  // namespace notecoder::cache
