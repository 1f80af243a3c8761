#include "cache/redis_llm_limiter.hpp"

#include <openssl/rand.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <random>

namespace notecoder::cache {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;

// KEYS[1] lease set; ARGV: limit, ttl_ms, lease id. 1 granted, 0 full.
constexpr const char* kAcquireScript = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
  return 1
end
return 0
)lua";

// KEYS[1] lease set; ARGV: ttl_ms, lease id. 1 renewed, 0 the lease had already expired.
constexpr const char* kRenewScript = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('ZSCORE', KEYS[1], ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) * 2)
  return 1
end
return 0
)lua";

std::string LeaseId() {
  unsigned char bytes[12];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    for (auto& b : bytes) b = static_cast<unsigned char>(rng());
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (const auto b : bytes) {
    id.push_back(kHex[b >> 4]);
    id.push_back(kHex[b & 15]);
  }
  return id;
}

milliseconds Jitter(milliseconds base) {
  thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_int_distribution<long long> d(base.count() / 2, base.count());
  return milliseconds(d(rng));
}

}  // namespace

// One granted lease. Touched only on `executor` (serial), where KeepAlive runs.
struct RedisLlmLimiter::Held {
  Held(asio::any_io_executor ex, std::shared_ptr<RedisClient> r, std::string k, std::string i,
       milliseconds t, CacheMetrics* m)
      : executor(ex),
        timer(ex),
        redis(std::move(r)),
        key(std::move(k)),
        id(std::move(i)),
        ttl(t),
        metrics(m) {}
  asio::any_io_executor executor;
  asio::steady_timer timer;
  std::shared_ptr<RedisClient> redis;
  std::string key;
  std::string id;
  milliseconds ttl;
  CacheMetrics* metrics;
  bool released = false;
};

RedisLlmLimiter::RedisLlmLimiter(std::shared_ptr<RedisClient> redis, Options options,
                                 CacheMetrics* metrics)
    : redis_(std::move(redis)), options_(std::move(options)), metrics_(metrics) {}

asio::awaitable<Result<Lease>> RedisLlmLimiter::Acquire(Clock::time_point deadline) {
  const auto ex = co_await asio::this_coro::executor;
  const std::string id = LeaseId();
  milliseconds backoff = options_.min_backoff;
  asio::steady_timer timer(ex);
  for (;;) {
    if (!breaker_.Allow()) {
      if (metrics_ != nullptr) metrics_->lease_error().Increment();
      co_return Lease(nullptr, false);
    }
    auto call =
        redis_->Command({"EVAL", kAcquireScript, "1", options_.key, std::to_string(options_.limit),
                         std::to_string(options_.lease_ttl.count()), id},
                        deadline);
    auto reply = co_await std::move(call);
    if (!reply.ok() && reply.error().code == ErrorCode::kDeadlineExceeded &&
        Clock::now() >= deadline) {
      break;  // the caller's own deadline, not Redis's fault
    }
    if (!reply.ok() || reply->type != RedisReply::Type::kInteger) {
      breaker_.OnFailure();
      if (metrics_ != nullptr) metrics_->lease_error().Increment();
      co_return Lease(nullptr, false);
    }
    breaker_.OnSuccess();
    if (reply->integer == 1) {
      auto held =
          std::make_shared<Held>(ex, redis_, options_.key, id, options_.lease_ttl, metrics_);
      if (metrics_ != nullptr) {
        metrics_->lease_granted().Increment();
        metrics_->leases_held().Increment();
      }
      asio::co_spawn(ex, KeepAlive(held), asio::detached);
      // The token's deleter ends KeepAlive on the lease's executor, wherever it is dropped.
      std::shared_ptr<void> token(nullptr, [held](void*) {
        asio::post(held->executor, [held] {
          held->released = true;
          held->timer.cancel();
        });
      });
      co_return Lease(std::move(token), true);
    }
    const auto pause = Jitter(backoff);
    if (Clock::now() + pause >= deadline) break;
    timer.expires_after(pause);
    boost::system::error_code ec;
    auto wait = timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    co_await std::move(wait);
    backoff = std::min(options_.max_backoff, backoff * 2);
  }
  if (metrics_ != nullptr) metrics_->lease_timeout().Increment();
  co_return MakeError(ErrorCode::kDeadlineExceeded, "no global LLM slot before the deadline");
}

asio::awaitable<void> RedisLlmLimiter::KeepAlive(std::shared_ptr<Held> held) {
  boost::system::error_code ec;
  while (!held->released) {
    held->timer.expires_after(held->ttl / 3);
    auto wait = held->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    co_await std::move(wait);
    if (held->released) break;
    auto renew = held->redis->Command(
        {"EVAL", kRenewScript, "1", held->key, std::to_string(held->ttl.count()), held->id},
        Clock::now() + held->ttl / 3);
    auto r = co_await std::move(renew);
    (void)r;  // a failed renewal is retried next period; the lease expires if Redis stays away
  }
  auto remove =
      held->redis->Command({"ZREM", held->key, held->id}, Clock::now() + milliseconds(500));
  auto removed = co_await std::move(remove);
  (void)removed;  // if this fails the lease simply expires
  if (held->metrics != nullptr) held->metrics->leases_held().Decrement();
}

}  // namespace notecoder::cache
