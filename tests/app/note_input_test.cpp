#include "app/note_input.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace notecoder::app {
namespace {

TEST(ReadNote, ReadsAFile) {
  const auto path = std::filesystem::temp_directory_path() / "notecoder_read_note_test.txt";
  std::ofstream(path, std::ios::binary) << "Assessment: hypertension";
  auto r = ReadNote(path.string(), 1000);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "Assessment: hypertension");
  std::filesystem::remove(path);
}

TEST(ReadNote, RefusesMoreThanTheLimit) {
  const auto path = std::filesystem::temp_directory_path() / "notecoder_read_note_big.txt";
  std::ofstream(path, std::ios::binary) << std::string(200000, 'x');
  auto r = ReadNote(path.string(), 100000);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kResourceExhausted);
  std::filesystem::remove(path);
}

TEST(ReadNote, MissingFileIsNotFound) {
  auto r = ReadNote("/nonexistent/notecoder/note.txt", 1000);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace notecoder::app
