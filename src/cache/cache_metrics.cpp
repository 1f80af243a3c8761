#include "cache/cache_metrics.hpp"

#include <prometheus/family.h>

namespace notecoder::cache {
namespace {

constexpr const char* kLayerNames[kLayers] = {"memory", "redis"};
constexpr const char* kOutcomeNames[kOutcomes] = {"hit",      "miss", "error",     "unseal_failed",
                                                  "bypassed", "set",  "set_error", "evicted"};

}  // namespace

CacheMetrics::CacheMetrics(prometheus::Registry& registry) {
  auto& requests = prometheus::BuildCounter()
                       .Name("notecoder_cache_operations_total")
                       .Help("Cache operations by layer, kind and outcome")
                       .Register(registry);
  for (int l = 0; l < kLayers; ++l) {
    for (int k = 0; k < kCacheKinds; ++k) {
      for (int o = 0; o < kOutcomes; ++o) {
        counters_[l][k][o] = &requests.Add({{"layer", kLayerNames[l]},
                                            {"kind", CacheKindName(static_cast<CacheKind>(k))},
                                            {"outcome", kOutcomeNames[o]}});
      }
    }
  }
  breaker_state_ = &prometheus::BuildGauge()
                        .Name("notecoder_cache_redis_breaker_state")
                        .Help("Redis circuit breaker: 0 closed, 1 open, 2 half-open")
                        .Register(registry)
                        .Add({});
  memory_bytes_ = &prometheus::BuildGauge()
                       .Name("notecoder_cache_memory_bytes")
                       .Help("Bytes held by the in-memory cache (CACHE_MAX_BYTES bounds it)")
                       .Register(registry)
                       .Add({});
  single_flight_shared_ = &prometheus::BuildCounter()
                               .Name("notecoder_cache_single_flight_shared_total")
                               .Help("Callers that joined identical work already running")
                               .Register(registry)
                               .Add({});
  auto& leases = prometheus::BuildCounter()
                     .Name("notecoder_llm_global_leases_total")
                     .Help("Global LLM limit lease requests by outcome")
                     .Register(registry);
  lease_granted_ = &leases.Add({{"outcome", "granted"}});
  lease_timeout_ = &leases.Add({{"outcome", "timeout"}});
  lease_error_ = &leases.Add({{"outcome", "redis_error"}});
  leases_held_ = &prometheus::BuildGauge()
                      .Name("notecoder_llm_global_leases_held")
                      .Help("Global LLM limit leases held by this process")
                      .Register(registry)
                      .Add({});
}

}  // namespace notecoder::cache
