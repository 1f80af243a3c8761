#include <gtest/gtest.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "llm/client_fixture.hpp"

namespace notecoder::llm {
namespace {

using testing::Count;
using testing::FakeProvider;
using testing::Hello;
using testing::MakeClient;
using testing::RunSync;
using namespace std::chrono_literals;

CallResult<ChatResponse> Call(HttpChatClient& client, ChatRequest r, CallOptions o = {}) {
  return RunSync(client.Complete(std::move(r), std::move(o)));
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
  const auto start = std::chrono::steady_clock::now();
  auto r = Call(*client, Hello());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->attempts, 4);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 90ms);  // retry-after-ms honoured 3 times
  EXPECT_EQ(Count(fake.Stats(), "by_status", "429"), 3);
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
  auto client = MakeClient(testing::FakeConfig(fake));
  const auto start = std::chrono::steady_clock::now();
  auto r = Call(*client, Hello());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, CallErrorKind::kRateLimited);
  EXPECT_EQ(*r.error().retry_after, 30s);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);  // no pointless sleep
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
  auto client = MakeClient(testing::FakeConfig(fake));  // LLM_TIMEOUT_S = 5 s
  CallOptions o;
  o.deadline = std::chrono::steady_clock::now() + 300ms;  // the request's budget is shorter
  const auto start = std::chrono::steady_clock::now();
  auto r = Call(*client, Hello(), o);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, CallErrorKind::kTimeout);
  EXPECT_GE(took, 290ms);
  EXPECT_LT(took, 800ms);
}

TEST(HttpChatClient, LlmTimeoutCapsTheWholeCall) {
  FakeProvider fake;
  fake.Control(R"({"plan":["stall"]})");
  auto config = testing::FakeConfig(fake);
  config.timeout = 200ms;
  auto client = MakeClient(config);
  const auto start = std::chrono::steady_clock::now();
  auto r = Call(*client, Hello());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, CallErrorKind::kTimeout);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 700ms);
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
  auto client = MakeClient(config);
  boost::asio::io_context ioc;
  boost::asio::cancellation_signal cancel;
  std::optional<CallResult<ChatResponse>> result;
  const auto start = std::chrono::steady_clock::now();
  std::chrono::steady_clock::duration took{};
  boost::asio::co_spawn(ioc, client->Complete(Hello(), {}),
                        boost::asio::bind_cancellation_slot(
                            cancel.slot(), [&](std::exception_ptr, CallResult<ChatResponse> r) {
                              took = std::chrono::steady_clock::now() - start;
                              result.emplace(std::move(r));
                            }));
  boost::asio::steady_timer t(ioc, 100ms);
  t.async_wait(
      [&](boost::system::error_code) { cancel.emit(boost::asio::cancellation_type::terminal); });
  ioc.run();
  ASSERT_TRUE(result);
  ASSERT_FALSE(result->ok());
  EXPECT_EQ(result->error().kind, CallErrorKind::kCancelled);
  EXPECT_LT(took, 1s);
  EXPECT_EQ(client->limiter().in_use(), 0);
  auto next = Call(*client, Hello());  // the one slot is free again
  EXPECT_TRUE(next.ok());
}

}  // namespace
}  // namespace notecoder::llm
