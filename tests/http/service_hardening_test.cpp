// Black-box: the built server's hardening. Core dumps are off by default (core size 0, not
// dumpable), every answer carries the security headers, and CORS answers only when
// CORS_ALLOW_ORIGINS lists the origin.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "http/http_client.hpp"
#include "http/server_process.hpp"
#include "support/sanitizers.hpp"

namespace notecoder::testing {
namespace {

constexpr const char* kNote = R"({"note":"Type 2 diabetes mellitus."})";
constexpr const char* kOrigin = "https://app.example.com";

// "Max core file size  <soft>  <hard>  bytes" of /proc/<pid>/limits.
std::pair<std::string, std::string> CoreLimits(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/limits");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Max core file size", 0) != 0) continue;
    std::istringstream fields(line.substr(18));
    std::string soft, hard;
    fields >> soft >> hard;
    return {soft, hard};
  }
  return {"?", "?"};
}

// Lets the server inherit a non-zero soft core limit, so that "0" is the server's own doing.
void AllowCoresInThisProcess() {
  rlimit lim{};
  ::getrlimit(RLIMIT_CORE, &lim);
  if (lim.rlim_max != 0 && lim.rlim_cur == 0) {
    lim.rlim_cur = lim.rlim_max == RLIM_INFINITY ? (1u << 20) : lim.rlim_max;
    ::setrlimit(RLIMIT_CORE, &lim);
  }
}

TEST(ServiceHardening, CoreDumpsAreOffByDefault) {
  AllowCoresInThisProcess();
  ServerProcess server(ServerEnv{{"LOG_LEVEL", "info"}});
  ASSERT_TRUE(server.started()) << server.Log();
  const auto [soft, hard] = CoreLimits(server.pid());
  EXPECT_EQ(soft, "0");
  EXPECT_EQ(hard, "0") << "the process cannot raise it again";
  // The dumpable flag is not in /proc for a root reader; the server reports what prctl says.
  const auto log = server.Log();
  // LeakSanitizer needs the process dumpable (core_dumps.hpp).
  EXPECT_NE(log.find(kAddressSanitizer ? "\"dumpable\":1" : "\"dumpable\":0"), std::string::npos)
      << log;
  EXPECT_NE(log.find("\"core_limit\":0"), std::string::npos) << log;
}

// The sanitizer runtimes zero the soft core limit before main (their disable_coredump, against
// cores holding terabytes of shadow memory): asked not to, the limit seen is the server's doing.
void KeepTheCoreLimitUnderASanitizer(ServerEnv& env) {
  const char* name = kAddressSanitizer  ? "ASAN_OPTIONS"
                     : kThreadSanitizer ? "TSAN_OPTIONS"
                                        : nullptr;
  if (name == nullptr) return;
  const char* inherited = std::getenv(name);
  env[name] = std::string(inherited != nullptr ? inherited : "") + ":disable_coredump=0";
}

TEST(ServiceHardening, AllowCoreDumpsKeepsTheInheritedLimit) {
  AllowCoresInThisProcess();
  rlimit mine{};
  ::getrlimit(RLIMIT_CORE, &mine);
  if (mine.rlim_cur == 0) GTEST_SKIP() << "this environment allows no core files at all";
  ServerEnv env{{"LOG_LEVEL", "info"}, {"ALLOW_CORE_DUMPS", "1"}};
  KeepTheCoreLimitUnderASanitizer(env);
  ServerProcess server(env);
  ASSERT_TRUE(server.started()) << server.Log();
  EXPECT_NE(CoreLimits(server.pid()).first, "0");
  EXPECT_NE(server.Log().find("\"dumpable\":1"), std::string::npos) << server.Log();
}

TEST(ServiceHardening, EveryAnswerCarriesTheSecurityHeadersAndNoCors) {
  ServerProcess server(ServerEnv{{"BACKGROUND_WARMUP", "0"}, {"MODEL_PATH", "none"}});
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const int port = server.port();
  const std::map<std::string, std::string> from_origin = {{"Content-Type", "application/json"},
                                                          {"Origin", kOrigin}};
  const HttpResult answers[] = {
      Request(port, "POST", "/predict/coder", kNote, from_origin),
      Request(port, "POST", "/predict/coder", "{", from_origin),
      Request(port, "GET", "/nowhere", "", {{"Origin", kOrigin}}),
      Request(port, "GET", "/health", "", {{"Origin", kOrigin}}),
      Request(port, "GET", "/", "", {{"Origin", kOrigin}}),
  };
  for (const auto& r : answers) {
    EXPECT_EQ(r.headers.at("server"), "notecoder") << "no version";
    EXPECT_EQ(r.headers.at("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.headers.count("access-control-allow-origin"), 0u) << "CORS is off by default";
    EXPECT_EQ(r.headers.count("vary"), 0u);
  }
  EXPECT_EQ(answers[0].status, 200);
  EXPECT_EQ(answers[0].headers.at("cache-control"), "no-store") << "answers carry note data";
  EXPECT_EQ(answers[1].headers.at("cache-control"), "no-store");
  EXPECT_EQ(answers[4].headers.at("x-frame-options"), "DENY");
  EXPECT_NE(answers[4].headers.at("content-security-policy").find("frame-ancestors 'none'"),
            std::string::npos);
  const auto preflight = Request(port, "OPTIONS", "/predict/coder", "",
                                 {{"Origin", kOrigin}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(preflight.status, 405) << "no preflight answer without CORS_ALLOW_ORIGINS";
  EXPECT_EQ(preflight.headers.count("access-control-allow-origin"), 0u);
}

TEST(ServiceHardening, CorsAnswersOnlyListedOrigins) {
  ServerProcess server(ServerEnv{{"BACKGROUND_WARMUP", "0"},
                                 {"MODEL_PATH", "none"},
                                 {"API_KEYS", "key-0123456789abcdef"},
                                 {"CORS_ALLOW_ORIGINS", std::string(kOrigin) + ",http://x.test"}});
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const int port = server.port();
  // The preflight carries no key and is answered anyway; the real request needs one.
  const auto preflight =
      Request(port, "OPTIONS", "/predict/coder", "",
              {{"Origin", kOrigin},
               {"Access-Control-Request-Method", "POST"},
               {"Access-Control-Request-Headers", "authorization,content-type"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.headers.at("access-control-allow-origin"), kOrigin);
  EXPECT_EQ(preflight.headers.at("access-control-allow-methods"), "POST");
  EXPECT_NE(preflight.headers.at("access-control-allow-headers").find("Authorization"),
            std::string::npos);
  EXPECT_EQ(preflight.headers.at("access-control-max-age"), "600");
  EXPECT_EQ(preflight.headers.at("vary"), "Origin");
  EXPECT_EQ(preflight.headers.count("access-control-allow-credentials"), 0u);

  const auto stranger =
      Request(port, "OPTIONS", "/predict/coder", "",
              {{"Origin", "https://evil.test"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(stranger.status, 405);
  EXPECT_EQ(stranger.headers.count("access-control-allow-origin"), 0u);
  EXPECT_EQ(Request(port, "OPTIONS", "/nowhere", "",
                    {{"Origin", kOrigin}, {"Access-Control-Request-Method", "GET"}})
                .status,
            404);

  const auto ok = Request(port, "POST", "/predict/coder", kNote,
                          {{"Content-Type", "application/json"},
                           {"Origin", kOrigin},
                           {"Authorization", "Bearer key-0123456789abcdef"}});
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.headers.at("access-control-allow-origin"), kOrigin);
  EXPECT_EQ(ok.headers.at("vary"), "Origin");
  const auto refused = Request(port, "POST", "/predict/coder", kNote,
                               {{"Content-Type", "application/json"}, {"Origin", kOrigin}});
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.headers.at("access-control-allow-origin"), kOrigin)
      << "the page can read why it was refused";
  const auto other = Request(port, "GET", "/health", "", {{"Origin", "https://evil.test"}});
  EXPECT_EQ(other.headers.count("access-control-allow-origin"), 0u);
  EXPECT_EQ(other.headers.at("vary"), "Origin");
}

TEST(ServiceHardening, AnInvalidCorsOriginStopsTheStart) {
  ServerProcess server(ServerEnv{{"CORS_ALLOW_ORIGINS", "*"}});
  EXPECT_FALSE(server.started());
  EXPECT_EQ(server.WaitExit(), 2);
  EXPECT_NE(server.Log().find("CORS_ALLOW_ORIGINS"), std::string::npos) << server.Log();
}

}  // namespace
}  // namespace notecoder::testing
