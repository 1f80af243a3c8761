#include "api/predict_request.hpp"

#include <gtest/gtest.h>

namespace notecoder::api {
namespace {

TEST(PredictRequest, ReadsNoteAndOptions) {
  auto r = ParsePredictRequest(
      R"({"note":"chest pain","options":{"include_excluded":false,"max_codes":5}})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->note, "chest pain");
  EXPECT_FALSE(r->options.include_excluded);
  EXPECT_EQ(r->options.max_codes, 5u);
  EXPECT_TRUE(ParsePredictRequest(R"({"note":"x","options":null})").ok());
}

TEST(PredictRequest, RefusesBadShapesWithoutEchoingContent) {
  for (const char* body :
       {"", "nope", "[1]", R"({"note":1})", R"({"note":""})", R"({})",
        R"({"note":"x","options":[]})", R"({"note":"x","options":{"max_codes":201}})",
        R"({"note":"x","options":{"max_codes":1.5}})",
        R"({"note":"x","options":{"max_codes":18446744073709551615}})",
        R"({"note":"x","options":{"include_excluded":1}})",
        R"({"note":"x","options":{"SECRETKEY":1}})", R"({"note":"x","SECRETFIELD":1})"}) {
    auto r = ParsePredictRequest(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().message.find("SECRET"), std::string::npos);
  }
}

TEST(PredictRequest, DepthIsBounded) {
  const std::string deep =
      "{\"note\":\"x\",\"options\":" + std::string(10000, '[') + std::string(10000, ']') + "}";
  EXPECT_FALSE(ParsePredictRequest(deep).ok());
}

}  // namespace
}  // namespace notecoder::api
