#include "llm/summary_streamer.hpp"

#include <gtest/gtest.h>

namespace notecoder::llm {
namespace {

const std::string kAnswer =
    "{\"summary\": \"Line \\\"one\\\"\\nT\\u00e9st \\ud83d\\ude00 caf\xC3\xA9 end\", \"x\": 1}";
const std::string kText = "Line \"one\"\nT\xC3\xA9st \xF0\x9F\x98\x80 caf\xC3\xA9 end";

TEST(SummaryStreamer, DecodesTheSummaryValue) {
  SummaryStreamer s;
  EXPECT_EQ(s.Feed(kAnswer), kText);
  EXPECT_TRUE(s.done());
}

TEST(SummaryStreamer, SameTextWhenSplitAnywhereAndNoBrokenCharacters) {
  for (std::size_t cut = 0; cut <= kAnswer.size(); ++cut) {
    for (std::size_t cut2 = cut; cut2 <= kAnswer.size(); cut2 += 3) {
      SummaryStreamer s;
      const std::string a = s.Feed(kAnswer.substr(0, cut));
      const std::string b = s.Feed(kAnswer.substr(cut, cut2 - cut));
      const std::string c = s.Feed(kAnswer.substr(cut2));
      ASSERT_EQ(a + b + c, kText) << cut << " " << cut2;
      for (const auto* piece : {&a, &b}) {  // never ends inside a UTF-8 character
        if (piece->empty()) continue;
        const auto last = static_cast<unsigned char>(piece->back());
        ASSERT_TRUE(last < 0x80 || (last & 0xC0) == 0x80) << cut;
      }
    }
  }
}

TEST(SummaryStreamer, IgnoresOtherKeysAndNonStringValues) {
  SummaryStreamer s;
  EXPECT_EQ(s.Feed("{\"note\": \"summary\", \"summary\": \"ok\"}"), "ok");
  SummaryStreamer t;
  EXPECT_EQ(t.Feed("{\"summary\": 5}"), "");
  EXPECT_TRUE(t.done());
}

}  // namespace
}  // namespace notecoder::llm
