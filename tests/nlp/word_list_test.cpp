#include "nlp/word_list.hpp"

#include <gtest/gtest.h>

namespace notecoder::nlp {
namespace {

TEST(WordList, ContainsExactlyItsWords) {
  static constexpr auto kList = MakeWordList("and", "or", "v", "versus");
  EXPECT_TRUE(kList.Contains("and"));
  EXPECT_TRUE(kList.Contains("or"));
  EXPECT_TRUE(kList.Contains("v"));
  EXPECT_TRUE(kList.Contains("versus"));
  EXPECT_FALSE(kList.Contains("an"));   // right first letter, wrong length
  EXPECT_FALSE(kList.Contains("ant"));  // right length and first letter
  EXPECT_FALSE(kList.Contains("nor"));  // right length, wrong first letter
  EXPECT_FALSE(kList.Contains("And"));  // case matters: callers pass normalized words
  EXPECT_FALSE(kList.Contains(""));
  EXPECT_FALSE(
      kList.Contains(std::string_view("anything-longer-than-sixty-four-characters-"
                                      "is-refused-without-a-length-bit-set")));
}

TEST(WordList, HandlesLongAndEmptyEntries) {
  static constexpr auto kList =
      MakeWordList("", "a-word-that-is-longer-than-sixty-four-characters-so-no-length-bit-fits");
  EXPECT_TRUE(kList.Contains(""));
  EXPECT_TRUE(
      kList.Contains("a-word-that-is-longer-than-sixty-four-characters-so-no-length-bit-fits"));
  EXPECT_FALSE(kList.Contains("a"));
}

TEST(WordList, SharedBucketsStillCompareTheWord) {
  // '0' and 'p' share a first-letter bucket, as do ',' and 'l': the filter lets these through
  // and the compare refuses them.
  static constexpr auto kList = MakeWordList(
      "pcv20", "l", "69-character-long-entry-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  EXPECT_TRUE(kList.Contains("pcv20"));
  EXPECT_TRUE(kList.Contains("l"));
  EXPECT_FALSE(kList.Contains("0cv20"));
  EXPECT_FALSE(kList.Contains(","));
  EXPECT_TRUE(
      kList.Contains("69-character-long-entry-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
  // Lengths from 63 up share a bit: a longer word with the same start is compared and refused.
  EXPECT_FALSE(
      kList.Contains("69-character-long-entry-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
  EXPECT_FALSE(kList.Contains("6"));
}

}  // namespace
}  // namespace notecoder::nlp
