#include "cache/caching_chat_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "cache/limited_chat_client.hpp"
#include "cache/memory_cache.hpp"
#include "run_co.hpp"

namespace notecoder::cache {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;

class CountingClient final : public llm::ChatClient {
 public:
  asio::awaitable<llm::CallResult<llm::ChatResponse>> Complete(llm::ChatRequest request,
                                                               llm::CallOptions) override {
    ++calls;
    asio::steady_timer t(co_await asio::this_coro::executor, milliseconds(20));
    auto wait = t.async_wait(asio::use_awaitable);
    co_await std::move(wait);
    if (fail) co_return llm::MakeCallError(llm::CallErrorKind::kRateLimited, "429", 429);
    llm::ChatResponse r;
    r.content = "answer to " + std::to_string(request.messages.size());
    r.finish_reason = finish;
    co_return r;
  }
  const std::string& model() const override { return model_; }
  int calls = 0;
  bool fail = false;
  std::string finish = "stop";

 private:
  std::string model_ = "fake-model";
};

llm::ChatRequest Request(const std::string& user) {
  llm::ChatRequest r;
  r.messages = {{"system", "notecoder-agent: parse"}, {"user", user}};
  return r;
}

struct ClientSetup {
  ClientSetup()
      : cache(std::make_shared<MemoryCache>(1 << 20)),
        keys(std::make_shared<KeyMaker>(std::string(32, 'k'))),
        flights(std::make_shared<SingleFlight>()),
        cached(inner, cache, keys, flights, milliseconds(60000), "v1+abc") {}
  llm::CallResult<llm::ChatResponse> Call(const std::string& user) {
    llm::CallOptions o;
    o.deadline = llm::Clock::now() + milliseconds(2000);
    return testing::RunCo(io, cached.Complete(Request(user), o));
  }
  asio::io_context io;
  CountingClient inner;
  std::shared_ptr<MemoryCache> cache;
  std::shared_ptr<KeyMaker> keys;
  std::shared_ptr<SingleFlight> flights;
  CachingChatClient cached;
};

TEST(CachingChatClient, RepeatedPromptCostsNothing) {
  ClientSetup s;
  auto first = s.Call("CANARY-aa note text");
  ASSERT_TRUE(first.ok());
  auto second = s.Call("CANARY-aa note text");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->content, first->content);
  EXPECT_EQ(second->attempts, 0);  // from the cache
  EXPECT_EQ(s.inner.calls, 1);
  ASSERT_TRUE(s.Call("another note").ok());
  EXPECT_EQ(s.inner.calls, 2);
}

TEST(CachingChatClient, ConcurrentIdenticalPromptsShareOneCall) {
  ClientSetup s;
  std::vector<asio::awaitable<void>> tasks;
  int ok = 0;
  std::string streamed;
  for (int i = 0; i < 20; ++i) {
    tasks.push_back([](CachingChatClient* c, int* n, std::string* deltas) -> asio::awaitable<void> {
      llm::CallOptions o;
      o.deadline = llm::Clock::now() + milliseconds(2000);
      o.on_delta = [deltas](std::string_view d) { deltas->append(d); };
      auto r = Request("same note");
      r.stream = true;
      auto call = c->Complete(std::move(r), std::move(o));
      auto res = co_await std::move(call);
      if (res.ok()) ++*n;
    }(&s.cached, &ok, &streamed));
  }
  testing::RunAll(s.io, std::move(tasks));
  EXPECT_EQ(ok, 20);
  EXPECT_EQ(s.inner.calls, 1);
  EXPECT_NE(streamed.find("answer to 2"), std::string::npos);  // joiners got the content
}

TEST(CachingChatClient, FailuresAndTruncatedAnswersAreNotStored) {
  ClientSetup s;
  s.inner.fail = true;
  auto failed = s.Call("note");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().kind, llm::CallErrorKind::kRateLimited);  // the leader's own error
  s.inner.fail = false;
  s.inner.finish = "length";
  ASSERT_TRUE(s.Call("note").ok());
  ASSERT_TRUE(s.Call("note").ok());
  EXPECT_EQ(s.inner.calls, 3);
  EXPECT_EQ(s.cache->entries(), 0u);
}

class FixedLimiter final : public LlmLimiter {
 public:
  asio::awaitable<Result<Lease>> Acquire(Clock::time_point) override {
    ++asked;
    if (!grant) co_return MakeError(ErrorCode::kDeadlineExceeded, "full");
    co_return Lease(std::make_shared<int>(0), true);
  }
  int asked = 0;
  bool grant = true;
};

TEST(LimitedChatClient, TakesALeasePerCallAndMapsNoSlotToRateLimited) {
  asio::io_context io;
  CountingClient inner;
  auto limiter = std::make_shared<FixedLimiter>();
  LimitedChatClient limited(inner, limiter);
  llm::CallOptions o;
  o.deadline = llm::Clock::now() + milliseconds(500);
  ASSERT_TRUE(testing::RunCo(io, limited.Complete(Request("x"), o)).ok());
  EXPECT_EQ(limiter->asked, 1);
  limiter->grant = false;
  auto r = testing::RunCo(io, limited.Complete(Request("x"), o));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, llm::CallErrorKind::kRateLimited);
  EXPECT_EQ(inner.calls, 1);
}

}  // namespace
}  // namespace notecoder::cache
