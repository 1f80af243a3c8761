#include "ml/evaluation.hpp"

#include <gtest/gtest.h>

#include "ml/holdout_split.hpp"

namespace notecoder::ml {
namespace {

// Four rows, two labels; label 0 on rows 0 and 1, label 1 on row 2.
LabelSets Truth() {
  LabelSets y;
  y.rows = {{0}, {0}, {1}, {}};
  y.label_count = 2;
  return y;
}

TEST(Evaluation, MicroAndMacroFromHandMadeScores) {
  // Label 0 fires on rows 0 and 3 (1 TP, 1 FP, 1 FN); label 1 fires on row 2 (1 TP).
  const std::vector<double> scores = {0.9, 0.1,  //
                                      0.4, 0.2,  //
                                      0.2, 0.8,  //
                                      0.7, 0.3};
  const std::vector<double> thresholds = {0.5, 0.5};
  const Metrics m = Evaluate(scores, Truth(), thresholds);
  EXPECT_EQ(m.true_positives, 2u);
  EXPECT_EQ(m.false_positives, 1u);
  EXPECT_EQ(m.false_negatives, 1u);
  EXPECT_DOUBLE_EQ(m.micro_precision, 2.0 / 3);
  EXPECT_DOUBLE_EQ(m.micro_recall, 2.0 / 3);
  EXPECT_DOUBLE_EQ(m.micro_f1, 2.0 / 3);
  // Label 0: P 1/2, R 1/2, F1 1/2; label 1: 1, 1, 1.
  EXPECT_EQ(m.macro_labels, 2u);
  EXPECT_DOUBLE_EQ(m.macro_precision, 0.75);
  EXPECT_DOUBLE_EQ(m.macro_recall, 0.75);
  EXPECT_DOUBLE_EQ(m.macro_f1, 0.75);
}

TEST(Evaluation, MacroSkipsLabelsWithoutHeldOutPositives) {
  LabelSets y = Truth();
  y.label_count = 3;  // label 2: no positive row
  const std::vector<double> scores = {0.9, 0.1, 0.9, 0.8, 0.2, 0.0, 0.2, 0.8, 0.0, 0.1, 0.1, 0.0};
  const Metrics m = Evaluate(scores, y, std::vector<double>{0.5, 0.5, 0.5});
  EXPECT_EQ(m.macro_labels, 2u);
  EXPECT_EQ(m.false_positives, 1u);  // label 2 on row 0 still counts in micro
  EXPECT_DOUBLE_EQ(m.macro_recall, 1.0);
}

TEST(Evaluation, NothingPredictedGivesZerosNotNaN) {
  const std::vector<double> scores(8, 0.0);
  const Metrics m = Evaluate(scores, Truth(), std::vector<double>{0.5, 0.5});
  EXPECT_EQ(m.micro_precision, 0.0);
  EXPECT_EQ(m.micro_f1, 0.0);
  EXPECT_EQ(m.macro_f1, 0.0);
}

TEST(Thresholds, MaximiseF1BetweenTheScoresKeptAndDropped) {
  // Label 0 positives score 0.30 and 0.25, negatives 0.20 and 0.05: the best cut keeps the two
  // positives, halfway between 0.25 and 0.20.
  LabelSets y = Truth();
  const std::vector<double> scores = {0.30, 0.1, 0.25, 0.2, 0.20, 0.9, 0.05, 0.3};
  const TunedThresholds t = TuneThresholds(scores, y, {0.5, 1});
  EXPECT_TRUE(t.tuned[0]);
  EXPECT_DOUBLE_EQ(t.thresholds[0], 0.225);
  // Label 1: its positive (0.9) is above every negative: cut between 0.9 and 0.3.
  EXPECT_DOUBLE_EQ(t.thresholds[1], 0.6);
  const Metrics m = Evaluate(scores, y, t.thresholds);
  EXPECT_DOUBLE_EQ(m.micro_f1, 1.0);
}

TEST(Thresholds, TiesAreNotSplitAndFewPositivesKeepTheFallback) {
  LabelSets y;
  y.rows = {{0}, {}, {0}, {}};
  y.label_count = 1;
  // A positive and a negative tie at 0.6: the cut goes below both or above both.
  const std::vector<double> scores = {0.6, 0.6, 0.4, 0.1};
  const TunedThresholds t = TuneThresholds(scores, y, {0.5, 1});
  ASSERT_TRUE(t.tuned[0]);
  // Keep {0.6, 0.6, 0.4}: tp 2, k 3 → F1 = 4/5, better than {0.6, 0.6}: 2/4.
  EXPECT_DOUBLE_EQ(t.thresholds[0], 0.25);
  const TunedThresholds strict = TuneThresholds(scores, y, {0.5, 3});
  EXPECT_FALSE(strict.tuned[0]);
  EXPECT_EQ(strict.thresholds[0], 0.5);
}

TEST(HoldoutSplit, DeterministicDisjointAndSized) {
  const HoldoutSplit a = SplitHoldout(1000, 0.2, 7);
  const HoldoutSplit b = SplitHoldout(1000, 0.2, 7);
  EXPECT_EQ(a.holdout, b.holdout);
  EXPECT_EQ(a.holdout.size(), 200u);
  EXPECT_EQ(a.train.size(), 800u);
  std::vector<std::size_t> all = a.train;
  all.insert(all.end(), a.holdout.begin(), a.holdout.end());
  std::sort(all.begin(), all.end());
  for (std::size_t i = 0; i < all.size(); ++i) ASSERT_EQ(all[i], i);
  EXPECT_NE(SplitHoldout(1000, 0.2, 8).holdout, a.holdout);
  EXPECT_TRUE(SplitHoldout(10, 0.0, 1).holdout.empty());
}

}  // namespace
}  // namespace notecoder::ml
