#include "api/readiness.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <utility>

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

void Readiness::SetReady(pipeline::Engines engines) {
  std::lock_guard lock(mutex_);
  engines_ = std::move(engines);
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

void Readiness::SwapModel(std::shared_ptr<const ml::Model> model) {
  std::shared_ptr<const ml::Model> old;  // released after the lock: unmapping is not free
  {
    std::lock_guard lock(mutex_);
    old = std::exchange(engines_.model, std::move(model));
  }
}

pipeline::Engines Readiness::engines() const {
  std::lock_guard lock(mutex_);
  return engines_;
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

boost::asio::awaitable<pipeline::Engines> Readiness::WaitForEngines(
    std::chrono::milliseconds timeout) {
  auto timer =
      std::make_shared<boost::asio::steady_timer>(co_await boost::asio::this_coro::executor);
  timer->expires_after(timeout);
  {
    std::lock_guard lock(mutex_);
    if (engines_.rules || phase_ != Phase::kWarming || timeout.count() <= 0) co_return engines_;
    waiters_.push_back(timer);
  }
  co_await timer->async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
  co_return engines();
}

}  // namespace notecoder::api
