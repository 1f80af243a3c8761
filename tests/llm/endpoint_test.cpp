#include "llm/endpoint.hpp"

#include <gtest/gtest.h>

namespace notecoder::llm {
namespace {

TEST(Endpoint, AcceptsBaseUrlsWithAndWithoutV1) {
  auto a = ParseEndpoint("http://127.0.0.1:8080");
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->tls);
  EXPECT_EQ(a->port, "8080");
  EXPECT_EQ(a->target, "/v1/chat/completions");
  EXPECT_EQ(a->host_header, "127.0.0.1:8080");
  auto b = ParseEndpoint("https://api.openai.com/v1/");
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(b->tls);
  EXPECT_EQ(b->port, "443");
  EXPECT_EQ(b->host_header, "api.openai.com");
  EXPECT_EQ(b->target, "/v1/chat/completions");
  auto c = ParseEndpoint("https://res.openai.azure.com/openai/v1?api-version=preview");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->azure);
  EXPECT_EQ(c->target, "/openai/v1/chat/completions?api-version=preview");
  auto d = ParseEndpoint("http://localhost:11434/v1/chat/completions");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->target, "/v1/chat/completions");
}

TEST(Endpoint, RefusesWhatIsNotAnHttpUrl) {
  for (const char* bad : {"", "api.openai.com", "ftp://x/v1", "http://", "https://user:pw@x/v1"}) {
    auto r = ParseEndpoint(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().message.find("LLM_BASE_URL"), std::string::npos);
    EXPECT_EQ(r.error().message.find("pw"), std::string::npos);
  }
}

}  // namespace
}  // namespace notecoder::llm
