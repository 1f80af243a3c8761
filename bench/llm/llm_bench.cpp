// Load test of the LLM client against tools/fake_llm (bench/llm/run.sh; BENCHMARKS.md, Issue 6).
//   llm_bench [calls=200] [concurrency=4] [latency_ms=300]
// Scenario 1: `calls` concurrent calls → wall time vs the bound calls/concurrency × latency, and
//             the provider's max in-flight.
// Scenario 2: the same under a 30% 429 rate with Retry-After: 1 → provider calls / successes.
// Scenario 3: the same with a 2 s caller deadline → calls past it end as timeouts, on time.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "llm/fake_provider.hpp"
#include "llm/http_chat_client.hpp"

namespace {

using namespace notecoder;
using Clock = std::chrono::steady_clock;

struct Outcome {
  int ok = 0;
  int timeout = 0;
  int other = 0;
  double wall_s = 0;
  double slowest_s = 0;
};

// Two io threads, like IO_THREADS=2. The contexts outlive every client (pooled sockets).
boost::asio::io_context a;
boost::asio::io_context b;

Outcome Run(llm::HttpChatClient& client, int calls, Clock::duration budget) {
  a.restart();
  b.restart();
  Outcome out;
  std::mutex m;
  const auto start = Clock::now();
  for (int i = 0; i < calls; ++i) {
    llm::ChatRequest r;
    r.messages = {{"system", "bench"}, {"user", "hello"}};
    llm::CallOptions o;
    if (budget != Clock::duration::max()) o.deadline = start + budget;
    boost::asio::co_spawn(i % 2 ? a : b, client.Complete(std::move(r), std::move(o)),
                          [&](std::exception_ptr, llm::CallResult<llm::ChatResponse> res) {
                            std::lock_guard lock(m);
                            const double t =
                                std::chrono::duration<double>(Clock::now() - start).count();
                            out.slowest_s = std::max(out.slowest_s, t);
                            if (res.ok()) {
                              ++out.ok;
                            } else if (res.error().kind == llm::CallErrorKind::kTimeout) {
                              ++out.timeout;
                            } else {
                              ++out.other;
                            }
                          });
  }
  std::thread t([] { b.run(); });
  a.run();
  t.join();
  out.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  return out;
}

std::unique_ptr<llm::HttpChatClient> Client(const testing::FakeProvider& fake, int concurrency) {
  llm::ClientConfig c;
  c.base_url = fake.base_url();
  c.model = "bench";
  c.concurrency = concurrency;
  c.timeout = std::chrono::seconds(300);
  return std::move(llm::HttpChatClient::Create(c, nullptr)).value();
}

}  // namespace

int main(int argc, char** argv) {
  const int calls = argc > 1 ? std::atoi(argv[1]) : 200;
  const int concurrency = argc > 2 ? std::atoi(argv[2]) : 4;
  const std::string latency = argc > 3 ? argv[3] : "300";
  const double bound = calls / static_cast<double>(concurrency) * std::atof(latency.c_str()) / 1000;
  {
    testing::FakeProvider fake({"--latency-ms", latency});
    auto client = Client(fake, concurrency);
    const auto r = Run(*client, calls, Clock::duration::max());
    const auto s = fake.Stats();
    std::printf(
        "1. %d calls, LLM_CONCURRENCY=%d, %s ms/call: ok=%d failed=%d wall=%.2f s "
        "(bound %.2f s, +%.1f%%) provider_max_in_flight=%lld connections=%zu\n",
        calls, concurrency, latency.c_str(), r.ok, r.timeout + r.other, r.wall_s, bound,
        (r.wall_s / bound - 1) * 100, static_cast<long long>(s.at("max_in_flight").as_int64()),
        client->pool().opened());
  }
  {
    testing::FakeProvider fake(
        {"--latency-ms", latency, "--rate-429", "0.3", "--retry-after", "1"});
    auto client = Client(fake, concurrency);
    const auto r = Run(*client, calls, Clock::duration::max());
    const auto s = fake.Stats();
    const auto requests = s.at("requests").as_int64();
    std::printf(
        "2. %d calls, 30%% 429 + Retry-After: 1: ok=%d failed=%d wall=%.2f s "
        "provider_calls=%lld calls/success=%.3f provider_max_in_flight=%lld\n",
        calls, r.ok, r.timeout + r.other, r.wall_s, static_cast<long long>(requests),
        static_cast<double>(requests) / std::max(r.ok, 1),
        static_cast<long long>(s.at("max_in_flight").as_int64()));
  }
  {
    testing::FakeProvider fake({"--latency-ms", latency});
    auto client = Client(fake, concurrency);
    const auto r = Run(*client, calls, std::chrono::seconds(2));
    const auto s = fake.Stats();
    std::printf(
        "3. %d calls with a 2 s caller deadline: ok=%d timeout=%d other=%d "
        "last_answer_at=%.2f s provider_calls=%lld provider_max_in_flight=%lld\n",
        calls, r.ok, r.timeout, r.other, r.slowest_s,
        static_cast<long long>(s.at("requests").as_int64()),
        static_cast<long long>(s.at("max_in_flight").as_int64()));
  }
  return 0;
}
