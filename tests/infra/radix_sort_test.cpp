#include "infra/radix_sort.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace notecoder::infra {
namespace {

std::vector<std::uint32_t> Sorted(std::vector<std::uint32_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<std::uint32_t> Radix(std::vector<std::uint32_t> v) {
  std::vector<std::uint32_t> scratch;
  RadixSort(v, scratch);
  return v;
}

TEST(RadixSort, EqualsStdSortAcrossSizesAndRanges) {
  std::mt19937 rng(7);
  // Sizes on both sides of the small-input cut-off; ranges giving 1, 2 and 3 digits (an odd
  // number of passes leaves the result in the other buffer).
  for (std::size_t n : {0u, 1u, 2u, 63u, 64u, 65u, 700u, 5000u}) {
    for (std::uint32_t max : {0u, 1u, 255u, 2047u, 2048u, 17127u, 99999u, 0x3FFFFFu, 0xFFFFFFFFu}) {
      std::uniform_int_distribution<std::uint32_t> pick(0, max);
      std::vector<std::uint32_t> v(n);
      for (auto& x : v) x = pick(rng);
      EXPECT_EQ(Radix(v), Sorted(v)) << "n=" << n << " max=" << max;
    }
  }
}

TEST(RadixSort, RepeatsAndAlreadySortedInput) {
  std::vector<std::uint32_t> v;
  for (std::uint32_t i = 0; i < 300; ++i) v.push_back(i % 7 == 0 ? 42 : i);
  EXPECT_EQ(Radix(v), Sorted(v));
  std::vector<std::uint32_t> down(v.rbegin(), v.rend());
  EXPECT_EQ(Radix(down), Sorted(v));
  EXPECT_EQ(Radix(std::vector<std::uint32_t>(100, 5)), std::vector<std::uint32_t>(100, 5));
}

TEST(RadixSort, ScratchIsReusedBetweenCalls) {
  std::vector<std::uint32_t> scratch{9, 9, 9};  // stale contents must not leak into the result
  std::vector<std::uint32_t> a(200), b(90);
  for (std::uint32_t i = 0; i < a.size(); ++i) a[i] = (i * 7919u) % 4099u;
  for (std::uint32_t i = 0; i < b.size(); ++i) b[i] = (i * 104729u) % 70001u;
  const auto want_a = Sorted(a), want_b = Sorted(b);
  RadixSort(a, scratch);
  RadixSort(b, scratch);
  EXPECT_EQ(a, want_a);
  EXPECT_EQ(b, want_b);
}

// Sorting records by a key keeps equal keys in their order, on both sides of the small-input
// cut-off: word positions arrive ascending and must stay so within a word.
TEST(RadixSortBy, IsStableByKey) {
  std::mt19937 rng(11);
  for (std::size_t n : {5u, 63u, 64u, 900u}) {
    std::uniform_int_distribution<std::uint32_t> word(0, 70000);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> items;
    for (std::uint32_t position = 0; position < n; ++position) {
      items.push_back({word(rng) % (n / 4 + 1) * 997, position});
    }
    auto want = items;
    std::stable_sort(want.begin(), want.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::pair<std::uint32_t, std::uint32_t>> scratch;
    RadixSortBy(items, scratch, [](const auto& item) { return item.first; });
    EXPECT_EQ(items, want) << "n=" << n;
  }
}

}  // namespace
}  // namespace notecoder::infra
