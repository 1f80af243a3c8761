#include <gtest/gtest.h>

#include <map>

#include "infra/settings.hpp"

namespace notecoder::infra {
namespace {

EnvLookup Env(std::map<std::string, std::string> m) {
  return [m](const char* name) -> std::optional<std::string> {
    const auto it = m.find(name);
    if (it == m.end()) return std::nullopt;
    return it->second;
  };
}

TEST(CacheSettings, DefaultsAndValues) {
  auto s = LoadSettings(Env({}));
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->enable_llm_cache);
  EXPECT_FALSE(s->enable_redis_cache);
  EXPECT_EQ(s->llm_global_limit, 0);
  auto t = LoadSettings(Env({{"ENABLE_REDIS_CACHE", "1"},
                             {"REDIS_URL", "redis://:pw-123@redis:6379/1"},
                             {"CACHE_KEY_SECRET", std::string(32, 'x')},
                             {"LLM_GLOBAL_LIMIT", "8"},
                             {"CACHE_MAX_BYTES", "1048576"},
                             {"RESULT_CACHE_TTL_S", "60"}}));
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->llm_global_limit, 8);
  EXPECT_EQ(t->cache_max_bytes, 1048576u);
  for (const auto& [name, value] : DescribeSettings(*t)) {
    EXPECT_EQ(value.find("pw-123"), std::string::npos) << name;
    EXPECT_EQ(value.find(std::string(32, 'x')), std::string::npos) << name;
  }
}

TEST(CacheSettings, RedisNeedsASharedSecretAndAUrl) {
  auto s = LoadSettings(Env({{"ENABLE_REDIS_CACHE", "true"}}));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("CACHE_KEY_SECRET"), std::string::npos);
  auto short_secret = LoadSettings(Env({{"CACHE_KEY_SECRET", "short"}}));
  ASSERT_FALSE(short_secret.ok());
  EXPECT_EQ(short_secret.error().message.find("short\n"), std::string::npos);
  auto url = LoadSettings(Env({{"LLM_GLOBAL_LIMIT", "4"}, {"REDIS_URL", "http://x"}}));
  ASSERT_FALSE(url.ok());
  EXPECT_NE(url.error().message.find("REDIS_URL"), std::string::npos);
  auto bad = LoadSettings(Env({{"LLM_GLOBAL_LIMIT", "-1"}, {"REDIS_TIMEOUT_MS", "0"}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("LLM_GLOBAL_LIMIT"), std::string::npos);
  EXPECT_NE(bad.error().message.find("REDIS_TIMEOUT_MS"), std::string::npos);
}

}  // namespace
}  // namespace notecoder::infra
