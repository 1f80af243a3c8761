// A process holding global LLM leases, for the limit tests:
//   notecoder_lease_probe <redis port> <limit> <lease ttl ms> <calls> <hold ms> <concurrency>
// runs `calls` acquire → hold → release cycles, `concurrency` at a time, and records in Redis the
// most holders seen at once (nc1:test:inflight / nc1:test:max). <hold ms> < 0: acquire
// `concurrency` leases, print "held", and hold them until killed.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdio>
#include <cstdlib>

#include "cache/redis_llm_limiter.hpp"

namespace asio = boost::asio;
using namespace notecoder::cache;
using std::chrono::milliseconds;

namespace {

constexpr const char* kTrack = R"lua(
local n = redis.call('INCRBY', KEYS[1], ARGV[1])
if n > tonumber(redis.call('GET', KEYS[2]) or '0') then redis.call('SET', KEYS[2], n) end
return n
)lua";

int failures = 0;

asio::awaitable<void> Worker(std::shared_ptr<RedisClient> redis, RedisLlmLimiter* limiter,
                             int calls, int hold_ms) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (int i = 0; i < calls; ++i) {
    auto acquire = limiter->Acquire(RedisClient::Clock::now() + std::chrono::seconds(20));
    auto lease = co_await std::move(acquire);
    if (!lease.ok() || !lease->enforced()) {
      ++failures;
      continue;
    }
    auto up = redis->Command({"EVAL", kTrack, "2", "nc1:test:inflight", "nc1:test:max", "1"},
                             RedisClient::Clock::now() + milliseconds(1000));
    (void)co_await std::move(up);
    if (hold_ms < 0) {
      std::printf("held\n");
      std::fflush(stdout);
      timer.expires_after(std::chrono::hours(1));
    } else {
      timer.expires_after(milliseconds(hold_ms));
    }
    auto wait = timer.async_wait(asio::use_awaitable);
    co_await std::move(wait);
    auto down = redis->Command({"EVAL", kTrack, "2", "nc1:test:inflight", "nc1:test:max", "-1"},
                               RedisClient::Clock::now() + milliseconds(1000));
    (void)co_await std::move(down);
    lease->Release();
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) return 2;
  asio::io_context io;
  RedisClient::Options o;
  o.url.port = std::atoi(argv[1]);
  o.command_timeout = milliseconds(500);
  auto redis = RedisClient::Create(io.get_executor(), o);
  RedisLlmLimiter::Options lo;
  lo.limit = std::atoi(argv[2]);
  lo.lease_ttl = milliseconds(std::atoi(argv[3]));
  RedisLlmLimiter limiter(redis, lo, nullptr);
  const int calls = std::atoi(argv[4]);
  const int hold_ms = std::atoi(argv[5]);
  const int concurrency = std::atoi(argv[6]);
  // Runs until the workers finish and their releases (ZREM) have gone out.
  int left = concurrency;
  asio::steady_timer linger(io);
  for (int i = 0; i < concurrency; ++i) {
    asio::co_spawn(io, Worker(redis, &limiter, hold_ms < 0 ? 1 : calls, hold_ms),
                   [&](std::exception_ptr) {
                     if (--left > 0) return;
                     linger.expires_after(milliseconds(200));
                     linger.async_wait([&](boost::system::error_code) { io.stop(); });
                   });
  }
  io.run_for(std::chrono::seconds(60));
  return failures == 0 ? 0 : 1;
}
