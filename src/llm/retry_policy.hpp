#pragma once
// When and how long to wait before calling the provider again. Pure functions of their inputs
// (the random draw is a parameter) so the maths is tested without a clock or a network.
#include <chrono>
#include <optional>
#include <string_view>

namespace notecoder::llm {

using Millis = std::chrono::milliseconds;

struct RetryPolicy {
  int max_retries = 3;            // LLM_MAX_RETRIES: calls after the first
  Millis base{250};               // the first backoff ceiling; doubles per retry
  Millis cap{8000};               // no backoff ceiling above this
  Millis max_retry_after{60000};  // a provider's Retry-After is believed up to this
};

// 408, 409, 429 and every 5xx may succeed later; 400/401/403/404 and other 4xx never will.
bool IsRetryableStatus(int status);

// The provider's hint from `retry-after-ms` (preferred: finer) or `Retry-After` (delta seconds or
// an IMF-fixdate HTTP date, relative to `now`). Empty headers or unparseable values give nullopt;
// a date in the past gives 0.
std::optional<Millis> ParseRetryAfter(std::string_view retry_after, std::string_view retry_after_ms,
                                      std::chrono::system_clock::time_point now);

// The wait before retry number `retry` (0 for the first retry). `unit` is a uniform draw in
// [0, 1). Without a hint: full jitter, uniform in [0, min(cap, base * 2^retry)). With a hint:
// the hint (capped by max_retry_after) plus up to 10% of it, so clients told the same second do
// not all come back in the same millisecond.
Millis BackoffDelay(const RetryPolicy& policy, int retry, std::optional<Millis> hint, double unit);

}  // namespace notecoder::llm
