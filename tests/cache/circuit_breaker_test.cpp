#include "cache/circuit_breaker.hpp"

#include <gtest/gtest.h>

namespace notecoder::cache {
namespace {

using State = CircuitBreaker::State;
using std::chrono::milliseconds;

TEST(CircuitBreaker, OpensAfterThresholdProbesAndBacksOff) {
  CircuitBreaker::Options o;
  o.failure_threshold = 3;
  o.base_open = milliseconds(100);
  o.max_open = milliseconds(300);
  CircuitBreaker b(o);
  auto t = CircuitBreaker::Clock::now();
  EXPECT_TRUE(b.Allow(t));
  b.OnFailure(t);
  b.OnFailure(t);
  EXPECT_EQ(b.state(), State::kClosed);
  b.OnSuccess();  // resets the count
  b.OnFailure(t);
  b.OnFailure(t);
  EXPECT_EQ(b.state(), State::kClosed);
  b.OnFailure(t);
  EXPECT_EQ(b.state(), State::kOpen);
  EXPECT_FALSE(b.Allow(t + milliseconds(99)));
  EXPECT_TRUE(b.Allow(t + milliseconds(100)));  // the probe
  EXPECT_EQ(b.state(), State::kHalfOpen);
  EXPECT_FALSE(b.Allow(t + milliseconds(101)));  // one probe at a time
  t += milliseconds(100);
  b.OnFailure(t);  // probe failed: open twice as long
  EXPECT_EQ(b.state(), State::kOpen);
  EXPECT_FALSE(b.Allow(t + milliseconds(199)));
  EXPECT_TRUE(b.Allow(t + milliseconds(200)));
  t += milliseconds(200);
  b.OnFailure(t);  // capped at max_open
  EXPECT_FALSE(b.Allow(t + milliseconds(299)));
  EXPECT_TRUE(b.Allow(t + milliseconds(300)));
  b.OnSuccess();
  EXPECT_EQ(b.state(), State::kClosed);
  EXPECT_TRUE(b.Allow(t + milliseconds(301)));
}

}  // namespace
}  // namespace notecoder::cache
