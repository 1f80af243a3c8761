#pragma once
// One provider call: take a connection, send the request, read the answer (whole, or as SSE
// deltas), give the connection back when it can be reused. No retries here (http_chat_client
// owns them) except one silent reconnect when a pooled connection turns out to be closed.
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>

#include "llm/chat_types.hpp"
#include "llm/connection_pool.hpp"
#include "llm/retry_policy.hpp"

namespace notecoder::llm {

struct ExchangeRequest {
  std::string body;  // the encoded chat request
  bool stream = false;
  std::string api_key;  // empty: no Authorization header (local servers)
  Clock::time_point deadline;
  DeltaFn on_delta;
};

enum class AttemptKind {
  kOk,
  kHttpStatus,   // the provider answered with a non-2xx status
  kNetwork,      // resolve/connect/TLS/read/write failed, or a stream broke before any delta
  kTimeout,      // the deadline passed mid-call
  kCancelled,    // the caller's coroutine was cancelled
  kBadResponse,  // 2xx that is not a usable completion, or a stream broken after a delta
};

struct Attempt {
  AttemptKind kind = AttemptKind::kNetwork;
  int status = 0;
  std::optional<Millis> retry_after;  // from a non-2xx answer's headers
  ChatResponse response;              // kOk only
  std::string what;                   // our own words, safe to log
};

// Bounds on what a provider may send us.
inline constexpr std::size_t kMaxResponseBytes = 8u << 20;
inline constexpr std::size_t kMaxHeaderBytes = 64u << 10;

boost::asio::awaitable<Attempt> Exchange(ConnectionPool& pool, ExchangeRequest request);

}  // namespace notecoder::llm
