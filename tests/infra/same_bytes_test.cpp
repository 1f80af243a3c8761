#include "infra/same_bytes.hpp"

#include <gtest/gtest.h>

#include <string>

namespace notecoder::infra {
namespace {

// SameBytes reads with overlapping 4- and 8-byte loads: a difference at any position of any
// length must still be seen.
TEST(SameBytes, SeesADifferenceAtEveryPositionOfEveryLength) {
  for (std::size_t n = 0; n <= 40; ++n) {
    const std::string a(n, 'k');
    EXPECT_TRUE(SameBytes(a.data(), std::string(a).data(), n)) << n;
    for (std::size_t at = 0; at < n; ++at) {
      std::string b = a;
      b[at] = 'K';
      EXPECT_FALSE(SameBytes(a.data(), b.data(), n)) << n << " at " << at;
    }
  }
}

TEST(SameWord, ComparesLengthsAndBytes) {
  EXPECT_TRUE(SameWord("hypertension", "hypertension"));
  EXPECT_FALSE(SameWord("hypertension", "hypertensive"));
  EXPECT_FALSE(SameWord("hypertension", "hypertensio"));
  EXPECT_TRUE(SameWord("", ""));
  EXPECT_FALSE(SameWord("a", ""));
  // A view into longer text compares its own bytes only.
  const std::string text = "chronic kidney disease";
  EXPECT_TRUE(SameWord(std::string_view(text).substr(8, 6), "kidney"));
  static_assert(SameWord("ckd", "ckd") && !SameWord("ckd", "cad"));
}

}  // namespace
}  // namespace notecoder::infra
