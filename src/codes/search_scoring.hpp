#pragma once
// Ranking constants shared by the index builder (which precomputes BM25 term weights) and the
// query side (which combines them).
#include <cstddef>

namespace notecoder::codes {

inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25B = 0.5;  // mild length normalisation: shorter titles win ties
inline constexpr float kTitleWeight = 1.0f;
inline constexpr float kExtraWeight = 0.35f;  // per occurrence in inclusion terms, index paths
inline constexpr float kMaxTitleFrequency = 2.0f;
inline constexpr float kMaxExtraFrequency = 0.7f;
inline constexpr double kPrefixMatchFactor = 0.7;  // a prefix-expanded word counts for less
inline constexpr double kBillableBoost = 1.1;
inline constexpr std::size_t kMaxPrefixExpansions = 64;

}  // namespace notecoder::codes
