#include <gtest/gtest.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/serialize.hpp>
#include <functional>

#include "infra/metrics.hpp"
#include "llm/client_fixture.hpp"

namespace notecoder::llm {
namespace {

using testing::Count;
using testing::FakeProvider;
using testing::Hello;
using testing::MakeClient;
using testing::RunSync;
using testing::StallReleased;
using testing::WaitForStats;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

CallResult<ChatResponse> Call(HttpChatClient& client, ChatRequest r, CallOptions o = {}) {
  return RunSync(client.Complete(std::move(r), std::move(o)));
}

// A call under the hang guard (testing::kHangGuard): one that never ends is cancelled there, and
// the test fails on `guard_fired` and on the kCancelled result instead of hanging.
testing::Guarded<CallResult<ChatResponse>> GuardedCall(HttpChatClient& client, ChatRequest r,
                                                       CallOptions o = {}) {
  return testing::RunSyncGuarded(client.Complete(std::move(r), std::move(o)));
}

TEST(HttpChatClient, CompletesAndReusesTheConnection) {
  FakeProvider fake;
  auto client = MakeClient(testing::FakeConfig(fake));
  for (int i = 0; i < 3; ++i) {
    auto r = Call(*client, Hello());
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->content, "ok");
    EXPECT_EQ(r->attempts, 1);
    EXPECT_TRUE(r->usage.reported);
    EXPECT_GT(r->usage.prompt_tokens, 0);
  }
  EXPECT_EQ(client->pool().opened(), 1u);  // keep-alive
  EXPECT_EQ(fake.Stats().at("requests").as_int64(), 3);
}

TEST(HttpChatClient, StreamsDeltasInOrderWithUsage) {
  FakeProvider fake;
  fake.Control(R"({"answers":{"other":"The quick brown fox jumps over the lazy dog."}})");
  auto client = MakeClient(testing::FakeConfig(fake));
  std::string seen;
  int deltas = 0;
  CallOptions o;
  o.on_delta = [&](std::string_view d) {
    seen += d;
    ++deltas;
  };
  auto r = Call(*client, Hello(true), o);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->content, "The quick brown fox jumps over the lazy dog.");
  EXPECT_EQ(seen, r->content);
  EXPECT_GT(deltas, 3);
  EXPECT_EQ(r->finish_reason, "stop");
  EXPECT_TRUE(r->usage.reported);
  auto again = Call(*client, Hello(true));  // the chunked body was read to its end: reusable
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(client->pool().opened(), 1u);
}

TEST(HttpChatClient, RetriesA429StormThenSucceeds) {
  FakeProvider fake;
  fake.Control(R"({"plan":["429","429","429"],"retry_after_ms":30})");
  auto client = MakeClient(testing::FakeConfig(fake));
  auto r = Call(*client, Hello());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->attempts, 4);
  EXPECT_EQ(Count(fake.Stats(), "by_status", "429"), 3);
}

TEST(HttpChatClient, TheRetryAfterA429WaitsOutTheProvidersHint) {
  FakeProvider fake;
  // Every request in the next second gets a 429 saying "retry after 1.2 s". A client that waits
  // for the hint sends its retry after the storm and succeeds at the second attempt; one that
  // used its own backoff (10-50 ms, FakeConfig) would spend all 3 retries inside the storm.
  fake.Control(R"({"storm_429_s":1.0,"retry_after_ms":1200})");
  auto client = MakeClient(testing::FakeConfig(fake));  // LLM_TIMEOUT_S = 5 s: room to wait
  auto [r, guard_fired] = GuardedCall(*client, Hello());
  EXPECT_FALSE(guard_fired);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->attempts, 2);
  const auto stats = fake.Stats();
  EXPECT_EQ(Count(stats, "by_status", "429"), 1);
  EXPECT_EQ(Count(stats, "by_status", "200"), 1);
}

TEST(HttpChatClient, A429BeyondItsRetriesIsRateLimitedWithRetryAfter) {
  FakeProvider fake;
  fake.Control(R"({"rate_429":1.0,"retry_after_ms":5})");
  auto client = MakeClient(testing::FakeConfig(fake));
  auto r = Call(*client, Hello());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, CallErrorKind::kRateLimited);
  EXPECT_EQ(r.error().http_status, 429);
  ASSERT_TRUE(r.error().retry_after);
  EXPECT_EQ(*r.error().retry_after, 5ms);
  EXPECT_EQ(fake.Stats().at("requests").as_int64(), 4);  // 1 + LLM_MAX_RETRIES
}

TEST(HttpChatClient, RetryAfterPastTheDeadlineEndsTheCallAtOnce) {
  FakeProvider fake;
  fake.Control(R"({"rate_429":1.0,"retry_after":30})");
  infra::Metrics metrics;
  auto client = MakeClient(testing::FakeConfig(fake), &metrics);  // LLM_TIMEOUT_S = 5 s
  auto [r, guard_fired] = GuardedCall(*client, Hello());
  // A client that slept 30 s anyway would be cancelled at the hang guard (kCancelled).
  EXPECT_FALSE(guard_fired);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, CallErrorKind::kRateLimited);
  EXPECT_EQ(*r.error().retry_after, 30s);
  EXPECT_EQ(metrics.llm_retries().Value(), 0);  // no backoff was started: no pointless sleep
  EXPECT_EQ(fake.Stats().at("requests").as_int64(), 1);
}

TEST(HttpChatClient, ACallThatCannotFinishInTheTimeLeftIsNotStarted) {
  FakeProvider fake({"--latency-ms", "200"});
  auto client = MakeClient(testing::FakeConfig(fake));
  ASSERT_TRUE(Call(*client, Hello()).ok());  // the client learns a call takes ~200 ms
  CallOptions o;
  o.deadline = std::chrono::steady_clock::now() + 50ms;
  auto r = Call(*client, Hello(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, CallErrorKind::kTimeout);
  // Never sent: an abandoned call would keep the provider busy beyond LLM_CONCURRENCY.
  EXPECT_EQ(fake.Stats().at("requests").as_int64(), 1);
  o.deadline = std::chrono::steady_clock::now() + 2s;
  EXPECT_TRUE(Call(*client, Hello(), o).ok());
}

TEST(HttpChatClient, ServerErrorsAreRetried) {
  FakeProvider fake;
  fake.Control(R"({"plan":["500","503","408"]})");
  auto client = MakeClient(testing::FakeConfig(fake));
  auto r = Call(*client, Hello());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->attempts, 4);
}

TEST(HttpChatClient, ClientErrorsAreNotRetried) {
  for (const char* status : {"400", "401", "404"}) {
    FakeProvider fake;
    fake.Control(std::string(R"({"plan":[")") + status + R"("]})");
    auto client = MakeClient(testing::FakeConfig(fake));
    auto r = Call(*client, Hello());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, CallErrorKind::kProviderError);
    EXPECT_EQ(r.error().http_status, std::atoi(status));
    EXPECT_EQ(fake.Stats().at("requests").as_int64(), 1) << status;
  }
}

TEST(HttpChatClient, SendsTheBearerKey) {
  FakeProvider fake({"--api-key", "sk-test-123"});
  auto config = testing::FakeConfig(fake);
  auto without = MakeClient(config);
  auto r = Call(*without, Hello());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().http_status, 401);
  config.api_key = "sk-test-123";
  auto with = MakeClient(config);
  EXPECT_TRUE(Call(*with, Hello()).ok());
}

TEST(HttpChatClient, StallEndsAsTimeoutAtTheCallersDeadline) {
  FakeProvider fake;
  fake.Control(R"({"plan":["stall"]})");
  auto config = testing::FakeConfig(fake);
  config.timeout = 60s;  // far beyond the hang guard: only the caller's deadline can end the call
  auto client = MakeClient(config);
  CallOptions o;
  o.deadline = Clock::now() + 300ms;
  auto [r, guard_fired] = GuardedCall(*client, Hello(), o);
  const auto ended = Clock::now();
  EXPECT_FALSE(guard_fired) << "the caller's deadline did not end the stalled call";
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, CallErrorKind::kTimeout);
  EXPECT_TRUE(ended >= o.deadline) << "gave up before the deadline had passed";
  // The request was at the provider, and the client closed it there rather than leaving it open.
  const auto stats = WaitForStats(fake, StallReleased);
  EXPECT_TRUE(StallReleased(stats)) << boost::json::serialize(stats);
  EXPECT_EQ(stats.at("requests").as_int64(), 1);
}

TEST(HttpChatClient, LlmTimeoutCapsTheWholeCall) {
  FakeProvider fake;
  fake.Control(R"({"plan":["stall"]})");
  auto config = testing::FakeConfig(fake);
  config.timeout = 200ms;
  auto client = MakeClient(config);
  const auto start = Clock::now();
  auto [r, guard_fired] = GuardedCall(*client, Hello());  // no deadline of the caller's own
  const auto ended = Clock::now();
  EXPECT_FALSE(guard_fired) << "LLM_TIMEOUT_S did not end the stalled call";
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, CallErrorKind::kTimeout);
  EXPECT_TRUE(ended >= start + config.timeout) << "gave up before LLM_TIMEOUT_S had passed";
  const auto stats = WaitForStats(fake, StallReleased);
  EXPECT_TRUE(StallReleased(stats)) << boost::json::serialize(stats);
}

TEST(HttpChatClient, ResetConnectionsAreRetried) {
  FakeProvider fake;
  fake.Control(R"({"plan":["reset","reset"]})");
  auto client = MakeClient(testing::FakeConfig(fake));
  auto r = Call(*client, Hello());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(fake.Stats().at("requests").as_int64(), 3);
}

TEST(HttpChatClient, ConnectionRefusedIsAProviderErrorAfterRetries) {
  int port = 0;
  {
    FakeProvider gone;
    port = gone.port();
  }  // nothing listens there now
  ClientConfig c;
  c.base_url = "http://127.0.0.1:" + std::to_string(port);
  c.model = "m";
  c.retry.max_retries = 2;
  c.retry.base = 5ms;
  auto client = MakeClient(c);
  auto r = Call(*client, Hello());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, CallErrorKind::kProviderError);
  EXPECT_EQ(r.error().http_status, 0);
  EXPECT_NE(r.error().message.find("connect"), std::string::npos);
}

TEST(HttpChatClient, TruncatedStreamIsRetriedWhenNothingWasShown) {
  FakeProvider fake;
  fake.Control(R"({"plan":["truncate"]})");
  auto client = MakeClient(testing::FakeConfig(fake));
  auto r = Call(*client, Hello(true));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->attempts, 2);
}

TEST(HttpChatClient, TruncatedStreamAfterDeltasIsABadResponse) {
  FakeProvider fake;
  fake.Control(
      R"({"plan":["truncate"],"answers":{"other":"a long enough answer to be cut in half"}})");
  auto client = MakeClient(testing::FakeConfig(fake));
  std::string seen;
  CallOptions o;
  o.on_delta = [&](std::string_view d) { seen += d; };
  auto r = Call(*client, Hello(true), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, CallErrorKind::kBadResponse);
  EXPECT_FALSE(seen.empty());
  EXPECT_EQ(fake.Stats().at("requests").as_int64(), 1);  // not repeated: deltas were shown
}

TEST(HttpChatClient, MalformedBodiesAreBadResponses) {
  FakeProvider fake;
  fake.Control(R"({"plan":["malformed_body","malformed_body","truncate"]})");
  auto client = MakeClient(testing::FakeConfig(fake));
  auto whole = Call(*client, Hello());
  ASSERT_FALSE(whole.ok());
  EXPECT_EQ(whole.error().kind, CallErrorKind::kBadResponse);
  auto streamed = Call(*client, Hello(true));
  ASSERT_FALSE(streamed.ok());
  EXPECT_EQ(streamed.error().kind, CallErrorKind::kBadResponse);
  auto cut = Call(*client, Hello());  // a body cut short is a broken connection: retried
  EXPECT_TRUE(cut.ok());
}

TEST(HttpChatClient, CancellationEndsAStalledCallAndFreesItsSlot) {
  FakeProvider fake;
  fake.Control(R"({"plan":["stall"]})");
  auto config = testing::FakeConfig(fake);
  config.concurrency = 1;
  // The hang guard: a call that ignored the cancellation would end here as kTimeout instead.
  config.timeout = testing::kHangGuard;
  auto client = MakeClient(config);
  boost::asio::io_context ioc;
  boost::asio::cancellation_signal cancel;
  std::optional<CallResult<ChatResponse>> result;
  boost::asio::co_spawn(ioc, client->Complete(Hello(), {}),
                        boost::asio::bind_cancellation_slot(
                            cancel.slot(), [&](std::exception_ptr, CallResult<ChatResponse> r) {
                              result.emplace(std::move(r));
                            }));
  // Cancel once the provider holds the request (checked every 10 ms).
  boost::asio::steady_timer t(ioc);
  std::function<void()> cancel_once_stalled = [&] {
    t.expires_after(10ms);
    t.async_wait([&](boost::system::error_code) {
      if (result) return;
      if (Count(fake.Stats(), "by_action", "stall") == 1) {
        cancel.emit(boost::asio::cancellation_type::terminal);
      } else {
        cancel_once_stalled();
      }
    });
  };
  cancel_once_stalled();
  ioc.run();
  ASSERT_TRUE(result);
  ASSERT_FALSE(result->ok());
  EXPECT_EQ(result->error().kind, CallErrorKind::kCancelled);
  EXPECT_EQ(client->limiter().in_use(), 0);
  const auto stats = WaitForStats(fake, StallReleased);  // the client closed the stalled request
  EXPECT_TRUE(StallReleased(stats)) << boost::json::serialize(stats);
  auto next = Call(*client, Hello());  // the one slot is free again
  EXPECT_TRUE(next.ok());
}

}  // namespace
}  // namespace notecoder::llm
