#include "rules/index_walker.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace notecoder::rules {
namespace {

std::vector<std::uint32_t> PositionsOf(const KeyPositions& k, WordId id) {
  std::vector<std::uint32_t> out;
  for (const auto& e : k.Of(id)) {
    EXPECT_EQ(e.first, id);
    out.push_back(e.second);
  }
  return out;
}

TEST(KeyPositions, EmptyHasNothing) {
  KeyPositions k;
  k.Seal();
  EXPECT_TRUE(k.Of(7).empty());
  EXPECT_FALSE(k.MayContain(7));
}

TEST(KeyPositions, PositionsOfEachWordAscending) {
  KeyPositions k;
  const std::vector<WordId> words = {5, 3, 5, 9, 3, 5, 1, 12, 9, 5};
  for (std::uint32_t p = 0; p < words.size(); ++p) k.Add(words[p], p);
  k.Seal();
  EXPECT_EQ(PositionsOf(k, 5), (std::vector<std::uint32_t>{0, 2, 5, 9}));
  EXPECT_EQ(PositionsOf(k, 3), (std::vector<std::uint32_t>{1, 4}));
  EXPECT_EQ(PositionsOf(k, 9), (std::vector<std::uint32_t>{3, 8}));
  EXPECT_EQ(PositionsOf(k, 1), (std::vector<std::uint32_t>{6}));
  EXPECT_EQ(PositionsOf(k, 12), (std::vector<std::uint32_t>{7}));
  EXPECT_TRUE(k.MayContain(12));
  // Absent words below, between and above the present ones.
  EXPECT_TRUE(k.Of(0).empty());
  EXPECT_TRUE(k.Of(4).empty());
  EXPECT_TRUE(k.Of(10).empty());
  EXPECT_TRUE(k.Of(13).empty());
}

TEST(KeyPositions, AgreesWithALinearCountForEveryWord) {
  KeyPositions k;
  std::vector<WordId> words;
  for (std::uint32_t p = 0; p < 1000; ++p) words.push_back((p * 7919u) % 37u + 1u);
  for (std::uint32_t p = 0; p < words.size(); ++p) k.Add(words[p], p);
  k.Seal();
  for (WordId id = 0; id < 40; ++id) {
    std::vector<std::uint32_t> expected;
    for (std::uint32_t p = 0; p < words.size(); ++p) {
      if (words[p] == id) expected.push_back(p);
    }
    EXPECT_EQ(PositionsOf(k, id), expected) << id;
  }
}

}  // namespace
}  // namespace notecoder::rules
