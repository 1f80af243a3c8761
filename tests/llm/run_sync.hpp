#pragma once
// Runs a coroutine to completion on the test's io_context (tests only). One context for the whole
// process: a client's pooled connections belong to the context they were opened on, so the
// context must outlive every client (as the service's io threads do).
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <exception>
#include <optional>

namespace notecoder::testing {

inline boost::asio::io_context& TestIoContext() {
  static boost::asio::io_context ioc;
  return ioc;
}

template <class T>
T RunSync(boost::asio::awaitable<T> task) {
  auto& ioc = TestIoContext();
  ioc.restart();
  std::optional<T> out;
  std::exception_ptr failure;
  boost::asio::co_spawn(ioc, std::move(task), [&](std::exception_ptr e, T v) {
    failure = e;
    if (!e) out.emplace(std::move(v));
  });
  ioc.run();
  if (failure) std::rethrow_exception(failure);
  return std::move(*out);
}

// A hang guard, not a measurement: far beyond what any guarded call is expected to take.
inline constexpr std::chrono::seconds kHangGuard{10};

template <class T>
struct Guarded {
  T value;
  bool guard_fired = false;  // the task was still running at the guard and was cancelled
};

// RunSync with a hang guard: a task still running after `guard` is cancelled (terminal), so a
// test whose call never ends fails on its result and on `guard_fired` instead of hanging.
template <class T>
Guarded<T> RunSyncGuarded(boost::asio::awaitable<T> task,
                          std::chrono::steady_clock::duration guard = kHangGuard) {
  auto& ioc = TestIoContext();
  ioc.restart();
  std::optional<T> out;
  std::exception_ptr failure;
  bool fired = false;
  boost::asio::cancellation_signal cancel;
  boost::asio::steady_timer timer(ioc, guard);
  timer.async_wait([&](boost::system::error_code ec) {
    if (ec) return;
    fired = true;
    cancel.emit(boost::asio::cancellation_type::terminal);
  });
  boost::asio::co_spawn(
      ioc, std::move(task),
      boost::asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, T v) {
        timer.cancel();
        failure = e;
        if (!e) out.emplace(std::move(v));
      }));
  ioc.run();
  if (failure) std::rethrow_exception(failure);
  return Guarded<T>{std::move(*out), fired};
}

}  // namespace notecoder::testing
