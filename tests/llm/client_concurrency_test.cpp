#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <thread>

#include "infra/metrics.hpp"
#include "llm/client_fixture.hpp"

namespace notecoder::llm {
namespace {

using testing::FakeProvider;
using testing::Hello;
using testing::MakeClient;
using namespace std::chrono_literals;

// 200 calls at once over two io threads, LLM_CONCURRENCY=4: the provider never sees more than 4.
TEST(ClientConcurrency, TwoHundredCallsNeverExceedTheLimit) {
  FakeProvider fake({"--latency-ms", "20"});
  // Declared before the client: its pooled sockets must close while their contexts live.
  boost::asio::io_context a;
  boost::asio::io_context b;
  infra::Metrics metrics;
  auto config = testing::FakeConfig(fake);
  config.concurrency = 4;
  config.timeout = 30s;
  auto client = MakeClient(config, &metrics);
  constexpr int kCalls = 200;
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  for (int i = 0; i < kCalls; ++i) {
    boost::asio::co_spawn(i % 2 == 0 ? a : b, client->Complete(Hello(i % 3 == 0), {}),
                          [&](std::exception_ptr, CallResult<ChatResponse> r) {
                            (r.ok() ? ok : failed).fetch_add(1);
                          });
  }
  std::thread second([&b] { b.run(); });
  a.run();
  second.join();
  EXPECT_EQ(ok.load(), kCalls);
  EXPECT_EQ(failed.load(), 0);
  const auto stats = fake.Stats();
  EXPECT_EQ(stats.at("requests").as_int64(), kCalls);
  EXPECT_LE(stats.at("max_in_flight").as_int64(), 4);
  EXPECT_EQ(stats.at("max_in_flight").as_int64(), 4);  // and the limit is used
  EXPECT_LE(client->limiter().max_in_use(), 4);
  EXPECT_LE(client->pool().opened(), 8u);  // at most 4 per io_context, reused
  const std::string text = metrics.Render();
  EXPECT_NE(text.find("notecoder_llm_requests_total{outcome=\"ok\"} 200"), std::string::npos);
  EXPECT_NE(text.find("notecoder_llm_tokens_total{direction=\"in\",model=\"fake-model\"}"),
            std::string::npos);
  EXPECT_NE(text.find("notecoder_llm_slot_wait_seconds_count 200"), std::string::npos);
}

}  // namespace
}  // namespace notecoder::llm
