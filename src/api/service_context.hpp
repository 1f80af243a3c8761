#pragma once
// What the endpoint handlers share: readiness (and the engine it holds), the CPU pool, metrics.
#include <functional>
#include <memory>

#include "api/readiness.hpp"
#include "cache/cache_setup.hpp"
#include "infra/cpu_pool.hpp"
#include "infra/metrics.hpp"
#include "infra/result.hpp"

namespace notecoder::api {

struct ServiceContext {
  Readiness& readiness;
  infra::CpuPool& cpu;
  infra::Metrics& metrics;
  double wait_for_ready_s = 0;  // WAIT_FOR_READY_S
  // Opens and checks the configured model file (blocking: call it on the CPU pool); empty when
  // no model is configured. Used by POST /admin/reload and SIGHUP.
  std::function<Result<std::shared_ptr<const ml::Model>>()> load_model;
  // Admin endpoints need API_KEYS: without keys they would be open to anyone who can connect.
  bool admin_enabled = false;
  // The LLM stage (when Engines::agents is set): the request's whole budget, and the options.
  double time_budget_s = 20;      // TIME_BUDGET_S
  bool llm_basics_agent = false;  // LLM_BASICS_AGENT
  std::string llm_model;          // LLM_MODEL, reported in responses
  // Whole-result and LLM-answer caches (set once the service runs; each cache inside may be
  // off).
  std::shared_ptr<const cache::CacheServices> caches;
};

using ServiceContextPtr = std::shared_ptr<const ServiceContext>;

}  // namespace notecoder::api
