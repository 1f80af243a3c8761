#include "llm/async_semaphore.hpp"

#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <utility>

namespace notecoder::llm {

namespace asio = boost::asio;

asio::awaitable<AsyncSemaphore::Permit> AsyncSemaphore::Acquire(Clock::time_point deadline) {
  auto wait = asio::async_initiate<const asio::use_awaitable_t<>&, void(AcquireStatus)>(
      [this, deadline](auto handler) {
        auto slot = asio::get_associated_cancellation_slot(handler);
        asio::any_io_executor ex = asio::get_associated_executor(handler);
        using H = decltype(handler);
        Start(std::make_unique<CompletionOf<H>>(std::move(handler)), std::move(ex), slot, deadline);
      },
      asio::use_awaitable);
  const AcquireStatus status = co_await std::move(wait);
  co_return Permit(status == AcquireStatus::kGranted ? this : nullptr, status);
}

void AsyncSemaphore::Start(std::unique_ptr<Completion> handler, asio::any_io_executor ex,
                           asio::cancellation_slot slot, Clock::time_point deadline) {
  {
    std::lock_guard lock(mutex_);
    if (queue_.empty() && available_ > 0) {
      --available_;
      max_in_use_ = std::max(max_in_use_, ++in_use_);
      asio::post(ex, [h = std::move(handler)] { h->Invoke(AcquireStatus::kGranted); });
      return;
    }
  }
  auto w = std::make_shared<Waiter>(ex);
  w->handler = std::move(handler);
  w->slot = slot;
  // Armed before the waiter is visible to other threads: afterwards the timer is touched only
  // on its own (serial) executor.
  w->timer.expires_at(deadline);
  w->timer.async_wait([this, w](boost::system::error_code ec) {
    if (!ec) Finish(w, AcquireStatus::kTimeout);
  });
  if (slot.is_connected()) {
    slot.assign([this, w](asio::cancellation_type) { Finish(w, AcquireStatus::kCancelled); });
  }
  std::lock_guard lock(mutex_);
  if (queue_.empty() && available_ > 0) {  // a slot was freed meanwhile
    --available_;
    max_in_use_ = std::max(max_in_use_, ++in_use_);
    w->done = true;
    asio::post(w->executor, [w] {
      w->timer.cancel();
      if (w->slot.is_connected()) w->slot.clear();
      w->handler->Invoke(AcquireStatus::kGranted);
    });
    return;
  }
  w->position = queue_.insert(queue_.end(), w);
}

void AsyncSemaphore::Finish(const std::shared_ptr<Waiter>& w, AcquireStatus status) {
  {
    std::lock_guard lock(mutex_);
    if (w->done) return;
    w->done = true;
    queue_.erase(w->position);
  }
  asio::post(w->executor, [w, status] {
    w->timer.cancel();
    if (w->slot.is_connected()) w->slot.clear();
    w->handler->Invoke(status);
  });
}

void AsyncSemaphore::Release() {
  std::shared_ptr<Waiter> next;
  {
    std::lock_guard lock(mutex_);
    // Hand the slot straight to the oldest waiter: in_use_ stays the same and no newcomer can
    // overtake it (FIFO).
    while (!queue_.empty() && next == nullptr) {
      auto w = queue_.front();
      queue_.pop_front();
      if (!w->done) {
        w->done = true;
        next = std::move(w);
      }
    }
    if (next == nullptr) {
      --in_use_;
      ++available_;
      return;
    }
  }
  asio::post(next->executor, [next] {
    next->timer.cancel();
    if (next->slot.is_connected()) next->slot.clear();
    next->handler->Invoke(AcquireStatus::kGranted);
  });
}

int AsyncSemaphore::in_use() const {
  std::lock_guard lock(mutex_);
  return in_use_;
}

int AsyncSemaphore::max_in_use() const {
  std::lock_guard lock(mutex_);
  return max_in_use_;
}

int AsyncSemaphore::waiting() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(queue_.size());
}

}  // namespace notecoder::llm
