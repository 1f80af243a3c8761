#include "cache/redis_cache.hpp"

#include <gtest/gtest.h>
#include <prometheus/registry.h>

#include "cache/memory_cache.hpp"
#include "cache/tiered_cache.hpp"
#include "redis_server.hpp"
#include "run_co.hpp"

namespace notecoder::cache {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;
const std::string kSecret(40, 'q');
const std::string kCanary = "CANARY-51f0 Jane Roe, DOB 1950-01-01, type 2 diabetes";

CircuitBreaker::Options Breaker(milliseconds base_open) {
  CircuitBreaker::Options b;
  b.base_open = base_open;
  return b;
}

struct Fixture {
  explicit Fixture(int port, const std::string& secret = kSecret,
                   CircuitBreaker::Options breaker = Breaker(milliseconds(100)))
      : keys(secret), metrics(registry) {
    RedisClient::Options o;
    o.url.port = port;
    o.command_timeout = milliseconds(30);
    redis = RedisClient::Create(io.get_executor(), o);
    cache = std::make_shared<RedisCache>(redis, keys, &metrics, breaker);
  }
  std::optional<std::string> Get(const CacheKey& k, milliseconds budget = milliseconds(500)) {
    return testing::RunCo(io, cache->Get(k, Clock::now() + budget));
  }
  void Set(const CacheKey& k, const std::string& v, milliseconds ttl = milliseconds(60000)) {
    testing::RunCo(io, cache->Set(k, v, ttl, Clock::now() + milliseconds(500)));
  }
  double Count(Outcome o) const { return metrics.Value(Layer::kRedis, CacheKind::kResult, o); }
  // Calls that went to Redis and failed there (the breaker counts exactly these).
  double Failures() const { return Count(Outcome::kError) + Count(Outcome::kSetError); }

  asio::io_context io;
  KeyMaker keys;
  prometheus::Registry registry;
  CacheMetrics metrics;
  std::shared_ptr<RedisClient> redis;
  std::shared_ptr<RedisCache> cache;
};

TEST(RedisCache, SharedBetweenClientsSealedAndWithTtl) {
  testing::RedisServer server;
  ASSERT_TRUE(server.ok());
  Fixture a(server.port()), b(server.port());
  const auto key = a.keys.Result(kCanary, "model", "codes", "{}");
  EXPECT_FALSE(a.Get(key));
  a.Set(key, "{\"codes\":[\"E11.9\"],\"note\":\"" + kCanary + "\"}");
  EXPECT_EQ(b.Get(key), "{\"codes\":[\"E11.9\"],\"note\":\"" + kCanary + "\"}");  // another client
  EXPECT_EQ(b.Count(Outcome::kHit), 1);
  // Nothing readable at rest: no canary in any key or value.
  for (const auto& k : server.Keys()) {
    EXPECT_EQ(k.find("CANARY"), std::string::npos);
    EXPECT_EQ(server.Command({"GET", k}).find("CANARY"), std::string::npos);
  }
  const auto short_key = a.keys.Result("short", "", "", "");
  a.Set(short_key, "v", milliseconds(50));
  EXPECT_EQ(a.Get(short_key), "v");
  const auto pttl = std::stoll(server.Command({"PTTL", short_key.text}));
  EXPECT_GT(pttl, 0);
  EXPECT_LE(pttl, 50);
  std::this_thread::sleep_for(milliseconds(80));
  EXPECT_FALSE(a.Get(short_key));
}

TEST(RedisCache, TamperedOrForeignValuesAreCountedMisses) {
  testing::RedisServer server;
  ASSERT_TRUE(server.ok());
  Fixture a(server.port());
  const auto key = a.keys.Result("note", "m", "c", "o");
  a.Set(key, "the right answer");
  std::string stored = server.Command({"GET", key.text});
  stored[stored.size() / 2] ^= 0x20;
  ASSERT_EQ(server.Command({"SET", key.text, stored}), "OK");
  EXPECT_FALSE(a.Get(key));
  EXPECT_EQ(a.Count(Outcome::kUnsealFailed), 1);
  ASSERT_EQ(server.Command({"SET", key.text, "plain text planted in redis"}), "OK");
  EXPECT_FALSE(a.Get(key));
  EXPECT_EQ(a.Count(Outcome::kUnsealFailed), 2);
  // A value copied under another key does not open either (the key is the associated data).
  const auto other = a.keys.Result("other note", "m", "c", "o");
  a.Set(other, "other answer");
  ASSERT_EQ(server.Command({"SET", key.text, server.Command({"GET", other.text})}), "OK");
  EXPECT_FALSE(a.Get(key));
  // A replica with another secret computes other keys: it misses, never reads.
  Fixture stranger(server.port(), std::string(40, 'z'));
  EXPECT_FALSE(stranger.Get(stranger.keys.Result("other note", "m", "c", "o")));
  // Flushed: a plain miss.
  server.Command({"FLUSHALL"});
  EXPECT_FALSE(a.Get(other));
  EXPECT_EQ(a.Count(Outcome::kHit), 0);
}

TEST(RedisCache, RedisDownIsAMissBreakerOpensAfterThreeFailuresAndRecovers) {
  testing::RedisServer server;
  ASSERT_TRUE(server.ok());
  // Open for 1 s: the 100 calls below (no network once open) all fall in one open period.
  Fixture a(server.port(), kSecret, Breaker(milliseconds(1000)));
  const auto key = a.keys.Result("note", "m", "c", "o");
  a.Set(key, "answer");
  ASSERT_EQ(a.Get(key), "answer");
  server.Kill();
  for (int i = 0; i < 50; ++i) {
    EXPECT_FALSE(a.Get(key));
    a.Set(key, "answer");
  }
  // Exactly failure_threshold (3) calls reached the dead Redis; the breaker answered the other 97.
  EXPECT_EQ(a.Failures(), 3);
  EXPECT_EQ(a.Count(Outcome::kBypassed), 97);
  EXPECT_EQ(a.cache->breaker_state(), CircuitBreaker::State::kOpen);
  EXPECT_EQ(a.metrics.breaker_state().Value(), 1);
  ASSERT_TRUE(server.Start());
  bool back = false;
  for (int i = 0; i < 200 && !back; ++i) {
    a.Set(key, "again");
    back = a.Get(key) == std::optional<std::string>("again");
    if (!back) std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_TRUE(back);
  EXPECT_EQ(a.cache->breaker_state(), CircuitBreaker::State::kClosed);
}

TEST(RedisCache, HungRedisEndsAtTheCommandTimeoutThenTheBreakerOpens) {
  testing::RedisServer server;
  ASSERT_TRUE(server.ok());
  Fixture a(server.port(), kSecret, Breaker(milliseconds(5000)));  // stays open for the test
  const auto key = a.keys.Result("note", "m", "c", "o");
  a.Set(key, "answer");
  server.Pause();
  // Each Get may wait 10 s (a hang guard): only the 30 ms command timeout can end it sooner.
  constexpr auto kBudget = milliseconds(10000);
  for (int i = 0; i < 10; ++i) {
    const auto deadline = Clock::now() + kBudget;
    EXPECT_FALSE(a.Get(key, kBudget));
    EXPECT_TRUE(Clock::now() < deadline) << "call " << i << " waited for its own deadline";
  }
  // 3 calls timed out at Redis, then the breaker opened: the other 7 never reached it.
  EXPECT_EQ(a.Count(Outcome::kError), 3);
  EXPECT_EQ(a.Count(Outcome::kBypassed), 7);
  EXPECT_EQ(a.cache->breaker_state(), CircuitBreaker::State::kOpen);
  server.Resume();
}

TEST(TieredCache, MemoryInFrontOfRedis) {
  testing::RedisServer server;
  ASSERT_TRUE(server.ok());
  Fixture a(server.port()), b(server.port());
  auto mem_a = std::make_shared<MemoryCache>(1 << 20);
  auto mem_b = std::make_shared<MemoryCache>(1 << 20);
  TieredCache ta(mem_a, a.cache, milliseconds(60000));
  TieredCache tb(mem_b, b.cache, milliseconds(60000));
  const auto key = a.keys.Result("note", "m", "c", "o");
  testing::RunCo(a.io,
                 ta.Set(key, "answer", milliseconds(60000), Clock::now() + milliseconds(200)));
  EXPECT_EQ(mem_a->TryGet(key), "answer");
  EXPECT_FALSE(mem_b->TryGet(key));
  EXPECT_EQ(testing::RunCo(b.io, tb.Get(key, Clock::now() + milliseconds(200))), "answer");
  EXPECT_EQ(mem_b->TryGet(key), "answer");  // copied into b's memory
  server.Kill();
  EXPECT_EQ(testing::RunCo(b.io, tb.Get(key, Clock::now() + milliseconds(200))), "answer");
}

}  // namespace
}  // namespace notecoder::cache
