// Black-box: bad clients against the built `notecoder serve` — slowloris senders, thousands of idle
// keep-alive connections, clients that leave mid-request or mid-response, a 100 KB header line,
// pipelined requests. Every wait is bounded (RawConnection takes a timeout on every call).
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "http/http_client.hpp"
#include "http/raw_connection.hpp"
#include "http/server_process.hpp"
#include "support/sanitizers.hpp"

namespace notecoder::testing {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kNote = R"({"note":"Assessment: type 2 diabetes with CKD stage 3b."})";

std::string NoteOfSize(std::size_t bytes) {
  std::string text;
  while (text.size() < bytes) {
    text += "Patient with type 2 diabetes and hypertension; denies chest pain. ";
  }
  return "{\"note\":\"" + text + "\"}";
}

std::string PostRequest(const std::string& body, const std::string& extra_headers = {}) {
  return "POST /predict/coder HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
         extra_headers + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

double Metric(int port, const std::string& name) {
  return MetricValue(Get(port, "/metrics").body, name);
}

// Polls /metrics (bounded) until `name` reads `value`; returns the last value read.
double WaitForMetric(int port, const std::string& name, double value, Millis timeout) {
  const auto deadline = Clock::now() + timeout;
  double seen = Metric(port, name);
  while (seen != value && Clock::now() < deadline) {
    std::this_thread::sleep_for(Millis(10));
    seen = Metric(port, name);
  }
  return seen;
}

// The server holds nothing for clients that are gone: only the /metrics request asking is open.
void ExpectNothingLeftOpen(int port) {
  EXPECT_EQ(WaitForMetric(port, "http_server_active_requests", 1, Millis(3000)), 1);
  EXPECT_EQ(WaitForMetric(port, "http_server_open_connections", 1, Millis(3000)), 1);
}

ServerEnv Env(ServerEnv extra = {}) {
  ServerEnv env{{"BACKGROUND_WARMUP", "0"}, {"LOG_LEVEL", "info"}};
  for (auto& [k, v] : extra) env[k] = v;
  return env;
}

TEST(ServiceFaults, SlowlorisClientsAreCutOffMidHeaderWhileHealthAnswers) {
  ServerProcess server(Env({{"KEEPALIVE_TIMEOUT_S", "1"}}));
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const int port = server.port();
  constexpr std::size_t kClients = 50;
  // A header that never ends: one byte every 200 ms (40 s for the whole line), as a slowloris
  // client sends it. No single wait between bytes comes near the 1 s timeout.
  const std::string header = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(200, 'a');
  std::vector<RawConnection> slow;
  for (std::size_t i = 0; i < kClients; ++i) {
    slow.emplace_back(port);
    ASSERT_TRUE(slow.back().ok());
  }
  // Hang guard (10 x the timeout): stop trickling there whatever the server did.
  const auto give_up = Clock::now() + Millis(10000);
  constexpr std::size_t kOpen = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> bytes_sent_when_closed(kClients, kOpen);
  int health_answered_with_all_open = 0;
  for (std::size_t byte = 0; byte < header.size() && Clock::now() < give_up; ++byte) {
    const auto tick = Clock::now();
    std::size_t open = 0;
    for (std::size_t i = 0; i < kClients; ++i) {
      if (bytes_sent_when_closed[i] != kOpen) continue;
      if (slow[i].WaitClosed(Millis(0)) || !slow[i].Send(header.substr(byte, 1), Millis(100))) {
        bytes_sent_when_closed[i] = byte;
      } else {
        ++open;
      }
    }
    if (open == 0) break;
    for (int k = 0; k < 3; ++k) {
      const auto h = Get(port, "/health");
      EXPECT_EQ(h.status, 200);
      if (h.status == 200 && open == kClients) ++health_answered_with_all_open;
    }
    std::this_thread::sleep_until(tick + Millis(200));
  }
  for (std::size_t i = 0; i < kClients; ++i) {
    // KEEPALIVE_TIMEOUT_S bounds the whole header, however steadily its bytes trickle in: the
    // server cut each client off mid-header, after taking some of its bytes (not at once).
    ASSERT_NE(bytes_sent_when_closed[i], kOpen) << "client " << i << " was never cut off";
    EXPECT_LT(bytes_sent_when_closed[i], header.size()) << "client " << i;
    EXPECT_GE(bytes_sent_when_closed[i], 2u) << "client " << i << " was cut off at once";
  }
  // /health answered while all 50 held a connection (its latency there is a benchmark:
  // bench/http/health_probe.py).
  EXPECT_GE(health_answered_with_all_open, 1);
  ExpectNothingLeftOpen(port);
}

TEST(ServiceFaults, IdleKeepAliveConnectionIsClosedAfterTheTimeout) {
  ServerProcess server(Env({{"KEEPALIVE_TIMEOUT_S", "1"}}));
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  RawConnection c(server.port());
  ASSERT_TRUE(c.Send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto answer = c.ReceiveUntil(
      [](const std::string& d) { return d.find("\"phase\"") != std::string::npos; }, Millis(2000));
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
  // Kept alive after the answer: a second request on the same connection is served.
  ASSERT_TRUE(c.Send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto second = c.ReceiveUntil(
      [](const std::string& d) { return d.find("\"phase\"") != std::string::npos; }, Millis(2000));
  EXPECT_EQ(second.rfind("HTTP/1.1 200", 0), 0u) << second;
  // Then, left idle, it is closed by the server (10 s: a hang guard, 10 x the timeout).
  EXPECT_TRUE(c.WaitClosed(Millis(10000)));
}

TEST(ServiceFaults, ThousandsOfIdleConnectionsKeepHealthAnsweredAndMemoryBounded) {
  constexpr std::size_t kConnections = 2000;
  ASSERT_GE(RaiseOpenFileLimit(kConnections + 200), static_cast<long>(kConnections + 100))
      << "the hard RLIMIT_NOFILE of this process is too low for the test";
  ServerProcess server(Env({{"KEEPALIVE_TIMEOUT_S", "30"}}));
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const int port = server.port();
  // The server raised its own soft limit and says so at start.
  EXPECT_NE(server.Log().find("\"open_files_limit\":"), std::string::npos);
  const double rss_before = ResidentMb(server.pid());

  std::vector<RawConnection> idle;
  idle.reserve(kConnections);
  for (std::size_t i = 0; i < kConnections; ++i) {
    idle.emplace_back(port);
    ASSERT_TRUE(idle.back().ok()) << "connection " << i;
  }
  // Each makes one request, then stays open and idle (keep-alive).
  for (auto& c : idle) ASSERT_TRUE(c.Send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto deadline = Clock::now() + Millis(10000);
  std::size_t answered = 0;
  for (auto& c : idle) {
    const auto left =
        std::max<Millis>(Millis(0), std::chrono::duration_cast<Millis>(deadline - Clock::now()));
    const auto a = c.ReceiveUntil(
        [](const std::string& d) { return d.find("\"phase\"") != std::string::npos; }, left);
    answered += a.rfind("HTTP/1.1 200", 0) == 0 ? 1 : 0;
  }
  EXPECT_EQ(answered, kConnections);
  EXPECT_EQ(WaitForMetric(port, "http_server_open_connections", kConnections + 1, Millis(5000)),
            kConnections + 1);

  // /health is served beside them (its latency there is a benchmark: bench/http/
  // idle_connections.sh), and none of the idle ones was dropped to make room.
  for (int i = 0; i < 20; ++i) EXPECT_EQ(Get(port, "/health").status, 200);
  EXPECT_EQ(Metric(port, "http_server_open_connections"), kConnections + 1);
  const double rss_after = ResidentMb(server.pid());
  RecordProperty("rss_before_mb", std::to_string(rss_before));
  RecordProperty("rss_after_mb", std::to_string(rss_after));
  std::printf("RSS %.1f MB -> %.1f MB with %zu idle connections\n", rss_before, rss_after,
              kConnections);
  EXPECT_GT(rss_before, 0);
  if (kSanitized) {
    // A sanitizer build's server starts several times larger (shadow memory), so the absolute
    // bound would measure the sanitizer: there the bound is on what the idle connections added,
    // per connection, allowing for ASan's redzones and quarantine of freed blocks on top of the
    // ~6 KB a connection costs in a plain build (BENCHMARKS.md).
    EXPECT_LT((rss_after - rss_before) * 1024 / kConnections, 64) << "KB per idle connection";
  } else {
    EXPECT_LT(rss_after, 150);
  }

  idle.clear();
  ExpectNothingLeftOpen(port);
}

TEST(ServiceFaults, ClientsLeavingMidRequestLeaveNothingBehind) {
  ServerProcess server(Env());
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const int port = server.port();
  const auto body = NoteOfSize(64u << 10);
  const auto full = PostRequest(body);
  {
    RawConnection c(port);  // mid-header, then a reset
    ASSERT_TRUE(c.Send("POST /predict/coder HTTP/1.1\r\nHost: x\r\nContent-Ty"));
    c.Reset();
  }
  {
    RawConnection c(port);  // mid-body, then a reset
    ASSERT_TRUE(c.Send(std::string_view(full).substr(0, full.size() / 2)));
    c.Reset();
  }
  {
    RawConnection c(port);  // mid-body, then a plain close
    ASSERT_TRUE(c.Send(std::string_view(full).substr(0, full.size() / 2)));
    c.ShutdownSend();
    EXPECT_TRUE(c.WaitClosed(Millis(3000)));
  }
  EXPECT_EQ(Get(port, "/health").status, 200);
  EXPECT_EQ(PostJson(port, "/predict/coder", kNote).status, 200);
  ExpectNothingLeftOpen(port);
}

TEST(ServiceFaults, ClientLeavingWhileItsNoteIsCodedFreesItsAdmission) {
  ServerProcess server(Env({{"LIMIT_CONCURRENCY", "1"}, {"MAX_BODY_BYTES", "8388608"}}));
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const int port = server.port();
  {
    RawConnection c(port);
    ASSERT_TRUE(c.Send(PostRequest(NoteOfSize(3u << 20)), Millis(5000)));
    // Admitted and being coded: it and the /metrics request are active.
    EXPECT_EQ(WaitForMetric(port, "http_server_active_requests", 2, Millis(3000)), 2);
    c.Reset();
  }
  // The only admission ticket comes back when the abandoned request ends: a bounded retry.
  int status = 0;
  const auto deadline = Clock::now() + Millis(8000);
  while (status != 200 && Clock::now() < deadline) {
    status = PostJson(port, "/predict/coder", kNote).status;
    if (status != 200) std::this_thread::sleep_for(Millis(20));
  }
  EXPECT_EQ(status, 200);
  ExpectNothingLeftOpen(port);
}

TEST(ServiceFaults, ClientLeavingMidResponseLeavesNothingBehind) {
  ServerProcess server(Env({{"MAX_BODY_BYTES", "8388608"}}));
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const int port = server.port();
  {
    // A small receive window: the ~100 KB answer cannot all be sent before the client leaves.
    RawConnection c(port, 4096);
    ASSERT_TRUE(c.Send(PostRequest(NoteOfSize(1u << 20)), Millis(5000)));
    const auto start =
        c.ReceiveUntil([](const std::string& d) { return d.size() >= 1000; }, Millis(5000));
    EXPECT_EQ(start.rfind("HTTP/1.1 200", 0), 0u) << start.substr(0, 200);
    c.Reset();
  }
  EXPECT_EQ(Get(port, "/health").status, 200);
  EXPECT_EQ(PostJson(port, "/predict/coder", kNote).status, 200);
  ExpectNothingLeftOpen(port);
}

TEST(ServiceFaults, HeaderLineOf100KbIs431) {
  ServerProcess server(Env());
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  RawConnection c(server.port());
  const std::string request =
      "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(100u << 10, 'a') + "\r\n\r\n";
  const auto answer = c.Exchange(request, Millis(5000));
  EXPECT_EQ(answer.rfind("HTTP/1.1 431", 0), 0u) << answer.substr(0, 200);
  EXPECT_NE(answer.find("request headers too large"), std::string::npos);
  EXPECT_EQ(Get(server.port(), "/health").status, 200);
}

TEST(ServiceFaults, PipelinedRequestsAreAnsweredInOrder) {
  ServerProcess server(Env());
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const std::string requests =
      "GET /health HTTP/1.1\r\nHost: x\r\nX-Request-Id: p1\r\n\r\n" +
      PostRequest(kNote, "X-Request-Id: p2\r\n") +
      "GET /nope HTTP/1.1\r\nHost: x\r\nX-Request-Id: p3\r\n\r\n"
      "GET /codes/E11.22 HTTP/1.1\r\nHost: x\r\nX-Request-Id: p4\r\n\r\n"
      "GET /ready HTTP/1.1\r\nHost: x\r\nX-Request-Id: p5\r\nConnection: close\r\n\r\n";
  RawConnection c(server.port());
  ASSERT_TRUE(c.Send(requests));  // one write: the server reads them all at once
  const auto responses = ParseResponses(c.ReceiveAll(Millis(5000)));
  ASSERT_EQ(responses.size(), 5u);
  const std::vector<int> statuses{200, 200, 404, 200, 200};
  for (std::size_t i = 0; i < responses.size(); ++i) {
    EXPECT_EQ(responses[i].request_id, "p" + std::to_string(i + 1));
    EXPECT_EQ(responses[i].status, statuses[i]) << responses[i].body;
  }
  EXPECT_NE(responses[1].body.find("E11.22"), std::string::npos);
  EXPECT_NE(responses[3].body.find("E11.22"), std::string::npos);
}

}  // namespace
}  // namespace notecoder::testing
