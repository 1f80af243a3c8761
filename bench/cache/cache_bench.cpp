// Cache get/set latency: the in-memory LRU, and RedisCache (sealed values) against a
// redis-server it starts on a free loopback port. Prints p50/p99 per operation and the throughput
// of 64 concurrent getters on one io thread (pipelined on the pool's connections).
//   build-cache/bench/cache_bench [value_bytes=2048] [ops=20000]
#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "cache/memory_cache.hpp"
#include "cache/redis_cache.hpp"
#include "redis_server.hpp"
#include "run_co.hpp"

namespace asio = boost::asio;
using namespace notecoder::cache;
using Clock = std::chrono::steady_clock;

namespace {

void Report(const char* what, std::vector<double>& us) {
  std::sort(us.begin(), us.end());
  std::printf("%-28s p50 %7.2f us  p99 %7.2f us  (%zu ops)\n", what, us[us.size() / 2],
              us[us.size() * 99 / 100], us.size());
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t value_bytes = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 2048;
  const int ops = argc > 2 ? std::atoi(argv[2]) : 20000;
  const KeyMaker keys(std::string(40, 'b'));
  const std::string value(value_bytes, 'v');
  std::vector<CacheKey> ks;
  for (int i = 0; i < 1000; ++i)
    ks.push_back(keys.Result("note " + std::to_string(i), "m", "c", "o"));

  MemoryCache memory(64u << 20);
  std::vector<double> set_us, get_us;
  for (int i = 0; i < ops; ++i) {
    const auto t0 = Clock::now();
    memory.Put(ks[i % ks.size()], value, std::chrono::seconds(60));
    const auto t1 = Clock::now();
    auto v = memory.TryGet(ks[(i * 7) % ks.size()]);
    const auto t2 = Clock::now();
    set_us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    get_us.push_back(std::chrono::duration<double, std::micro>(t2 - t1).count());
  }
  std::printf("value %zu bytes\n", value_bytes);
  Report("memory set", set_us);
  Report("memory get (hit)", get_us);

  notecoder::testing::RedisServer server;
  if (!server.ok()) {
    std::printf("redis-server did not start\n");
    return 1;
  }
  asio::io_context io;
  RedisClient::Options o;
  o.url.port = server.port();
  o.command_timeout = std::chrono::milliseconds(100);
  auto redis = RedisClient::Create(io.get_executor(), o);
  RedisCache cache(redis, keys, nullptr);
  set_us.clear();
  get_us.clear();
  const int redis_ops = std::max(1, ops / 4);
  for (int i = 0; i < redis_ops; ++i) {
    const auto t0 = Clock::now();
    notecoder::testing::RunCo(io, cache.Set(ks[i % ks.size()], value, std::chrono::seconds(60),
                                            Clock::now() + std::chrono::milliseconds(100)));
    const auto t1 = Clock::now();
    auto v = notecoder::testing::RunCo(
        io, cache.Get(ks[(i * 7) % ks.size()], Clock::now() + std::chrono::milliseconds(100)));
    const auto t2 = Clock::now();
    if (!v && i > static_cast<int>(ks.size())) std::printf("unexpected miss\n");
    set_us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    get_us.push_back(std::chrono::duration<double, std::micro>(t2 - t1).count());
  }
  Report("redis set (sealed)", set_us);
  Report("redis get (hit, opened)", get_us);

  // Throughput: 64 concurrent getters on one io thread.
  int hits = 0;
  std::vector<asio::awaitable<void>> tasks;
  for (int c = 0; c < 64; ++c) {
    tasks.push_back([](RedisCache* rc, const std::vector<CacheKey>* k, int n, int first,
                       int* h) -> asio::awaitable<void> {
      for (int i = 0; i < n; ++i) {
        auto get =
            rc->Get((*k)[(first + i) % k->size()], Clock::now() + std::chrono::milliseconds(200));
        auto v = co_await std::move(get);
        if (v) ++*h;
      }
    }(&cache, &ks, redis_ops / 64 + 1, c * 13, &hits));
  }
  const auto t0 = Clock::now();
  notecoder::testing::RunAll(io, std::move(tasks));
  const double s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("redis get, 64 concurrent: %.0f gets/s (%d hits)\n", hits / s, hits);

  // Redis down: the first calls fail fast (connection refused), then the breaker is open and a
  // get costs no network call at all.
  server.Kill();
  get_us.clear();
  for (int i = 0; i < redis_ops; ++i) {
    const auto t1 = Clock::now();
    auto v = notecoder::testing::RunCo(
        io, cache.Get(ks[i % ks.size()], Clock::now() + std::chrono::milliseconds(100)));
    get_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t1).count());
    if (v) std::printf("unexpected hit with redis down\n");
  }
  Report("redis down: get (miss)", get_us);
  return 0;
}
