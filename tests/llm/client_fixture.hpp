#pragma once
// A fake provider plus an HttpChatClient pointed at it, with backoffs short enough for tests.
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "llm/fake_provider.hpp"
#include "llm/http_chat_client.hpp"
#include "llm/run_sync.hpp"

namespace notecoder::testing {

inline llm::ClientConfig FakeConfig(const FakeProvider& fake) {
  llm::ClientConfig c;
  c.base_url = fake.base_url();
  c.model = "fake-model";
  c.concurrency = 4;
  c.timeout = std::chrono::seconds(5);
  c.retry.max_retries = 3;
  c.retry.base = std::chrono::milliseconds(10);
  c.retry.cap = std::chrono::milliseconds(50);
  return c;
}

inline std::unique_ptr<llm::HttpChatClient> MakeClient(llm::ClientConfig c,
                                                       infra::Metrics* metrics = nullptr) {
  auto r = llm::HttpChatClient::Create(std::move(c), metrics);
  if (!r) throw std::runtime_error(r.error().message);
  return std::move(r).value();
}

inline llm::ChatRequest Hello(bool stream = false) {
  llm::ChatRequest r;
  r.messages = {{"system", "you are a test"}, {"user", "say hello"}};
  r.stream = stream;
  return r;
}

inline int Count(const boost::json::object& stats, const char* group, const char* key) {
  const auto& g = stats.at(group).as_object();
  const auto* v = g.if_contains(key);
  return v != nullptr ? static_cast<int>(v->as_int64()) : 0;
}

// Reads the fake's /stats until `done(stats)` holds or the hang guard passes (the fake sees a
// client's close a moment after the client returns); returns the last stats read.
template <class Done>
boost::json::object WaitForStats(FakeProvider& fake, Done done,
                                 std::chrono::steady_clock::duration guard = kHangGuard) {
  const auto give_up = std::chrono::steady_clock::now() + guard;
  auto stats = fake.Stats();
  while (!done(stats) && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    stats = fake.Stats();
  }
  return stats;
}

// The fake holds a `stall` until the client closes the connection; in_flight back at 0 after a
// stall means the client gave up on it (the fake never ends a stall by itself).
inline bool StallReleased(const boost::json::object& stats) {
  return Count(stats, "by_action", "stall") >= 1 && stats.at("in_flight").as_int64() == 0;
}

}  // namespace notecoder::testing
