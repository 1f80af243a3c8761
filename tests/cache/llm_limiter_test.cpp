#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <prometheus/registry.h>

#include "cache/cache_metrics.hpp"
#include "cache/redis_llm_limiter.hpp"
#include "redis_server.hpp"
#include "run_co.hpp"

namespace notecoder::cache {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;
using Clock = LlmLimiter::Clock;

std::shared_ptr<RedisClient> Client(asio::io_context& io, int port) {
  RedisClient::Options o;
  o.url.port = port;
  o.command_timeout = milliseconds(200);
  return RedisClient::Create(io.get_executor(), o);
}

struct Tally {
  int now = 0, max = 0, granted = 0, failed = 0;
};

asio::awaitable<void> Cycle(LlmLimiter* limiter, Tally* t, int calls) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (int i = 0; i < calls; ++i) {
    auto acquire = limiter->Acquire(Clock::now() + std::chrono::seconds(10));
    auto lease = co_await std::move(acquire);
    if (!lease.ok() || !lease->enforced()) {
      ++t->failed;
      continue;
    }
    ++t->granted;
    t->max = std::max(t->max, ++t->now);
    timer.expires_after(milliseconds(5));
    auto wait = timer.async_wait(asio::use_awaitable);
    co_await std::move(wait);
    --t->now;
    lease->Release();
  }
}

TEST(RedisLlmLimiter, SeveralLimitersOnSeparateConnectionsStayWithinTheLimit) {
  testing::RedisServer server;
  ASSERT_TRUE(server.ok());
  asio::io_context io;
  std::vector<std::unique_ptr<RedisLlmLimiter>> limiters;
  for (int i = 0; i < 3; ++i) {
    RedisLlmLimiter::Options o;
    o.limit = 3;
    limiters.push_back(std::make_unique<RedisLlmLimiter>(Client(io, server.port()), o, nullptr));
  }
  Tally t;
  std::vector<asio::awaitable<void>> tasks;
  for (int i = 0; i < 24; ++i) tasks.push_back(Cycle(limiters[i % 3].get(), &t, 4));
  testing::RunAll(io, std::move(tasks));
  EXPECT_EQ(t.failed, 0);
  EXPECT_EQ(t.granted, 96);
  EXPECT_LE(t.max, 3);
  EXPECT_EQ(t.max, 3);  // the limit was reached, so it was what held them back
}

// Runs the probe; returns its pid and a pipe to its stdout.
pid_t Probe(const std::vector<std::string>& args, int* out_fd) {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    std::vector<char*> argv{const_cast<char*>(NOTECODER_LEASE_PROBE)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(NOTECODER_LEASE_PROBE, argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  *out_fd = fds[0];
  return pid;
}

std::vector<std::string> Split(const std::string& lines) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from < lines.size()) {
    const auto end = std::min(lines.find('\n', from), lines.size());
    out.push_back(lines.substr(from, end - from));
    from = end + 1;
  }
  return out;
}

int WaitExit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(RedisLlmLimiter, SeparateProcessesNeverExceedTheLimit) {
  testing::RedisServer server;
  ASSERT_TRUE(server.ok());
  const std::string port = std::to_string(server.port());
  std::vector<std::pair<pid_t, int>> probes;
  for (int i = 0; i < 3; ++i) {
    int fd = -1;
    const pid_t pid = Probe({port, "4", "5000", "15", "5", "4"}, &fd);
    ASSERT_GT(pid, 0);
    probes.emplace_back(pid, fd);
  }
  for (auto [pid, fd] : probes) {
    EXPECT_EQ(WaitExit(pid), 0);
    ::close(fd);
  }
  EXPECT_EQ(server.Command({"GET", "nc1:test:inflight"}), "0");
  const int max = std::stoi(server.Command({"GET", "nc1:test:max"}));
  EXPECT_LE(max, 4);
  EXPECT_GE(max, 2);
  EXPECT_EQ(server.Command({"ZCARD", "nc1:llm:leases"}), "0");  // every lease released
}

TEST(RedisLlmLimiter, AKilledHoldersSlotsExpire) {
  testing::RedisServer server;
  ASSERT_TRUE(server.ok());
  int fd = -1;
  const pid_t holder = Probe({std::to_string(server.port()), "2", "600", "1", "-1", "2"}, &fd);
  ASSERT_GT(holder, 0);
  FILE* out = ::fdopen(fd, "r");
  char line[32];
  int held = 0;
  while (held < 2 && std::fgets(line, sizeof line, out) != nullptr) ++held;
  ASSERT_EQ(held, 2);
  ::kill(holder, SIGKILL);
  WaitExit(holder);
  std::fclose(out);

  asio::io_context io;
  RedisLlmLimiter::Options o;
  o.limit = 2;
  o.lease_ttl = milliseconds(600);
  RedisLlmLimiter limiter(Client(io, server.port()), o, nullptr);
  // The dead holder's two leases, as "id\nexpiry\n..." (expiry: Redis clock, ms).
  const auto dead = Split(server.Command({"ZRANGE", "nc1:llm:leases", "0", "-1", "WITHSCORES"}));
  ASSERT_EQ(dead.size(), 4u);
  const double dead_expiry = std::min(std::stod(dead[1]), std::stod(dead[3]));
  // Both slots still belong to the dead holder: no lease within a short deadline.
  auto busy = testing::RunCo(io, limiter.Acquire(Clock::now() + milliseconds(100)));
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.error().code, ErrorCode::kDeadlineExceeded);
  // They come back once the leases expire (the 10 s deadline is a hang guard: one 600 ms TTL).
  auto got = testing::RunCo(io, limiter.Acquire(Clock::now() + std::chrono::seconds(10)));
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_TRUE(got->enforced());
  // Granted after the dead leases expired, never over a live one: the new lease's expiry minus
  // its TTL is when Redis granted it.
  const auto now_held =
      Split(server.Command({"ZRANGE", "nc1:llm:leases", "0", "-1", "WITHSCORES"}));
  ASSERT_EQ(now_held.size(), 2u) << "only the new lease is left";
  EXPECT_NE(now_held[0], dead[0]);
  EXPECT_NE(now_held[0], dead[2]);
  EXPECT_GE(std::stod(now_held[1]) - static_cast<double>(o.lease_ttl.count()), dead_expiry);
}

TEST(RedisLlmLimiter, HeldLeasesAreRenewedAndRedisDownFailsOpen) {
  testing::RedisServer server;
  ASSERT_TRUE(server.ok());
  asio::io_context io;
  RedisLlmLimiter::Options o;
  o.limit = 1;
  o.lease_ttl = milliseconds(300);
  RedisLlmLimiter a(Client(io, server.port()), o, nullptr);
  RedisLlmLimiter b(Client(io, server.port()), o, nullptr);
  prometheus::Registry registry;
  CacheMetrics metrics(registry);
  RedisLlmLimiter c(Client(io, server.port()), o, &metrics);
  auto lease = testing::RunCo(io, a.Acquire(Clock::now() + milliseconds(500)));
  ASSERT_TRUE(lease.ok());
  // Held for three TTLs: renewal keeps it, so b cannot get in.
  auto blocked = testing::RunCo(io, b.Acquire(Clock::now() + milliseconds(900)));
  EXPECT_FALSE(blocked.ok());
  lease->Release();
  auto next = testing::RunCo(io, b.Acquire(Clock::now() + milliseconds(500)));
  ASSERT_TRUE(next.ok());
  EXPECT_TRUE(next->enforced());
  server.Kill();
  // Fail-open on the Redis error itself, not by waiting: a limiter that kept retrying would end
  // at the caller's deadline with an error (kDeadlineExceeded, lease_timeout counted).
  auto open = testing::RunCo(io, c.Acquire(Clock::now() + std::chrono::seconds(10)));
  ASSERT_TRUE(open.ok()) << open.error().message;
  EXPECT_FALSE(open->enforced());  // fail-open: the per-process limit still applies
  EXPECT_EQ(metrics.lease_error().Value(), 1);
  EXPECT_EQ(metrics.lease_timeout().Value(), 0);
}

}  // namespace
}  // namespace notecoder::cache
