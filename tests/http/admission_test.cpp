#include "http/admission.hpp"

#include <gtest/gtest.h>

namespace notecoder::http {
namespace {

TEST(ApiKeys, OnlyAWholeConfiguredBearerKeyIsAllowed) {
  const ApiKeys keys({"key-0123456789abcdef", "other-key-fedcba9876543210"});
  EXPECT_TRUE(keys.enabled());
  EXPECT_TRUE(keys.Allows("Bearer key-0123456789abcdef"));
  EXPECT_TRUE(keys.Allows("Bearer other-key-fedcba9876543210"));
  for (const char* bad :
       {"", "Bearer ", "key-0123456789abcdef", "bearer key-0123456789abcdef",
        "Basic key-0123456789abcdef", "Bearer key-0123456789abcde", "Bearer key-0123456789abcdefX",
        "Bearer key-0123456789abcdeF", "Bearer  key-0123456789abcdef"}) {
    EXPECT_FALSE(keys.Allows(bad)) << bad;
  }
}

TEST(ApiKeys, NoKeysMeansAuthIsOff) { EXPECT_FALSE(ApiKeys({}).enabled()); }

TEST(Admission, RefusesAboveTheLimitAndFreesOnRelease) {
  Admission a(2);
  auto t1 = a.TryEnter();
  auto t2 = a.TryEnter();
  ASSERT_TRUE(t1 && t2);
  EXPECT_FALSE(a.TryEnter());
  t1.reset();
  EXPECT_TRUE(a.TryEnter());
  EXPECT_EQ(a.in_progress(), 1u);
}

}  // namespace
}  // namespace notecoder::http
