#include "api/error_body.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

namespace notecoder::api {
namespace {

TEST(ErrorBody, HasCodeAndMessage) {
  const auto body = EncodeError(MakeError(ErrorCode::kInvalidArgument, "note is empty"));
  EXPECT_EQ(boost::json::serialize(body),
            R"({"error":{"code":"invalid_argument","message":"note is empty"}})");
}

TEST(ErrorBody, StatusMapping) {
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kResourceExhausted), 413);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInternal), 500);
}

}  // namespace
}  // namespace notecoder::api
