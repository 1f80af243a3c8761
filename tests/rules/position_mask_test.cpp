#include "rules/position_mask.hpp"

#include <gtest/gtest.h>

namespace notecoder::rules {
namespace {

TEST(PositionMask, KeepsPositionsWithinTheSpan) {
  PositionMask m(100);
  EXPECT_TRUE(m.Empty());
  m.Add(100);
  m.Add(163);
  m.Add(120);
  EXPECT_TRUE(m.Has(100));
  EXPECT_TRUE(m.Has(120));
  EXPECT_TRUE(m.Has(163));
  EXPECT_FALSE(m.Has(101));
  EXPECT_FALSE(m.Empty());
}

TEST(PositionMask, IgnoresPositionsOutsideTheSpan) {
  PositionMask m(100);
  m.Add(99);   // below the base
  m.Add(164);  // one past the span
  m.Add(0);
  EXPECT_TRUE(m.Empty());
  EXPECT_FALSE(m.Has(99));
  EXPECT_FALSE(m.Has(164));
  EXPECT_FALSE(m.Has(0xFFFFFFFFu));
}

TEST(PositionMask, ClearAndCopy) {
  PositionMask a(10);
  a.Add(11);
  PositionMask b = a;  // a copy goes on alone
  b.Add(12);
  EXPECT_TRUE(b.Has(11));
  EXPECT_TRUE(b.Has(12));
  EXPECT_FALSE(a.Has(12));
  a.Clear();
  EXPECT_TRUE(a.Empty());
  EXPECT_FALSE(a.Has(11));
  EXPECT_TRUE(b.Has(11));
}

TEST(PositionMask, BaseZero) {
  PositionMask m(0);
  m.Add(0);
  m.Add(63);
  EXPECT_TRUE(m.Has(0));
  EXPECT_TRUE(m.Has(63));
  EXPECT_FALSE(m.Has(64));
}

}  // namespace
}  // namespace notecoder::rules
