#include "infra/settings.hpp"

#include <gtest/gtest.h>

#include <map>

namespace notecoder::infra {
namespace {

EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(Settings, DefaultsWhenNothingIsSet) {
  auto s = LoadSettings(Env({}));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->port, 8000);
  EXPECT_EQ(s->cpu_workers, 1);
  EXPECT_EQ(s->io_threads, 1);
  EXPECT_TRUE(s->background_warmup);
  EXPECT_FALSE(s->skip_warmup);
}

TEST(Settings, ParsesTypedValues) {
  auto s = LoadSettings(Env({{"PORT", "9001"},
                             {"CPU_WORKERS", "3"},
                             {"SKIP_WARMUP", "true"},
                             {"WAIT_FOR_READY_S", "2.5"},
                             {"API_KEYS", "aaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbb"},
                             {"LOG_LEVEL", "warn"}}));
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->port, 9001);
  EXPECT_EQ(s->cpu_workers, 3);
  EXPECT_TRUE(s->skip_warmup);
  EXPECT_DOUBLE_EQ(s->wait_for_ready_s, 2.5);
  ASSERT_EQ(s->api_keys.size(), 2u);
  EXPECT_EQ(s->api_keys[1], "bbbbbbbbbbbbbbbb");
  EXPECT_EQ(s->log_level, "warn");
}

TEST(Settings, EveryBadValueIsNamedWithWhatIsAllowed) {
  auto s = LoadSettings(Env({{"PORT", "70000"},
                             {"CPU_WORKERS", "two"},
                             {"SKIP_WARMUP", "maybe"},
                             {"LOG_LEVEL", "loud"},
                             {"API_KEYS", "short"}}));
  ASSERT_FALSE(s.ok());
  const auto& m = s.error().message;
  for (const char* name : {"PORT", "CPU_WORKERS", "SKIP_WARMUP", "LOG_LEVEL", "API_KEYS"}) {
    EXPECT_NE(m.find(name), std::string::npos) << name << " in " << m;
  }
  EXPECT_NE(m.find("0 to 65535"), std::string::npos);
  EXPECT_EQ(m.find("short"), std::string::npos) << "values are not echoed";
}

TEST(Settings, CpuNiceDefaultsToTenAndIsBounded) {
  auto d = LoadSettings(Env({}));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->cpu_nice, 10);
  auto off = LoadSettings(Env({{"CPU_NICE", "0"}}));
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(off->cpu_nice, 0);
  auto bad = LoadSettings(Env({{"CPU_NICE", "20"}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("CPU_NICE"), std::string::npos);
}

TEST(Settings, SecretsAreMaskedInTheDescription) {
  auto s = LoadSettings(
      Env({{"API_KEYS", "supersecretkey-123456"}, {"LOG_HASH_KEY", "hashkey-secret"}}));
  ASSERT_TRUE(s.ok());
  for (const auto& [name, value] : DescribeSettings(*s)) {
    EXPECT_EQ(value.find("supersecret"), std::string::npos) << name;
    EXPECT_EQ(value.find("hashkey-secret"), std::string::npos) << name;
  }
}

TEST(Settings, CoreDumpsAreOffUnlessAllowed) {
  auto d = LoadSettings(Env({}));
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d->allow_core_dumps);
  auto on = LoadSettings(Env({{"ALLOW_CORE_DUMPS", "1"}}));
  ASSERT_TRUE(on.ok());
  EXPECT_TRUE(on->allow_core_dumps);
  EXPECT_FALSE(LoadSettings(Env({{"ALLOW_CORE_DUMPS", "sometimes"}})).ok());
  EXPECT_FALSE(*LoadAllowCoreDumps(Env({})));
  EXPECT_TRUE(*LoadAllowCoreDumps(Env({{"ALLOW_CORE_DUMPS", "yes"}})));
  EXPECT_FALSE(LoadAllowCoreDumps(Env({{"ALLOW_CORE_DUMPS", "2"}})).ok());
}

TEST(Settings, CorsIsOffByDefaultAndTakesExactOriginsOnly) {
  auto d = LoadSettings(Env({}));
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->cors_allow_origins.empty());
  auto s =
      LoadSettings(Env({{"CORS_ALLOW_ORIGINS", "https://app.example.com, http://localhost:3000"}}));
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_EQ(s->cors_allow_origins.size(), 2u);
  EXPECT_EQ(s->cors_allow_origins[1], "http://localhost:3000");
  for (const char* bad : {"*", "null", "https://app.example.com/", "https://*.example.com",
                          "ftp://x.org", "https://App.example.com", "https://x.org:", "https://",
                          "https://a.org,,https://b.org", "https://x.org:123456"}) {
    auto r = LoadSettings(Env({{"CORS_ALLOW_ORIGINS", bad}}));
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().message.find("CORS_ALLOW_ORIGINS"), std::string::npos);
  }
}

}  // namespace
}  // namespace notecoder::infra
