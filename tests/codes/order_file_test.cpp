#include "codes/order_file.hpp"

#include <gtest/gtest.h>

#include "codes_test_env.hpp"

namespace notecoder::codes {
namespace {

using testing::ReadFixture;

TEST(OrderFile, ParsesFixedWidthCrlfLines) {
  auto entries = ParseOrderFile(ReadFixture("order_mini.txt"), "order_mini.txt");
  ASSERT_TRUE(entries.ok()) << entries.error().message;
  ASSERT_EQ(entries->size(), 22u);
  const OrderEntry& e = (*entries)[7];
  EXPECT_EQ(e.order_number, 8u);
  EXPECT_EQ(e.code, "E1122");
  EXPECT_TRUE(e.billable);
  EXPECT_EQ(e.short_title, "Type 2 diabetes mellitus w diabetic chronic kidney disease");
  EXPECT_EQ(e.long_title, "Type 2 diabetes mellitus with diabetic chronic kidney disease");
  EXPECT_FALSE((*entries)[0].billable);
  EXPECT_EQ((*entries)[0].code, "A00");
}

TEST(OrderFile, AcceptsLfOnlyAndSkipsBlankLines) {
  const std::string text =
      "00001 A00     0 Cholera                                                      Cholera\n\n";
  auto entries = ParseOrderFile(text, "x");
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries->size(), 1u);
}

TEST(OrderFile, RejectsMalformedLinesNamingTheLine) {
  const std::string good =
      "00001 A00     0 Cholera                                                      Cholera\r\n";
  auto short_line = ParseOrderFile(good + "00002 A000    1 Chol\r\n", "order.txt");
  ASSERT_FALSE(short_line.ok());
  EXPECT_EQ(short_line.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(short_line.error().message.find("order.txt line 2"), std::string::npos);

  std::string bad_flag = good;
  bad_flag[14] = '7';
  EXPECT_FALSE(ParseOrderFile(bad_flag, "x").ok());
  std::string bad_code = good;
  bad_code[6] = '1';
  EXPECT_FALSE(ParseOrderFile(bad_code, "x").ok());
  EXPECT_FALSE(ParseOrderFile("", "x").ok());
}

TEST(OrderAddenda, CountsActionsAndIgnoresTheSummary) {
  auto summary = ParseOrderAddenda(ReadFixture("order_addenda_mini.txt"), "addenda");
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->added, 1u);
  EXPECT_EQ(summary->deleted, 1u);
  EXPECT_EQ(summary->revised, 1u);
  EXPECT_EQ(summary->added_codes, std::vector<std::string>{"E11A"});
  EXPECT_EQ(summary->deleted_codes, std::vector<std::string>{"E118"});
}

}  // namespace
}  // namespace notecoder::codes
