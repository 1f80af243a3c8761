// Black-box: the built server with the shared cache and the global LLM limit in Redis, where Redis
// sits behind the fault proxy (tools/fault_proxy). While clients keep sending distinct notes, Redis
// stalls, resets connections, cuts replies mid-way (then closes or hangs) and answers slowly, on a
// schedule. Every request still gets a whole answer (Redis is never on the critical path), /health
// stays 200, and the cache goes back to Redis once Redis behaves.
#include <gtest/gtest.h>

#include <atomic>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cache/redis_server.hpp"
#include "http/bounded_client.hpp"
#include "http/fault_proxy.hpp"
#include "http/server_process.hpp"
#include "llm/fake_provider.hpp"

namespace notecoder::testing {
namespace {

using Millis = std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

std::string Note(int i) {
  return R"({"note":"Assessment: patient )" + std::to_string(i) +
         R"( has type 2 diabetes with CKD stage 3b. Essential hypertension. Possible pneumonia."})";
}

// Faults on a schedule, each followed by a short healthy spell so the breaker's probes succeed
// between them (about 6 s in all, then the proxy passes everything again).
constexpr const char* kRedisSchedule = R"({"schedule": [
  {"mode": "stall", "for_s": 1.0}, {"mode": "pass", "for_s": 0.4},
  {"mode": "reset", "for_s": 0.8}, {"mode": "pass", "for_s": 0.4},
  {"mode": "partial", "then": "close", "partial_bytes": 0, "for_s": 0.8},
  {"mode": "pass", "for_s": 0.4},
  {"mode": "partial", "then": "stall", "partial_bytes": 3, "for_s": 0.8},
  {"mode": "pass", "for_s": 0.4},
  {"mode": "delay", "delay_ms": 60, "for_s": 0.8}], "repeat": false})";

struct Tally {
  std::mutex mutex;
  int sent = 0;
  int ok = 0;
  int degraded = 0;
  std::vector<std::string> failures;  // "<status> <body head>" of every answer that was not 200

  void Add(const BoundedResult& r) {
    std::lock_guard lock(mutex);
    ++sent;
    if (r.complete && r.status == 200) {
      ++ok;
      degraded += r.body.find(R"("degraded":true)") != std::string::npos ? 1 : 0;
      return;
    }
    failures.push_back(std::to_string(r.status) + (r.complete ? " complete " : " cut ") +
                       r.body.substr(0, 160));
  }
};

TEST(ServiceRedisFaults, EveryRequestIsAnsweredWhileRedisMisbehavesAndTheCacheRecovers) {
  RedisServer redis;
  ASSERT_TRUE(redis.ok());
  FaultProxy proxy(redis.port());
  FakeProvider fake({"--latency-ms", "20"});
  ServerProcess server({{"ENABLE_REDIS_CACHE", "1"},
                        {"REDIS_URL", "redis://127.0.0.1:" + std::to_string(proxy.port()) + "/0"},
                        {"CACHE_KEY_SECRET", "fault-injection-test-secret-0123456789abcdef"},
                        {"LLM_GLOBAL_LIMIT", "2"},
                        {"LLM_BASE_URL", fake.base_url() + "/v1"},
                        {"LLM_MODEL", "fake-model"},
                        {"LLM_CONCURRENCY", "2"},
                        {"MODEL_PATH", "none"},
                        {"TIME_BUDGET_S", "3"},
                        {"REQUEST_TIMEOUT_S", "5"},
                        {"LOG_LEVEL", "info"},
                        {"SKIP_WARMUP", "1"}});
  ASSERT_TRUE(server.started()) << server.Log();
  ASSERT_TRUE(server.WaitReady(std::chrono::seconds(30))) << server.Log();
  // Healthy first: results reach Redis.
  ASSERT_EQ(BoundedPost(server.port(), "/predict/coder", Note(-1), Millis(5000)).status, 200);
  ASSERT_TRUE(WaitUntil([&] { return !redis.Keys().empty(); }, Millis(3000)));

  proxy.Control(kRedisSchedule);
  const auto until = Clock::now() + std::chrono::milliseconds(6200);
  Tally tally;
  std::atomic<int> next{0};
  std::atomic<int> health_bad{0}, health_checks{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&, c] {
      // Bounded in count and time; every other client asks for the LLM stage too.
      for (int n = 0; n < 400 && Clock::now() < until; ++n) {
        std::string body = Note(next++);
        if (c % 2 == 0) body.insert(body.size() - 1, R"(,"options":{"use_llm":false})");
        tally.Add(BoundedPost(server.port(), "/predict/coder", body, Millis(6000)));
      }
    });
  }
  clients.emplace_back([&] {
    for (int n = 0; n < 200 && Clock::now() < until; ++n) {
      ++health_checks;
      if (BoundedGet(server.port(), "/health", Millis(2000)).status != 200) ++health_bad;
      std::this_thread::sleep_for(Millis(50));
    }
  });
  for (auto& t : clients) t.join();

  EXPECT_GT(tally.sent, 20);
  EXPECT_EQ(tally.ok, tally.sent) << tally.failures.size() << " not answered 200, first: "
                                  << (tally.failures.empty() ? "" : tally.failures.front());
  EXPECT_GT(health_checks.load(), 0);
  EXPECT_EQ(health_bad.load(), 0);
  const auto stats = proxy.Stats();
  std::cout << "[ faults   ] requests " << tally.sent << ", 200 " << tally.ok << ", degraded "
            << tally.degraded << "; proxy resets " << stats.at("resets").to_number<int>()
            << ", partial replies " << stats.at("partials").to_number<int>() << std::endl;
  EXPECT_GT(stats.at("resets").to_number<int>(), 0) << "the faults reached the service";
  EXPECT_GT(stats.at("partials").to_number<int>(), 0);

  // Redis behaves again: new results reach it once the breaker has probed (its backoff is 5 s at
  // most), and the service never stopped.
  ASSERT_TRUE(
      WaitUntil([&] { return proxy.Stats().at("mode").as_string() == "pass"; }, Millis(3000)));
  const auto keys_before = redis.Keys().size();
  int fresh = 100000;
  const bool recovered = WaitUntil(
      [&] {
        const auto r = BoundedPost(server.port(), "/predict/coder", Note(fresh++), Millis(5000));
        EXPECT_EQ(r.status, 200);
        return redis.Keys().size() > keys_before;
      },
      Millis(9000));
  EXPECT_TRUE(recovered) << "no new key in Redis after the faults ended";
  EXPECT_EQ(BoundedGet(server.port(), "/ready", Millis(2000)).status, 200);
  const std::string log = server.Log();
  EXPECT_EQ(log.find("\"level\":\"critical\""), std::string::npos);
}

}  // namespace
}  // namespace notecoder::testing
