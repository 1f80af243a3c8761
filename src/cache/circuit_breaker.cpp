#include "cache/circuit_breaker.hpp"

#include <algorithm>

namespace notecoder::cache {

bool CircuitBreaker::Allow(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  switch (state_) {
    case State::kClosed:
      return true;
    case State::kOpen:
      if (now < reopen_at_) return false;
      state_ = State::kHalfOpen;
      probing_ = true;
      probe_started_ = now;
      return true;
    case State::kHalfOpen:
      if (probing_ && now - probe_started_ < options_.probe_timeout) return false;
      probing_ = true;
      probe_started_ = now;
      return true;
  }
  return false;
}

void CircuitBreaker::OnSuccess() {
  std::lock_guard lock(mutex_);
  state_ = State::kClosed;
  failures_ = 0;
  probing_ = false;
  open_for_ = options_.base_open;
}

void CircuitBreaker::OnFailure(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (state_ == State::kHalfOpen) {
    open_for_ = std::min(options_.max_open, open_for_ * 2);
  } else if (state_ == State::kClosed) {
    if (++failures_ < options_.failure_threshold) return;
    open_for_ = options_.base_open;
  } else {
    return;  // late failures of calls made before it opened change nothing
  }
  state_ = State::kOpen;
  probing_ = false;
  reopen_at_ = now + open_for_;
}

CircuitBreaker::State CircuitBreaker::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

}  // namespace notecoder::cache
