#include "cache/single_flight.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <future>
#include <thread>

#include "run_co.hpp"

namespace notecoder::cache {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;
using Clock = SingleFlight::Clock;

asio::awaitable<Result<std::string>> SlowWork(std::atomic<int>* runs, milliseconds delay,
                                              bool fail) {
  ++*runs;
  asio::steady_timer t(co_await asio::this_coro::executor, delay);
  auto wait = t.async_wait(asio::use_awaitable);
  co_await std::move(wait);
  if (fail) co_return MakeError(ErrorCode::kUnavailable, "provider down");
  co_return std::string("answer");
}

asio::awaitable<void> Caller(SingleFlight* flights, std::atomic<int>* runs, milliseconds delay,
                             bool fail, milliseconds budget,
                             std::vector<Result<std::string>>* out) {
  auto run = flights->Do("k", Clock::now() + budget,
                         [runs, delay, fail] { return SlowWork(runs, delay, fail); });
  out->push_back(co_await std::move(run));
}

asio::awaitable<void> CallWith(SingleFlight* flights, SingleFlight::Work work, milliseconds budget,
                               std::vector<Result<std::string>>* out) {
  auto run = flights->Do("k", Clock::now() + budget, std::move(work));
  out->push_back(co_await std::move(run));
}

// Says that it leads, then holds the flight open until `release`.
asio::awaitable<Result<std::string>> HeldWork(std::atomic<int>* runs, std::promise<void>* leading,
                                              std::shared_future<void> release) {
  leading->set_value();
  release.wait();
  auto work = SlowWork(runs, milliseconds(1), false);
  co_return co_await std::move(work);
}

TEST(SingleFlight, HundredIdenticalCallsRunOnce) {
  asio::io_context io;
  SingleFlight flights;
  std::atomic<int> runs{0};
  std::vector<Result<std::string>> results;
  std::vector<asio::awaitable<void>> tasks;
  for (int i = 0; i < 100; ++i) {
    tasks.push_back(Caller(&flights, &runs, milliseconds(30), false, milliseconds(2000), &results));
  }
  testing::RunAll(io, std::move(tasks));
  EXPECT_EQ(runs.load(), 1);
  ASSERT_EQ(results.size(), 100u);
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value(), "answer");
  }
  EXPECT_EQ(flights.joined(), 99u);
  EXPECT_EQ(flights.in_flight(), 0u);
  // Afterwards the work runs again: results are shared while in flight, not cached.
  tasks.clear();
  tasks.push_back(Caller(&flights, &runs, milliseconds(1), false, milliseconds(2000), &results));
  testing::RunAll(io, std::move(tasks));
  EXPECT_EQ(runs.load(), 2);
}

TEST(SingleFlight, FailureIsSharedAndWaitersKeepTheirOwnDeadlines) {
  asio::io_context io;
  SingleFlight flights;
  std::atomic<int> runs{0};
  std::vector<Result<std::string>> results;
  std::vector<asio::awaitable<void>> tasks;
  tasks.push_back(Caller(&flights, &runs, milliseconds(100), true, milliseconds(2000), &results));
  tasks.push_back(Caller(&flights, &runs, milliseconds(100), true, milliseconds(2000), &results));
  tasks.push_back(Caller(&flights, &runs, milliseconds(100), true, milliseconds(20), &results));
  testing::RunAll(io, std::move(tasks));
  EXPECT_EQ(runs.load(), 1);
  ASSERT_EQ(results.size(), 3u);
  // The impatient waiter gave up first, at its own deadline.
  ASSERT_FALSE(results[0].ok());
  EXPECT_EQ(results[0].error().code, ErrorCode::kDeadlineExceeded);
  for (int i = 1; i < 3; ++i) {
    ASSERT_FALSE(results[i].ok());
    // The shared failure, not their own 2 s deadlines: they did not wait past the work.
    EXPECT_EQ(results[i].error().code, ErrorCode::kUnavailable);
  }
}

TEST(SingleFlight, CallersOnSeveralThreads) {
  SingleFlight flights;
  std::atomic<int> runs{0};
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      asio::io_context io;
      std::vector<Result<std::string>> results;
      std::vector<asio::awaitable<void>> tasks;
      for (int i = 0; i < 25; ++i) {
        tasks.push_back(
            Caller(&flights, &runs, milliseconds(200), false, milliseconds(3000), &results));
      }
      testing::RunAll(io, std::move(tasks));
      for (auto& r : results) ok += r.ok() ? 1 : 0;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 100);
  EXPECT_EQ(runs.load(), 1);
}

// A waiter that gave up is let go by the flight: its timer belongs to its own io_context, which
// may be gone (here: its thread ended) when the leader, on another thread, finishes. Under
// AddressSanitizer (make check-sanitize) the flight destroying that timer is a use after free.
TEST(SingleFlight, AWaiterThatGaveUpOnAnotherThreadIsNotKeptByTheFlight) {
  SingleFlight flights;
  std::atomic<int> runs{0};
  std::promise<void> leading;
  std::promise<void> waiter_done;
  const std::shared_future<void> release = waiter_done.get_future().share();
  std::thread leader([&] {
    asio::io_context io;
    std::vector<Result<std::string>> results;
    std::vector<asio::awaitable<void>> tasks;
    tasks.push_back(CallWith(
        &flights, [&runs, &leading, release] { return HeldWork(&runs, &leading, release); },
        milliseconds(5000), &results));
    testing::RunAll(io, std::move(tasks));
    ASSERT_EQ(results.size(), 1u);
    EXPECT_TRUE(results[0].ok());
  });
  leading.get_future().wait();
  std::vector<Result<std::string>> waited;
  {
    asio::io_context io;  // gone before the leader finishes
    std::vector<asio::awaitable<void>> tasks;
    tasks.push_back(Caller(&flights, &runs, milliseconds(1), false, milliseconds(20), &waited));
    testing::RunAll(io, std::move(tasks));
  }
  waiter_done.set_value();
  leader.join();
  ASSERT_EQ(waited.size(), 1u);
  ASSERT_FALSE(waited[0].ok());
  EXPECT_EQ(waited[0].error().code, ErrorCode::kDeadlineExceeded);
  EXPECT_EQ(runs.load(), 1);
  EXPECT_EQ(flights.in_flight(), 0u);
}

}  // namespace
}  // namespace notecoder::cache
