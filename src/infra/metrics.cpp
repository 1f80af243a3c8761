#include "infra/metrics.hpp"

#include <prometheus/text_serializer.h>

namespace notecoder::infra {
namespace {

const prometheus::Histogram::BucketBoundaries& RequestBuckets() {
  static const prometheus::Histogram::BucketBoundaries kBuckets{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
  return kBuckets;
}

}  // namespace

Metrics::Metrics() : registry_(std::make_shared<prometheus::Registry>()) {
  request_family_ = &prometheus::BuildHistogram()
                         .Name("http_server_request_duration_seconds")
                         .Help("Time from a request's last byte read to its response written")
                         .Register(*registry_);
  stage_family_ = &prometheus::BuildHistogram()
                       .Name("notecoder_stage_duration_seconds")
                       .Help("Duration of one pipeline stage (analyze_and_rules, ...)")
                       .Register(*registry_);
  in_flight_ = &prometheus::BuildGauge()
                    .Name("http_server_active_requests")
                    .Help("Requests admitted and not yet answered")
                    .Register(*registry_)
                    .Add({});
  open_connections_ = &prometheus::BuildGauge()
                           .Name("http_server_open_connections")
                           .Help("Client connections accepted and not yet closed")
                           .Register(*registry_)
                           .Add({});
  admission_rejections_ = &prometheus::BuildCounter()
                               .Name("notecoder_admission_rejections_total")
                               .Help("Requests refused with 503 because LIMIT_CONCURRENCY was hit")
                               .Register(*registry_)
                               .Add({});
  cpu_queue_depth_ = &prometheus::BuildGauge()
                          .Name("notecoder_cpu_pool_queue_depth")
                          .Help("Tasks waiting for or running on the CPU pool")
                          .Register(*registry_)
                          .Add({});
  auto& reloads = prometheus::BuildCounter()
                      .Name("notecoder_model_reloads_total")
                      .Help("Model reloads (POST /admin/reload, SIGHUP) by result")
                      .Register(*registry_);
  model_reloads_ok_ = &reloads.Add({{"result", "ok"}});
  model_reloads_failed_ = &reloads.Add({{"result", "failed"}});
  warmup_seconds_ = &prometheus::BuildGauge()
                         .Name("notecoder_warmup_seconds")
                         .Help("How long the last warmup took")
                         .Register(*registry_)
                         .Add({});
  llm_requests_family_ = &prometheus::BuildCounter()
                              .Name("notecoder_llm_requests_total")
                              .Help("LLM calls by outcome (ok, rate_limited, timeout, ...)")
                              .Register(*registry_);
  llm_duration_family_ = &prometheus::BuildHistogram()
                              .Name("notecoder_llm_call_duration_seconds")
                              .Help("One LLM call, slot wait and retries included, by agent")
                              .Register(*registry_);
  llm_tokens_family_ = &prometheus::BuildCounter()
                            .Name("notecoder_llm_tokens_total")
                            .Help("Tokens the provider reported, by model and direction (in/out)")
                            .Register(*registry_);
  llm_retries_ = &prometheus::BuildCounter()
                      .Name("notecoder_llm_retries_total")
                      .Help("LLM attempts repeated after a 429, 5xx, 408, 409 or connect error")
                      .Register(*registry_)
                      .Add({});
  llm_slot_wait_ = &prometheus::BuildHistogram()
                        .Name("notecoder_llm_slot_wait_seconds")
                        .Help("Time an LLM attempt waited for one of LLM_CONCURRENCY slots")
                        .Register(*registry_)
                        .Add({}, RequestBuckets());
  ready_ = &prometheus::BuildGauge()
                .Name("notecoder_ready")
                .Help("1 when the service answers /ready with 200")
                .Register(*registry_)
                .Add({});
}

prometheus::Histogram& Metrics::RequestHistogram(std::string_view route, int status) {
  std::string key(route);
  key += ' ';
  key += std::to_string(status);
  std::lock_guard lock(mutex_);
  auto it = requests_.find(key);
  if (it == requests_.end()) {
    auto* h = &request_family_->Add(
        {{"route", std::string(route)}, {"status", std::to_string(status)}}, RequestBuckets());
    it = requests_.emplace(std::move(key), h).first;
  }
  return *it->second;
}

void Metrics::ObserveRequest(std::string_view route, int status, double seconds) {
  RequestHistogram(route, status).Observe(seconds);
}

RouteMetrics& Metrics::Route(std::string_view route) {
  std::lock_guard lock(mutex_);
  auto it = routes_.find(route);
  if (it == routes_.end()) {
    it = routes_
             .emplace(std::string(route), std::make_unique<RouteMetrics>(*this, std::string(route)))
             .first;
  }
  return *it->second;
}

void RouteMetrics::Observe(int status, double seconds) {
  if (status < kMinStatus || status > kMaxStatus) {
    owner_.ObserveRequest(route_, status, seconds);
    return;
  }
  auto& slot = by_status_[static_cast<std::size_t>(status - kMinStatus)];
  prometheus::Histogram* h = slot.load(std::memory_order_acquire);
  if (h == nullptr) {
    // Two threads may race here; both get the same histogram from the locked cache.
    h = &owner_.RequestHistogram(route_, status);
    slot.store(h, std::memory_order_release);
  }
  h->Observe(seconds);
}

void Metrics::ObserveStage(std::string_view stage, double seconds) {
  prometheus::Histogram* h = nullptr;
  {
    std::lock_guard lock(mutex_);
    auto it = stages_.find(stage);
    if (it == stages_.end()) {
      h = &stage_family_->Add({{"stage", std::string(stage)}}, RequestBuckets());
      stages_.emplace(std::string(stage), h);
    } else {
      h = it->second;
    }
  }
  h->Observe(seconds);
}

void Metrics::LlmCall(std::string_view agent, std::string_view outcome, double seconds) {
  prometheus::Counter* count = nullptr;
  prometheus::Histogram* duration = nullptr;
  {
    std::lock_guard lock(mutex_);
    auto c = llm_requests_.find(outcome);
    if (c == llm_requests_.end()) {
      c = llm_requests_
              .emplace(std::string(outcome),
                       &llm_requests_family_->Add({{"outcome", std::string(outcome)}}))
              .first;
    }
    count = c->second;
    auto d = llm_durations_.find(agent);
    if (d == llm_durations_.end()) {
      d = llm_durations_
              .emplace(std::string(agent), &llm_duration_family_->Add(
                                               {{"agent", std::string(agent)}}, RequestBuckets()))
              .first;
    }
    duration = d->second;
  }
  count->Increment();
  duration->Observe(seconds);
}

void Metrics::LlmTokens(std::string_view model, std::int64_t in, std::int64_t out) {
  prometheus::Counter* counters[2] = {nullptr, nullptr};
  {
    std::lock_guard lock(mutex_);
    int i = 0;
    for (const char* direction : {"in", "out"}) {
      std::string key = std::string(model) + ' ' + direction;
      auto it = llm_tokens_.find(key);
      if (it == llm_tokens_.end()) {
        auto* c =
            &llm_tokens_family_->Add({{"model", std::string(model)}, {"direction", direction}});
        it = llm_tokens_.emplace(std::move(key), c).first;
      }
      counters[i++] = it->second;
    }
  }
  if (in > 0) counters[0]->Increment(static_cast<double>(in));
  if (out > 0) counters[1]->Increment(static_cast<double>(out));
}

std::string Metrics::Render() const {
  return prometheus::TextSerializer().Serialize(registry_->Collect());
}

}  // namespace notecoder::infra
