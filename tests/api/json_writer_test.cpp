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

TEST(JsonWriter, EscapesAtEveryPositionOfALongString) {
  // The writer skips clean text eight bytes at a time: a character to escape must be found
  // wherever it falls in or across those blocks.
  for (const char special : {'"', '\\', '\n', '\x1f', '\x01'}) {
    for (std::size_t at = 0; at < 20; ++at) {
      std::string s(19, 'a');
      s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), special);
      s += "\xc3\xa9\x7f";
      const std::string text = WriteJson(json::value(s));
      EXPECT_EQ(json::parse(text).as_string(), s) << at;
      EXPECT_EQ(text.find(special == '"' ? "\"\"" : "\x01"), std::string::npos) << at;
    }
  }
}

TEST(JsonOut, PlacesCommasAndNestsContainers) {
  std::string text;
  JsonOut j(text);
  j.BeginObject();
  j.Key("a").BeginArray().Int(1).UInt(2).Number(0.5).EndArray();
  j.Key("b").BeginObject().EndObject();
  j.Key("c").BeginArray().BeginObject().Key("x").Null().EndObject().BeginArray().EndArray();
  j.EndArray();
  j.Key("d").String("q\"").Key("e").Bool(false);
  j.Key("f").Value(json::parse(R"({"k":[1,2]})"));
  j.Key("g").Number(std::nan(""));
  j.EndObject();
  EXPECT_EQ(text,
            R"({"a":[1,2,0.5],"b":{},"c":[{"x":null},[]],"d":"q\"","e":false,"f":{"k":[1,2]},)"
            R"("g":null})");
}

// JsonOut gathers pieces in a buffer of its own: strings longer than it, many pieces that cross
// its end, and escapes at the crossing read back as written; `out` holds the whole text as soon
// as the outermost value is complete.
TEST(JsonOut, BufferedPiecesReadBackAndAppearWhenComplete) {
  std::string text;
  json::object want;
  {
    JsonOut j(text);
    j.BeginObject();
    for (std::size_t n = 0; n < 2100; n += 7) {
      std::string s(n, 'x');
      if (n > 3) s[n / 2] = '"';
      const std::string key = "k" + std::to_string(n);
      j.Key(key).BeginArray().String(s).UInt(n).Bool(n % 2 == 0).EndArray();
      want[key] = json::array{json::value(s), json::value(n), json::value(n % 2 == 0)};
    }
    j.EndObject();
    EXPECT_EQ(json::parse(text), json::value(want));
  }
  std::string scalar;
  JsonOut k(scalar);
  k.String(std::string(3000, 'y'));
  EXPECT_EQ(scalar, "\"" + std::string(3000, 'y') + "\"");
}

}  // namespace
}  // namespace notecoder::api
