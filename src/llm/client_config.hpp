#pragma once
// What the HTTP client needs, taken from the service settings (LLM_*).
#include <chrono>
#include <string>

#include "infra/settings.hpp"
#include "llm/retry_policy.hpp"

namespace notecoder::llm {

struct ClientConfig {
  std::string base_url;  // LLM_BASE_URL
  std::string api_key;   // LLM_API_KEY (secret; empty for local servers)
  std::string model;     // LLM_MODEL
  int concurrency = 4;   // LLM_CONCURRENCY: provider calls in flight, process-wide
  std::chrono::milliseconds timeout{30000};  // LLM_TIMEOUT_S: one call, retries included
  RetryPolicy retry;                         // retry.max_retries = LLM_MAX_RETRIES
  bool stream_usage = true;                  // ask streaming providers for a usage chunk
};

ClientConfig ClientConfigFrom(const infra::Settings& s);

}  // namespace notecoder::llm
