#include "nlp/text_scan.hpp"

#include <gtest/gtest.h>

#include <string>

namespace notecoder::nlp::scan {
namespace {

// FindTerminator reads sixteen bytes at a time: a terminator at every offset, and ranges that
// start or stop mid-block, must give what a byte loop gives.
TEST(FindTerminator, AgreesWithAByteLoopAtEveryOffset) {
  for (const char terminator : {'.', '!', '?'}) {
    for (std::uint32_t at = 0; at < 40; ++at) {
      std::string text(40, 'x');
      text[at] = terminator;
      for (std::uint32_t begin = 0; begin < 40; ++begin) {
        for (std::uint32_t end = begin; end <= 40; end += 3) {
          const std::uint32_t expected = (at >= begin && at < end) ? at : end;
          ASSERT_EQ(FindTerminator(text, begin, end), expected)
              << terminator << " at " << at << " in [" << begin << ", " << end << ")";
        }
      }
    }
  }
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
