// Black-box: the built server with the LLM engine against the fake provider: the agents' answer
// merged in, the critical path respected, a 429 storm and a slow provider answered in budget
// as degraded results, and the provider never sees more than LLM_CONCURRENCY calls at once.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "http/http_client.hpp"
#include "http/raw_connection.hpp"
#include "http/server_process.hpp"
#include "llm/fake_provider.hpp"

namespace notecoder::testing {
namespace {

namespace json = boost::json;

// A note the engines disagree on (the rules engine codes it, no model: "no_codes_found" never
// applies), so the LLM stage runs.
constexpr const char* kNote =
    R"({"note":"Assessment: Essential hypertension. Possible pneumonia. Denies chest pain."})";

ServerEnv LlmEnv(const FakeProvider& fake, ServerEnv extra = {}) {
  ServerEnv env{{"LLM_BASE_URL", fake.base_url() + "/v1"},
                {"LLM_MODEL", "fake-model"},
                {"LLM_CONCURRENCY", "2"},
                {"LLM_MAX_RETRIES", "2"},
                {"MODEL_PATH", "none"},
                {"API_KEYS", ""},
                // Every request reaches the provider unless a test turns the caches on.
                {"ENABLE_ML_CACHE", "0"},
                {"ENABLE_LLM_CACHE", "0"}};
  for (auto& [k, v] : extra) env[k] = v;
  return env;
}

// Sends kNote from `clients` threads at once; returns how many were answered 200.
int PostAtOnce(int port, int clients) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&] {
      if (PostJson(port, "/predict/coder", kNote).status == 200) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  return ok.load();
}

json::object Predict(int port) {
  const auto r = PostJson(port, "/predict/coder", kNote);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? json::parse(r.body).as_object() : json::object{};
}

TEST(ServiceLlm, AgentsRunOnTheCriticalPathAndTheirCodesAreMerged) {
  FakeProvider fake({"--latency-ms", "80"});
  ServerProcess server(LlmEnv(fake));
  ASSERT_TRUE(server.started()) << server.Log();
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const json::object body = Predict(server.port());
  const auto& llm = body.at("engine").at("llm").as_object();
  EXPECT_TRUE(llm.at("used").as_bool()) << json::serialize(body.at("engine"));
  EXPECT_FALSE(body.at("degraded").as_bool()) << json::serialize(body.at("degraded_reasons"));
  EXPECT_TRUE(body.at("summary").is_string());
  bool any_llm = false;
  for (const auto& c : body.at("codes").as_array()) {
    for (const auto& s : c.at("sources").as_array()) any_llm |= s.as_string() == "llm";
  }
  EXPECT_TRUE(any_llm);
  // Timings name every stage (their sum against the total is a benchmark figure, not a test).
  const auto& t = body.at("timings_ms").as_object();
  for (const char* stage : {"rules", "parse", "summarize", "structure", "total"}) {
    EXPECT_TRUE(t.contains(stage)) << stage;
  }
  const auto stats = fake.Stats();
  EXPECT_EQ(stats.at("requests").to_number<int>(), 3);
}

TEST(ServiceLlm, ARateLimitStormGivesADegradedAnswerNotAnError) {
  FakeProvider fake({"--latency-ms", "5", "--rate-429", "1.0", "--retry-after-ms", "20"});
  ServerProcess server(LlmEnv(fake));
  ASSERT_TRUE(server.started()) << server.Log();
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const json::object body = Predict(server.port());
  EXPECT_TRUE(body.at("degraded").as_bool());
  ASSERT_FALSE(body.at("degraded_reasons").as_array().empty());
  EXPECT_EQ(body.at("degraded_reasons").as_array().at(0).as_string(), "llm_rate_limited");
  EXPECT_FALSE(body.at("codes").as_array().empty()) << "the rules engine still answers";
  // 1 call + 2 retries for parse, nothing after it.
  EXPECT_LE(fake.Stats().at("requests").to_number<int>(), 3);
}

TEST(ServiceLlm, AProviderThatNeverAnswersIsCutAtTheTimeBudget) {
  FakeProvider fake;
  // Every agent's call stalls: the provider holds it open and never answers.
  fake.Control(R"({"agent_actions":{"parse":"stall","summarize":"stall","structure":"stall",)"
               R"("basics":"stall"}})");
  // LLM_TIMEOUT_S far beyond the 10 s hang guard below: only the 0.4 s budget can end the
  // provider call in time for an answer.
  ServerProcess server(LlmEnv(fake, {{"TIME_BUDGET_S", "0.4"}, {"LLM_TIMEOUT_S", "120"}}));
  ASSERT_TRUE(server.started()) << server.Log();
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const std::string note(kNote);
  RawConnection c(server.port());
  ASSERT_TRUE(
      c.Send("POST /predict/coder HTTP/1.1\r\nHost: x\r\nContent-Type: "
             "application/json\r\nContent-Length: " +
             std::to_string(note.size()) + "\r\n\r\n" + note));
  const auto answer = ParseFrontResponse(c.ReceiveUntil(
      [](const std::string& d) { return ParseFrontResponse(d).complete; }, Millis(10000)));
  ASSERT_TRUE(answer.complete) << "no answer before the hang guard";
  ASSERT_EQ(answer.response.status, 200) << answer.response.body;
  const json::object body = json::parse(answer.response.body).as_object();
  EXPECT_TRUE(body.at("degraded").as_bool());
  EXPECT_EQ(body.at("degraded_reasons").as_array().at(0).as_string(), "llm_timeout");
  EXPECT_FALSE(body.at("codes").as_array().empty());
  // The call had reached the provider, which never answered it; the service then closed it
  // rather than leaving it open at the provider.
  auto stats = fake.Stats();
  EXPECT_GE(stats.at("requests").to_number<int>(), 1);
  EXPECT_TRUE(stats.at("by_status").as_object().if_contains("200") == nullptr);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);  // hang guard
  while (stats.at("in_flight").to_number<int>() != 0 &&
         std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    stats = fake.Stats();
  }
  EXPECT_EQ(stats.at("in_flight").to_number<int>(), 0) << json::serialize(stats);
}

TEST(ServiceLlm, ConcurrentRequestsNeverExceedLlmConcurrency) {
  FakeProvider fake({"--latency-ms", "60"});
  ServerProcess server(LlmEnv(fake, {{"LIMIT_CONCURRENCY", "64"}}));
  ASSERT_TRUE(server.started()) << server.Log();
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  EXPECT_EQ(PostAtOnce(server.port(), 16), 16);
  const auto stats = fake.Stats();
  EXPECT_LE(stats.at("max_in_flight").to_number<int>(), 2);
  EXPECT_GE(stats.at("requests").to_number<int>(), 16);
}

TEST(ServiceLlm, IdenticalRequestsRunOnceAndRepeatsAreCacheHits) {
  FakeProvider fake({"--latency-ms", "60"});
  ServerProcess server(LlmEnv(
      fake, {{"ENABLE_ML_CACHE", "1"}, {"ENABLE_LLM_CACHE", "1"}, {"LIMIT_CONCURRENCY", "64"}}));
  ASSERT_TRUE(server.started()) << server.Log();
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  EXPECT_EQ(PostAtOnce(server.port(), 16), 16);
  EXPECT_EQ(fake.Stats().at("requests").to_number<int>(), 3) << "one parse, summary, structure";
  const auto again = PostJson(server.port(), "/predict/coder", kNote);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.headers.at("x-cache"), "hit");
  EXPECT_EQ(fake.Stats().at("requests").to_number<int>(), 3);
}

TEST(ServiceLlm, AStreamClientThatLeavesCancelsTheAgentCallInFlight) {
  FakeProvider fake({"--latency-ms", "8000"});
  ServerProcess server(LlmEnv(fake, {{"LOG_LEVEL", "info"}}));
  ASSERT_TRUE(server.started()) << server.Log();
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const std::string body(kNote);
  {
    RawConnection c(server.port());
    ASSERT_TRUE(
        c.Send("POST /predict/coder/stream HTTP/1.1\r\nHost: x\r\nContent-Type: "
               "application/json\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body));
    // After the "ml" stage the parse call is at the provider (which answers only after 8 s).
    const auto got = c.ReceiveUntil(
        [](const std::string& d) { return d.find("event: ml") != std::string::npos; },
        Millis(5000));
    ASSERT_NE(got.find("event: ml"), std::string::npos) << got.substr(0, 300);
    std::this_thread::sleep_for(Millis(200));
    c.Reset();
  }
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(4);
  std::string log;
  while (std::chrono::steady_clock::now() < until) {
    log = server.Log();
    if (log.find(R"("agent":"parse","outcome":"cancelled")") != std::string::npos) break;
    std::this_thread::sleep_for(Millis(20));
  }
  EXPECT_NE(log.find(R"("agent":"parse","outcome":"cancelled")"), std::string::npos)
      << "the parse call was not cancelled long before the provider's 8 s answer";
  EXPECT_EQ(Get(server.port(), "/health").status, 200);
}

}  // namespace
}  // namespace notecoder::testing
