#pragma once
// The service's Prometheus metrics. Components record into this object; GET /metrics only
// renders it. Labels are ours (route templates, status codes, stage names), never request text.
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace notecoder::infra {

class Metrics {
 public:
  Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // `route` is the route template ("/codes/{code}"), so labels stay bounded.
  void ObserveRequest(std::string_view route, int status, double seconds);
  void ObserveStage(std::string_view stage, double seconds);
  prometheus::Gauge& in_flight() { return *in_flight_; }
  prometheus::Counter& admission_rejections() { return *admission_rejections_; }
  prometheus::Gauge& cpu_queue_depth() { return *cpu_queue_depth_; }
  prometheus::Gauge& warmup_seconds() { return *warmup_seconds_; }
  prometheus::Gauge& ready() { return *ready_; }

  // Prometheus text exposition format 0.0.4.
  std::string Render() const;

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Histogram>* request_family_;
  prometheus::Family<prometheus::Histogram>* stage_family_;
  prometheus::Gauge* in_flight_;
  prometheus::Counter* admission_rejections_;
  prometheus::Gauge* cpu_queue_depth_;
  prometheus::Gauge* warmup_seconds_;
  prometheus::Gauge* ready_;
  std::mutex mutex_;  // guards the two caches below (Family::Add builds a histogram every call)
  std::map<std::string, prometheus::Histogram*, std::less<>> requests_;
  std::map<std::string, prometheus::Histogram*, std::less<>> stages_;
};

}  // namespace notecoder::infra
