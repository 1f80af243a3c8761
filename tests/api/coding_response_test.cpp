#include "api/coding_response.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "api/json_writer.hpp"
#include "pipeline/engine_merge.hpp"
#include "rules/rules_engine.hpp"
#include "support/test_paths.hpp"

namespace notecoder::api {
namespace {

namespace json = boost::json;

TEST(CodingResponse, FieldsFollowTheContract) {
  auto book = testing::SharedCodebook();
  ASSERT_TRUE(book);
  rules::RulesEngine engine(book);
  const std::string note = "Assessment: Essential hypertension. Denies chest pain.";
  auto result = engine.Code(note);
  ASSERT_TRUE(result.ok()) << result.error().message;
  const pipeline::CodingResult coded = pipeline::FromRules(std::move(*result));
  const json::object body = EncodeCodingResponse(coded, note, *book, ResponseTimings{1.5, 0, 2.0});
  for (const char* key : {"codes", "excluded", "summary", "structured", "basics", "degraded",
                          "degraded_reasons", "timings_ms"}) {
    EXPECT_TRUE(body.contains(key)) << key;
  }
  const auto& codes = body.at("codes").as_array();
  ASSERT_FALSE(codes.empty());
  const auto& first = codes.at(0).as_object();
  EXPECT_EQ(first.at("code").as_string(), "I10");
  for (const char* key : {"code", "description", "score", "sources", "evidence"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  const auto& ev = first.at("evidence").as_array().at(0).as_object();
  const auto start = ev.at("start").to_number<std::size_t>();
  const auto end = ev.at("end").to_number<std::size_t>();
  EXPECT_EQ(note.substr(start, end - start), std::string(ev.at("text").as_string()));
  EXPECT_NE(std::string(ev.at("text").as_string()).find("hypertension"), std::string::npos);
  EXPECT_FALSE(body.at("degraded").as_bool());
}

TEST(CodingResponse, WrittenTextIsTheDocument) {
  auto book = testing::SharedCodebook();
  ASSERT_TRUE(book);
  rules::RulesEngine engine(book);
  const std::string note =
      "Age: 67 F\nHPI: \"Chest pain\" for 2 days.\tDenies fever.\nPMH: HTN, T2DM with CKD 3b.\n"
      "Family history: mother with breast cancer.\nMeds: metformin 500 mg BID\n"
      "Assessment: Type 2 diabetes with diabetic chronic kidney disease. Héllo \u00e9.";
  auto result = engine.Code(note);
  ASSERT_TRUE(result.ok()) << result.error().message;
  const pipeline::CodingResult coded = pipeline::FromRules(std::move(*result));
  std::string text;
  WriteCodingResponse(text, coded, note, *book, ResponseTimings{1.5, 0, 2.0});
  const json::value parsed = json::parse(text);
  // Valid JSON, and written back by the document writer it is the same text: same keys in the
  // same order, same numbers.
  EXPECT_EQ(WriteJson(parsed), text);
  EXPECT_EQ(parsed.as_object(),
            EncodeCodingResponse(coded, note, *book, ResponseTimings{1.5, 0, 2.0}));
  EXPECT_FALSE(parsed.at("excluded").as_array().empty());
  EXPECT_FALSE(parsed.at("basics").at("medications").as_array().empty());
}

}  // namespace
}  // namespace notecoder::api
