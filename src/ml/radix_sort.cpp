#include "ml/radix_sort.hpp"

#include <algorithm>
#include <array>
#include <bit>

namespace notecoder::ml {
namespace {

// Below this, insertion-sort-sized inputs are cheaper to hand to std::sort than to histogram.
constexpr std::size_t kSmall = 64;
constexpr unsigned kMaxDigitBits = 11;  // 2 048 counters: 8 KB, stays in L1

}  // namespace

void RadixSort(std::vector<std::uint32_t>& values, std::vector<std::uint32_t>& scratch) {
  const std::size_t n = values.size();
  if (n < kSmall) {
    std::sort(values.begin(), values.end());
    return;
  }
  std::uint32_t any = 0;
  for (std::uint32_t v : values) any |= v;
  const auto bits = static_cast<unsigned>(std::bit_width(any));
  if (bits == 0) return;  // all zero
  // Equal digit widths: a 17-bit vocabulary takes two passes of 9 bits, not 11 + 6.
  const unsigned passes = (bits + kMaxDigitBits - 1) / kMaxDigitBits;
  const unsigned digit_bits = (bits + passes - 1) / passes;
  const std::uint32_t mask = (std::uint32_t{1} << digit_bits) - 1;
  scratch.resize(n);
  std::array<std::uint32_t, std::size_t{1} << kMaxDigitBits> count;
  for (unsigned pass = 0; pass < passes; ++pass) {
    const unsigned shift = pass * digit_bits;
    std::fill_n(count.begin(), mask + 1, 0u);
    for (std::uint32_t v : values) ++count[(v >> shift) & mask];
    std::uint32_t sum = 0;
    for (std::uint32_t d = 0; d <= mask; ++d) {
      const std::uint32_t c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (std::uint32_t v : values) scratch[count[(v >> shift) & mask]++] = v;
    values.swap(scratch);
  }
}

}  // namespace notecoder::ml
