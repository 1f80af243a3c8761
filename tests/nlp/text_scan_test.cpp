#include "nlp/text_scan.hpp"

#include <gtest/gtest.h>

#include <string>

namespace notecoder::nlp::scan {
namespace {

// FindTerminator reads sixteen bytes at a time, past `end` when the text allows: a terminator at
// every offset, and ranges that start or stop mid-block, must give what a byte loop gives.
TEST(FindTerminator, AgreesWithAByteLoopAtEveryOffset) {
  for (const char terminator : {'.', '!', '?'}) {
    for (std::uint32_t at = 0; at < 40; ++at) {
      std::string text(40, 'x');
      text[at] = terminator;
      for (std::uint32_t begin = 0; begin < 40; ++begin) {
        for (std::uint32_t end = begin; end <= 40; ++end) {
          const std::uint32_t expected = (at >= begin && at < end) ? at : end;
          ASSERT_EQ(FindTerminator(text, begin, end), expected)
              << terminator << " at " << at << " in [" << begin << ", " << end << ")";
        }
      }
    }
  }
}

// AlnumRunEnd reads sixteen bytes at a time: every stop byte (the neighbours of the letter and
// digit ranges, bytes of 0x80 and above) at every offset, and ranges that start or stop
// mid-block, must give what the byte loop gives.
TEST(AlnumRunEnd, AgreesWithAByteLoopAtEveryOffset) {
  const std::string fill = "aZ09zA9mQ0xk";
  for (const int stop : {0x00, int{' '}, int{'\''}, int{'-'}, int{'/'}, '0' - 1, '9' + 1, 'A' - 1,
                         'Z' + 1, 'a' - 1, 'z' + 1, 0x7F, 0x80, 0xC3, 0xE2, 0xFF}) {
    for (std::size_t at = 0; at <= 40; ++at) {
      std::string text(40, 'x');
      for (std::size_t i = 0; i < text.size(); ++i) text[i] = fill[i % fill.size()];
      if (at < text.size()) text[at] = static_cast<char>(stop);
      for (std::size_t begin = 0; begin <= 41; ++begin) {
        for (std::size_t end = 0; end <= 40; ++end) {
          std::size_t expected = begin;
          while (expected < end && IsAlnum(text[expected])) ++expected;
          ASSERT_EQ(AlnumRunEnd(text, begin, end), expected)
              << "byte " << stop << " at " << at << " in [" << begin << ", " << end << ")";
        }
      }
    }
  }
}

TEST(AlnumRunEnd, StopsAtTheFirstNonAlnumByte) {
  const std::string text = "Hypertension2024 and Sézary, 142/88 mmHg";
  EXPECT_EQ(AlnumRunEnd(text, 0, text.size()), 16u);
  EXPECT_EQ(AlnumRunEnd(text, 17, text.size()), 20u);
  EXPECT_EQ(AlnumRunEnd(text, 21, text.size()), 22u);  // stops at the first byte of "é"
  EXPECT_EQ(AlnumRunEnd(text, 0, 5), 5u);              // never beyond end
}

TEST(FindTerminator, StopsAtTheFirstOfSeveral) {
  const std::string text = "Chest pain? No. Fever! Denies cough and sputum production today.";
  EXPECT_EQ(FindTerminator(text, 0, static_cast<std::uint32_t>(text.size())), 10u);
  EXPECT_EQ(FindTerminator(text, 11, static_cast<std::uint32_t>(text.size())), 14u);
  EXPECT_EQ(FindTerminator(text, 15, static_cast<std::uint32_t>(text.size())), 21u);
  EXPECT_EQ(FindTerminator(text, 22, static_cast<std::uint32_t>(text.size())),
            static_cast<std::uint32_t>(text.size() - 1));
  // Multi-byte UTF-8 never contains these bytes.
  const std::string utf8 = "Sézary syndrome — stable…";
  EXPECT_EQ(FindTerminator(utf8, 0, static_cast<std::uint32_t>(utf8.size())),
            static_cast<std::uint32_t>(utf8.size()));
}

}  // namespace
}  // namespace notecoder::nlp::scan
