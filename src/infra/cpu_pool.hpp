#pragma once
// The one bounded pool for CPU-heavy steps (NLP, rules, ML): f of co_await Run(f) runs on a worker
// and the coroutine resumes on its own executor; past the bound Run answers kUnavailable at once.
// Join it before an io_context it resumes on dies: a worker may still be in post() to it then.
#include <atomic>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstddef>
#include <exception>
#include <type_traits>
#include <utility>

#include "infra/metrics.hpp"
#include "infra/result.hpp"

namespace notecoder::infra {

// Forces OpenMP/MKL/OpenBLAS to one thread each: parallelism comes from the pool, and nested
// thread teams on a 1-vCPU instance only add contention. Call before any thread starts.
void PinMathLibrariesToOneThread();

class CpuPool {
 public:
  // `nice` > 0 lowers the workers' scheduling priority (Linux nice value, 0..19): when coding
  // saturates the cores, the io threads still preempt it at once, so probes stay fast.
  CpuPool(int workers, std::size_t max_pending, Metrics* metrics, int nice = 0)
      : pool_(static_cast<std::size_t>(workers)), max_pending_(max_pending), metrics_(metrics) {
    SetUpWorkers(workers, nice);
  }
  ~CpuPool() { Join(); }
  CpuPool(const CpuPool&) = delete;
  CpuPool& operator=(const CpuPool&) = delete;

  // Waits for the queued tasks to finish; new ones are refused afterwards.
  void Join() {
    stopped_ = true;
    pool_.join();
  }
  std::size_t pending() const { return pending_.load(std::memory_order_relaxed); }

  // `f` returns a Result<T>; an overflow or an exception becomes that Result's error. Pass a named
  // task (`co_await pool.Run(std::move(task))`): g++ 12 may destroy a lambda temporary inside a
  // co_await expression twice.
  template <class F>
  auto Run(F&& f) -> boost::asio::awaitable<std::invoke_result_t<std::decay_t<F>&>> {
    using Fn = std::decay_t<F>;
    using R = std::invoke_result_t<Fn&>;
    return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(R)>(
        [this](auto handler, Fn fn) {
          auto work = boost::asio::make_work_guard(boost::asio::get_associated_executor(handler));
          if (stopped_ || pending_.fetch_add(1) >= max_pending_) {
            if (!stopped_) pending_.fetch_sub(1);
            auto ex = work.get_executor();
            boost::asio::post(ex, [handler = std::move(handler), work = std::move(work)]() mutable {
              std::move(handler)(R(MakeError(ErrorCode::kUnavailable, "the CPU pool is full")));
            });
            return;
          }
          Depth();
          boost::asio::post(pool_, [this, fn = std::move(fn), handler = std::move(handler),
                                    work = std::move(work)]() mutable {
            // The task and what it captured die here, before the caller resumes: not later on this
            // thread, when the caller's io_context (owner of their timers, say) may be gone.
            R r = [&] {
              Fn task = std::move(fn);
              return Invoke(task);
            }();
            pending_.fetch_sub(1);
            Depth();
            auto resume_on = work.get_executor();
            boost::asio::post(resume_on, [handler = std::move(handler), r = std::move(r),
                                          work = std::move(work)]() mutable {
              std::move(handler)(std::move(r));
            });
          });
        },
        boost::asio::use_awaitable, std::forward<F>(f));
  }

 private:
  // Names every worker thread "cpu-worker" (for top and perf) and applies `nice` to it.
  void SetUpWorkers(int workers, int nice);

  template <class F>
  static auto Invoke(F& f) -> std::invoke_result_t<F&> {
    try {
      return f();
    } catch (const std::exception& e) {
      return MakeError(ErrorCode::kInternal, std::string("CPU task failed: ") + e.what());
    }
  }
  void Depth() {
    if (metrics_ != nullptr) metrics_->cpu_queue_depth().Set(static_cast<double>(pending()));
  }

  boost::asio::thread_pool pool_;
  const std::size_t max_pending_;
  Metrics* metrics_;
  std::atomic<std::size_t> pending_{0};
  std::atomic<bool> stopped_{false};
};

}  // namespace notecoder::infra
