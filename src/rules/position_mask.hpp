#pragma once
// A set of note positions that all lie within 64 of a base, as one word: a walk's modifier window
// spans a dozen positions, and asking whether one of them is taken by scanning lists was a loop
// of unpredictable length per question.
#include <cstdint>

namespace notecoder::rules {

class PositionMask {
 public:
  static constexpr std::uint32_t kSpan = 64;
  explicit PositionMask(std::uint32_t base) : base_(base) {}
  // Positions outside [base, base + kSpan) are not kept: callers only ask about positions inside.
  void Add(std::uint32_t p) {
    const std::uint32_t d = p - base_;  // below the base wraps far above the span
    bits_ |= d < kSpan ? std::uint64_t{1} << d : 0;
  }
  bool Has(std::uint32_t p) const {
    const std::uint32_t d = p - base_;
    return d < kSpan && ((bits_ >> d) & 1) != 0;
  }
  bool Empty() const { return bits_ == 0; }
  void Clear() { bits_ = 0; }

 private:
  std::uint32_t base_;
  std::uint64_t bits_ = 0;
};

}  // namespace notecoder::rules
