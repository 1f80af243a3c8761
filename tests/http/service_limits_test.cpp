// Black-box: every input a client controls has a bound with a clear 4xx (docs/security.md, "Limits
// on what a client controls"): body size (also chunked), header size and count, URL length,
// JSON depth, option values, search parameters, media type, and an X-Request-Id that is not a
// plain token.
#include <gtest/gtest.h>

#include <string>

#include "http/http_client.hpp"
#include "http/raw_connection.hpp"
#include "http/server_process.hpp"

namespace notecoder::testing {
namespace {

class ServiceLimits : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess(
        ServerEnv{{"BACKGROUND_WARMUP", "0"}, {"MODEL_PATH", "none"}, {"MAX_BODY_BYTES", "65536"}});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(server_->WaitReady()) << server_->Log(); }
  static int port() { return server_->port(); }
  static int StatusOf(const std::string& answer) {
    return answer.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(answer.c_str() + 9) : 0;
  }

  static ServerProcess* server_;
};
ServerProcess* ServiceLimits::server_ = nullptr;

const std::string kPost =
    "POST /predict/coder HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";

TEST_F(ServiceLimits, AChunkedBodyOverTheLimitIs413) {
  std::string request = kPost + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
  const std::string chunk(16384, 'a');
  for (int i = 0; i < 5; ++i) request += "4000\r\n" + chunk + "\r\n";  // 80 KiB > 64 KiB
  request += "0\r\n\r\n";
  EXPECT_EQ(StatusOf(RawExchange(port(), request)), 413);
}

TEST_F(ServiceLimits, TooManyHeaderFieldsOrTooLongAUrlIs431) {
  std::string many = "GET /health HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 3000; ++i) many += "a" + std::to_string(i) + ": b\r\n";
  many += "\r\n";
  EXPECT_EQ(StatusOf(RawExchange(port(), many)), 431);
  const std::string url =
      "GET /codes?q=" + std::string(17000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n";
  EXPECT_EQ(StatusOf(RawExchange(port(), url)), 431);
}

TEST_F(ServiceLimits, ALongChunkExtensionOrTrailerIs400) {
  // Neither counts toward the body or header limit: the read buffer's bound refuses them.
  const std::string chunked = kPost + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
  const std::string extension =
      chunked + "10;ext=" + std::string(100000, 'e') + "\r\n{\"note\":\"abc\"}  \r\n0\r\n\r\n";
  EXPECT_EQ(StatusOf(RawExchange(port(), extension)), 400);
  const std::string trailer =
      chunked + "10\r\n{\"note\":\"abc\"}  \r\n0\r\nX-T: " + std::string(100000, 't') + "\r\n\r\n";
  EXPECT_EQ(StatusOf(RawExchange(port(), trailer)), 400);
  const std::string small = chunked + "10;ext=1\r\n{\"note\":\"abc\"}  \r\n0\r\n\r\n";
  EXPECT_EQ(StatusOf(RawExchange(port(), small)), 200) << "a short extension is fine";
}

TEST_F(ServiceLimits, JsonDepthOptionsAndSearchParametersAreBounded) {
  std::string deep = "{\"note\":\"x\",\"options\":";
  for (int i = 0; i < 40; ++i) deep += "[";
  for (int i = 0; i < 40; ++i) deep += "]";
  deep += "}";
  const auto too_deep = PostJson(port(), "/predict/coder", deep);
  EXPECT_EQ(too_deep.status, 400);
  EXPECT_NE(too_deep.body.find("depth"), std::string::npos) << too_deep.body;
  for (const char* body :
       {R"({"note":"x","options":{"max_codes":201}})", R"({"note":"x","options":{"max_codes":-1}})",
        R"({"note":"x","options":{"max_codes":1e3}})",
        R"({"note":"x","options":{"use_llm":"yes"}})"}) {
    EXPECT_EQ(PostJson(port(), "/predict/coder", body).status, 400) << body;
  }
  EXPECT_EQ(Get(port(), "/codes?q=" + std::string(1001, 'a')).status, 400);
  EXPECT_EQ(Get(port(), "/codes?q=diabetes&limit=201").status, 400);
  EXPECT_EQ(Get(port(), "/codes?q=diabetes&limit=0").status, 400);
  EXPECT_EQ(Get(port(), "/codes?q=diabetes&limit=200").status, 200);
  EXPECT_EQ(Request(port(), "POST", "/predict/coder", R"({"note":"x"})").status, 415)
      << "no Content-Type";
}

TEST_F(ServiceLimits, ARequestIdThatIsNotAPlainTokenIsReplaced) {
  const std::string ok(64, 'a');
  EXPECT_EQ(Request(port(), "GET", "/health", "", {{"X-Request-Id", ok}}).headers["x-request-id"],
            ok);
  for (const std::string& bad : {std::string(65, 'a'), std::string("a b"), std::string("a\"b")}) {
    auto r = Request(port(), "GET", "/health", "", {{"X-Request-Id", bad}});
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.headers["x-request-id"], bad);
    EXPECT_EQ(r.headers["x-request-id"].size(), 16u) << "a fresh random id";
  }
}

}  // namespace
}  // namespace notecoder::testing
