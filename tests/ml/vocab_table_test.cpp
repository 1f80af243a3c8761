#include "ml/vocab_table.hpp"

#include <gtest/gtest.h>

namespace notecoder::ml {
namespace {

// Look-ups compare term bytes with fixed-size loads (8, 4 or 1 bytes at a time): terms of
// every length up to a few words, and near misses that differ in one byte at either end or in
// the middle, or by one byte of length.
TEST(VocabTable, FindsEveryTermAndNoNearMiss) {
  std::vector<std::string> terms;
  for (std::size_t n = 1; n <= 40; ++n) {
    std::string t;
    for (std::size_t k = 0; k < n; ++k) t.push_back(static_cast<char>('a' + (k * 5 + n) % 26));
    terms.push_back(t);
  }
  auto table = BuildVocabTable(terms);
  ASSERT_TRUE(table.ok());
  const VocabView view = table->View();
  for (std::uint32_t f = 0; f < terms.size(); ++f) {
    const std::string& t = terms[f];
    EXPECT_EQ(view.Find(t), f) << t;
    EXPECT_EQ(view.FindHashed(t, view.Hash(t)), f) << t;
    for (std::size_t at : {std::size_t{0}, t.size() / 2, t.size() - 1}) {
      std::string miss = t;
      miss[at] = '#';
      EXPECT_FALSE(view.Find(miss).has_value()) << miss;
    }
    EXPECT_FALSE(view.Find(t + "#").has_value()) << t;
    EXPECT_FALSE(view.Find(t.substr(1)).has_value()) << t;  // no term is another's tail
  }
  EXPECT_FALSE(view.Find("").has_value());
  EXPECT_EQ(VocabView().FindHashed("a", 1), kEmptySlot);
}

}  // namespace
}  // namespace notecoder::ml
