// Opens N keep-alive connections to a running `notecoder serve`, makes one request on each and
// leaves them idle, then measures GET /health latency on fresh connections and the server's RSS.
// Usage: idle_connections <port> <server pid> [connections=10000] [health samples=200]
// (bench/http/idle_connections.sh starts the server and runs this; figures in README.md).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "http/raw_connection.hpp"

namespace {

using notecoder::testing::Millis;
using notecoder::testing::RawConnection;
using Clock = std::chrono::steady_clock;

bool AnsweredHealth(const std::string& d) { return d.find("\"phase\"") != std::string::npos; }

double HealthMs(int port) {
  const auto start = Clock::now();
  RawConnection c(port);
  if (!c.ok() || !c.Send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) return -1;
  const auto answer = c.ReceiveUntil(AnsweredHealth, Millis(5000));
  if (answer.rfind("HTTP/1.1 200", 0) != 0) return -1;
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <port> <server pid> [connections] [samples]\n", argv[0]);
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const int pid = std::atoi(argv[2]);
  const std::size_t n = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 10000;
  const int samples = argc > 4 ? std::atoi(argv[4]) : 200;
  const long limit = notecoder::testing::RaiseOpenFileLimit(static_cast<long>(n) + 100);
  if (limit < static_cast<long>(n) + 50) {
    std::fprintf(stderr, "RLIMIT_NOFILE %ld is too low for %zu connections\n", limit, n);
    return 1;
  }
  const double rss_before = notecoder::testing::ResidentMb(pid);
  const auto start = Clock::now();
  std::vector<RawConnection> idle;
  idle.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    idle.emplace_back(port);
    if (!idle.back().ok()) {
      std::fprintf(stderr, "connection %zu failed\n", i);
      return 1;
    }
  }
  for (auto& c : idle) c.Send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
  std::size_t answered = 0;
  for (auto& c : idle) answered += AnsweredHealth(c.ReceiveUntil(AnsweredHealth, Millis(5000)));
  const double open_s = std::chrono::duration<double>(Clock::now() - start).count();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const double rss_after = notecoder::testing::ResidentMb(pid);

  std::vector<double> ms;
  int failed = 0;
  for (int i = 0; i < samples; ++i) {
    const double t = HealthMs(port);
    if (t < 0) {
      ++failed;
    } else {
      ms.push_back(t);
    }
  }
  std::sort(ms.begin(), ms.end());
  const auto pct = [&](double p) {
    return ms.empty() ? -1.0 : ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * ms.size()))];
  };
  std::printf("idle connections: %zu opened and answered %zu in %.2f s\n", n, answered, open_s);
  std::printf("server RSS: %.1f MB before, %.1f MB with them open (+%.1f KB per connection)\n",
              rss_before, rss_after, (rss_after - rss_before) * 1024.0 / static_cast<double>(n));
  std::printf(
      "GET /health on a new connection meanwhile (%d samples, %d failed): p50 %.2f ms, "
      "p99 %.2f ms, max %.2f ms\n",
      samples, failed, pct(0.5), pct(0.99), ms.empty() ? -1.0 : ms.back());
  return answered == n && failed == 0 ? 0 : 1;
}
