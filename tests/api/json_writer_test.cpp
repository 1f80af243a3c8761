#include "api/json_writer.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace notecoder::api {
namespace {

namespace json = boost::json;

TEST(JsonWriter, WritesScoresInPlainDecimal) {
  EXPECT_EQ(WriteJson(json::value(0.68)), "0.68");
  EXPECT_EQ(WriteJson(json::value(1.0)), "1");
  EXPECT_EQ(WriteJson(json::value(0.999)), "0.999");
  EXPECT_EQ(WriteJson(json::value(std::int64_t{-3})), "-3");
  EXPECT_EQ(WriteJson(json::value(std::uint64_t{18446744073709551615u})), "18446744073709551615");
}

TEST(JsonWriter, EscapesStringsAndKeepsUtf8) {
  const std::string tricky = "a\"b\\c\nd\te\x01 Sézary </script>";
  const std::string text = WriteJson(json::value(tricky));
  EXPECT_EQ(text, "\"a\\\"b\\\\c\\nd\\te\\u0001 Sézary </script>\"");
  EXPECT_EQ(json::parse(text).as_string(), tricky);
}

TEST(JsonWriter, RoundTripsDocumentsThroughAParser) {
  const json::value doc = json::parse(
      R"({"codes":[{"code":"I10","score":0.68,"evidence":[{"start":0,"end":12}]}],)"
      R"("empty":{},"list":[],"flag":false,"none":null,"tiny":1e-7,"big":12345678901234})");
  const std::string text = WriteJson(doc);
  EXPECT_EQ(json::parse(text), doc);
  EXPECT_NE(text.find("\"score\":0.68"), std::string::npos) << text;
}

TEST(JsonWriter, NonFiniteNumbersBecomeNull) {
  EXPECT_EQ(WriteJson(json::value(std::numeric_limits<double>::infinity())), "null");
  EXPECT_EQ(WriteJson(json::value(std::nan(""))), "null");
}

}  // namespace
}  // namespace notecoder::api
