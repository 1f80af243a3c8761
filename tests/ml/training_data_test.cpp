#include "ml/training_data.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "support/test_paths.hpp"

namespace notecoder::ml {
namespace {

class TrainingDataTest : public ::testing::Test {
 protected:
  std::filesystem::path Write(const std::string& text) {
    path_ = std::filesystem::temp_directory_path() /
            ("notecoder_training_data_" + std::to_string(::getpid()) + ".jsonl");
    std::ofstream(path_, std::ios::binary) << text;
    return path_;
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::filesystem::path path_;
};

constexpr const char* kMixed =
    "{\"note\": \"Type 2 diabetes with CKD.\", \"codes\": [\"E11.22\", \"e1122\", \"N18.30\"]}\n"
    "this is not json SECRET-PHI\n"
    "\n"
    "{\"note\": \"SECRET-PHI hypertension\", \"codes\": \"I10\"}\n"
    "{\"codes\": [\"I10\"]}\n"
    "{\"note\": \"SECRET-PHI asthma\", \"codes\": [\"J45.909\", \"E11.99\", \"E11\", "
    "\"SECRET-PHI\", 7]}\r\n"
    "[1, 2]\n"
    "{\"note\": \"No codes here.\", \"codes\": []}\n";

TEST_F(TrainingDataTest, SkipsBadLinesByNumberAndDropsBadCodes) {
  auto data = ReadTrainingData(Write(kMixed), *testing::SharedCodebook(), BadLinePolicy::kSkip);
  ASSERT_TRUE(data.ok()) << data.error().message;
  ASSERT_EQ(data->examples.size(), 3u);
  EXPECT_EQ(data->examples[0].line, 1u);
  EXPECT_EQ(data->examples[0].codes, (std::vector<std::string>{"E11.22", "N18.30"}));
  EXPECT_EQ(data->examples[1].line, 6u);
  EXPECT_EQ(data->examples[1].codes, (std::vector<std::string>{"J45.909"}));
  EXPECT_TRUE(data->examples[2].codes.empty());  // a negative example is still an example

  ASSERT_EQ(data->bad_lines.size(), 4u);
  EXPECT_EQ(data->bad_lines[0].line, 2u);
  EXPECT_EQ(data->bad_lines[0].what, "not valid JSON");
  EXPECT_EQ(data->bad_lines[1].line, 4u);
  EXPECT_EQ(data->bad_lines[1].what, "no \"codes\" array");
  EXPECT_EQ(data->bad_lines[2].line, 5u);
  EXPECT_EQ(data->bad_lines[3].line, 7u);
  EXPECT_EQ(data->bad_lines[3].what, "not a JSON object");

  ASSERT_EQ(data->dropped_codes.size(), 4u);
  EXPECT_EQ(data->dropped_codes[0].what, "unknown code E11.99");
  EXPECT_EQ(data->dropped_codes[1].what, "code E11 is not billable");
  EXPECT_EQ(data->dropped_codes[2].what, "codes[3] is not an ICD-10-CM code");
  EXPECT_EQ(data->dropped_codes[3].what, "codes[4] is not an ICD-10-CM code");
  for (const auto& p : data->dropped_codes) EXPECT_EQ(p.line, 6u);
  // Notes are PHI: no report quotes them.
  for (const auto& p : data->bad_lines) EXPECT_EQ(p.what.find("SECRET"), std::string::npos);
  for (const auto& p : data->dropped_codes) EXPECT_EQ(p.what.find("SECRET"), std::string::npos);
}

TEST_F(TrainingDataTest, FatalStopsAtTheFirstBadLine) {
  auto data = ReadTrainingData(Write(kMixed), *testing::SharedCodebook(), BadLinePolicy::kFatal);
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(data.error().message.find("line 2: not valid JSON"), std::string::npos);
  EXPECT_EQ(data.error().message.find("SECRET"), std::string::npos);
}

TEST_F(TrainingDataTest, EmptyOrAllBadIsAClearError) {
  auto empty = ReadTrainingData(Write(""), *testing::SharedCodebook(), BadLinePolicy::kSkip);
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("the file is empty"), std::string::npos);
  auto bad =
      ReadTrainingData(Write("nope\n{}\n"), *testing::SharedCodebook(), BadLinePolicy::kSkip);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("2 bad lines"), std::string::npos);
  auto missing = ReadTrainingData("/nonexistent/notes.jsonl", *testing::SharedCodebook(),
                                  BadLinePolicy::kSkip);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
}

}  // namespace
}  // namespace notecoder::ml
