#pragma once
// A deterministic train / held-out split of n examples.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace notecoder::ml {

struct HoldoutSplit {
  std::vector<std::size_t> train;    // ascending
  std::vector<std::size_t> holdout;  // ascending
};

// round(n × fraction) examples, chosen by a Fisher–Yates shuffle driven by `seed`, are held out;
// fraction is clamped to [0, 1). The same (n, fraction, seed) gives the same split everywhere.
HoldoutSplit SplitHoldout(std::size_t n, double fraction, std::uint64_t seed);

}  // namespace notecoder::ml
