#include "cache/redis_url.hpp"

#include <gtest/gtest.h>

namespace notecoder::cache {
namespace {

TEST(RedisUrl, ParsesHostPortDbAndCredentials) {
  auto u = ParseRedisUrl("redis://:s3cret-pass@redis.default.svc:6380/2");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->host, "redis.default.svc");
  EXPECT_EQ(u->port, 6380);
  EXPECT_EQ(u->db, 2);
  EXPECT_EQ(u->password, "s3cret-pass");
  EXPECT_EQ(u->Describe().find("s3cret"), std::string::npos);
  auto plain = ParseRedisUrl("redis://127.0.0.1");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->port, 6379);
  EXPECT_EQ(plain->db, 0);
  auto acl = ParseRedisUrl("redis://app:pw@h:1/0");
  ASSERT_TRUE(acl.ok());
  EXPECT_EQ(acl->user, "app");
}

TEST(RedisUrl, RefusesMalformedWithoutEchoingSecrets) {
  for (const char* bad : {"http://h:1", "redis://", "redis://h:0", "redis://h:x/0",
                          "redis://h:1/db", "redis://nopassword@h:1"}) {
    auto u = ParseRedisUrl(bad);
    ASSERT_FALSE(u.ok()) << bad;
    EXPECT_NE(u.error().message.find("REDIS_URL"), std::string::npos);
    EXPECT_EQ(u.error().message.find("nopassword"), std::string::npos);
  }
}

}  // namespace
}  // namespace notecoder::cache
