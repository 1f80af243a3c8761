#pragma once
// Where the service is in its life: warming, ready, failed (warmup error kept for /ready), or
// draining on shutdown. Holds the engine once warmup has built it. Thread-safe.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "rules/rules_engine.hpp"

namespace notecoder::api {

enum class Phase { kWarming, kReady, kFailed, kDraining };
const char* PhaseName(Phase phase);

class Readiness {
 public:
  void SetReady(std::shared_ptr<const rules::RulesEngine> engine);
  void SetFailed(std::string error);
  void SetDraining();

  Phase phase() const;
  bool ready() const { return phase() == Phase::kReady; }
  std::string error() const;
  // Null until warmup built it; kept while draining so accepted requests still finish.
  std::shared_ptr<const rules::RulesEngine> engine() const;

  // The engine, waiting up to `timeout` for warmup (no polling: SetReady/SetFailed wake waiters).
  // Must be awaited from a strand or single-threaded executor, as connection coroutines are.
  boost::asio::awaitable<std::shared_ptr<const rules::RulesEngine>> WaitForEngine(
      std::chrono::milliseconds timeout);

 private:
  void WakeWaiters();  // requires mutex_

  mutable std::mutex mutex_;
  Phase phase_ = Phase::kWarming;
  std::string error_;
  std::shared_ptr<const rules::RulesEngine> engine_;
  std::vector<std::weak_ptr<boost::asio::steady_timer>> waiters_;
};

}  // namespace notecoder::api
