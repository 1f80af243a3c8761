// Black-box: the built server with an ML model: merged sources, /ready waiting for the model,
// reload by POST /admin/reload and SIGHUP, and a failed reload keeping the running model.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "http/http_client.hpp"
#include "http/server_process.hpp"
#include "http/tiny_model.hpp"

namespace notecoder::testing {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

constexpr const char* kKey = "model-test-key-0123456789";
constexpr const char* kNote =
    R"({"note":"Assessment: Essential hypertension. Wheezing on exam. Denies angina."})";

fs::path TempPath(const std::string& name) {
  return fs::temp_directory_path() / ("notecoder-" + std::to_string(::getpid()) + "-" + name);
}

HttpResult Authed(int port, const std::string& method, const std::string& target,
                  const std::string& body = {}) {
  return Request(
      port, method, target, body,
      {{"Authorization", std::string("Bearer ") + kKey}, {"Content-Type", "application/json"}});
}

std::string FingerprintOf(const HttpResult& r) {
  const json::value body = json::parse(r.body);
  const auto* fp = body.at("engine").as_object().if_contains("model_fingerprint");
  return fp ? std::string(fp->as_string()) : std::string();
}

TEST(ServiceModel, MergesReloadsAndKeepsTheOldModelWhenAReloadFails) {
  const fs::path model = TempPath("model.bin");
  WriteTinyModel(model, "model-one");
  ServerProcess server(ServerEnv{{"MODEL_PATH", model.string()}, {"API_KEYS", kKey}});
  ASSERT_TRUE(server.started()) << server.Log();
  ASSERT_TRUE(server.WaitReady()) << server.Log();

  auto r = Authed(server.port(), "POST", "/predict/coder", kNote);
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = json::parse(r.body).as_object();
  EXPECT_EQ(FingerprintOf(r), "model-one");
  bool i10_both = false;
  bool r062_ml = false;
  for (const auto& c : body.at("codes").as_array()) {
    const auto& o = c.as_object();
    const auto& sources = o.at("sources").as_array();
    if (o.at("code").as_string() == "I10") i10_both = sources.size() == 2;
    if (o.at("code").as_string() == "R06.2") r062_ml = o.at("scores").as_object().contains("ml");
    EXPECT_NE(std::string(o.at("code").as_string()).substr(0, 3), "I20") << "negated angina";
  }
  EXPECT_TRUE(i10_both) << r.body;
  EXPECT_TRUE(r062_ml) << r.body;

  // Rules only on request.
  r = Authed(server.port(), "POST", "/predict/coder",
             R"({"note":"Essential hypertension.","options":{"use_ml":false}})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(FingerprintOf(r), "");

  // Admin needs the key.
  EXPECT_EQ(Request(server.port(), "POST", "/admin/reload").status, 401);

  // A new file, then reload.
  WriteTinyModel(model, "model-two");
  r = Authed(server.port(), "POST", "/admin/reload");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("model_fingerprint").as_string(), "model-two");
  EXPECT_EQ(FingerprintOf(Authed(server.port(), "POST", "/predict/coder", kNote)), "model-two");

  // A corrupt file: the reload fails and the running model stays.
  {
    const fs::path bad = TempPath("bad.bin");
    std::ofstream(bad, std::ios::binary) << std::string(4096, 'x');
    fs::rename(bad, model);
  }
  r = Authed(server.port(), "POST", "/admin/reload");
  EXPECT_EQ(r.status, 500) << r.body;
  EXPECT_TRUE(json::parse(r.body).at("error").as_object().contains("message"));
  r = Authed(server.port(), "POST", "/predict/coder", kNote);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(FingerprintOf(r), "model-two");
  const auto metrics = Get(server.port(), "/metrics").body;
  EXPECT_NE(metrics.find("notecoder_model_reloads_total{result=\"failed\"} 1"), std::string::npos);

  // SIGHUP reloads too.
  WriteTinyModel(model, "model-three");
  server.Signal(SIGHUP);
  std::string seen;
  for (int i = 0; i < 100 && seen != "model-three"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    seen = FingerprintOf(Authed(server.port(), "POST", "/predict/coder", kNote));
  }
  EXPECT_EQ(seen, "model-three") << server.Log();
  EXPECT_EQ(Get(server.port(), "/health").status, 200);
  server.Signal(SIGTERM);
  EXPECT_EQ(server.WaitExit(), 0);
  fs::remove(model);
}

TEST(ServiceModel, AdminIsForbiddenWithoutApiKeys) {
  const fs::path model = TempPath("model-noauth.bin");
  WriteTinyModel(model, "model-one");
  ServerProcess server(ServerEnv{{"MODEL_PATH", model.string()}, {"API_KEYS", ""}});
  ASSERT_TRUE(server.started()) << server.Log();
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const auto r = Request(server.port(), "POST", "/admin/reload");
  EXPECT_EQ(r.status, 403) << r.body;
  fs::remove(model);
}

TEST(ServiceModel, ReadyWaitsForAConfiguredModelAndReportsItsError) {
  const fs::path missing = TempPath("no-such-model.bin");
  ServerProcess server(ServerEnv{{"MODEL_PATH", missing.string()}, {"API_KEYS", ""}});
  ASSERT_TRUE(server.started()) << server.Log();
  HttpResult ready;
  for (int i = 0; i < 100; ++i) {
    ready = Get(server.port(), "/ready");
    if (ready.body.find("warmup failed") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(ready.status, 503);
  EXPECT_NE(ready.body.find("no-such-model.bin"), std::string::npos) << ready.body;
  EXPECT_EQ(Get(server.port(), "/health").status, 200);
  EXPECT_EQ(PostJson(server.port(), "/predict/coder", kNote).status, 503);
}

}  // namespace
}  // namespace notecoder::testing
