#pragma once
// Stops asking a backend that keeps failing. Closed: every call goes; `failure_threshold`
// consecutive failures open it. Open: no call goes until the backoff passes, then half-open lets
// one probe through; its success closes the breaker, its failure reopens it with the backoff
// doubled (up to `max_open`). Thread-safe; each method is a short critical section.
#include <chrono>
#include <mutex>

namespace notecoder::cache {

class CircuitBreaker {
 public:
  using Clock = std::chrono::steady_clock;
  enum class State { kClosed = 0, kOpen = 1, kHalfOpen = 2 };

  struct Options {
    int failure_threshold = 3;
    std::chrono::milliseconds base_open{250};
    std::chrono::milliseconds max_open{5000};
    // A probe that never reports (its caller vanished) stops blocking others after this long.
    std::chrono::milliseconds probe_timeout{1000};
  };

  CircuitBreaker() : CircuitBreaker(Options{}) {}
  explicit CircuitBreaker(Options options) : options_(options), open_for_(options.base_open) {}

  // True: make the call, then report OnSuccess or OnFailure.
  bool Allow(Clock::time_point now = Clock::now());
  void OnSuccess();
  void OnFailure(Clock::time_point now = Clock::now());
  State state() const;

 private:
  const Options options_;
  mutable std::mutex mutex_;
  State state_ = State::kClosed;
  int failures_ = 0;
  std::chrono::milliseconds open_for_;
  Clock::time_point reopen_at_{};
  Clock::time_point probe_started_{};
  bool probing_ = false;
};

}  // namespace notecoder::cache
