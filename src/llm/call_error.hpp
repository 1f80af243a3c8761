#pragma once
// The outcome of one LLM call as a value: a T, or a CallError whose kind tells the orchestrator
// what to do (degrade, answer 503 + Retry-After, give up). No exception crosses the llm API.
#include <cassert>
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "infra/result.hpp"

namespace notecoder::llm {

enum class CallErrorKind {
  kRateLimited,    // 429 that outlived its retries (or its Retry-After is past the deadline)
  kTimeout,        // the call's deadline (LLM_TIMEOUT_S or the caller's budget) passed
  kCancelled,      // the caller cancelled (client went away, request abandoned)
  kProviderError,  // any other HTTP error status, or connect/reset failures that outlived retries
  kBadResponse,    // 2xx but not a usable chat completion (not JSON, truncated stream, no content)
  kConfigError,    // bad base URL, TLS set-up, missing model: retrying cannot help
};

// Stable lower-case names, used as metric labels and in degraded_reasons.
const char* CallErrorKindName(CallErrorKind kind);

struct CallError {
  CallErrorKind kind = CallErrorKind::kProviderError;
  int http_status = 0;  // the provider's last status; 0 when no response was read
  // The provider's Retry-After / retry-after-ms of the last 429 or 503, when it sent one.
  std::optional<std::chrono::milliseconds> retry_after;
  // Ours only ("HTTP 500 after 3 attempts"): never the provider's body, which may echo the note.
  std::string message;
};

// The shared error model: rate_limited → kUnavailable (503 + Retry-After upstream), timeout →
// kDeadlineExceeded, cancelled → kUnavailable, config → kInternal, the others → kUnavailable.
Error ToError(const CallError& e);

template <class T>
class [[nodiscard]] CallResult {
 public:
  // Empty: "cancelled, no result" (asio's co_spawn needs a default when a coroutine throws).
  CallResult() : v_(CallError{CallErrorKind::kCancelled, 0, std::nullopt, "no result"}) {}
  CallResult(T value) : v_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  CallResult(CallError error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const CallError& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, CallError> v_;
};

inline CallError MakeCallError(CallErrorKind kind, std::string message, int status = 0) {
  return CallError{kind, status, std::nullopt, std::move(message)};
}

}  // namespace notecoder::llm
