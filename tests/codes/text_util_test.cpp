#include "codes/text_util.hpp"

#include <gtest/gtest.h>

namespace notecoder::codes {
namespace {

TEST(AsciiFold, StripsDiacriticsAndKeepsAscii) {
  EXPECT_EQ(AsciiFold("S\xC3\xA9zary disease"), "Sezary disease");
  EXPECT_EQ(AsciiFold("Sj\xC3\xB6gren"), "Sjogren");
  EXPECT_EQ(AsciiFold("Crohn\xE2\x80\x99s"), "Crohn's");
  EXPECT_EQ(AsciiFold("plain"), "plain");
  EXPECT_EQ(AsciiFold("cut\xC3"), "cut");  // truncated sequence dropped, no crash
}

TEST(TextUtil, CollapseWhitespace) {
  EXPECT_EQ(CollapseWhitespace("  a \t b\r\n c  "), "a b c");
  EXPECT_EQ(CollapseWhitespace(" \t "), "");
}

TEST(TextUtil, SplitWordsLowercasesAndFolds) {
  EXPECT_EQ(SplitWords("Type 2 diabetes, NOS (S\xC3\xA9zary)"),
            (std::vector<std::string>{"type", "2", "diabetes", "nos", "sezary"}));
  EXPECT_TRUE(SplitWords(" ,;- ").empty());
}

TEST(TextUtil, StemWordStripsSimplePlurals) {
  EXPECT_EQ(StemWord("fractures"), "fracture");
  EXPECT_EQ(StemWord("bodies"), "body");
  EXPECT_EQ(StemWord("abscess"), "abscess");
  EXPECT_EQ(StemWord("diabetes"), StemWord("diabetes"));
  EXPECT_EQ(StemWord("is"), "is");
  EXPECT_EQ(StemWord("pelvis"), "pelvis");
}

}  // namespace
}  // namespace notecoder::codes
