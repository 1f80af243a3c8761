// Black-box: the built server with the LLM stage on, against the fake provider misbehaving while
// requests are in flight: a timed 429 storm, stalled calls, reset connections, bodies and streams
// cut mid-way or left hanging half-written, and the TCP path to the provider (through the fault
// proxy) stalling and resetting. Every request gets a whole answer in its budget, degraded with
// reasons when the LLM could not help; every stream ends with its `final` event.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/bounded_client.hpp"
#include "http/fault_proxy.hpp"
#include "http/server_process.hpp"
#include "llm/fake_provider.hpp"

namespace notecoder::testing {
namespace {

namespace json = boost::json;
using Millis = std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// The engines disagree on it (no model), so the LLM stage runs.
constexpr const char* kNote =
    R"({"note":"Assessment: Essential hypertension. Possible pneumonia. Denies chest pain."})";

struct Outcomes {
  std::mutex mutex;
  int sent = 0;
  int whole = 0;     // 200 with codes (degraded or not), or a stream with a final event
  int degraded = 0;  // ... of which degraded, each with at least one reason
  std::vector<std::string> bad;
};

void Check(Outcomes& out, const BoundedResult& r, bool stream) {
  std::lock_guard lock(out.mutex);
  ++out.sent;
  std::string body = r.body;
  if (stream) {
    // The last event is `final`; its data is the same JSON as the plain answer.
    const auto at = body.rfind("event: final\n");
    if (!r.complete || r.status != 200 || at == std::string::npos) {
      out.bad.push_back("stream " + std::to_string(r.status) + " " + body.substr(0, 200));
      return;
    }
    const auto data = body.find("data: ", at);
    body = body.substr(data + 6, body.find('\n', data) - data - 6);
  } else if (!r.complete || r.status != 200) {
    out.bad.push_back(std::to_string(r.status) + " " + body.substr(0, 200));
    return;
  }
  boost::system::error_code ec;
  const auto v = json::parse(body, ec);
  if (ec || !v.as_object().contains("codes") || v.at("codes").as_array().empty()) {
    out.bad.push_back("no codes: " + body.substr(0, 200));
    return;
  }
  ++out.whole;
  if (v.at("degraded").as_bool()) {
    ++out.degraded;
    if (v.at("degraded_reasons").as_array().empty()) out.bad.push_back("degraded, no reason");
  }
}

class ServiceProviderFaults : public ::testing::Test {
 protected:
  void Start(const std::string& provider_url) {
    server_ = std::make_unique<ServerProcess>(ServerEnv{{"LLM_BASE_URL", provider_url + "/v1"},
                                                        {"LLM_MODEL", "fake-model"},
                                                        {"LLM_CONCURRENCY", "3"},
                                                        {"LLM_MAX_RETRIES", "2"},
                                                        {"LLM_TIMEOUT_S", "1"},
                                                        {"TIME_BUDGET_S", "1.5"},
                                                        {"MODEL_PATH", "none"},
                                                        {"ENABLE_ML_CACHE", "0"},
                                                        {"ENABLE_LLM_CACHE", "0"},
                                                        {"LOG_LEVEL", "info"},
                                                        {"SKIP_WARMUP", "1"}});
    ASSERT_TRUE(server_->started()) << server_->Log();
    ASSERT_TRUE(server_->WaitReady(std::chrono::seconds(30))) << server_->Log();
  }

  // Four clients (two plain, two streams) for `span`, bounded in count too.
  void Drive(Outcomes& out, Millis span) {
    const auto until = Clock::now() + span;
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c) {
      clients.emplace_back([&, c] {
        const bool stream = c % 2 == 1;
        for (int n = 0; n < 60 && Clock::now() < until; ++n) {
          // Budget 1.5 s: a whole answer comes well inside 10 s or something hangs.
          const auto r =
              BoundedPost(server_->port(), stream ? "/predict/coder/stream" : "/predict/coder",
                          kNote, Millis(10000));
          Check(out, r, stream);
        }
      });
    }
    for (auto& t : clients) t.join();
  }

  void ExpectAllWhole(Outcomes& out) {
    std::cout << "[ faults   ] requests " << out.sent << ", whole " << out.whole << ", degraded "
              << out.degraded << std::endl;
    EXPECT_GT(out.sent, 8);
    EXPECT_EQ(out.whole, out.sent)
        << out.bad.size() << " bad, first: " << (out.bad.empty() ? "" : out.bad.front());
    EXPECT_GT(out.degraded, 0) << "the faults reached the LLM stage";
    EXPECT_EQ(BoundedGet(server_->port(), "/health", Millis(2000)).status, 200);
  }

  std::unique_ptr<ServerProcess> server_;
};

TEST_F(ServiceProviderFaults, StormStallsResetsAndCutAnswersGiveWholeAnswers) {
  FakeProvider fake({"--latency-ms", "30"});
  Start(fake.base_url());
  // A 1 s 429 storm first, then one of each misbehaviour, then healthy answers.
  fake.Control(R"({"storm_429_s": 1.0, "retry_after_ms": 50, "plan": [
    "stall", "reset", "truncate", "partial_stall", "malformed_body", "500", "stall", "reset",
    "truncate", "partial_stall", "503", "malformed_content"]})");
  Outcomes out;
  Drive(out, Millis(3500));
  ExpectAllWhole(out);
  const auto stats = fake.Stats();
  ASSERT_TRUE(stats.at("by_status").as_object().contains("429"));
  EXPECT_GT(stats.at("by_status").at("429").to_number<int>(), 0);
  // Every call the server gave up on is closed: nothing is left at the provider.
  EXPECT_TRUE(
      WaitUntil([&] { return fake.Stats().at("in_flight").to_number<int>() == 0; }, Millis(6000)));
  // Healthy again (whatever of the plan is left is dropped): a whole, not degraded, answer.
  fake.Control(R"({"plan": []})");
  const auto r = BoundedPost(server_->port(), "/predict/coder", kNote, Millis(10000));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find(R"("degraded":false)"), std::string::npos) << r.body.substr(0, 300);
}

TEST_F(ServiceProviderFaults, TheNetworkToTheProviderStallsResetsAndCutsReplies) {
  FakeProvider fake({"--latency-ms", "30"});
  FaultProxy proxy(fake.port());
  Start("http://127.0.0.1:" + std::to_string(proxy.port()));
  proxy.Control(R"({"schedule": [
    {"mode": "stall", "for_s": 0.8}, {"mode": "pass", "for_s": 0.3},
    {"mode": "reset", "for_s": 0.6}, {"mode": "pass", "for_s": 0.3},
    {"mode": "partial", "then": "close", "for_s": 0.6},
    {"mode": "partial", "then": "stall", "for_s": 0.6}], "repeat": false})");
  Outcomes out;
  Drive(out, Millis(3500));
  ExpectAllWhole(out);
  EXPECT_GT(proxy.Stats().at("resets").to_number<int>(), 0);
  EXPECT_TRUE(
      WaitUntil([&] { return fake.Stats().at("in_flight").to_number<int>() == 0; }, Millis(6000)));
}

}  // namespace
}  // namespace notecoder::testing
