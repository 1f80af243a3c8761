// Black-box: POST /predict/coder/stream on the built server — stage events in order with ids, the
// final event equal to the POST /predict/coder body, plain statuses for bad requests and under
// admission, a client that leaves mid-stream cancelling its work; and the page at GET /.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "http/http_client.hpp"
#include "http/raw_connection.hpp"
#include "http/server_process.hpp"

namespace notecoder::testing {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kBody =
    R"({"note":"Assessment: type 2 diabetes with CKD stage 3b. Denies chest pain. <script>alert(1)</script>","options":{"max_codes":5}})";

std::string StreamRequest(const std::string& body,
                          const std::string& content_type = "application/json") {
  return "POST /predict/coder/stream HTTP/1.1\r\nHost: x\r\nContent-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string SlowBody() {
  std::string text;
  while (text.size() < (3u << 20)) {
    text += "Patient with type 2 diabetes and hypertension; denies chest pain. ";
  }
  return "{\"note\":\"" + text + "\"}";
}

struct Event {
  std::string name, id, data;
};

struct Stream {
  std::string head;  // status line and headers
  std::vector<Event> events;
  int comments = 0;
};

// Undoes the chunked transfer coding of a complete or partial body.
std::string Dechunk(std::string_view body) {
  std::string out;
  while (!body.empty()) {
    const auto eol = body.find("\r\n");
    if (eol == std::string_view::npos) break;
    const std::size_t n = std::stoul(std::string(body.substr(0, eol)), nullptr, 16);
    if (n == 0 || body.size() < eol + 2 + n) break;
    out.append(body.substr(eol + 2, n));
    body.remove_prefix(std::min(body.size(), eol + 2 + n + 2));
  }
  return out;
}

Stream Parse(const std::string& raw) {
  Stream s;
  const auto end = raw.find("\r\n\r\n");
  if (end == std::string::npos) return s;
  s.head = raw.substr(0, end);
  const std::string body = Dechunk(std::string_view(raw).substr(end + 4));
  std::size_t at = 0;
  while (at < body.size()) {
    const auto stop = body.find("\n\n", at);
    if (stop == std::string::npos) break;
    const std::string block = body.substr(at, stop - at);
    at = stop + 2;
    if (block.rfind(':', 0) == 0) {
      ++s.comments;
      continue;
    }
    Event e;
    std::size_t p = 0;
    while (p <= block.size()) {
      auto nl = block.find('\n', p);
      if (nl == std::string::npos) nl = block.size();
      const std::string line = block.substr(p, nl - p);
      if (line.rfind("event: ", 0) == 0) e.name = line.substr(7);
      if (line.rfind("id: ", 0) == 0) e.id = line.substr(4);
      if (line.rfind("data: ", 0) == 0) e.data += line.substr(6);
      p = nl + 1;
    }
    s.events.push_back(e);
  }
  return s;
}

json::object WithoutTimings(const std::string& body) {
  json::object o = json::parse(body).as_object();
  o.erase("timings_ms");
  return o;
}

ServerEnv Env(ServerEnv extra = {}) {
  ServerEnv env{{"BACKGROUND_WARMUP", "0"}, {"MAX_BODY_BYTES", "8388608"}};
  for (auto& [k, v] : extra) env[k] = v;
  return env;
}

TEST(ServiceStream, SendsStagesInOrderAndTheFinalEqualsThePostBody) {
  ServerProcess server(Env());
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  RawConnection c(server.port());
  ASSERT_TRUE(c.Send(StreamRequest(kBody)));
  // 10 s: a hang guard. The server ends the stream (last chunk) and closes the connection itself.
  const std::string raw = c.ReceiveAll(Millis(10000));
  EXPECT_TRUE(c.WaitClosed(Millis(0))) << "the stream was still open at the hang guard";
  EXPECT_TRUE(raw.ends_with("\r\n0\r\n\r\n")) << "no last chunk";
  const Stream s = Parse(raw);
  EXPECT_EQ(s.head.rfind("HTTP/1.1 200", 0), 0u) << s.head;
  EXPECT_NE(s.head.find("text/event-stream"), std::string::npos) << s.head;
  std::vector<std::string> names;
  for (const auto& e : s.events) names.push_back(e.name);
  const std::vector<std::string> expected{"accepted", "basics", "rules", "ml", "final"};
  ASSERT_EQ(names, expected);
  for (std::size_t i = 0; i < s.events.size(); ++i) EXPECT_EQ(s.events[i].id, std::to_string(i));
  const auto rules = json::parse(s.events[2].data).as_object();
  EXPECT_FALSE(rules.at("codes").as_array().empty());
  EXPECT_TRUE(json::parse(s.events[1].data).as_object().contains("basics"));

  const auto post = PostJson(server.port(), "/predict/coder", kBody);
  ASSERT_EQ(post.status, 200);
  EXPECT_EQ(WithoutTimings(s.events.back().data), WithoutTimings(post.body));
}

TEST(ServiceStream, BadRequestsGetTheirPlainStatus) {
  ServerProcess server(Env());
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const auto bad = Request(server.port(), "POST", "/predict/coder/stream", R"({"note": 5})",
                           {{"Content-Type", "application/json"}});
  EXPECT_EQ(bad.status, 400);
  const auto media = Request(server.port(), "POST", "/predict/coder/stream", kBody,
                             {{"Content-Type", "text/plain"}});
  EXPECT_EQ(media.status, 415);
  EXPECT_EQ(Get(server.port(), "/predict/coder/stream").status, 405);
}

TEST(ServiceStream, ClientLeavingCancelsTheWorkAndTheServerStaysHealthy) {
  ServerProcess server(Env());
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const int port = server.port();
  {
    RawConnection c(port);
    ASSERT_TRUE(c.Send(StreamRequest(SlowBody()), Millis(5000)));
    const auto got = c.ReceiveUntil(
        [](const std::string& d) { return d.find("event: accepted") != std::string::npos; },
        Millis(5000));
    ASSERT_NE(got.find("event: accepted"), std::string::npos) << got.substr(0, 300);
    c.Reset();
  }
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < deadline &&
         server.Log().find("\"outcome\":\"cancelled\"") == std::string::npos) {
    std::this_thread::sleep_for(Millis(20));
  }
  const std::string log = server.Log();
  EXPECT_NE(log.find("\"outcome\":\"cancelled\""), std::string::npos) << log.substr(0, 4000);
  EXPECT_EQ(Get(port, "/health").status, 200);
  EXPECT_EQ(PostJson(port, "/predict/coder", kBody).status, 200);
  // Nothing left behind: only the /metrics request asking is active.
  double active = -1;
  const auto until = Clock::now() + std::chrono::seconds(5);
  while (Clock::now() < until && active != 1) {
    active = MetricValue(Get(port, "/metrics").body, "http_server_active_requests");
    if (active != 1) std::this_thread::sleep_for(Millis(20));
  }
  EXPECT_EQ(active, 1);
}

TEST(ServiceStream, AStreamHoldsItsAdmissionUntilItsLastEvent) {
  ServerProcess server(Env({{"LIMIT_CONCURRENCY", "1"}, {"LOG_LEVEL", "info"}}));
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const int port = server.port();
  RawConnection slow(port);
  ASSERT_TRUE(slow.Send(StreamRequest(SlowBody()), Millis(5000)));
  const auto first = slow.ReceiveUntil(
      [](const std::string& d) { return d.find("event: accepted") != std::string::npos; },
      Millis(5000));
  ASSERT_NE(first.find("event: accepted"), std::string::npos);
  // The handler has returned; the stream is still running and still admitted.
  auto refused =
      Request(port, "POST", "/predict/coder/stream", kBody, {{"Content-Type", "application/json"}});
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.headers["retry-after"], "1");
  const Stream s = Parse(first + slow.ReceiveAll(Millis(30000)));
  ASSERT_FALSE(s.events.empty());
  EXPECT_EQ(s.events.back().name, "final");
  // Admission is free again once the stream ended.
  int status = 0;
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  while (status != 200 && Clock::now() < deadline) {
    status = PostJson(port, "/predict/coder", kBody).status;
    if (status != 200) std::this_thread::sleep_for(Millis(20));
  }
  EXPECT_EQ(status, 200);
}

TEST(ServicePage, IsServedWithItsContentTypesAndAStrictPolicy) {
  ServerProcess server(Env());
  ASSERT_TRUE(server.started()) << server.Log();
  const int port = server.port();
  auto page = Get(port, "/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.headers["content-type"], "text/html; charset=utf-8");
  const std::string csp = page.headers["content-security-policy"];
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_EQ(page.headers["x-content-type-options"], "nosniff");
  // Every script is a file: no inline script for the policy to have to allow.
  std::size_t at = 0;
  while ((at = page.body.find("<script", at)) != std::string::npos) {
    const auto close = page.body.find('>', at);
    EXPECT_NE(page.body.substr(at, close - at).find(" src="), std::string::npos);
    at = close;
  }
  auto js = Get(port, "/web/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(js.body.find("innerHTML"), std::string::npos) << "the page must not build HTML";
  auto css = Get(port, "/web/style.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.headers["content-type"], "text/css; charset=utf-8");
  EXPECT_EQ(Get(port, "/web/missing.js").status, 404);
  EXPECT_EQ(Get(port, "/web/..%2Fmain.cpp").status, 404);
}

}  // namespace
}  // namespace notecoder::testing
