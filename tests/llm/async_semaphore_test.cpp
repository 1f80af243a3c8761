#include "llm/async_semaphore.hpp"

#include <gtest/gtest.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <string>
#include <thread>
#include <vector>

namespace notecoder::llm {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Holds a slot for `hold`, recording the order slots were granted in.
asio::awaitable<void> Holder(AsyncSemaphore* sem, int id, std::vector<int>* order,
                             Clock::duration hold, int* granted) {
  auto acquire = sem->Acquire(Clock::now() + 10s);
  auto permit = co_await std::move(acquire);
  if (!permit) co_return;
  ++*granted;
  order->push_back(id);
  asio::steady_timer t(co_await asio::this_coro::executor);
  t.expires_after(hold);
  auto wait = t.async_wait(asio::use_awaitable);
  co_await std::move(wait);
}

TEST(AsyncSemaphore, BoundsHoldersAndServesFirstComeFirstServed) {
  asio::io_context ioc;
  AsyncSemaphore sem(3);
  std::vector<int> order;
  int granted = 0;
  for (int i = 0; i < 40; ++i) {
    asio::co_spawn(ioc, Holder(&sem, i, &order, 2ms, &granted), asio::detached);
  }
  ioc.run();
  EXPECT_EQ(granted, 40);
  EXPECT_EQ(sem.max_in_use(), 3);
  EXPECT_EQ(sem.in_use(), 0);
  std::vector<int> expected(40);
  for (int i = 0; i < 40; ++i) expected[static_cast<std::size_t>(i)] = i;
  EXPECT_EQ(order, expected);
}

asio::awaitable<AcquireStatus> TryAcquire(AsyncSemaphore* sem, Clock::time_point deadline) {
  auto acquire = sem->Acquire(deadline);
  auto permit = co_await std::move(acquire);
  co_return permit.status();
}

// Holds a slot until `release` is cancelled (or expires), recording when it got and gave it.
asio::awaitable<void> HoldUntil(AsyncSemaphore* sem, asio::steady_timer* release,
                                std::vector<std::string>* events) {
  auto acquire = sem->Acquire(Clock::now() + 10s);
  auto permit = co_await std::move(acquire);
  if (!permit) co_return;
  events->push_back("holder got the slot");
  boost::system::error_code ec;
  auto wait = release->async_wait(asio::redirect_error(asio::use_awaitable, ec));
  co_await std::move(wait);
  events->push_back("holder released");
}

TEST(AsyncSemaphore, WaiterGivesUpAtItsDeadline) {
  asio::io_context ioc;
  AsyncSemaphore sem(1);
  std::vector<std::string> events;
  // The holder keeps its slot until the waiter is done. Its timer is only the hang guard: a
  // waiter that ignored its deadline would be granted the slot there, after the holder released.
  asio::steady_timer release(ioc, 10s);
  asio::co_spawn(ioc, HoldUntil(&sem, &release, &events), asio::detached);
  std::optional<AcquireStatus> status;
  const auto deadline = Clock::now() + 50ms;
  Clock::time_point gave_up_at;
  asio::co_spawn(ioc, TryAcquire(&sem, deadline), [&](std::exception_ptr, AcquireStatus s) {
    status = s;
    gave_up_at = Clock::now();
    events.push_back("waiter done");
    release.cancel();
  });
  ioc.run();
  ASSERT_TRUE(status);
  EXPECT_EQ(*status, AcquireStatus::kTimeout);
  // It gave up while the holder still held the slot: it did not wait for the holder.
  EXPECT_EQ(events,
            (std::vector<std::string>{"holder got the slot", "waiter done", "holder released"}));
  EXPECT_TRUE(gave_up_at >= deadline) << "gave up before its deadline had passed";
  EXPECT_EQ(sem.waiting(), 0);
  EXPECT_EQ(sem.in_use(), 0);
}

TEST(AsyncSemaphore, CancelledWaiterLeavesTheQueue) {
  asio::io_context ioc;
  AsyncSemaphore sem(1);
  std::vector<int> order;
  int granted = 0;
  asio::co_spawn(ioc, Holder(&sem, 0, &order, 100ms, &granted), asio::detached);
  asio::cancellation_signal cancel;
  std::optional<AcquireStatus> status;
  asio::co_spawn(ioc, TryAcquire(&sem, Clock::now() + 10s),
                 asio::bind_cancellation_slot(
                     cancel.slot(), [&](std::exception_ptr, AcquireStatus s) { status = s; }));
  asio::steady_timer t(ioc, 10ms);
  t.async_wait([&](boost::system::error_code) {
    EXPECT_EQ(sem.waiting(), 2);  // this one and the holder spawned after it
    cancel.emit(asio::cancellation_type::terminal);
  });
  // The next waiter is served as soon as the holder is done, not after the cancelled one.
  asio::co_spawn(ioc, Holder(&sem, 2, &order, 1ms, &granted), asio::detached);
  ioc.run();
  ASSERT_TRUE(status);
  EXPECT_EQ(*status, AcquireStatus::kCancelled);
  EXPECT_EQ(order, (std::vector<int>{0, 2}));
  EXPECT_EQ(sem.in_use(), 0);
}

TEST(AsyncSemaphore, HoldsItsBoundAcrossIoThreads) {
  AsyncSemaphore sem(4);
  constexpr int kThreads = 4;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<std::vector<int>> orders(kThreads);
  std::vector<int> granted(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    contexts.push_back(std::make_unique<asio::io_context>());
    for (int i = 0; i < 100; ++i) {
      asio::co_spawn(*contexts.back(),
                     Holder(&sem, i, &orders[static_cast<std::size_t>(t)], 100us,
                            &granted[static_cast<std::size_t>(t)]),
                     asio::detached);
    }
  }
  std::vector<std::thread> threads;
  for (auto& c : contexts) threads.emplace_back([&c] { c->run(); });
  for (auto& th : threads) th.join();
  for (int g : granted) EXPECT_EQ(g, 100);
  EXPECT_LE(sem.max_in_use(), 4);
  EXPECT_EQ(sem.in_use(), 0);
}

}  // namespace
}  // namespace notecoder::llm
