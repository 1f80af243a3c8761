// Black-box: the CPU pool saturated (one worker, LIMIT_CONCURRENCY 3) by many clients sending big
// notes. Each answer is a 200 or a 503 with Retry-After and a JSON error body, never a cut or a
// hang; /health and /ready keep answering; once the clients stop, nothing is left in progress.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/bounded_client.hpp"
#include "http/server_process.hpp"

namespace notecoder::testing {
namespace {

using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

std::string BigNote(int i, std::size_t bytes) {
  std::string text = "Visit " + std::to_string(i) + ". ";
  while (text.size() < bytes) {
    text += "Patient with type 2 diabetes and hypertension; denies chest pain. ";
  }
  return R"({"note":")" + text + R"("})";
}

TEST(ServiceOverload, ASaturatedCpuPoolAnswers200Or503AndKeepsProbesUp) {
  ServerProcess server({{"CPU_WORKERS", "1"},
                        {"LIMIT_CONCURRENCY", "3"},
                        {"MODEL_PATH", "none"},
                        {"ENABLE_ML_CACHE", "0"},
                        {"LOG_LEVEL", "info"},
                        {"SKIP_WARMUP", "1"}});
  ASSERT_TRUE(server.started()) << server.Log();
  ASSERT_TRUE(server.WaitReady(std::chrono::seconds(30))) << server.Log();
  const int port = server.port();

  std::mutex mutex;
  int ok = 0, busy = 0;
  std::vector<std::string> bad;
  std::atomic<int> probes{0}, probes_bad{0};
  const auto until = Clock::now() + Millis(3000);
  std::vector<std::thread> clients;
  for (int c = 0; c < 12; ++c) {
    clients.emplace_back([&, c] {
      for (int n = 0; n < 4 && Clock::now() < until; ++n) {
        const auto r =
            BoundedPost(port, "/predict/coder", BigNote(c * 100 + n, 100u << 10), Millis(10000));
        std::lock_guard lock(mutex);
        if (r.complete && r.status == 200) {
          ++ok;
        } else if (r.complete && r.status == 503 && !HeaderValue(r.head, "Retry-After").empty() &&
                   IsJsonError(r.body)) {
          ++busy;
        } else {
          bad.push_back(std::to_string(r.status) + (r.complete ? " " : " cut ") + r.head);
        }
      }
    });
  }
  clients.emplace_back([&] {
    for (int n = 0; n < 100 && Clock::now() < until; ++n) {
      for (const char* path : {"/health", "/ready"}) {
        ++probes;
        if (BoundedGet(port, path, Millis(2000)).status != 200) ++probes_bad;
      }
      std::this_thread::sleep_for(Millis(30));
    }
  });
  for (auto& t : clients) t.join();

  EXPECT_TRUE(bad.empty()) << bad.size() << " answers neither 200 nor a clear 503, first: "
                           << (bad.empty() ? "" : bad.front());
  EXPECT_GT(ok, 0);
  EXPECT_GT(busy, 0) << "12 clients on 3 admission slots: some were turned away";
  EXPECT_GT(probes.load(), 0);
  EXPECT_EQ(probes_bad.load(), 0) << "probes are not admitted like work: they always answer";
  // Nothing left in progress or queued (only the /metrics request asking).
  EXPECT_TRUE(WaitUntil([&] { return ScrapeMetric(port, "http_server_active_requests") == 1; },
                        Millis(3000)));
  EXPECT_EQ(ScrapeMetric(port, "notecoder_cpu_pool_queue_depth"), 0);
  EXPECT_EQ(BoundedPost(port, "/predict/coder", BigNote(-1, 1000), Millis(5000)).status, 200);
}

}  // namespace
}  // namespace notecoder::testing
