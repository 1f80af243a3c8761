#include "app/progress_meter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace notecoder::app {
namespace {

std::string Contents(std::FILE* f) {
  std::rewind(f);
  std::string out;
  char buf[512];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  return out;
}

TEST(ProgressMeter, FormatsDurations) {
  EXPECT_EQ(FormatDuration(0), "0:00");
  EXPECT_EQ(FormatDuration(7.4), "0:07");
  EXPECT_EQ(FormatDuration(62), "1:02");
  EXPECT_EQ(FormatDuration(3723), "1:02:03");
}

TEST(ProgressMeter, PlainOutputIsRateLimitedButShowsTheEnd) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  ProgressMeter meter("training", "labels", f, /*terminal=*/false);
  for (std::size_t i = 1; i <= 1000; ++i) meter.Update(i, 1000);
  const std::string out = Contents(f);
  std::fclose(f);
  // A fast loop prints only its last line; no redraw characters.
  EXPECT_EQ(out.rfind("training: 1000/1000 labels (100%)", 0), 0u) << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1);
  EXPECT_EQ(out.find('\r'), std::string::npos);
}

TEST(ProgressMeter, TerminalRedrawsABarWithRateAndEta) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  ProgressMeter meter("training", "labels", f, /*terminal=*/true);
  meter.Update(1, 4);
  meter.Update(4, 4);
  const std::string out = Contents(f);
  std::fclose(f);
  EXPECT_NE(out.find("\rtraining ["), std::string::npos) << out;
  EXPECT_NE(out.find("1/4 labels"), std::string::npos) << out;
  EXPECT_NE(out.find("4/4 labels"), std::string::npos) << out;
  EXPECT_NE(out.find("ETA "), std::string::npos);
  EXPECT_NE(out.find("/s"), std::string::npos);
  EXPECT_EQ(out.back(), '\n');
}

}  // namespace
}  // namespace notecoder::app
