#include "ml/holdout_split.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "ml/seeded_random.hpp"

namespace notecoder::ml {

HoldoutSplit SplitHoldout(std::size_t n, double fraction, std::uint64_t seed) {
  fraction = std::clamp(fraction, 0.0, 0.999);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  SeededRandom rng(seed);
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);
  const auto held = static_cast<std::size_t>(std::llround(static_cast<double>(n) * fraction));
  HoldoutSplit split;
  split.holdout.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(held));
  split.train.assign(order.begin() + static_cast<std::ptrdiff_t>(held), order.end());
  std::sort(split.holdout.begin(), split.holdout.end());
  std::sort(split.train.begin(), split.train.end());
  return split;
}

}  // namespace notecoder::ml
