#include "nlp/normalize.hpp"

#include <gtest/gtest.h>

#include <string>

namespace notecoder::nlp {
namespace {

std::string Norm(std::string_view w) {
  std::string out;
  AppendNorm(w, out);
  return out;
}

// AppendNorm lowers ASCII eight bytes at a time; every length and every byte around 'A'..'Z'
// must come out as a byte-by-byte lowering would.
TEST(AppendNorm, LowersAsciiLikeAByteLoopAtEveryLength) {
  const std::string alphabet = "@AZ[`az{09-'MnQ_";
  for (std::size_t n = 0; n <= 70; ++n) {
    for (std::size_t shift = 0; shift < alphabet.size(); ++shift) {
      std::string word;
      for (std::size_t i = 0; i < n; ++i) word += alphabet[(i * 7 + shift) % alphabet.size()];
      std::string expected;
      for (const char c : word) {
        expected += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
      }
      ASSERT_EQ(Norm(word), expected) << word;
    }
  }
  // Every ASCII byte, in one long word and in short ones.
  std::string all;
  for (int c = 1; c < 128; ++c) all += static_cast<char>(c);
  std::string expected_all;
  for (const char c : all) {
    expected_all += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
  }
  EXPECT_EQ(Norm(all.substr(0, 64)), expected_all.substr(0, 64));
  EXPECT_EQ(Norm(all), expected_all);
}

TEST(AppendNorm, FoldsNonAsciiWhereverItSits) {
  EXPECT_EQ(Norm("Sézary"), "sezary");
  EXPECT_EQ(Norm("HYPERTENSIÓN"), "hypertension");            // the last block
  EXPECT_EQ(Norm("ÉCHOCARDIOGRAPHIE"), "echocardiographie");  // the first block
  EXPECT_EQ(Norm("Crohn\xE2\x80\x99s"), "crohn's");
  std::string appended = "x";
  AppendNorm("ABC", appended);
  EXPECT_EQ(appended, "xabc");
}

}  // namespace
}  // namespace notecoder::nlp
