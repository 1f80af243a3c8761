#pragma once
// Sorting the feature ids of one note: a few hundred to a few thousand random 32-bit values,
// where std::sort's comparisons mispredict about every other branch. A least-significant-digit
// radix sort has no data-dependent branch and touches each value twice per digit.
#include <cstdint>
#include <vector>

namespace notecoder::ml {

// Sorts `values` ascending (the same order std::sort gives). `scratch` is working space, reused
// between calls; the two vectors may trade buffers.
void RadixSort(std::vector<std::uint32_t>& values, std::vector<std::uint32_t>& scratch);

}  // namespace notecoder::ml
