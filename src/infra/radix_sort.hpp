#pragma once
// Sorting a few hundred to a few thousand items by a 32-bit key (a note's feature ids; a note's
// word positions by word id), where std::sort's comparisons mispredict about every other branch.
// A least-significant-digit radix sort has no data-dependent branch and touches each item twice
// per digit. Stable: items with equal keys keep their order.
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace notecoder::infra {

// Sorts `items` by key_of(item) (a std::uint32_t), ascending and stable. `scratch` is working
// space, reused between calls; the two vectors may trade buffers.
template <class T, class KeyOf>
void RadixSortBy(std::vector<T>& items, std::vector<T>& scratch, KeyOf key_of) {
  constexpr std::size_t kSmall = 64;  // below this, an insertion sort is cheaper than histograms
  constexpr unsigned kMaxDigitBits = 11;  // 2 048 counters: 8 KB, stays in L1
  const std::size_t n = items.size();
  if (n < kSmall) {
    for (std::size_t i = 1; i < n; ++i) {
      T item = std::move(items[i]);
      const std::uint32_t key = key_of(item);
      std::size_t j = i;
      for (; j > 0 && key_of(items[j - 1]) > key; --j) items[j] = std::move(items[j - 1]);
      items[j] = std::move(item);
    }
    return;
  }
  std::uint32_t any = 0;
  for (const T& item : items) any |= key_of(item);
  const auto bits = static_cast<unsigned>(std::bit_width(any));
  if (bits == 0) return;  // every key is zero
  // Equal digit widths: a 17-bit key takes two passes of 9 bits, not 11 + 6.
  const unsigned passes = (bits + kMaxDigitBits - 1) / kMaxDigitBits;
  const unsigned digit_bits = (bits + passes - 1) / passes;
  const std::uint32_t mask = (std::uint32_t{1} << digit_bits) - 1;
  scratch.resize(n);
  std::array<std::uint32_t, std::size_t{1} << kMaxDigitBits> count;
  for (unsigned pass = 0; pass < passes; ++pass) {
    const unsigned shift = pass * digit_bits;
    std::fill_n(count.begin(), mask + 1, 0u);
    for (const T& item : items) ++count[(key_of(item) >> shift) & mask];
    std::uint32_t sum = 0;
    for (std::uint32_t d = 0; d <= mask; ++d) sum += std::exchange(count[d], sum);
    for (T& item : items) scratch[count[(key_of(item) >> shift) & mask]++] = std::move(item);
    items.swap(scratch);
  }
}

// Sorts 32-bit values ascending (the order std::sort gives).
inline void RadixSort(std::vector<std::uint32_t>& values, std::vector<std::uint32_t>& scratch) {
  RadixSortBy(values, scratch, [](std::uint32_t v) { return v; });
}

}  // namespace notecoder::infra
