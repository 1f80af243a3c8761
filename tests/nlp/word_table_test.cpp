#include "nlp/word_table.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace notecoder::nlp {
namespace {

TEST(WordTable, FindsWhatWasInsertedAndNothingElse) {
  WordTable table;
  EXPECT_EQ(table.Find("heart"), WordTable::kMissing);  // empty table
  EXPECT_EQ(table.Insert("heart", 7), 7u);
  EXPECT_EQ(table.Insert("failure", 9), 9u);
  EXPECT_EQ(table.Find("heart"), 7u);
  EXPECT_EQ(table.Find("failure"), 9u);
  EXPECT_EQ(table.Find("hear"), WordTable::kMissing);
  EXPECT_EQ(table.Find("hearts"), WordTable::kMissing);
  EXPECT_EQ(table.Find(""), WordTable::kMissing);
}

TEST(WordTable, SecondInsertKeepsTheFirstValue) {
  WordTable table;
  table.Insert("ckd", 1);
  EXPECT_EQ(table.Insert("ckd", 2), 1u);
  EXPECT_EQ(table.Find("ckd"), 1u);
  EXPECT_EQ(table.size(), 1u);
}

TEST(WordTable, StaysCorrectAcrossManyGrowths) {
  WordTable table;
  std::map<std::string, std::uint32_t> expected;
  for (std::uint32_t i = 0; i < 20000; ++i) {
    const std::string key = "w" + std::to_string(i * 7919u);
    table.Insert(key, i);
    expected[key] = i;
  }
  EXPECT_EQ(table.size(), expected.size());
  for (const auto& [key, value] : expected) ASSERT_EQ(table.Find(key), value) << key;
  EXPECT_EQ(table.Find("w1"), WordTable::kMissing);
  std::size_t visited = 0;
  table.ForEach([&](std::string_view key, std::uint32_t value) {
    EXPECT_EQ(expected.at(std::string(key)), value);
    ++visited;
  });
  EXPECT_EQ(visited, expected.size());
}

// The hash reads keys a word at a time with overlapping loads: every byte of every length must
// still count, for lookups and for equality.
TEST(WordTable, TellsApartKeysThatDifferInOneByteAtAnyPosition) {
  WordTable table;
  std::map<std::string, std::uint32_t> expected;
  for (std::size_t length = 1; length <= 40; ++length) {
    const std::string base(length, 'a');
    for (std::size_t at = 0; at < length; ++at) {
      std::string key = base;
      key[at] = 'b';
      const auto value = static_cast<std::uint32_t>(expected.size());
      expected[key] = value;
      table.Insert(key, value);
    }
    const auto value = static_cast<std::uint32_t>(expected.size());
    expected[base] = value;
    table.Insert(base, value);
  }
  EXPECT_EQ(table.size(), expected.size());
  for (const auto& [key, value] : expected) ASSERT_EQ(table.Find(key), value) << key;
  // A prefix or an extension of a stored key is not that key.
  EXPECT_EQ(table.Find(std::string(41, 'a')), WordTable::kMissing);
  EXPECT_EQ(table.Find(std::string(12, 'a') + "c"), WordTable::kMissing);
  // Keys that are views into a longer text are compared by their own bytes only.
  const std::string text = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  EXPECT_EQ(table.Find(std::string_view(text).substr(3, 9)), expected.at(std::string(9, 'a')));
}

}  // namespace
}  // namespace notecoder::nlp
