// Black-box: SIGTERM while the server is busy with every kind of request: rules-only requests on
// big notes queued for the one CPU worker, LLM requests waiting on a slow fake provider, and SSE
// streams. Every request accepted before the signal gets its whole answer (or a clear error), no
// connection is cut, new connections are refused once the drain starts, and the process exits 0
// inside SHUTDOWN_GRACE_S.
#include <signal.h>

#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/bounded_client.hpp"
#include "http/raw_connection.hpp"
#include "http/server_process.hpp"
#include "llm/fake_provider.hpp"

namespace notecoder::testing {
namespace {

constexpr const char* kLlmNote =
    R"({"note":"Assessment: Essential hypertension. Possible pneumonia. Denies chest pain."})";

std::string BigRulesNote(int i, std::size_t bytes) {
  std::string text = "Visit " + std::to_string(i) + ". ";
  while (text.size() < bytes) {
    text += "Patient with type 2 diabetes and hypertension; denies chest pain. ";
  }
  return R"({"note":")" + text + R"(","options":{"use_llm":false}})";
}

TEST(ServiceDrain, SigtermUnderLoadAnswersEveryAcceptedRequestAndExitsZero) {
  FakeProvider fake({"--latency-ms", "1500"});
  ServerProcess server({{"LLM_BASE_URL", fake.base_url() + "/v1"},
                        {"LLM_MODEL", "fake-model"},
                        {"LLM_CONCURRENCY", "4"},
                        {"TIME_BUDGET_S", "5"},
                        {"SHUTDOWN_GRACE_S", "8"},
                        {"CPU_WORKERS", "2"},
                        {"MODEL_PATH", "none"},
                        {"ENABLE_ML_CACHE", "0"},
                        {"ENABLE_LLM_CACHE", "0"},
                        {"LOG_LEVEL", "info"},
                        {"SKIP_WARMUP", "1"}});
  ASSERT_TRUE(server.started()) << server.Log();
  ASSERT_TRUE(server.WaitReady(std::chrono::seconds(30))) << server.Log();
  const int port = server.port();

  constexpr int kEach = 4;  // per kind: rules-only, LLM, LLM stream
  std::vector<BoundedResult> results(3 * kEach);
  std::vector<std::thread> clients;
  for (int i = 0; i < 3 * kEach; ++i) {
    clients.emplace_back([&, i] {
      const int kind = i % 3;
      const std::string body = kind == 0 ? BigRulesNote(i, 50u << 10) : std::string(kLlmNote);
      results[i] = BoundedPost(port, kind == 2 ? "/predict/coder/stream" : "/predict/coder", body,
                               std::chrono::seconds(12));
    });
  }
  // Signal once every LLM request is in (8 of them, plus the /metrics request asking) and calls
  // are at the provider (each LLM request takes 3 s or more: two 1.5 s stages).
  const bool busy = WaitUntil(
      [&] {
        return ScrapeMetric(port, "http_server_active_requests") >= 2 * kEach + 1 &&
               fake.Stats().at("in_flight").to_number<int>() >= 1;
      },
      std::chrono::seconds(10));
  EXPECT_TRUE(busy) << "signalled without the whole load in flight";
  server.Signal(SIGTERM);

  // Once draining, no new connection is taken.
  EXPECT_TRUE(
      WaitUntil([&] { return server.Log().find(R"("event":"draining")") != std::string::npos; },
                std::chrono::seconds(3)));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the acceptor closes on its thread
  {
    RawConnection late(port);
    bool answered = false;
    if (late.ok() && late.Send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) {
      answered = !late.ReceiveAll(std::chrono::milliseconds(1000)).empty();
    }
    EXPECT_FALSE(answered) << "a connection made after the drain started was served";
  }

  for (auto& t : clients) t.join();
  // 30 s: a hang guard. Inside SHUTDOWN_GRACE_S is shown by the log's requests_cut:0 below (the
  // grace ran out on nothing) and by every request having been answered whole.
  const int status = server.WaitExit(std::chrono::seconds(30));
  EXPECT_EQ(status, 0) << server.Log().substr(0, 4000);
  int whole = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    ASSERT_TRUE(r.connected) << i;
    EXPECT_TRUE(r.complete) << "request " << i << " was cut: " << r.status;
    if (!r.complete) continue;
    if (r.status != 200) {
      EXPECT_TRUE(IsJsonError(r.body)) << i << ": " << r.body.substr(0, 200);
      continue;
    }
    if (i % 3 == 2) {
      EXPECT_NE(r.body.find("event: final\n"), std::string::npos) << r.body.substr(0, 300);
    } else {
      EXPECT_NE(r.body.find(R"("codes":)"), std::string::npos) << r.body.substr(0, 300);
    }
    ++whole;
  }
  EXPECT_EQ(whole, 3 * kEach) << "every request in flight at SIGTERM finished inside the grace";
  EXPECT_NE(server.Log().find(R"("requests_cut":0)"), std::string::npos);
}

}  // namespace
}  // namespace notecoder::testing
