#pragma once
// Where the service is in its life: warming, ready, failed (warmup error kept for /ready), or
// draining on shutdown. Holds the engines once warmup has built them; the model can be swapped
// by a reload. Thread-safe.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pipeline/engines.hpp"

namespace notecoder::api {

enum class Phase { kWarming, kReady, kFailed, kDraining };
const char* PhaseName(Phase phase);

class Readiness {
 public:
  void SetReady(pipeline::Engines engines);
  // A reloaded model replaces the current one for requests that start from now on; requests in
  // progress keep the model they started with. Null: rules only.
  void SwapModel(std::shared_ptr<const ml::Model> model);
  void SetFailed(std::string error);
  void SetDraining();

  Phase phase() const;
  bool ready() const { return phase() == Phase::kReady; }
  std::string error() const;
  // Null rules engine until warmup built it; kept while draining so accepted requests finish.
  pipeline::Engines engines() const;
  std::shared_ptr<const rules::RulesEngine> engine() const { return engines().rules; }

  // The engines, waiting up to `timeout` for warmup (no polling: SetReady/SetFailed wake
  // waiters). Must be awaited from a strand or single-threaded executor, as connection
  // coroutines are.
  boost::asio::awaitable<pipeline::Engines> WaitForEngines(std::chrono::milliseconds timeout);

 private:
  void WakeWaiters();  // requires mutex_

  mutable std::mutex mutex_;
  Phase phase_ = Phase::kWarming;
  std::string error_;
  pipeline::Engines engines_;
  std::vector<std::weak_ptr<boost::asio::steady_timer>> waiters_;
};

}  // namespace notecoder::api
