#pragma once
// A bound on LLM calls in flight across every replica (LLM_GLOBAL_LIMIT). The LLM client
// acquires a lease before each provider call and drops it when the call ends; the per-process
// LLM_CONCURRENCY semaphore (llm/async_semaphore.hpp) still applies inside each replica.
//
//   auto acquire = limiter.Acquire(options.deadline);          // name it before co_await
//   auto lease = co_await std::move(acquire);
//   if (!lease.ok()) → kDeadlineExceeded: no slot before the deadline (treat as rate_limited)
//   ... the provider call ...                                   // `lease` released when dropped
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>

#include "infra/result.hpp"

namespace notecoder::cache {

// A held slot: released (asynchronously) when the last copy is dropped.
class Lease {
 public:
  Lease() = default;
  explicit Lease(std::shared_ptr<void> token, bool enforced)
      : token_(std::move(token)), enforced_(enforced) {}
  // False when the shared store could not be asked and the call went ahead on the local limit
  // alone (fail-open): counted in notecoder_llm_global_leases_total{outcome="redis_error"}.
  bool enforced() const { return enforced_; }
  void Release() { token_.reset(); }

 private:
  std::shared_ptr<void> token_;
  bool enforced_ = false;
};

class LlmLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  virtual ~LlmLimiter() = default;
  // A lease, or kDeadlineExceeded when none was free by `deadline`. Never throws.
  virtual boost::asio::awaitable<Result<Lease>> Acquire(Clock::time_point deadline) = 0;
};

}  // namespace notecoder::cache
