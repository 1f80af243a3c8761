#include "ml/training_run.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "ml/holdout_split.hpp"
#include "ml/synthetic_notes.hpp"
#include "support/test_paths.hpp"

namespace notecoder::ml {
namespace {

TrainingData Synthetic(std::size_t notes, std::size_t labels) {
  auto g = SyntheticNotes::Create(*testing::SharedCodebook(), labels);
  EXPECT_TRUE(g.ok());
  TrainingData data;
  for (std::size_t i = 0; i < notes; ++i) {
    auto note = g->Generate(3, i);
    data.examples.push_back({std::move(note.note), std::move(note.codes), i + 1});
  }
  return data;
}

TEST(TrainingRun, HoldsOutMeasuresTunesAndDescribesTheModel) {
  TrainingData data = Synthetic(600, 20);
  TrainingRunOptions options;
  options.trainer.c = 10;
  options.data_fingerprint = "test data";
  // A code that only a held-out note carries cannot be learnt: it is reported, not modelled.
  const HoldoutSplit split = SplitHoldout(data.examples.size(), options.holdout, options.seed);
  data.examples[split.holdout.front()].codes.push_back("A00.0");
  auto run = RunTraining(data, *testing::SharedCodebook(), options);
  ASSERT_TRUE(run.ok()) << run.error().message;
  const auto& report = run->report;
  const auto& model = run->model;
  EXPECT_EQ(report.train_notes, 480u);
  EXPECT_EQ(report.holdout_notes, 120u);
  EXPECT_EQ(report.unlearned_codes, std::vector<std::string>{"A00.0"});
  ASSERT_EQ(model.labels.size(), 20u);
  EXPECT_TRUE(std::is_sorted(model.labels.begin(), model.labels.end(),
                             [](const auto& a, const auto& b) { return a.code < b.code; }));
  EXPECT_EQ(model.labels.front().code, "E10.9");
  EXPECT_EQ(model.labels.front().title, "Type 1 diabetes mellitus without complications");
  EXPECT_EQ(model.weights.size(), model.labels.size() * model.vocabulary.size());
  EXPECT_EQ(model.idf.size(), model.vocabulary.size());
  EXPECT_EQ(model.score_kind, ScoreKind::kLogisticProba);
  EXPECT_NE(model.fingerprint.find("test data"), std::string::npos);
  ASSERT_TRUE(report.default_metrics && report.tuned_metrics);
  // Tuning on the held-out notes cannot do worse there than the default threshold.
  EXPECT_GE(report.tuned_metrics->micro_f1, report.default_metrics->micro_f1);
  EXPECT_GT(report.tuned_metrics->micro_f1, 0.8);
  EXPECT_GT(report.tuned_labels, 0u);
  std::size_t moved = 0;
  for (const auto& label : model.labels) moved += label.threshold != 0.5 ? 1 : 0;
  EXPECT_EQ(moved, report.tuned_labels);
}

TEST(TrainingRun, WithoutHoldoutTrainsOnEverythingAndKeepsDefaultThresholds) {
  const TrainingData data = Synthetic(200, 10);
  TrainingRunOptions options;
  options.holdout = 0;
  options.trainer.loss = LinearLoss::kSquaredHinge;
  auto run = RunTraining(data, *testing::SharedCodebook(), options);
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->report.train_notes, 200u);
  EXPECT_FALSE(run->report.default_metrics.has_value());
  EXPECT_EQ(run->model.score_kind, ScoreKind::kDecision);
  for (const auto& label : run->model.labels) EXPECT_EQ(label.threshold, 0.0);
}

TEST(TrainingRun, NoCodesIsAClearError) {
  TrainingData data;
  data.examples.push_back({"hypertension follow-up", {}, 1});
  TrainingRunOptions options;
  options.holdout = 0;
  auto run = RunTraining(data, *testing::SharedCodebook(), options);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace notecoder::ml
