// The LLM_* settings (src/infra/settings.cpp), from the engine's point of view.
#include <gtest/gtest.h>

#include <map>

#include "infra/settings.hpp"
#include "llm/client_config.hpp"

namespace notecoder::llm {
namespace {

infra::EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(LlmSettings, OffUnlessABaseUrlIsGiven) {
  auto s = infra::LoadSettings(Env({}));
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->enable_llm);
  EXPECT_EQ(s->llm_concurrency, 4);
  auto on =
      infra::LoadSettings(Env({{"LLM_BASE_URL", "http://127.0.0.1:9/v1"}, {"LLM_MODEL", "m"}}));
  ASSERT_TRUE(on.ok());
  EXPECT_TRUE(on->enable_llm);
  auto off = infra::LoadSettings(
      Env({{"LLM_BASE_URL", "http://127.0.0.1:9"}, {"LLM_MODEL", "m"}, {"ENABLE_LLM", "0"}}));
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(off->enable_llm);
}

TEST(LlmSettings, BadValuesAreNamed) {
  auto s = infra::LoadSettings(Env({{"ENABLE_LLM", "1"},
                                    {"LLM_CONCURRENCY", "0"},
                                    {"LLM_TIMEOUT_S", "-1"},
                                    {"LLM_MAX_RETRIES", "99"}}));
  ASSERT_FALSE(s.ok());
  for (const char* name :
       {"LLM_CONCURRENCY", "LLM_TIMEOUT_S", "LLM_MAX_RETRIES", "LLM_BASE_URL", "LLM_MODEL"}) {
    EXPECT_NE(s.error().message.find(name), std::string::npos) << name;
  }
}

TEST(LlmSettings, KeyIsMaskedAndConfigFollowsSettings) {
  auto s = infra::LoadSettings(Env({{"LLM_BASE_URL", "https://api.openai.com/v1"},
                                    {"LLM_MODEL", "gpt-4o-mini"},
                                    {"LLM_API_KEY", "sk-secret-value"},
                                    {"LLM_CONCURRENCY", "2"},
                                    {"LLM_TIMEOUT_S", "12.5"},
                                    {"LLM_MAX_RETRIES", "5"}}));
  ASSERT_TRUE(s.ok()) << s.error().message;
  for (const auto& [name, value] : infra::DescribeSettings(*s)) {
    EXPECT_EQ(value.find("sk-secret"), std::string::npos) << name;
  }
  const auto c = ClientConfigFrom(*s);
  EXPECT_EQ(c.concurrency, 2);
  EXPECT_EQ(c.timeout, std::chrono::milliseconds(12500));
  EXPECT_EQ(c.retry.max_retries, 5);
  EXPECT_EQ(c.api_key, "sk-secret-value");
}

}  // namespace
}  // namespace notecoder::llm
