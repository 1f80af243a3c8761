// Component test of POST /predict/coder/stream's handler with a fake connection: heartbeats while
// the CPU pool works (a 1 ms interval here, 15 s in the service), the event order, and a client
// that leaves after the first event getting nothing more.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "api/handlers.hpp"
#include "rules/rules_engine.hpp"
#include "support/test_paths.hpp"

namespace notecoder::api {
namespace {

namespace asio = boost::asio;

class FakeWriter final : public http::StreamWriter {
 public:
  explicit FakeWriter(std::size_t leave_after) : leave_after_(leave_after) {}
  asio::awaitable<bool> Write(std::string data) override {
    if (gone_) co_return false;
    writes.push_back(std::move(data));
    if (writes.size() >= leave_after_) Leave();
    co_return true;
  }
  bool client_gone() const override { return gone_; }
  void OnClientGone(std::function<void()> f) override { on_gone_.push_back(std::move(f)); }

  std::vector<std::string> writes;

 private:
  void Leave() {
    gone_ = true;
    for (auto& f : on_gone_) f();
  }
  std::size_t leave_after_;
  bool gone_ = false;
  std::vector<std::function<void()>> on_gone_;
};

asio::awaitable<void> Drive(http::Handler handler, http::Request req,
                            std::shared_ptr<FakeWriter> writer, int* status) {
  auto call = handler(std::move(req), http::RequestInfo{"req-1", "/predict/coder/stream", "", ""});
  http::Reply reply = co_await std::move(call);
  *status = static_cast<int>(reply.response.result_int());
  if (!reply.stream) co_return;
  auto body = reply.stream(writer);
  co_await std::move(body);
}

struct Harness {
  Harness() : cpu(1, 16, nullptr) {
    pipeline::Engines engines;
    engines.rules = std::make_shared<const rules::RulesEngine>(testing::SharedCodebook());
    readiness.SetReady(engines);
  }
  // Runs one stream to its end; the writes the client saw.
  std::vector<std::string> Run(const std::string& body, std::size_t leave_after, int& status) {
    auto ctx = std::make_shared<const ServiceContext>(ServiceContext{.readiness = readiness,
                                                                     .cpu = cpu,
                                                                     .metrics = metrics,
                                                                     .load_model = {},
                                                                     .llm_model = {},
                                                                     .caches = {}});
    http::Request req{http::beast_http::verb::post, "/predict/coder/stream", 11};
    req.set(http::beast_http::field::content_type, "application/json");
    req.body() = body;
    auto writer = std::make_shared<FakeWriter>(leave_after);
    asio::co_spawn(io,
                   Drive(StreamHandler(ctx, StreamOptions{std::chrono::milliseconds(1)}),
                         std::move(req), writer, &status),
                   asio::detached);
    io.run();  // ends when the stream and its CPU task are done
    return writer->writes;
  }

  // Declared first, so it dies last: after the writer, which keeps the stream's client-gone
  // callback whose state owns a timer of this context, and after the pool is joined, whose worker
  // may still be inside post() to this context when run() has returned.
  asio::io_context io{1};
  infra::Metrics metrics;
  Readiness readiness;
  infra::CpuPool cpu;
};

std::string LongNote() {
  std::string text;
  while (text.size() < (1u << 20)) text += "Type 2 diabetes with CKD stage 3b; denies chest pain. ";
  return R"({"note":")" + text + R"("})";
}

std::vector<std::string> Names(const std::vector<std::string>& writes, int& heartbeats) {
  std::vector<std::string> names;
  for (const auto& w : writes) {
    if (w.rfind(": heartbeat", 0) == 0) {
      ++heartbeats;
    } else {
      names.push_back(w.substr(7, w.find('\n') - 7));  // "event: <name>\n"
    }
  }
  return names;
}

TEST(StreamHandler, SendsHeartbeatsWhileTheWorkRunsAndTheStagesInOrder) {
  Harness h;
  int status = 0;
  // The client never leaves: however many heartbeats the work takes (a sanitizer build is slow).
  const auto writes = h.Run(LongNote(), std::numeric_limits<std::size_t>::max(), status);
  EXPECT_EQ(status, 200);
  int heartbeats = 0;
  const auto names = Names(writes, heartbeats);
  const std::vector<std::string> expected{"accepted", "basics", "rules", "ml", "final"};
  EXPECT_EQ(names, expected);
  EXPECT_GE(heartbeats, 1) << "a 1 MB note takes longer than the 1 ms heartbeat";
  EXPECT_NE(writes.back().find("\ndata: {\"codes\":"), std::string::npos);
}

TEST(StreamHandler, AClientThatLeavesGetsNothingMore) {
  Harness h;
  int status = 0;
  const auto writes = h.Run(LongNote(), 1, status);
  ASSERT_EQ(writes.size(), 1u);
  EXPECT_EQ(writes[0].rfind("event: accepted\nid: 0\n", 0), 0u) << writes[0];
}

TEST(StreamHandler, ABadBodyIsAPlainErrorBeforeAnyEvent) {
  Harness h;
  int status = 0;
  const auto writes = h.Run(R"({"note": ""})", 1000, status);
  EXPECT_EQ(status, 400);
  EXPECT_TRUE(writes.empty());
}

}  // namespace
}  // namespace notecoder::api
