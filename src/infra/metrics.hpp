#pragma once
// The service's Prometheus metrics. Components record into this object; GET /metrics only
// renders it. Labels are ours (route templates, status codes, stage names), never request text.
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace notecoder::infra {

class Metrics;

// The request-duration histograms of one route, one per status code. Looked up once per route at
// start (Metrics::Route); Observe is then a lock-free array read, no label strings per request.
class RouteMetrics {
 public:
  RouteMetrics(Metrics& owner, std::string route) : owner_(owner), route_(std::move(route)) {}
  void Observe(int status, double seconds);

 private:
  static constexpr int kMinStatus = 100;
  static constexpr int kMaxStatus = 599;
  Metrics& owner_;
  const std::string route_;
  std::array<std::atomic<prometheus::Histogram*>, kMaxStatus - kMinStatus + 1> by_status_{};
};

class Metrics {
 public:
  Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // `route` is the route template ("/codes/{code}"), so labels stay bounded.
  void ObserveRequest(std::string_view route, int status, double seconds);
  // The histograms of one route template, created on first use; the reference stays valid for the
  // lifetime of this object.
  RouteMetrics& Route(std::string_view route);
  void ObserveStage(std::string_view stage, double seconds);
  prometheus::Gauge& in_flight() { return *in_flight_; }
  prometheus::Gauge& open_connections() { return *open_connections_; }
  prometheus::Counter& admission_rejections() { return *admission_rejections_; }
  prometheus::Gauge& cpu_queue_depth() { return *cpu_queue_depth_; }
  prometheus::Gauge& warmup_seconds() { return *warmup_seconds_; }
  prometheus::Gauge& ready() { return *ready_; }
  prometheus::Counter& model_reloads(bool ok) {
    return ok ? *model_reloads_ok_ : *model_reloads_failed_;
  }

  // ---- LLM calls (src/llm). `agent` is ours (parse, summarize, structure, basics), `outcome`
  // one of ok, rate_limited, timeout, cancelled, provider_error, bad_response, config_error, and
  // `model` is LLM_MODEL: every label set stays small.
  void LlmCall(std::string_view agent, std::string_view outcome, double seconds);
  prometheus::Counter& llm_retries() { return *llm_retries_; }
  void LlmSlotWait(double seconds) { llm_slot_wait_->Observe(seconds); }
  void LlmTokens(std::string_view model, std::int64_t in, std::int64_t out);

  // Components that own their metrics (cache/cache_metrics.hpp) register them here.
  prometheus::Registry& registry() { return *registry_; }

  // Prometheus text exposition format 0.0.4.
  std::string Render() const;

 private:
  friend class RouteMetrics;
  prometheus::Histogram& RequestHistogram(std::string_view route, int status);

  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Histogram>* request_family_;
  prometheus::Family<prometheus::Histogram>* stage_family_;
  prometheus::Gauge* in_flight_;
  prometheus::Gauge* open_connections_;
  prometheus::Counter* admission_rejections_;
  prometheus::Gauge* cpu_queue_depth_;
  prometheus::Gauge* warmup_seconds_;
  prometheus::Gauge* ready_;
  prometheus::Counter* model_reloads_ok_;
  prometheus::Counter* model_reloads_failed_;
  prometheus::Family<prometheus::Counter>* llm_requests_family_;
  prometheus::Family<prometheus::Histogram>* llm_duration_family_;
  prometheus::Family<prometheus::Counter>* llm_tokens_family_;
  prometheus::Counter* llm_retries_;
  prometheus::Histogram* llm_slot_wait_;
  std::mutex mutex_;  // guards the caches below (Family::Add builds a histogram every call)
  std::map<std::string, prometheus::Histogram*, std::less<>> requests_;
  std::map<std::string, std::unique_ptr<RouteMetrics>, std::less<>> routes_;
  std::map<std::string, prometheus::Histogram*, std::less<>> stages_;
  std::map<std::string, prometheus::Counter*, std::less<>> llm_requests_;     // by outcome
  std::map<std::string, prometheus::Histogram*, std::less<>> llm_durations_;  // by agent
  std::map<std::string, prometheus::Counter*, std::less<>> llm_tokens_;       // model + direction
};

}  // namespace notecoder::infra
