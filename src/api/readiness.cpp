#include "api/readiness.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace notecoder::api {

const char* PhaseName(Phase phase) {
  switch (phase) {
    case Phase::kWarming:
      return "warming";
    case Phase::kReady:
      return "ready";
    case Phase::kFailed:
      return "failed";
    case Phase::kDraining:
      return "draining";
  }
  return "unknown";
}

void Readiness::SetReady(std::shared_ptr<const rules::RulesEngine> engine) {
  std::lock_guard lock(mutex_);
  engine_ = std::move(engine);
  if (phase_ != Phase::kDraining) phase_ = Phase::kReady;
  WakeWaiters();
}

void Readiness::SetFailed(std::string error) {
  std::lock_guard lock(mutex_);
  error_ = std::move(error);
  if (phase_ != Phase::kDraining) phase_ = Phase::kFailed;
  WakeWaiters();
}

void Readiness::SetDraining() {
  std::lock_guard lock(mutex_);
  phase_ = Phase::kDraining;
  WakeWaiters();
}

Phase Readiness::phase() const {
  std::lock_guard lock(mutex_);
  return phase_;
}

std::string Readiness::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

std::shared_ptr<const rules::RulesEngine> Readiness::engine() const {
  std::lock_guard lock(mutex_);
  return engine_;
}

void Readiness::WakeWaiters() {
  for (auto& weak : waiters_) {
    if (auto timer = weak.lock()) {
      // The timer is only touched on its own (strand) executor.
      boost::asio::post(timer->get_executor(), [timer] { timer->cancel(); });
    }
  }
  waiters_.clear();
}

boost::asio::awaitable<std::shared_ptr<const rules::RulesEngine>> Readiness::WaitForEngine(
    std::chrono::milliseconds timeout) {
  auto timer =
      std::make_shared<boost::asio::steady_timer>(co_await boost::asio::this_coro::executor);
  timer->expires_after(timeout);
  {
    std::lock_guard lock(mutex_);
    if (engine_ || phase_ != Phase::kWarming || timeout.count() <= 0) co_return engine_;
    waiters_.push_back(timer);
  }
  co_await timer->async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
  co_return engine();
}

}  // namespace notecoder::api
