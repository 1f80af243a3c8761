#pragma once
// The cache's own Prometheus metrics, registered on the service's registry. Labels are ours and
// bounded: layer (memory, redis), kind (llm, result, ml), outcome. All counters are created at
// construction, so recording is a lock-free array read.
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <array>
#include <string_view>

#include "cache/cache_key.hpp"

namespace notecoder::cache {

enum class Layer { kMemory = 0, kRedis = 1 };
inline constexpr int kLayers = 2;

enum class Outcome {
  kHit = 0,
  kMiss,
  kError,         // backend failed or was too slow: served as a miss
  kUnsealFailed,  // a stored value did not open (tampered, other secret): served as a miss
  kBypassed,      // the circuit breaker is open: Redis not asked, served as a miss
  kSet,
  kSetError,
  kEvicted,  // memory: dropped to stay within CACHE_MAX_BYTES
};
inline constexpr int kOutcomes = 8;

class CacheMetrics {
 public:
  explicit CacheMetrics(prometheus::Registry& registry);

  void Count(Layer layer, CacheKind kind, Outcome outcome, double n = 1) {
    counters_[static_cast<int>(layer)][static_cast<int>(kind)][static_cast<int>(outcome)]
        ->Increment(n);
  }
  double Value(Layer layer, CacheKind kind, Outcome outcome) const {
    return counters_[static_cast<int>(layer)][static_cast<int>(kind)][static_cast<int>(outcome)]
        ->Value();
  }
  // 0 closed, 1 open, 2 half-open (CircuitBreaker::State).
  prometheus::Gauge& breaker_state() { return *breaker_state_; }
  prometheus::Gauge& memory_bytes() { return *memory_bytes_; }
  prometheus::Counter& single_flight_shared() { return *single_flight_shared_; }
  // Global LLM limit: granted leases, failed waits, Redis errors (limit not enforced meanwhile).
  prometheus::Counter& lease_granted() { return *lease_granted_; }
  prometheus::Counter& lease_timeout() { return *lease_timeout_; }
  prometheus::Counter& lease_error() { return *lease_error_; }
  prometheus::Gauge& leases_held() { return *leases_held_; }

 private:
  std::array<std::array<std::array<prometheus::Counter*, kOutcomes>, kCacheKinds>, kLayers>
      counters_{};
  prometheus::Gauge* breaker_state_;
  prometheus::Gauge* memory_bytes_;
  prometheus::Counter* single_flight_shared_;
  prometheus::Counter* lease_granted_;
  prometheus::Counter* lease_timeout_;
  prometheus::Counter* lease_error_;
  prometheus::Gauge* leases_held_;
};

}  // namespace notecoder::cache
