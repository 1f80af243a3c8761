#pragma once
// Warmup: open the code set snapshot, build the rules engine, open the model, and code one real
// note through both, so the first user request pays no first-touch cost (page faults, lazy
// tables). Blocking: run it on the CPU pool, or before listening.
#include <memory>
#include <string>

#include "infra/result.hpp"
#include "llm/chat_client.hpp"
#include "pipeline/engines.hpp"

namespace notecoder::app {

struct WarmupOptions {
  std::string codebook_path;
  bool code_sample_note = true;           // false with SKIP_WARMUP
  std::string model_path;                 // empty: no model
  bool model_required = false;            // false: a missing model file means rules only
  llm::ChatClient* llm_client = nullptr;  // set: the engines get the LLM agents (outlives them)
};

Result<pipeline::Engines> Warmup(const WarmupOptions& options);

// Opens and checks a model file against the code set (used by warmup and by reloads).
Result<std::shared_ptr<const ml::Model>> LoadModel(const std::string& path,
                                                   const codes::Codebook& book);

}  // namespace notecoder::app
