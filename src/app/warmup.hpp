#pragma once
// Warmup: open the code set snapshot, build the rules engine and code one real note, so the first
// user request pays no first-touch cost (page faults, lazy tables). Blocking: run it on the CPU
// pool, or before listening.
#include <memory>
#include <string>

#include "infra/result.hpp"
#include "rules/rules_engine.hpp"

namespace notecoder::app {

struct WarmupOptions {
  std::string codebook_path;
  bool code_sample_note = true;  // false with SKIP_WARMUP
};

Result<std::shared_ptr<const rules::RulesEngine>> Warmup(const WarmupOptions& options);

}  // namespace notecoder::app
