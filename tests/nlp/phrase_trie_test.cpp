#include "nlp/phrase_trie.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace notecoder::nlp {
namespace {

// Tokens with the given norms; "1", "2", ... are numbers.
std::vector<Token> Tokens(const std::vector<std::string>& norms) {
  std::vector<Token> tokens;
  for (const std::string& n : norms) {
    Token t;
    t.norm = n;
    t.kind =
        !n.empty() && n.front() >= '0' && n.front() <= '9' ? TokenKind::kNumber : TokenKind::kWord;
    tokens.push_back(t);
  }
  return tokens;
}

TEST(PhraseTrie, FindsTheLongestPhraseWithinTheLimit) {
  PhraseTrie trie;
  trie.Add({"no"}, 0);
  trie.Add({"no", "evidence", "of"}, 1);
  trie.Add({"no", "evidence"}, 2);
  const auto tokens = Tokens({"no", "evidence", "of", "fever"});
  EXPECT_EQ(trie.Longest(tokens, 0, 4).value, 1u);
  EXPECT_EQ(trie.Longest(tokens, 0, 4).length, 3u);
  EXPECT_EQ(trie.Longest(tokens, 0, 2).value, 2u);  // "of" lies past the limit
  EXPECT_EQ(trie.Longest(tokens, 0, 1).value, 0u);
  EXPECT_EQ(trie.Longest(tokens, 1, 4).value, PhraseTrie::kNone);
  EXPECT_EQ(trie.Longest(tokens, 0, 0).value, PhraseTrie::kNone);
}

TEST(PhraseTrie, FallsBackToAShorterPhraseWhenALongerOneBreaksOff) {
  PhraseTrie trie;
  trie.Add({"with", "her", "mother"}, 0);
  trie.Add({"with"}, 1);
  EXPECT_EQ(trie.Longest(Tokens({"with", "her", "father"}), 0, 3).value, 1u);
  EXPECT_EQ(trie.Longest(Tokens({"with", "her", "mother"}), 0, 3).value, 0u);
  EXPECT_EQ(trie.Longest(Tokens({"with", "her"}), 0, 2).value, 1u);
}

TEST(PhraseTrie, HashMatchesAnyNumberButNotAsTheFirstWord) {
  PhraseTrie trie;
  trie.Add({"past", "#"}, 0);
  trie.Add({"#", "days"}, 1);
  EXPECT_EQ(trie.Longest(Tokens({"past", "3"}), 0, 2).value, 0u);
  EXPECT_EQ(trie.Longest(Tokens({"past", "few"}), 0, 2).value, PhraseTrie::kNone);
  EXPECT_EQ(trie.Longest(Tokens({"3", "days"}), 0, 2).value, PhraseTrie::kNone);
  EXPECT_EQ(trie.Longest(Tokens({"#", "days"}), 0, 2).value, 1u);  // a literal "#" token
}

TEST(PhraseTrie, SameLengthTiesGoToTheSmallerValue) {
  PhraseTrie trie;
  trie.Add({"in", "#"}, 5);
  trie.Add({"in", "2"}, 3);
  trie.Add({"in", "2"}, 4);  // a repeat keeps the smaller value
  EXPECT_EQ(trie.Longest(Tokens({"in", "2"}), 0, 2).value, 3u);
  EXPECT_EQ(trie.Longest(Tokens({"in", "7"}), 0, 2).value, 5u);
}

TEST(PhraseTrie, ManyPhrasesGrowTheTable) {
  PhraseTrie trie;
  for (std::uint32_t i = 0; i < 500; ++i) trie.Add({"w", "x" + std::to_string(i)}, i);
  for (std::uint32_t i = 0; i < 500; i += 37) {
    EXPECT_EQ(trie.Longest(Tokens({"w", "x" + std::to_string(i)}), 0, 2).value, i);
  }
  EXPECT_EQ(trie.Longest(Tokens({"w", "x500"}), 0, 2).value, PhraseTrie::kNone);
  EXPECT_EQ(trie.Longest(Tokens({"", "x1"}), 0, 2).value, PhraseTrie::kNone);
}

}  // namespace
}  // namespace notecoder::nlp
