// The canary test: a unique string sent in notes through every answer path (200, 400, 413, 415,
// 503) must never appear in the server's stdout or stderr, at any log level.
#include <gtest/gtest.h>

#include <signal.h>

#include <string>

#include "http/http_client.hpp"
#include "http/server_process.hpp"

namespace notecoder::testing {
namespace {

constexpr const char* kCanary = "CANARYzq7PHIxw93";

std::string NoteBody(const std::string& extra = {}) {
  return std::string("{\"note\":\"Patient ") + kCanary +
         " has type 2 diabetes. Denies chest pain.\"" + extra + "}";
}

TEST(ServicePhi, CanaryNeverReachesTheLogs) {
  ServerProcess server(
      ServerEnv{{"LOG_LEVEL", "trace"}, {"MAX_BODY_BYTES", "65536"}, {"BACKGROUND_WARMUP", "0"}});
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const int port = server.port();
  EXPECT_EQ(PostJson(port, "/predict/coder", NoteBody()).status, 200);
  EXPECT_EQ(PostJson(port, "/predict/coder", NoteBody(",\"options\":{\"bogus\":1}")).status, 400);
  EXPECT_EQ(
      PostJson(port, "/predict/coder", NoteBody(std::string(",\"") + kCanary + "\":1")).status,
      400);
  EXPECT_EQ(
      PostJson(port, "/predict/coder", std::string("{\"note\":\"") + kCanary + "\xff\"}").status,
      400);
  EXPECT_EQ(PostJson(port, "/predict/coder", std::string("{\"note\":") + kCanary + "}").status,
            400);
  const std::string big = "{\"note\":\"" + std::string(70000, 'x') + kCanary + "\"}";
  EXPECT_EQ(PostJson(port, "/predict/coder", big).status, 413);
  EXPECT_EQ(
      Request(port, "POST", "/predict/coder", NoteBody(), {{"Content-Type", "text/plain"}}).status,
      415);
  EXPECT_EQ(Get(port, std::string("/codes?q=") + kCanary).status, 200);
  EXPECT_EQ(Get(port, std::string("/codes/") + kCanary).status, 404);
  EXPECT_EQ(Get(port, std::string("/") + kCanary).status, 404);
  const auto log = server.Log();
  EXPECT_EQ(log.find(kCanary), std::string::npos) << log;
  EXPECT_NE(log.find("note_hash"), std::string::npos);
}

TEST(ServicePhi, CanaryNeverReachesTheLogsWhileWarmingOrRefused) {
  ServerProcess server(ServerEnv{{"LOG_LEVEL", "trace"}, {"WARMUP_DELAY_MS", "5000"}});
  ASSERT_TRUE(server.started()) << server.Log();
  const auto r = PostJson(server.port(), "/predict/coder", NoteBody());
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.body.find(kCanary), std::string::npos);
  server.Signal(SIGTERM);
  EXPECT_EQ(server.WaitExit(), 0);
  EXPECT_EQ(server.Log().find(kCanary), std::string::npos) << server.Log();
}

}  // namespace
}  // namespace notecoder::testing
