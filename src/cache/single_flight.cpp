#include "cache/single_flight.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>

namespace notecoder::cache {

namespace asio = boost::asio;

asio::awaitable<Result<std::string>> SingleFlight::Do(std::string key, Clock::time_point deadline,
                                                      Work work) {
  std::shared_ptr<Flight> existing;
  {
    std::lock_guard lock(mutex_);
    auto [it, inserted] = flights_.try_emplace(key, nullptr);
    if (inserted) {
      it->second = std::make_shared<Flight>();
    } else {
      existing = it->second;
      ++joined_;
    }
  }
  if (existing) {
    auto join = Join(std::move(existing), deadline);
    co_return co_await std::move(join);
  }
  // The leader runs the work in its own coroutine; an exception (cancellation included) is shared
  // as a failure, then rethrown to the leader.
  std::exception_ptr thrown;
  std::optional<Result<std::string>> result;
  try {
    auto run = work();
    result.emplace(co_await std::move(run));
  } catch (...) {
    thrown = std::current_exception();
    result.emplace(MakeError(ErrorCode::kUnavailable, "shared work was abandoned"));
  }
  Lead(key, *result);
  if (thrown) std::rethrow_exception(thrown);
  co_return std::move(*result);
}

void SingleFlight::Lead(const std::string& key, const Result<std::string>& result) {
  std::lock_guard lock(mutex_);
  const auto it = flights_.find(key);
  if (it == flights_.end()) return;
  auto flight = std::move(it->second);
  flights_.erase(it);
  Outcome o;
  if (result.ok()) {
    o.value = result.value();
  } else {
    o.error = result.error();
  }
  // A waiter's timer belongs to its own io_context, perhaps of another thread, which may end as
  // soon as the waiter is answered: each waiter is handed over to the handler posted there, so
  // the flight (which may live on in a late joiner's frame) never holds the last reference.
  auto waiters = std::move(flight->waiters);
  flight->waiters.clear();
  for (auto& w : waiters) Finish(std::move(w), o);
  flight->result = std::move(o);
}

asio::awaitable<Result<std::string>> SingleFlight::Join(std::shared_ptr<Flight> flight,
                                                        Clock::time_point deadline) {
  auto wait = asio::async_initiate<const asio::use_awaitable_t<>&, void(Outcome)>(
      [this, flight, deadline](auto handler) {
        auto w = std::make_shared<Waiter>(asio::get_associated_executor(handler));
        // swap, not move-assignment: Boost 1.81's operator=(any_completion_handler&&) wraps its
        // argument as an lvalue and recurses without end.
        asio::any_completion_handler<void(Outcome)> h(std::move(handler));
        w->handler.swap(h);
        // Armed before the waiter is visible to the leader's thread; afterwards the timer is
        // touched only on the waiter's own (serial) executor.
        w->timer.expires_at(deadline);
        std::weak_ptr<Flight> weak_flight = flight;
        w->timer.async_wait([this, w, weak_flight](boost::system::error_code ec) {
          if (ec) return;
          std::lock_guard lock(mutex_);
          Outcome o;
          o.error =
              MakeError(ErrorCode::kDeadlineExceeded, "deadline passed waiting for shared work");
          Finish(w, std::move(o));
          // The flight lets go of a waiter that gave up, for the same reason as in Lead.
          if (auto f = weak_flight.lock()) std::erase(f->waiters, w);
        });
        std::lock_guard lock(mutex_);
        if (flight->result) {
          Finish(w, *flight->result);
        } else {
          flight->waiters.push_back(std::move(w));
        }
      },
      asio::use_awaitable);
  Outcome outcome = co_await std::move(wait);
  if (outcome.value) co_return std::move(*outcome.value);
  co_return outcome.error;
}

void SingleFlight::Finish(std::shared_ptr<Waiter> w, Outcome outcome) {
  if (w->done) return;
  w->done = true;
  const auto executor = w->executor;
  asio::post(executor, [w = std::move(w), o = std::move(outcome)]() mutable {
    w->timer.cancel();
    std::move(w->handler)(std::move(o));
  });
}

std::size_t SingleFlight::in_flight() const {
  std::lock_guard lock(mutex_);
  return flights_.size();
}

std::uint64_t SingleFlight::joined() const {
  std::lock_guard lock(mutex_);
  return joined_;
}

}  // namespace notecoder::cache
