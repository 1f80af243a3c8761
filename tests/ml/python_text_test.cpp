#include "ml/python_text.hpp"

#include <gtest/gtest.h>

namespace notecoder::ml {
namespace {

std::u32string Decode(std::string_view bytes) {
  std::u32string out;
  DecodeUtf8(bytes, out);
  return out;
}

std::u32string Lower(std::u32string_view text) {
  std::u32string out;
  PythonLower(text, out);
  return out;
}

TEST(DecodeUtf8, ValidText) {
  EXPECT_EQ(Decode("a\xC3\xA9\xE6\x9D\xB1\xF0\x9F\x99\x82"), U"a\u00E9\u6771\U0001F642");
}

TEST(DecodeUtf8, InvalidBytesBecomeReplacementWithoutEatingNeighbours) {
  // As bytes.decode('utf-8', 'replace'): a truncated sequence is one U+FFFD and the next byte
  // starts afresh.
  EXPECT_EQ(Decode("\xE2\x82"
                   "A"),
            U"\uFFFDA");
  EXPECT_EQ(Decode("\xFF"
                   "ab"),
            U"\uFFFDab");
  EXPECT_EQ(Decode("\xC0\xAF"), U"\uFFFD\uFFFD");                      // overlong
  EXPECT_EQ(Decode("\xED\xA0\x80"), U"\uFFFD\uFFFD\uFFFD");            // surrogate
  EXPECT_EQ(Decode("\xF4\x90\x80\x80"), U"\uFFFD\uFFFD\uFFFD\uFFFD");  // > U+10FFFF
  EXPECT_EQ(Decode("x\xF0\x9F"), U"x\uFFFD");                          // cut at the end
}

TEST(PythonLower, FullMappingAndFinalSigma) {
  EXPECT_EQ(Lower(U"\u0130"), U"i\u0307");  // İ → i + combining dot above
  EXPECT_EQ(Lower(U"STRASSE \u1E9E"), U"strasse \u00DF");
  EXPECT_EQ(Lower(U"\u01C4\u01C5"), U"\u01C6\u01C6");    // Ǆ ǅ → ǆ ǆ
  EXPECT_EQ(Lower(U"\u039F\u03A3"), U"\u03BF\u03C2");    // word-final Σ → ς
  EXPECT_EQ(Lower(U"\u03A3\u039F"), U"\u03C3\u03BF");    // initial Σ → σ
  EXPECT_EQ(Lower(U"\u03A3"), U"\u03C3");                // alone → σ
  EXPECT_EQ(Lower(U"\u0391\u03A3'"), U"\u03B1\u03C2'");  // apostrophe is case-ignorable
  EXPECT_EQ(Lower(U"\u212A"), U"k");                     // Kelvin sign
}

TEST(PythonText, WordAndSpaceClasses) {
  EXPECT_TRUE(IsWordChar(U'_'));
  EXPECT_TRUE(IsWordChar(U'\u0663'));  // Arabic-Indic digit three
  EXPECT_TRUE(IsWordChar(U'\u00BD'));  // ½ is numeric
  EXPECT_TRUE(IsWordChar(U'\u6771'));
  EXPECT_FALSE(IsWordChar(U'\u0301'));  // combining acute: Mn is not \w
  EXPECT_FALSE(IsWordChar(U'\U0001F642'));
  EXPECT_FALSE(IsWordChar(kReplacementChar));
  EXPECT_TRUE(IsSpaceChar(U'\u00A0'));
  EXPECT_TRUE(IsSpaceChar(U'\u001C'));  // str.isspace() counts the file separator
  EXPECT_FALSE(IsSpaceChar(U'\u200B'));
}

TEST(PythonText, InlineAsciiClassesAgreeWithGeneratedTables) {
  for (char32_t c = 0; c < 128; ++c) {
    EXPECT_EQ(detail::IsAsciiWord(static_cast<unsigned char>(c)), detail::IsWordCharSlow(c))
        << static_cast<int>(c);
    EXPECT_EQ(detail::IsAsciiSpace(static_cast<unsigned char>(c)), detail::IsSpaceCharSlow(c))
        << static_cast<int>(c);
  }
}

TEST(AppendUtf8, EncodesEveryLength) {
  std::string out;
  for (char32_t cp : {U'a', U'\u00E9', U'\u6771', U'\U0001F642'}) AppendUtf8(cp, out);
  EXPECT_EQ(out, "a\xC3\xA9\xE6\x9D\xB1\xF0\x9F\x99\x82");
}

}  // namespace
}  // namespace notecoder::ml
