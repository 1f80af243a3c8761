// Black-box: a client leaves at each stage of the pipeline: queued for the one CPU worker, during
// the rules engine, during the LLM's parse (with the basics agent beside it), summarize and
// structure calls, and in the middle of an SSE stream. Each time the server frees the request's
// admission slot, nothing stays in progress (/metrics), the provider sees its calls closed (the
// fake's in_flight returns to 0; calls in flight are logged "cancelled"), and the server goes on
// serving. The fake provider stalls the chosen agent to hold the request at that stage.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>

#include "http/bounded_client.hpp"
#include "http/raw_connection.hpp"
#include "http/server_process.hpp"
#include "llm/fake_provider.hpp"

namespace notecoder::testing {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kLlmNote =
    R"({"note":"Assessment: Essential hypertension. Possible pneumonia. Denies chest pain."})";

std::string BigNote(std::size_t bytes) {
  std::string text;
  while (text.size() < bytes) {
    text += "Patient with type 2 diabetes and hypertension; denies chest pain. ";
  }
  return R"({"note":")" + text + R"(","options":{"use_llm":false}})";
}

std::string Post(const std::string& path, const std::string& body) {
  return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

class ServiceCancel : public ::testing::Test {
 protected:
  void SetUp() override {
    fake_ = std::make_unique<FakeProvider>(std::vector<std::string>{"--latency-ms", "20"});
    server_ = std::make_unique<ServerProcess>(ServerEnv{{"LLM_BASE_URL", fake_->base_url() + "/v1"},
                                                        {"LLM_MODEL", "fake-model"},
                                                        {"LLM_CONCURRENCY", "4"},
                                                        {"LLM_BASICS_AGENT", "1"},
                                                        {"TIME_BUDGET_S", "12"},
                                                        {"CPU_WORKERS", "1"},
                                                        {"LIMIT_CONCURRENCY", "2"},
                                                        {"MODEL_PATH", "none"},
                                                        {"ENABLE_ML_CACHE", "0"},
                                                        {"ENABLE_LLM_CACHE", "0"},
                                                        {"LOG_LEVEL", "info"},
                                                        {"SKIP_WARMUP", "1"}});
    ASSERT_TRUE(server_->started()) << server_->Log();
    ASSERT_TRUE(server_->WaitReady(std::chrono::seconds(30))) << server_->Log();
    port_ = server_->port();
  }

  int Active() { return static_cast<int>(ScrapeMetric(port_, "http_server_active_requests")); }
  int ProviderInFlight() { return fake_->Stats().at("in_flight").to_number<int>(); }
  int AgentCalls(const char* agent) {
    const auto stats = fake_->Stats();
    const auto& by = stats.at("by_agent").as_object();
    return by.contains(agent) ? by.at(agent).to_number<int>() : 0;
  }

  // Holds a request at the stage where `agent`'s call is at the provider, then leaves.
  // `also_stalled` names another agent held beside it.
  void LeaveDuringAgent(const char* agent, const std::string& path,
                        const char* also_stalled = nullptr) {
    std::string actions = std::string(R"({"agent_actions": {")") + agent + R"(": "stall")";
    if (also_stalled != nullptr) actions += std::string(R"(, ")") + also_stalled + R"(": "stall")";
    fake_->Control(actions + "}}");
    RawConnection c(port_);
    ASSERT_TRUE(c.Send(Post(path, kLlmNote)));
    ASSERT_TRUE(WaitUntil([&] { return AgentCalls(agent) > 0 && ProviderInFlight() > 0; },
                          std::chrono::seconds(10)))
        << agent << " never reached the provider";
    c.Reset();
  }

  // The request left nothing behind, its agent call was cancelled, and the server still serves
  // with both admission slots.
  // `cpu_s`: how long CPU work already queued may still run (a task on the pool is not stopped).
  void ExpectSettled(const char* cancelled_agent, int cpu_s = 0) {
    // Bounds against a hang, well inside TIME_BUDGET_S (12 s): a call that ended at the budget
    // would not be logged "cancelled" (and would come too late).
    const auto give_up = Seconds(8 + cpu_s);
    EXPECT_TRUE(WaitUntil([&] { return ProviderInFlight() == 0; }, give_up))
        << "the provider still holds " << ProviderInFlight() << " calls";
    EXPECT_TRUE(WaitUntil([&] { return Active() == 1; }, give_up)) << "left in progress";
    // A stream's pipeline may still encode what it had on the pool after its client is gone.
    EXPECT_TRUE(WaitUntil(
        [&] { return ScrapeMetric(port_, "notecoder_cpu_pool_queue_depth") == 0; }, give_up));
    if (cancelled_agent != nullptr) {
      const std::string want =
          std::string(R"("agent":")") + cancelled_agent + R"(","outcome":"cancelled")";
      EXPECT_NE(server_->Log().find(want), std::string::npos) << want;
    }
    fake_->Control(R"({"agent_actions": {}})");
    BoundedResult a, b;
    std::thread other([&] { a = BoundedPost(port_, "/predict/coder", kLlmNote, Seconds(15)); });
    b = BoundedPost(port_, "/predict/coder/stream", kLlmNote, Seconds(15));
    other.join();
    EXPECT_EQ(a.status, 200) << a.body.substr(0, 200);
    EXPECT_EQ(b.status, 200) << b.body.substr(0, 200);
    EXPECT_NE(b.body.find("event: final\n"), std::string::npos);
    EXPECT_EQ(BoundedGet(port_, "/health", Seconds(2)).status, 200);
  }

  static std::chrono::milliseconds Seconds(int s) { return std::chrono::seconds(s); }

  std::unique_ptr<FakeProvider> fake_;
  std::unique_ptr<ServerProcess> server_;
  int port_ = 0;
};

TEST_F(ServiceCancel, WhileQueuedForTheCpuPoolAndDuringTheRules) {
  // The one CPU worker is busy with a big note; a second request waits in the pool's queue.
  const std::string big = BigNote(600u << 10);
  BoundedResult blocker;
  std::thread first([&] { blocker = BoundedPost(port_, "/predict/coder", big, Seconds(20)); });
  RawConnection queued(port_);
  EXPECT_TRUE(WaitUntil([&] { return Active() >= 2; }, Seconds(5)));  // the blocker + /metrics
  EXPECT_TRUE(queued.Send(Post("/predict/coder", big)));
  const bool waiting = WaitUntil(
      [&] { return ScrapeMetric(port_, "notecoder_cpu_pool_queue_depth") >= 1; }, Seconds(5));
  queued.Reset();  // leaves while queued (or, on a fast machine, while its rules run)
  first.join();
  EXPECT_TRUE(waiting) << "the second request was never seen queued";
  EXPECT_EQ(blocker.status, 200) << "the request that stayed is answered";
  ExpectSettled(nullptr, 20);

  // Leaves while the rules engine works on its note (the worker is free, so it runs at once).
  RawConnection during(port_);
  ASSERT_TRUE(during.Send(Post("/predict/coder", big)));
  ASSERT_TRUE(WaitUntil([&] { return Active() >= 2; }, Seconds(5)));
  during.Reset();
  ExpectSettled(nullptr, 20);
}

TEST_F(ServiceCancel, DuringParseAndBasics) {
  LeaveDuringAgent("parse", "/predict/coder", "basics");
  ExpectSettled("parse");
}

TEST_F(ServiceCancel, DuringSummarize) {
  LeaveDuringAgent("summarize", "/predict/coder");
  ExpectSettled("summarize");
}

TEST_F(ServiceCancel, DuringStructure) {
  LeaveDuringAgent("structure", "/predict/coder");
  ExpectSettled("structure");
}

TEST_F(ServiceCancel, DuringAStream) {
  LeaveDuringAgent("summarize", "/predict/coder/stream");
  ExpectSettled("summarize");
}

}  // namespace
}  // namespace notecoder::testing
