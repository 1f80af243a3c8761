// Black-box: readiness transitions, warmup failure, WAIT_FOR_READY_S, admission, SIGTERM drain.
#include <gtest/gtest.h>

#include <signal.h>

#include <boost/json/parse.hpp>
#include <future>
#include <string>
#include <thread>

#include "http/http_client.hpp"
#include "http/server_process.hpp"
#include "support/sanitizers.hpp"

namespace notecoder::testing {
namespace {

namespace json = boost::json;

constexpr const char* kNote = R"({"note":"Assessment: type 2 diabetes with CKD stage 3b."})";

// A note large enough to keep the single CPU worker busy for a few hundred milliseconds.
std::string SlowNote() {
  std::string text;
  while (text.size() < (3u << 20)) {
    text += "Patient with type 2 diabetes and hypertension; denies chest pain. ";
  }
  return "{\"note\":\"" + text + "\"}";
}

// Waits (bounded) until the slow request is being coded: the active-request gauge reads 2 (it
// and the /metrics request itself) on three polls in a row. One reading is not enough: the
// previous probe may still be counted for the instant after its answer was sent.
void WaitUntilSlowRequestRuns(int port) {
  int seen = 0;
  for (int i = 0; i < 400 && seen < 3; ++i) {
    const bool two =
        Get(port, "/metrics").body.find("http_server_active_requests 2") != std::string::npos;
    seen = two ? seen + 1 : 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

TEST(ServiceLifecycle, NotReadyUntilWarmupThenReady) {
  ServerProcess server(ServerEnv{{"WARMUP_DELAY_MS", "600"}});
  ASSERT_TRUE(server.started()) << server.Log();
  auto ready = Get(server.port(), "/ready");
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(ready.headers["retry-after"], "10");
  const auto health = Get(server.port(), "/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_FALSE(json::parse(health.body).at("ready").as_bool());
  auto predict = PostJson(server.port(), "/predict/coder", kNote);
  EXPECT_EQ(predict.status, 503);
  EXPECT_EQ(predict.headers["retry-after"], "10");
  EXPECT_EQ(json::parse(predict.body).at("error").at("code").as_string(), "unavailable");
  EXPECT_TRUE(server.WaitReady());
  EXPECT_EQ(PostJson(server.port(), "/predict/coder", kNote).status, 200);
}

TEST(ServiceLifecycle, WarmupFailureIsReportedByReady) {
  ServerProcess server(ServerEnv{{"NOTECODER_CODEBOOK", "/nonexistent/codebook.bin"}});
  ASSERT_TRUE(server.started()) << server.Log();
  HttpResult ready;
  for (int i = 0; i < 200; ++i) {
    ready = Get(server.port(), "/ready");
    if (ready.body.find("warmup failed") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(ready.status, 503);
  EXPECT_NE(ready.body.find("warmup failed"), std::string::npos) << ready.body;
  EXPECT_EQ(Get(server.port(), "/health").status, 200);
}

TEST(ServiceLifecycle, WaitForReadyHoldsPredictUntilWarm) {
  ServerProcess server(ServerEnv{{"WARMUP_DELAY_MS", "300"}, {"WAIT_FOR_READY_S", "10"}});
  ASSERT_TRUE(server.started()) << server.Log();
  EXPECT_EQ(PostJson(server.port(), "/predict/coder", kNote).status, 200);
}

TEST(ServiceLifecycle, AdmissionRefusesAtOnceAndHealthAnswersWhileBusy) {
  ServerProcess server(ServerEnv{{"LIMIT_CONCURRENCY", "1"},
                                 {"MAX_BODY_BYTES", "8388608"},
                                 {"BACKGROUND_WARMUP", "0"},
                                 {"LOG_LEVEL", "info"}});
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const int port = server.port();
  auto slow = std::async(std::launch::async,
                         [port] { return PostJson(port, "/predict/coder", SlowNote()); });
  // Wait until the slow request is being coded.
  WaitUntilSlowRequestRuns(port);
  auto refused = PostJson(port, "/predict/coder", kNote);
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.headers["retry-after"], "1");
  const auto health = Get(port, "/health");
  EXPECT_EQ(health.status, 200);
  // Both answered while the slow note was still being coded: the refusal did not queue behind
  // it, and /health does not wait for the CPU pool.
  EXPECT_EQ(slow.wait_for(std::chrono::seconds(0)), std::future_status::timeout)
      << "the slow request ended before the refusal and /health were answered";
  EXPECT_EQ(slow.get().status, 200) << server.Log();
  EXPECT_NE(Get(port, "/metrics").body.find("notecoder_admission_rejections_total 1"),
            std::string::npos);
}

TEST(ServiceLifecycle, SigtermDrainsInFlightRequestsAndExitsZero) {
  // The grace bounds the drain; a sanitizer codes the slow note in several seconds, not hundreds
  // of milliseconds (about 6 s under ThreadSanitizer on 2 cores).
  ServerProcess server(ServerEnv{{"MAX_BODY_BYTES", "8388608"},
                                 {"BACKGROUND_WARMUP", "0"},
                                 {"SHUTDOWN_GRACE_S", kSanitized ? "60" : "5"}});
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const int port = server.port();
  auto slow = std::async(std::launch::async,
                         [port] { return PostJson(port, "/predict/coder", SlowNote()); });
  WaitUntilSlowRequestRuns(port);
  server.Signal(SIGTERM);
  EXPECT_EQ(slow.get().status, 200) << server.Log();
  EXPECT_EQ(server.WaitExit(), 0) << server.Log();
  const auto log = server.Log();
  EXPECT_NE(log.find("\"event\":\"draining\""), std::string::npos);
  EXPECT_NE(log.find("\"requests_cut\":0"), std::string::npos) << log;
}

}  // namespace
}  // namespace notecoder::testing
