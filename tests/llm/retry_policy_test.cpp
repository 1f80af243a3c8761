#include "llm/retry_policy.hpp"

#include <gtest/gtest.h>

namespace notecoder::llm {
namespace {

using std::chrono::system_clock;

TEST(RetryPolicy, RetryableStatuses) {
  for (int s : {408, 409, 429, 500, 502, 503, 504, 599}) EXPECT_TRUE(IsRetryableStatus(s)) << s;
  for (int s : {200, 400, 401, 403, 404, 413, 422}) EXPECT_FALSE(IsRetryableStatus(s)) << s;
}

TEST(RetryPolicy, RetryAfterSecondsMillisAndDates) {
  const auto now = system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37 GMT
  EXPECT_EQ(ParseRetryAfter("2", "", now), Millis(2000));
  EXPECT_EQ(ParseRetryAfter(" 1.5 ", "", now), Millis(1500));
  EXPECT_EQ(ParseRetryAfter("2", "250", now), Millis(250));  // the finer header wins
  EXPECT_EQ(ParseRetryAfter("", "20", now), Millis(20));
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:49:40 GMT", "", now), Millis(3000));
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:49:00 GMT", "", now), Millis(0));  // past
  EXPECT_EQ(ParseRetryAfter("soon", "", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("-3", "", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("", "", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("1e300", "", now), Millis(86400000));  // clamped, no overflow
}

TEST(RetryPolicy, FullJitterGrowsAndIsCapped) {
  RetryPolicy p;
  p.base = Millis(100);
  p.cap = Millis(1000);
  EXPECT_EQ(BackoffDelay(p, 0, std::nullopt, 0.0), Millis(0));
  EXPECT_EQ(BackoffDelay(p, 0, std::nullopt, 0.999), Millis(99));
  EXPECT_EQ(BackoffDelay(p, 1, std::nullopt, 0.5), Millis(100));  // ceiling 200
  EXPECT_EQ(BackoffDelay(p, 3, std::nullopt, 0.5), Millis(400));  // ceiling 800
  EXPECT_EQ(BackoffDelay(p, 4, std::nullopt, 0.5), Millis(500));  // capped at 1000
  EXPECT_EQ(BackoffDelay(p, 1000, std::nullopt, 0.5), Millis(500));
  for (int retry = 0; retry < 10; ++retry) {
    for (double u : {0.0, 0.25, 0.75, 0.9999}) {
      const auto d = BackoffDelay(p, retry, std::nullopt, u);
      EXPECT_GE(d, Millis(0));
      EXPECT_LT(d, Millis(1000));
    }
  }
}

TEST(RetryPolicy, ProviderHintIsHonouredWithSmallJitter) {
  RetryPolicy p;
  p.max_retry_after = Millis(5000);
  EXPECT_EQ(BackoffDelay(p, 0, Millis(2000), 0.0), Millis(2000));
  EXPECT_EQ(BackoffDelay(p, 0, Millis(2000), 0.5), Millis(2100));
  EXPECT_EQ(BackoffDelay(p, 7, Millis(0), 0.5), Millis(0));
  EXPECT_EQ(BackoffDelay(p, 0, Millis(60000), 0.0), Millis(5000));  // bounded
}

}  // namespace
}  // namespace notecoder::llm
