#pragma once
// A fitted model held in ordinary containers: what training produces and what the model-file
// writer consumes. The served model is the memory-mapped file, never this struct.
#include <cstdint>
#include <string>
#include <vector>

#include "ml/feature_config.hpp"

namespace notecoder::ml {

// How a label's linear score becomes the number we report and compare to its threshold.
enum class ScoreKind : std::uint8_t {
  kLogisticProba = 0,  // LogisticRegression (and SGD log_loss): 1 / (1 + exp(-(w·x + b)))
  kDecision = 1,       // LinearSVC, SGDClassifier hinge/modified_huber...: w·x + b as is
};

struct LabelSpec {
  std::string code;        // ICD-10-CM code with its dot, e.g. "E11.22"
  std::string title;       // the codebook's long title at export/training time
  double threshold = 0.5;  // emit the label when score >= threshold
};

struct ModelSpec {
  FeatureConfig features;
  std::vector<std::string> vocabulary;  // term of feature i (UTF-8, already lowercased when asked)
  std::vector<double> idf;              // one per feature; empty when !features.use_idf
  ScoreKind score_kind = ScoreKind::kLogisticProba;
  std::vector<LabelSpec> labels;
  std::vector<double> weights;     // labels.size() × vocabulary.size(), row-major by label
  std::vector<double> intercepts;  // one per label
  std::string fingerprint;         // where the model came from: training data hash, tool, params
};

}  // namespace notecoder::ml
