#include "infra/cpu_pool.hpp"

#include <gtest/gtest.h>

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <string>
#include <thread>

namespace notecoder::infra {
namespace {

namespace asio = boost::asio;

// co_spawn's future needs a default-constructible value, so results are flattened.
struct Outcome {
  bool ok = false;
  int value = 0;
  ErrorCode code = ErrorCode::kInternal;
};

Outcome Flatten(const Result<int>& r) {
  return r.ok() ? Outcome{true, *r, ErrorCode::kInternal} : Outcome{false, 0, r.error().code};
}

// Each test declares its io_context before the pool, so the pool is joined first: a worker may
// still be inside post() to the context after the completion it posted ran and run() returned
// (the service joins the pool before its io_contexts die for the same reason).

asio::awaitable<std::thread::id> WhereItRan(CpuPool& pool, std::thread::id* resumed_on) {
  auto task = []() -> Result<std::thread::id> { return std::this_thread::get_id(); };
  auto r = co_await pool.Run(std::move(task));
  *resumed_on = std::this_thread::get_id();
  co_return r.ok() ? *r : std::thread::id();
}

TEST(CpuPool, RunsOnAPoolThreadAndResumesOnTheCaller) {
  asio::io_context ioc;
  CpuPool pool(1, 4, nullptr);
  std::thread::id resumed_on;
  auto fut = asio::co_spawn(ioc, WhereItRan(pool, &resumed_on), asio::use_future);
  ioc.run();
  const auto ran_on = fut.get();
  EXPECT_NE(ran_on, std::thread::id());
  EXPECT_NE(ran_on, std::this_thread::get_id());
  EXPECT_EQ(resumed_on, std::this_thread::get_id());
}

asio::awaitable<Outcome> WorkerNice(CpuPool& pool) {
  auto task = []() -> Result<int> {
    char name[16] = {};
    ::pthread_getname_np(::pthread_self(), name, sizeof name);
    if (std::string(name) != "cpu-worker") return MakeError(ErrorCode::kInternal, name);
    return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
  };
  auto r = co_await pool.Run(std::move(task));
  co_return Flatten(r);
}

TEST(CpuPool, WorkersAreNamedAndRunAtTheirNiceValue) {
  const int caller_nice = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
  asio::io_context ioc;
  CpuPool pool(2, 4, nullptr, 7);
  auto fut = asio::co_spawn(ioc, WorkerNice(pool), asio::use_future);
  ioc.run();
  const auto outcome = fut.get();
  ASSERT_TRUE(outcome.ok);
  EXPECT_EQ(outcome.value, 7);
  // The caller's own priority is untouched.
  EXPECT_EQ(::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid())), caller_nice);
}

asio::awaitable<Outcome> Blocked(CpuPool& pool, std::atomic<bool>* release) {
  auto task = [release]() -> Result<int> {
    while (!release->load()) std::this_thread::yield();
    return 1;
  };
  auto r = co_await pool.Run(std::move(task));
  co_return Flatten(r);
}

asio::awaitable<Outcome> Quick(CpuPool& pool) {
  auto task = []() -> Result<int> { return 2; };
  auto r = co_await pool.Run(std::move(task));
  co_return Flatten(r);
}

TEST(CpuPool, RefusesBeyondItsBoundInsteadOfQueueing) {
  asio::io_context ioc;
  CpuPool pool(1, 1, nullptr);
  std::atomic<bool> release{false};
  auto first = asio::co_spawn(ioc, Blocked(pool, &release), asio::use_future);
  ioc.run_one();  // start the first task
  auto second = asio::co_spawn(ioc, Quick(pool), asio::use_future);
  std::thread runner([&ioc] {
    ioc.restart();
    ioc.run();
  });
  const auto refused = second.get();
  EXPECT_FALSE(refused.ok);
  EXPECT_EQ(refused.code, ErrorCode::kUnavailable);
  release = true;
  EXPECT_EQ(first.get().value, 1);
  runner.join();
}

TEST(CpuPool, ExceptionsBecomeErrors) {
  asio::io_context ioc;
  CpuPool pool(1, 4, nullptr);
  auto fut = asio::co_spawn(
      ioc,
      [](CpuPool& p) -> asio::awaitable<Outcome> {
        auto task = []() -> Result<int> { throw std::runtime_error("boom"); };
        auto r = co_await p.Run(std::move(task));
        co_return Flatten(r);
      }(pool),
      asio::use_future);
  ioc.run();
  const auto r = fut.get();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.code, ErrorCode::kInternal);
}

}  // namespace
}  // namespace notecoder::infra
