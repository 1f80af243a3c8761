#pragma once
// A counting semaphore for coroutines: at most N holders, waiters served first come, first
// served, no thread ever blocks and no mutex is held across a suspension. A waiter gives up at
// its deadline or when its coroutine is cancelled (asio per-operation cancellation), whichever
// comes first. Thread-safe: waiters and releasers may live on different io threads. A waiter's
// executor must be serial (an io_context run by one thread, or a strand) — as every io thread of
// the service is.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <list>
#include <memory>
#include <mutex>

namespace notecoder::llm {

enum class AcquireStatus { kGranted, kTimeout, kCancelled };

class AsyncSemaphore {
 public:
  using Clock = std::chrono::steady_clock;

  // A held slot; released (handed to the next waiter) when destroyed.
  class Permit {
   public:
    Permit() = default;
    Permit(AsyncSemaphore* owner, AcquireStatus status) : owner_(owner), status_(status) {}
    Permit(Permit&& o) noexcept : owner_(std::exchange(o.owner_, nullptr)), status_(o.status_) {}
    Permit& operator=(Permit&& o) noexcept {
      if (this != &o) {
        Reset();
        owner_ = std::exchange(o.owner_, nullptr);
        status_ = o.status_;
      }
      return *this;
    }
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit() { Reset(); }

    explicit operator bool() const { return owner_ != nullptr; }
    AcquireStatus status() const { return status_; }
    void Reset() {
      if (owner_ != nullptr) std::exchange(owner_, nullptr)->Release();
    }

   private:
    AsyncSemaphore* owner_ = nullptr;
    AcquireStatus status_ = AcquireStatus::kCancelled;
  };

  explicit AsyncSemaphore(int permits) : available_(permits) {}
  AsyncSemaphore(const AsyncSemaphore&) = delete;
  AsyncSemaphore& operator=(const AsyncSemaphore&) = delete;

  // Waits for a slot until `deadline`. The returned Permit is empty unless status() is kGranted.
  boost::asio::awaitable<Permit> Acquire(Clock::time_point deadline);

  int in_use() const;
  int max_in_use() const;  // the most slots ever held at once (tests, bench)
  int waiting() const;

 private:
  // The waiting coroutine's completion handler, type-erased (asio 1.81's any_completion_handler
  // recurses without end when moved into place).
  struct Completion {
    virtual ~Completion() = default;
    virtual void Invoke(AcquireStatus status) = 0;
  };
  template <class Handler>
  struct CompletionOf final : Completion {
    explicit CompletionOf(Handler h) : handler(std::move(h)) {}
    void Invoke(AcquireStatus status) override { std::move(handler)(status); }
    Handler handler;
  };

  struct Waiter {
    explicit Waiter(const boost::asio::any_io_executor& ex) : executor(ex), timer(ex) {}
    boost::asio::any_io_executor executor;
    boost::asio::steady_timer timer;
    std::unique_ptr<Completion> handler;
    boost::asio::cancellation_slot slot;
    bool done = false;  // guarded by mutex_
    std::list<std::shared_ptr<Waiter>>::iterator position;
  };

  void Start(std::unique_ptr<Completion> handler, boost::asio::any_io_executor ex,
             boost::asio::cancellation_slot slot, Clock::time_point deadline);
  // Completes `w` once (grant, timeout or cancel), on its own executor.
  void Finish(const std::shared_ptr<Waiter>& w, AcquireStatus status);
  void Release();

  mutable std::mutex mutex_;
  int available_;
  int in_use_ = 0;
  int max_in_use_ = 0;
  std::list<std::shared_ptr<Waiter>> queue_;
};

}  // namespace notecoder::llm
