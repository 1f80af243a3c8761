#pragma once
// From labelled notes to a fitted model: split off a held-out set, fit the tf-idf vocabulary on
// the training part, train one-vs-rest, measure on the held-out part and tune per-label
// thresholds there. The model written is the one trained on the training split, so its tuned
// thresholds and reported metrics describe exactly that model (retraining on all data would shift
// the scores the thresholds were tuned on). With holdout 0, everything trains and thresholds
// stay at the default (0.5 probability, 0 margin).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "codes/codebook.hpp"
#include "infra/result.hpp"
#include "ml/evaluation.hpp"
#include "ml/feature_config.hpp"
#include "ml/model_spec.hpp"
#include "ml/trainer.hpp"
#include "ml/training_data.hpp"

namespace notecoder::ml {

struct TrainingRunOptions {
  FeatureConfig features;
  VocabularyLimits limits;
  TrainerOptions trainer;
  double holdout = 0.2;
  std::uint64_t seed = 1;
  std::size_t min_threshold_positives = 3;  // fewer held-out positives: default threshold
  std::string data_fingerprint;             // e.g. a hash of the training file
};

// What a run did, for the report; counts and codes only, never note text.
struct TrainingReport {
  std::size_t train_notes = 0, holdout_notes = 0, features = 0;
  // Positive only in the held-out notes: not in the model.
  std::vector<std::string> unlearned_codes;
  // On every training note: nothing to learn, an always-firing scorer (trainer.hpp).
  std::vector<std::string> constant_codes;
  std::optional<Metrics> default_metrics;  // held-out, default thresholds
  std::optional<Metrics> tuned_metrics;    // held-out, tuned thresholds (tuned on the same notes)
  std::size_t tuned_labels = 0;
  double vectorize_seconds = 0, train_seconds = 0, evaluate_seconds = 0;
};

struct TrainingStage {
  enum Kind { kVectorize, kTrain, kEvaluate } kind;
  std::size_t done, total;
};
using TrainingProgress = std::function<void(const TrainingStage&)>;

struct TrainingOutcome {
  ModelSpec model;
  TrainingReport report;
};

// kInvalidArgument when the training split has no label with a positive note, or the vocabulary
// cannot be fitted (its message says why).
Result<TrainingOutcome> RunTraining(const TrainingData& data, const codes::Codebook& book,
                                    const TrainingRunOptions& options,
                                    const TrainingProgress& progress = {});

}  // namespace notecoder::ml
