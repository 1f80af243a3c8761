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

}  // namespace
}  // namespace notecoder::nlp
