#pragma once
// A small deterministic random generator (SplitMix64). The standard library's distributions are
// implementation-defined, so a seed would not give the same corpus or split everywhere; this one
// does, on every compiler and platform.
#include <cstddef>
#include <cstdint>

namespace notecoder::ml {

class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}

  // A stream of its own for item `index` under `seed`: item i does not depend on how many items
  // come before it, so a shorter run is a prefix of a longer one.
  static SeededRandom ForItem(std::uint64_t seed, std::uint64_t index) {
    SeededRandom mixer(seed ^ (index * 0xD1B54A32D192ED03ull));
    return SeededRandom(mixer.Next());
  }

  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  // Uniform in [0, n) for n > 0. The modulo bias is below 2^-40 for the small n we use.
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }

  // Uniform in [0, 1) with 53 random bits.
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  bool Chance(double p) { return Unit() < p; }

 private:
  std::uint64_t state_;
};

}  // namespace notecoder::ml
