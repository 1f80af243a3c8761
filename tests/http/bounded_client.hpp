#pragma once
// One request per connection with a bound on the whole exchange, for fault tests: a server that
// stops answering shows up as `complete == false`, never as a hung test.
#include <chrono>
#include <string>
#include <thread>

namespace notecoder::testing {

struct BoundedResult {
  bool connected = false;  // the TCP connection was accepted and the request sent
  bool complete = false;   // a whole HTTP response arrived (for a stream: its last chunk too)
  int status = 0;
  std::string head;  // status line and headers
  std::string body;  // de-chunked
  double ms = 0;
};

// `path` is "/predict/coder" or "/predict/coder/stream" (any POST with a JSON body).
BoundedResult BoundedPost(int port, const std::string& path, const std::string& json,
                          std::chrono::milliseconds timeout);
BoundedResult BoundedGet(int port, const std::string& path, std::chrono::milliseconds timeout);

// True when the answer is a clear JSON error: {"error": {"code": ..., "message": ...}}.
bool IsJsonError(const std::string& body);
// The value of one response header (case-insensitive name), empty when absent.
std::string HeaderValue(const std::string& head, const std::string& name);

// One sample of a /metrics gauge or counter without labels; -1 when unreadable.
double ScrapeMetric(int port, const std::string& name);

// Polls `done` every 10 ms until it holds or `timeout` passes; returns its last value.
template <class Done>
bool WaitUntil(Done done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace notecoder::testing
