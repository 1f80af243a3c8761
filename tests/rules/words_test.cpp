#include "rules/words.hpp"

#include <gtest/gtest.h>

namespace notecoder::rules {
namespace {

TEST(WordKey, StripsPluralsAndPossessives) {
  EXPECT_EQ(WordKey("ulcers"), "ulcer");
  EXPECT_EQ(WordKey("fractures"), "fracture");
  EXPECT_EQ(WordKey("arteries"), "artery");
  EXPECT_EQ(WordKey("charcot's"), "charcot");
  EXPECT_EQ(WordKey("abscess"), "abscess");
  EXPECT_EQ(WordKey("stenosis"), "stenosis");
  EXPECT_EQ(WordKey("venous"), "venous");
}

TEST(WordKey, SameKeyOnBothSides) {
  // Notes and index titles meet through the same key, whatever it looks like.
  EXPECT_EQ(WordKey("diabetes"), TitleKeys("Diabetes").front());
  EXPECT_EQ(WordKey("kidneys"), WordKey("kidney"));
}

TEST(TitleKeys, SplitsAndFoldsDiacritics) {
  const auto keys = TitleKeys("S\xC3\xA9zary's disease (stage 3b), NEC");
  ASSERT_EQ(keys.size(), 5u);
  EXPECT_EQ(keys[0], "sezary");
  EXPECT_EQ(keys[1], "disease");
  EXPECT_EQ(keys[2], "stage");
  EXPECT_EQ(keys[3], "3b");
  EXPECT_EQ(keys[4], "nec");
}

TEST(IsFillerKey, ConnectivesOnly) {
  EXPECT_TRUE(IsFillerKey("with"));
  EXPECT_TRUE(IsFillerKey("nec"));
  EXPECT_FALSE(IsFillerKey("chronic"));
  EXPECT_FALSE(IsFillerKey("type"));
}

}  // namespace
}  // namespace notecoder::rules
