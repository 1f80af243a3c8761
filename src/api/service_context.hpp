#pragma once
// What the endpoint handlers share: readiness (and the engine it holds), the CPU pool, metrics.
#include <memory>

#include "api/readiness.hpp"
#include "infra/cpu_pool.hpp"
#include "infra/metrics.hpp"

namespace notecoder::api {

struct ServiceContext {
  Readiness& readiness;
  infra::CpuPool& cpu;
  infra::Metrics& metrics;
  double wait_for_ready_s = 0;  // WAIT_FOR_READY_S
};

using ServiceContextPtr = std::shared_ptr<const ServiceContext>;

}  // namespace notecoder::api
