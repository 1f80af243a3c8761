#include "codes/code_refs.hpp"

#include <gtest/gtest.h>

#include "codes/codebook.hpp"

namespace notecoder::codes {
namespace {

TEST(NormalizeCode, AcceptsDottedUndottedAndCase) {
  EXPECT_EQ(NormalizeCode("e11.22"), "E11.22");
  EXPECT_EQ(NormalizeCode("E1122"), "E11.22");
  EXPECT_EQ(NormalizeCode("  e1122 "), "E11.22");
  EXPECT_EQ(NormalizeCode("I10"), "I10");
  EXPECT_EQ(NormalizeCode("t360x1a"), "T36.0X1A");
}

TEST(NormalizeCode, RejectsNonCodes) {
  EXPECT_FALSE(NormalizeCode(""));
  EXPECT_FALSE(NormalizeCode("E1"));
  EXPECT_FALSE(NormalizeCode("11.22"));
  EXPECT_FALSE(NormalizeCode("E11.22.1"));
  EXPECT_FALSE(NormalizeCode("E1.122"));
  EXPECT_FALSE(NormalizeCode("E11220000"));
  EXPECT_FALSE(NormalizeCode("E11-22"));
}

TEST(CodeRefs, ParsesTheTabularForms) {
  const auto refs = ParseCodeRefs(
      "diabetes (E08.-), gestational (O24.4-), neonatal (P70.2), hypertensive (I10-I16), "
      "pancreas (K85-K86.-), stage (N18.1-N18.6)");
  ASSERT_EQ(refs.size(), 6u);
  EXPECT_EQ(refs[0].kind, CodeRef::Kind::kPrefix);
  EXPECT_EQ(refs[0].lo, "E08");
  EXPECT_EQ(refs[1].kind, CodeRef::Kind::kPrefix);
  EXPECT_EQ(refs[1].lo, "O244");
  EXPECT_EQ(refs[2].kind, CodeRef::Kind::kExact);
  EXPECT_EQ(refs[2].lo, "P702");
  EXPECT_EQ(refs[3].kind, CodeRef::Kind::kRange);
  EXPECT_EQ(refs[3].lo, "I10");
  EXPECT_EQ(refs[3].hi, "I16");
  EXPECT_EQ(refs[4].hi, "K86");
  EXPECT_EQ(refs[5].lo, "N181");
  EXPECT_EQ(refs[5].hi, "N186");
}

TEST(CodeRefs, ListsAndOddFormsNeverCrash) {
  EXPECT_EQ(ParseCodeRefs("alcohol (F10.-, F11.-; F12.-)").size(), 3u);
  EXPECT_TRUE(ParseCodeRefs("(T36-T50 with fifth or sixth character 5)").empty());
  EXPECT_TRUE(ParseCodeRefs("(acute) (chronic) (G6PD) () (").empty());
  EXPECT_TRUE(ParseCodeRefs("(I69. with final characters -23)").empty());
  EXPECT_TRUE(ParseCodeRefs("unbalanced (E11.- ").empty());
  EXPECT_TRUE(ParseCodeRefs("(- ) (E- ) (-E11)").empty());
}

TEST(CodeRefs, RefCoversPrefixesAndRanges) {
  EXPECT_TRUE(RefCovers("E10", "E10", "E109"));
  EXPECT_FALSE(RefCovers("E10", "E10", "E119"));
  EXPECT_TRUE(RefCovers("I10", "I16", "I130"));
  EXPECT_TRUE(RefCovers("I10", "I16", "I16"));
  EXPECT_FALSE(RefCovers("I10", "I16", "I20"));
  EXPECT_TRUE(RefCovers("N181", "N186", "N1830"));
  EXPECT_FALSE(RefCovers("N181", "N186", "N189"));
}

}  // namespace
}  // namespace notecoder::codes
