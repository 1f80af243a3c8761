// Black-box: every status code of the HTTP contract from the built `notecoder serve`.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <memory>
#include <string>

#include "http/http_client.hpp"
#include "http/server_process.hpp"

namespace notecoder::testing {
namespace {

namespace json = boost::json;

constexpr const char* kNote =
    R"({"note":"Assessment:\n1. Type 2 diabetes with CKD stage 3b.\n2. Denies chest pain.\n"})";

std::string ErrorCodeOf(const HttpResult& r) {
  return std::string(json::parse(r.body).at("error").at("code").as_string());
}

class ServiceStatus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess(
        ServerEnv{{"MAX_BODY_BYTES", "65536"}, {"API_KEYS", ""}, {"BACKGROUND_WARMUP", "0"}});
    ASSERT_TRUE(server_->started()) << server_->Log();
    ASSERT_TRUE(server_->WaitReady()) << server_->Log();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static int port() { return server_->port(); }
  static ServerProcess* server_;
};
ServerProcess* ServiceStatus::server_ = nullptr;

TEST_F(ServiceStatus, HealthAndReadyAre200) {
  const auto h = Get(port(), "/health");
  EXPECT_EQ(h.status, 200);
  EXPECT_TRUE(json::parse(h.body).at("ready").as_bool());
  EXPECT_EQ(Get(port(), "/ready").status, 200);
}

TEST_F(ServiceStatus, PredictCodesANote) {
  const auto r = PostJson(port(), "/predict/coder", kNote);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = json::parse(r.body).as_object();
  bool has = false;
  for (const auto& c : body.at("codes").as_array()) has |= c.at("code").as_string() == "E11.22";
  EXPECT_TRUE(has) << r.body;
  EXPECT_TRUE(body.at("timings_ms").as_object().contains("total"));
  EXPECT_FALSE(r.headers.at("x-request-id").empty());
}

TEST_F(ServiceStatus, PredictHonoursOptionsAndRequestId) {
  const auto r = Request(
      port(), "POST", "/predict/coder",
      R"({"note":"Type 2 diabetes with CKD stage 3b. Hypertension.","options":{"max_codes":1,"include_excluded":false}})",
      {{"Content-Type", "application/json"}, {"X-Request-Id", "abc-123"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("codes").as_array().size(), 1u);
  EXPECT_TRUE(body.at("excluded").as_array().empty());
  EXPECT_EQ(r.headers.at("x-request-id"), "abc-123");
}

TEST_F(ServiceStatus, BadRequestsAre400WithJsonErrors) {
  for (const std::string body :
       {"{not json", "[]", R"({"note":5})", R"({"options":{}})", R"({"note":""})",
        R"({"note":"   "})", R"({"note":"x","options":{"colour":"red"}})",
        R"({"note":"x","options":{"max_codes":0}})", R"({"note":"x","options":{"max_codes":"3"}})",
        R"({"note":"x","extra":1})", "{\"note\":\"bad \xff utf8\"}"}) {
    const auto r = PostJson(port(), "/predict/coder", body);
    EXPECT_EQ(r.status, 400) << body << " -> " << r.body;
    EXPECT_EQ(ErrorCodeOf(r), "invalid_argument") << body;
  }
}

TEST_F(ServiceStatus, DeeplyNestedJsonIs400) {
  const std::string deep =
      "{\"note\":\"x\",\"options\":" + std::string(10000, '[') + std::string(10000, ']') + "}";
  EXPECT_EQ(PostJson(port(), "/predict/coder", deep).status, 400);
  EXPECT_EQ(Get(port(), "/health").status, 200);
}

TEST_F(ServiceStatus, UnknownRouteIs404AndWrongMethodIs405WithAllow) {
  const auto nf = Get(port(), "/nope");
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(ErrorCodeOf(nf), "not_found");
  const auto m = Get(port(), "/predict/coder");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.headers.at("allow"), "POST");
}

TEST_F(ServiceStatus, OversizedBodyIs413) {
  const std::string big = "{\"note\":\"" + std::string(70000, 'a') + "\"}";
  const auto r = PostJson(port(), "/predict/coder", big);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(Get(port(), "/health").status, 200);
}

TEST_F(ServiceStatus, WrongContentTypeIs415) {
  const auto r = Request(port(), "POST", "/predict/coder", kNote, {{"Content-Type", "text/plain"}});
  EXPECT_EQ(r.status, 415);
}

TEST_F(ServiceStatus, CodeLookupAndSearch) {
  const auto c = Get(port(), "/codes/e1122");
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(json::parse(c.body).at("code").as_string(), "E11.22");
  EXPECT_EQ(Get(port(), "/codes/ZZZ.99").status, 404);
  const auto s = Get(port(), "/codes?q=type%202+diabetes&limit=3");
  ASSERT_EQ(s.status, 200) << s.body;
  EXPECT_EQ(json::parse(s.body).at("results").as_array().size(), 3u);
  EXPECT_EQ(Get(port(), "/codes?limit=3").status, 400);
  EXPECT_EQ(Get(port(), "/codes?q=x&limit=999").status, 400);
}

TEST_F(ServiceStatus, MetricsExposeTheHistograms) {
  (void)Get(port(), "/health");
  const auto m = Get(port(), "/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("http_server_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(m.body.find("notecoder_cpu_pool_queue_depth"), std::string::npos);
  EXPECT_NE(m.body.find("notecoder_warmup_seconds"), std::string::npos);
}

TEST_F(ServiceStatus, MalformedHttpIsAnsweredAndHealthStaysUp) {
  const auto raw = RawExchange(port(), "GARBAGE\r\n\r\n");
  EXPECT_NE(raw.find("400"), std::string::npos) << raw;
  const auto huge_header = RawExchange(
      port(), "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_NE(huge_header.find("431"), std::string::npos);
  // A client that goes away mid-body.
  (void)RawExchange(port(),
                    "POST /predict/coder HTTP/1.1\r\nHost: x\r\nContent-Type: "
                    "application/json\r\nContent-Length: 1000\r\n\r\n{\"note\":");
  EXPECT_EQ(Get(port(), "/health").status, 200);
}

TEST(ServiceAuth, ApiKeysGuardWorkButNotProbes) {
  ServerProcess server(ServerEnv{{"API_KEYS", "key-0123456789abcdef"}, {"BACKGROUND_WARMUP", "0"}});
  ASSERT_TRUE(server.started()) << server.Log();
  EXPECT_EQ(Get(server.port(), "/health").status, 200);
  EXPECT_EQ(Get(server.port(), "/ready").status, 200);
  const auto no_key = PostJson(server.port(), "/predict/coder", kNote);
  EXPECT_EQ(no_key.status, 401);
  const auto bad_key = Request(
      server.port(), "POST", "/predict/coder", kNote,
      {{"Content-Type", "application/json"}, {"Authorization", "Bearer key-0123456789abcdeX"}});
  EXPECT_EQ(bad_key.status, 401);
  const auto ok = Request(
      server.port(), "POST", "/predict/coder", kNote,
      {{"Content-Type", "application/json"}, {"Authorization", "Bearer key-0123456789abcdef"}});
  EXPECT_EQ(ok.status, 200);
}

TEST(ServiceSettings, ABadValueStopsTheProcessNamingTheVariable) {
  ServerProcess server(ServerEnv{{"CPU_WORKERS", "lots"}});
  EXPECT_FALSE(server.started());
  EXPECT_EQ(server.WaitExit(), 2);
  EXPECT_NE(server.Log().find("CPU_WORKERS"), std::string::npos) << server.Log();
}

}  // namespace
}  // namespace notecoder::testing
