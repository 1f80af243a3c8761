#pragma once
// Held-out evaluation of a multi-label scorer: micro/macro precision, recall, F1, and per-label
// thresholds tuned on held-out scores.
#include <cstddef>
#include <span>
#include <vector>

#include "ml/label_sets.hpp"

namespace notecoder::ml {

struct Metrics {
  std::size_t true_positives = 0, false_positives = 0, false_negatives = 0;
  // Micro: from the counts summed over labels.
  double micro_precision = 0, micro_recall = 0, micro_f1 = 0;
  // Macro: the unweighted mean over the labels with at least one held-out positive (a label with
  // neither positives nor predictions has no defined recall; counting it as 0, as sklearn's
  // zero_division=0 does, would reward nothing and punish the absence of rare labels from the
  // split). A label with positives but no prediction has precision 0.
  double macro_precision = 0, macro_recall = 0, macro_f1 = 0;
  std::size_t macro_labels = 0;
};

// `scores` is rows × label_count row-major; a label fires when score >= thresholds[label].
Metrics Evaluate(std::span<const double> scores, const LabelSets& truth,
                 std::span<const double> thresholds);

struct ThresholdOptions {
  double fallback = 0.5;          // for labels with too few held-out positives (0.0 for margins)
  std::size_t min_positives = 3;  // fewer held-out positives than this: keep the fallback
};

struct TunedThresholds {
  std::vector<double> thresholds;  // one per label
  std::vector<bool> tuned;         // false where the fallback was kept
};

// Per label, the threshold that maximises F1 on the held-out rows: scores sorted descending,
// every cut between two distinct scores tried, the threshold placed halfway between the last
// score kept and the first dropped (the highest cut wins a tie). Fallback when the label has
// fewer than min_positives held-out positives, or when no cut gives F1 > 0.
TunedThresholds TuneThresholds(std::span<const double> scores, const LabelSets& truth,
                               const ThresholdOptions& options);

}  // namespace notecoder::ml
