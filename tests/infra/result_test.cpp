#include "infra/result.hpp"

#include <gtest/gtest.h>

#include <string>

namespace notecoder {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return MakeError(ErrorCode::kInvalidArgument, "odd");
  return x / 2;
}

TEST(Result, HoldsValueOrError) {
  auto ok = Half(4);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 2);
  auto bad = Half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().message, "odd");
}

TEST(Result, MovesValueOut) {
  Result<std::string> r(std::string(100, 'x'));
  std::string s = std::move(r).value();
  EXPECT_EQ(s.size(), 100u);
}

TEST(Status, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  Status e = MakeError(ErrorCode::kIo, "disk");
  EXPECT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, ErrorCode::kIo);
}

TEST(ErrorCodeName, IsStableSnakeCase) {
  EXPECT_STREQ(ErrorCodeName(ErrorCode::kInvalidArgument), "invalid_argument");
  EXPECT_STREQ(ErrorCodeName(ErrorCode::kDataLoss), "data_loss");
  EXPECT_STREQ(ErrorCodeName(ErrorCode::kResourceExhausted), "resource_exhausted");
}

}  // namespace
}  // namespace notecoder
