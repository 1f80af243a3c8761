#include "cache/memory_cache.hpp"

#include <gtest/gtest.h>
#include <prometheus/registry.h>

#include <thread>

namespace notecoder::cache {
namespace {

using std::chrono::milliseconds;
const KeyMaker kKeys(std::string(32, 'k'));

CacheKey Key(int i) { return kKeys.Result("note " + std::to_string(i), "", "", ""); }

TEST(MemoryCache, GetSetAndTtl) {
  MemoryCache cache(1 << 20, nullptr, 1);
  EXPECT_FALSE(cache.TryGet(Key(1)));
  cache.Put(Key(1), "one", milliseconds(60));
  EXPECT_EQ(cache.TryGet(Key(1)), "one");
  cache.Put(Key(1), "uno", milliseconds(60000));  // replaces, bytes stay right
  EXPECT_EQ(cache.TryGet(Key(1)), "uno");
  EXPECT_EQ(cache.entries(), 1u);
  cache.Put(Key(2), "two", milliseconds(30));
  std::this_thread::sleep_for(milliseconds(60));
  EXPECT_FALSE(cache.TryGet(Key(2)));  // expired
  EXPECT_EQ(cache.TryGet(Key(1)), "uno");
  cache.Put(Key(3), "zero ttl", milliseconds(0));
  EXPECT_FALSE(cache.TryGet(Key(3)));
}

TEST(MemoryCache, EvictsLeastRecentlyUsedToStayWithinBytes) {
  const std::string value(1000, 'v');
  const std::size_t per_entry = Key(0).text.size() + value.size() + MemoryCache::kEntryOverhead;
  prometheus::Registry registry;
  CacheMetrics metrics(registry);
  MemoryCache cache(per_entry * 4, &metrics, 1);
  for (int i = 0; i < 4; ++i) cache.Put(Key(i), value, milliseconds(60000));
  EXPECT_EQ(cache.entries(), 4u);
  EXPECT_TRUE(cache.TryGet(Key(0)));  // 0 is now the most recently used
  cache.Put(Key(4), value, milliseconds(60000));
  EXPECT_EQ(cache.entries(), 4u);
  EXPECT_LE(cache.bytes(), per_entry * 4);
  EXPECT_FALSE(cache.TryGet(Key(1)));  // the least recently used went
  EXPECT_TRUE(cache.TryGet(Key(0)));
  EXPECT_TRUE(cache.TryGet(Key(4)));
  EXPECT_EQ(metrics.Value(Layer::kMemory, CacheKind::kResult, Outcome::kEvicted), 1);
  EXPECT_EQ(metrics.memory_bytes().Value(), static_cast<double>(cache.bytes()));
  // A value larger than the budget is not stored and evicts nothing.
  cache.Put(Key(9), std::string(per_entry * 5, 'x'), milliseconds(60000));
  EXPECT_FALSE(cache.TryGet(Key(9)));
  EXPECT_EQ(cache.entries(), 4u);
}

TEST(MemoryCache, AnEntryThatExpiredBeforeItWasReadLeavesTheBytesGauge) {
  prometheus::Registry registry;
  CacheMetrics metrics(registry);
  MemoryCache cache(1 << 20, &metrics, 1);
  cache.Put(Key(1), std::string(1000, 'v'), milliseconds(60000));
  cache.Put(Key(2), std::string(1000, 'w'), milliseconds(20));
  std::this_thread::sleep_for(milliseconds(50));
  EXPECT_FALSE(cache.TryGet(Key(2)));  // expired: taken out by the read
  EXPECT_EQ(cache.entries(), 1u);
  EXPECT_EQ(metrics.memory_bytes().Value(), static_cast<double>(cache.bytes()));
}

TEST(MemoryCache, ShardedBudgetHoldsUnderConcurrentWriters) {
  const std::size_t budget = 64 * 1024;
  MemoryCache cache(budget);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        cache.Put(Key(t * 10000 + i), std::string(200, 'v'), milliseconds(60000));
        (void)cache.TryGet(Key(t * 10000 + i / 2));
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_LE(cache.bytes(), budget);
  EXPECT_GT(cache.entries(), 50u);
}

}  // namespace
}  // namespace notecoder::cache
