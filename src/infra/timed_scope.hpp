#pragma once
// Times one stage of a request: the duration goes into the response's timings_ms and into the
// stage histogram when the scope ends.
#include <chrono>
#include <map>
#include <string>

#include "infra/metrics.hpp"

namespace notecoder::infra {

using StageTimings = std::map<std::string, double>;  // stage -> milliseconds

class TimedScope {
 public:
  TimedScope(std::string stage, StageTimings& timings, Metrics* metrics)
      : stage_(std::move(stage)),
        timings_(timings),
        metrics_(metrics),
        start_(std::chrono::steady_clock::now()) {}
  ~TimedScope() {
    const std::chrono::duration<double> d = std::chrono::steady_clock::now() - start_;
    timings_[stage_] += d.count() * 1000.0;
    if (metrics_ != nullptr) metrics_->ObserveStage(stage_, d.count());
  }
  TimedScope(const TimedScope&) = delete;
  TimedScope& operator=(const TimedScope&) = delete;

 private:
  std::string stage_;
  StageTimings& timings_;
  Metrics* metrics_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace notecoder::infra
