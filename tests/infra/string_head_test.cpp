#include "infra/string_head.hpp"

#include <gtest/gtest.h>

#include <string>

namespace notecoder::infra {
namespace {

// Heads of equal-length strings are equal exactly when their first 16 bytes are, whether read
// byte by byte or with the two masked loads of a std::string; whatever lies past size() in the
// string's buffer does not count.
TEST(StringHead, TwoLoadsAndAMaskAgreeWithBytesForEveryLength) {
  for (std::size_t length = 0; length <= 40; ++length) {
    std::string s;
    for (std::size_t i = 0; i < length; ++i) s += static_cast<char>('a' + (i * 5 + length) % 26);
    EXPECT_EQ(Head16OfString(s), Head16Of(s)) << s;
    std::string dirty = s + "zzzzzzzzzzzzzzzzzzzz";
    dirty.resize(length);  // the same bytes, garbage past the end
    EXPECT_EQ(Head16OfString(dirty), Head16Of(s)) << s;
    if (length == 0) continue;
    std::string last = s;
    last.back() = static_cast<char>(last.back() ^ 1);
    EXPECT_EQ(Head16OfString(last) == Head16OfString(s), length > 16) << s;
    EXPECT_EQ(Head16Of(last) == Head16Of(s), length > 16) << s;
  }
}

TEST(StringHead, PadsWithZerosAndKeepsTheFirstSixteenBytes) {
  static_assert(Head16Of("") == Head16{});
  static_assert(Head16Of("ab") == Head16{0x6261, 0});
  static_assert(Head16Of("abcdefghi") == Head16{0x6867666564636261, 0x69});
  EXPECT_EQ(Head16OfString(std::string(40, 'x')), Head16Of(std::string(16, 'x')));
  EXPECT_EQ(Head16OfString(std::string("ab\0", 3)), Head16Of("ab"));  // a zero byte pads alike
}

}  // namespace
}  // namespace notecoder::infra
