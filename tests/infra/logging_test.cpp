#include "infra/logging.hpp"

#include <gtest/gtest.h>

#include "infra/safe_log_text.hpp"

namespace notecoder::infra {
namespace {

TEST(SafeLogText, KeepsLengthAndAKeyedHashNeverTheText) {
  const auto a = SafeLogText("Patient John Smith, MRN 12345");
  EXPECT_EQ(a.length(), 29u);
  EXPECT_EQ(a.hash().size(), 16u);
  EXPECT_EQ(a.hash().find("John"), std::string::npos);
  EXPECT_EQ(SafeLogText("Patient John Smith, MRN 12345").hash(), a.hash());
  EXPECT_NE(SafeLogText("Patient John Smith, MRN 12346").hash(), a.hash());
}

TEST(Logging, EscapesJsonAndReplacesInvalidUtf8) {
  std::string out;
  AppendJsonEscaped(out, "a\"b\\c\n\x01 \xc3\xa9 \xff");
  EXPECT_EQ(out, "a\\\"b\\\\c\\n\\u0001 \xc3\xa9 \\ufffd");
}

}  // namespace
}  // namespace notecoder::infra
