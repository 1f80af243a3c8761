#pragma once
// A chat-completions exchange in our own types: what the agents ask and what comes back.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace notecoder::llm {

using Clock = std::chrono::steady_clock;

struct ChatMessage {
  std::string role;  // "system", "user", "assistant"
  std::string content;
};

struct ChatRequest {
  std::vector<ChatMessage> messages;
  double temperature = 0;
  int max_tokens = 1024;
  bool json_mode = false;  // response_format {"type":"json_object"}
  bool stream = false;     // SSE chat.completion.chunk deltas
};

struct Usage {
  std::int64_t prompt_tokens = 0;
  std::int64_t completion_tokens = 0;
  bool reported = false;  // false when the provider sent no usage
};

struct ChatResponse {
  std::string content;        // the assistant message (all deltas joined when streamed)
  std::string finish_reason;  // "stop", "length", ... (empty if the provider sent none)
  Usage usage;
  int attempts = 1;  // provider calls it took, retries included
};

// Called with each content delta of a streamed answer, on the caller's executor, in order. A
// stream that breaks after a delta was delivered is not retried (the reader has seen it).
using DeltaFn = std::function<void(std::string_view delta)>;

// Per call: the caller's own deadline (its request's remaining budget) and what to report.
struct CallOptions {
  // The call ends by min(deadline, now + LLM_TIMEOUT_S): every slot wait, attempt and backoff.
  Clock::time_point deadline = Clock::time_point::max();
  std::string agent = "other";  // metric label and log field: parse, summarize, structure, basics
  std::string request_id;       // log correlation
  DeltaFn on_delta;             // streaming only
};

}  // namespace notecoder::llm
