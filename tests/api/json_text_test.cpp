#include "api/json_text.hpp"

#include <gtest/gtest.h>

namespace notecoder::api {
namespace {

TEST(CharOffsets, AsciiIsIdentity) {
  CharOffsets c("hello world");
  EXPECT_EQ(c.ToChar(0), 0u);
  EXPECT_EQ(c.ToChar(5), 5u);
  EXPECT_EQ(c.ToChar(11), 11u);
}

TEST(CharOffsets, CountsCodePointsNotBytes) {
  // "é" is 2 bytes, "°" is 2 bytes, "“" is 3 bytes.
  const std::string text =
      "caf\xC3\xA9 98\xC2\xB0"
      "F \xE2\x80\x9Cquoted";
  CharOffsets c(text);
  EXPECT_EQ(c.ToChar(3), 3u);  // before é
  EXPECT_EQ(c.ToChar(5), 4u);  // after é
  const auto quote = text.find("\xE2\x80\x9C");
  EXPECT_EQ(c.ToChar(static_cast<std::uint32_t>(quote)), 10u);
  EXPECT_EQ(c.ToChar(static_cast<std::uint32_t>(quote + 3)), 11u);
  EXPECT_EQ(c.ToChar(static_cast<std::uint32_t>(text.size())), 17u);
}

}  // namespace
}  // namespace notecoder::api
