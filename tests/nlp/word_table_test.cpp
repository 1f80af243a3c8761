#include "nlp/word_table.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

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

TEST(WordTable, ReserveKeepsWhatIsThereAndMakesRoomAhead) {
  WordTable table;
  for (std::uint32_t i = 0; i < 100; ++i) table.Insert("k" + std::to_string(i), i);
  table.Reserve(5000);  // a rehash with keys already in place
  for (std::uint32_t i = 0; i < 100; ++i) ASSERT_EQ(table.Find("k" + std::to_string(i)), i);
  for (std::uint32_t i = 100; i < 5000; ++i) table.Insert("k" + std::to_string(i), i);
  table.Reserve(10);  // smaller than the table: nothing to do
  EXPECT_EQ(table.size(), 5000u);
  for (std::uint32_t i = 0; i < 5000; ++i) ASSERT_EQ(table.Find("k" + std::to_string(i)), i);
  EXPECT_EQ(table.Find("k5000"), WordTable::kMissing);
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

// A probe compares zero-padded heads built from pieces of the key that never leave it: keys of
// every length at every alignment, each copied into a heap buffer of exactly its size, so that
// AddressSanitizer reports any read past the end; keys differing only in their last byte.
TEST(WordTable, FindsKeysOfEveryLengthAtEveryAlignmentWithoutReadingPastThem) {
  WordTable table;
  std::vector<std::string> keys;
  for (std::size_t length = 0; length <= 40; ++length) {
    std::string key;
    for (std::size_t i = 0; i < length; ++i) key += static_cast<char>('a' + (i * 7 + length) % 26);
    keys.push_back(key);
  }
  for (std::size_t k = 0; k < keys.size(); ++k)
    table.Insert(keys[k], static_cast<std::uint32_t>(k));
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const std::string& key = keys[k];
    EXPECT_EQ(table.Find(key), k) << key;  // the std::string path
    for (std::size_t align = 0; align < 16; ++align) {
      const std::size_t size = align + key.size();
      const auto buffer = std::make_unique<char[]>(size == 0 ? 1 : size);
      std::copy(key.begin(), key.end(), buffer.get() + align);
      const std::string_view view(buffer.get() + align, key.size());
      EXPECT_EQ(table.Find(view), k) << key << " at " << align;
      if (key.empty()) continue;
      // The same length, the last byte changed: a miss by both paths.
      buffer[size - 1] = static_cast<char>(buffer[size - 1] ^ 0x20);
      EXPECT_EQ(table.Find(view), WordTable::kMissing) << key << " at " << align;
      EXPECT_EQ(table.Find(std::string(view)), WordTable::kMissing) << key;
      // One byte shorter: a prefix is a miss too (unless it is the stored shorter key).
      const std::string_view shorter = view.substr(0, key.size() - 1);
      EXPECT_EQ(table.Find(shorter), keys[k - 1] == shorter ? k - 1 : WordTable::kMissing);
    }
  }
}

// Bytes past a short key in the same buffer, or a zero byte inside a key, are not part of it.
TEST(WordTable, ZeroBytesAndNeighbouringTextDoNotChangeAKey) {
  WordTable table;
  table.Insert(std::string_view("ab\0", 3), 1);
  table.Insert("ab", 2);
  table.Insert(std::string_view("\0", 1), 3);
  EXPECT_EQ(table.Find(std::string_view("ab\0", 3)), 1u);
  EXPECT_EQ(table.Find(std::string("ab\0", 3)), 1u);
  EXPECT_EQ(table.Find("ab"), 2u);
  EXPECT_EQ(table.Find(std::string_view("\0", 1)), 3u);
  EXPECT_EQ(table.Find(""), WordTable::kMissing);
  EXPECT_EQ(table.Find(std::string()), WordTable::kMissing);
  std::string grown = "ab";
  grown.reserve(100);  // a heap buffer whose unused bytes hold anything
  grown.append("cdefghijklmnopqrstuvwxyz");
  grown.resize(2);
  EXPECT_EQ(table.Find(grown), 2u);
  table.Insert("", 4);
  EXPECT_EQ(table.Find(""), 4u);
  EXPECT_EQ(table.Find(std::string()), 4u);
}

// Heads hold the first 16 bytes: long keys that share them are told apart by their tails.
TEST(WordTable, TellsApartLongKeysThatShareTheirHead) {
  WordTable table;
  const std::string head(16, 'h');
  for (std::uint32_t i = 0; i < 200; ++i) table.Insert(head + std::to_string(i), i);
  for (std::uint32_t i = 0; i < 200; ++i) {
    EXPECT_EQ(table.Find(head + std::to_string(i)), i);
    EXPECT_EQ(table.Find(std::string_view(head + std::to_string(i))), i);
  }
  EXPECT_EQ(table.Find(head), WordTable::kMissing);
  EXPECT_EQ(table.Find(head + "x"), WordTable::kMissing);
  EXPECT_EQ(table.Find(head + "1999"), WordTable::kMissing);
}

}  // namespace
}  // namespace notecoder::nlp
