#pragma once
// Identical work arriving together runs once: the first caller for a key (the leader) runs it,
// callers arriving while it runs wait for its answer, each until its own deadline. The leader's
// failure is shared as that failure (never cached); a waiter whose deadline passes gets
// kDeadlineExceeded and the leader carries on for the others. Thread-safe: callers may be on
// different io threads; no mutex is held across a suspension. Waiters' executors must be serial
// (every io thread of the service is).
//
//   auto run = flights.Do(key.text, deadline, [=]() { return ComputeAndCache(...); });
//   Result<std::string> answer = co_await std::move(run);
#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "infra/result.hpp"

namespace notecoder::cache {

class SingleFlight {
 public:
  using Clock = std::chrono::steady_clock;
  using Work = std::function<boost::asio::awaitable<Result<std::string>>()>;

  SingleFlight() = default;
  SingleFlight(const SingleFlight&) = delete;
  SingleFlight& operator=(const SingleFlight&) = delete;

  boost::asio::awaitable<Result<std::string>> Do(std::string key, Clock::time_point deadline,
                                                 Work work);

  std::size_t in_flight() const;
  std::uint64_t joined() const;  // callers that shared someone else's work (tests, metrics)

 private:
  struct Outcome {  // default-constructible, so it can travel through any handler
    std::optional<std::string> value;
    Error error{ErrorCode::kInternal, {}};
  };
  struct Waiter {
    explicit Waiter(const boost::asio::any_io_executor& ex) : executor(ex), timer(ex) {}
    boost::asio::any_io_executor executor;
    boost::asio::steady_timer timer;
    boost::asio::any_completion_handler<void(Outcome)> handler;
    bool done = false;  // guarded by mutex_
  };
  struct Flight {
    std::vector<std::shared_ptr<Waiter>> waiters;
    // Set when the leader finished: a caller that found the flight just before can still join.
    std::optional<Outcome> result;
  };

  void Finish(std::shared_ptr<Waiter> w, Outcome outcome);  // call with mutex_ held
  boost::asio::awaitable<Result<std::string>> Join(std::shared_ptr<Flight> flight,
                                                   Clock::time_point deadline);
  void Lead(const std::string& key, const Result<std::string>& result);

  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;
  std::uint64_t joined_ = 0;
};

}  // namespace notecoder::cache
