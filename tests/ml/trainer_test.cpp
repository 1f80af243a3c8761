#include "ml/trainer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace notecoder::ml {
namespace {

// Two features: feature 0 marks label 0, feature 1 marks label 1; row 3 has neither.
CsrMatrix Separable(std::vector<SparseRow> rows, std::size_t columns) {
  CsrMatrix x;
  x.columns = columns;
  for (const auto& r : rows) x.AppendRow(r);
  return x;
}

CsrMatrix FourRows() {
  return Separable({{{0}, {1.0}}, {{0}, {1.0}}, {{1}, {1.0}}, {{}, {}}, {{1}, {1.0}}}, 2);
}

LabelSets FourRowLabels(std::size_t label_count = 2) {
  LabelSets y;
  y.rows = {{0}, {0}, {1}, {}, {1}};
  y.label_count = label_count;
  return y;
}

TEST(Trainer, LearnsTheRightSignOnASeparableProblem) {
  for (LinearLoss loss : {LinearLoss::kLogistic, LinearLoss::kSquaredHinge}) {
    TrainerOptions options;
    options.loss = loss;
    options.c = 10.0;
    auto model = TrainOneVsRest(FourRows(), FourRowLabels(), options);
    ASSERT_TRUE(model.ok()) << model.error().message;
    ASSERT_EQ(model->labels(), 2u);
    ASSERT_EQ(model->features, 2u);
    // Label 0 is pushed up by feature 0 and down by feature 1; label 1 the other way round.
    EXPECT_GT(model->weights[0 * 2 + 0], 0.5);
    EXPECT_LT(model->weights[0 * 2 + 1], 0.0);
    EXPECT_GT(model->weights[1 * 2 + 1], 0.5);
    EXPECT_LT(model->weights[1 * 2 + 0], 0.0);
    const auto kind =
        loss == LinearLoss::kLogistic ? ScoreKind::kLogisticProba : ScoreKind::kDecision;
    const double cut = loss == LinearLoss::kLogistic ? 0.5 : 0.0;
    const auto scores = ScoreRows(FourRows(), *model, kind);
    EXPECT_GT(scores[0 * 2 + 0], cut);
    EXPECT_LT(scores[0 * 2 + 1], cut);
    EXPECT_GT(scores[2 * 2 + 1], cut);
    EXPECT_LT(scores[2 * 2 + 0], cut);
    EXPECT_LT(scores[3 * 2 + 0], cut);  // no feature: the intercept says "absent"
    EXPECT_LT(scores[3 * 2 + 1], cut);
  }
}

TEST(Trainer, MatchesTheLogisticOptimumConditions) {
  // At the optimum of 0.5|w|² + C Σ log(1 + exp(-y w·x)) the gradient vanishes:
  // w_j = C Σ_i y_i x_ij σ(-y_i w·x_i), the bias feature included (value intercept_scaling).
  TrainerOptions options;
  options.c = 2.0;
  options.intercept_scaling = 1.5;
  options.tolerance = 1e-8;
  const CsrMatrix x = FourRows();
  const LabelSets y = FourRowLabels();
  auto model = TrainOneVsRest(x, y, options);
  ASSERT_TRUE(model.ok());
  const auto scores = ScoreRows(x, *model, ScoreKind::kDecision);
  for (std::size_t label = 0; label < 2; ++label) {
    std::vector<double> grad(3, 0.0);
    for (std::size_t r = 0; r < x.rows(); ++r) {
      const double yi = (y.rows[r].size() == 1 && y.rows[r][0] == label) ? 1.0 : -1.0;
      const double factor = options.c * yi / (1.0 + std::exp(yi * scores[r * 2 + label]));
      for (std::size_t k = x.row_start[r]; k < x.row_start[r + 1]; ++k) {
        grad[x.indices[k]] += factor * x.values[k];
      }
      grad[2] += factor * options.intercept_scaling;
    }
    EXPECT_NEAR(model->weights[label * 2 + 0], grad[0], 1e-6);
    EXPECT_NEAR(model->weights[label * 2 + 1], grad[1], 1e-6);
    // The bias weight is intercept / intercept_scaling.
    EXPECT_NEAR(model->intercepts[label] / options.intercept_scaling, grad[2], 1e-6);
  }
}

TEST(Trainer, LabelsWithoutBothClassesGetConstantScorers) {
  LabelSets y = FourRowLabels(4);
  for (auto& row : y.rows) row.push_back(3);  // label 3 on every row; label 2 on none
  auto model = TrainOneVsRest(FourRows(), y, TrainerOptions{});
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(model->fits[0], LabelFit::kTrained);
  EXPECT_EQ(model->fits[2], LabelFit::kNeverPositive);
  EXPECT_EQ(model->fits[3], LabelFit::kAlwaysPositive);
  EXPECT_EQ(model->weights[2 * 2 + 0], 0.0);
  const auto scores = ScoreRows(FourRows(), *model, ScoreKind::kLogisticProba);
  for (std::size_t r = 0; r < 5; ++r) {
    EXPECT_EQ(scores[r * 4 + 2], 0.0);
    EXPECT_EQ(scores[r * 4 + 3], 1.0);
  }
}

// 40 labels over 60 rows of 30 features, made up deterministically.
void ManyLabels(CsrMatrix& x, LabelSets& y) {
  x.columns = 30;
  y.label_count = 40;
  for (std::uint32_t r = 0; r < 60; ++r) {
    SparseRow row;
    for (std::uint32_t f = r % 5; f < 30; f += 3 + r % 4) {
      row.indices.push_back(f);
      row.values.push_back(0.1 + static_cast<double>((r * 7 + f) % 11) / 10);
    }
    x.AppendRow(row);
    std::vector<std::uint32_t> labels = {r % 40, (r * 3 + 1) % 40};
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    y.rows.push_back(labels);
  }
}

TEST(Trainer, ThreadCountDoesNotChangeTheResult) {
  CsrMatrix x;
  LabelSets y;
  ManyLabels(x, y);
  TrainerOptions one;
  one.threads = 1;
  TrainerOptions four;
  four.threads = 4;
  std::size_t calls = 0;
  auto a = TrainOneVsRest(x, y, one);
  auto b = TrainOneVsRest(x, y, four, [&](std::size_t done, std::size_t total) {
    ++calls;
    EXPECT_LE(done, total);
  });
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->weights, b->weights);
  EXPECT_EQ(a->intercepts, b->intercepts);
  EXPECT_EQ(calls, 40u);
}

TEST(Trainer, DebianLiblinearReachesTheSameOptimum) {
  // At the default tolerance the two solvers stop at different iterates (trainer.hpp); run to a
  // tight one, both must land on the one optimum of the strictly convex objective.
  CsrMatrix x;
  LabelSets y;
  ManyLabels(x, y);
  for (LinearLoss loss : {LinearLoss::kLogistic, LinearLoss::kSquaredHinge}) {
    TrainerOptions tron;
    tron.loss = loss;
    tron.c = 3.0;
    tron.tolerance = 1e-10;
    TrainerOptions liblinear = tron;
    liblinear.solver = LinearSolver::kLiblinear;
    auto a = TrainOneVsRest(x, y, tron);
    auto b = TrainOneVsRest(x, y, liblinear);
    ASSERT_TRUE(a.ok() && b.ok());
    for (std::size_t i = 0; i < a->weights.size(); ++i) {
      ASSERT_NEAR(a->weights[i], b->weights[i], 1e-6) << i;
    }
    for (std::size_t i = 0; i < a->intercepts.size(); ++i) {
      ASSERT_NEAR(a->intercepts[i], b->intercepts[i], 1e-6) << i;
    }
  }
}

TEST(Trainer, RefusesBadInput) {
  TrainerOptions bad;
  bad.c = 0;
  auto refused = TrainOneVsRest(FourRows(), FourRowLabels(), bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  LabelSets short_labels = FourRowLabels();
  short_labels.rows.pop_back();
  auto mismatch = TrainOneVsRest(FourRows(), short_labels, TrainerOptions{});
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.error().message.find("rows"), std::string::npos);
}

}  // namespace
}  // namespace notecoder::ml
