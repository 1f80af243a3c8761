#pragma once
// A served model: the model file mapped read-only and used in place (docs/model-format.md).
// Scoring turns a note into scikit-learn-identical tf-idf features and one score per label.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "codes/codebook.hpp"
#include "infra/mapped_file.hpp"
#include "infra/result.hpp"
#include "ml/feature_config.hpp"
#include "ml/model_format.hpp"
#include "ml/model_spec.hpp"
#include "ml/sparse_matrix.hpp"
#include "ml/text_analyzer.hpp"
#include "ml/vocab_table.hpp"

namespace notecoder::ml {

struct ModelOpenOptions {
  // Also hash the weight sections (the bulk of a dense model: ~200 MB for 100k features × 500
  // labels). Off, Open checks the header, every bound and the metadata checksum only and meets
  // its 10 ms budget; call VerifyWeights() later (e.g. in the background after a fast start).
  bool verify_weights = true;
};

struct LabelScore {
  std::uint32_t label;    // index into the model's labels
  std::string_view code;  // the codebook's dotted code; valid while the Model lives
  double score;
};

class Model {
 public:
  // Maps `path` and validates it: magic, version, size, section bounds, checksums, vocabulary
  // table shape. A corrupt, truncated or wrong-version file is kDataLoss naming the file; a label
  // code missing from `codebook` is kNotFound naming the code. Empty titles are filled from the
  // codebook.
  static Result<std::shared_ptr<const Model>> Open(const std::filesystem::path& path,
                                                   const codes::Codebook& codebook,
                                                   ModelOpenOptions options = {});
  // The same checks on a model file held in memory (copied); `name` stands for the file.
  static Result<std::shared_ptr<const Model>> FromBytes(std::string_view bytes,
                                                        const std::filesystem::path& name,
                                                        const codes::Codebook& codebook,
                                                        ModelOpenOptions options = {});
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  // Scores of every label for `note` (index = label index): probabilities for kLogisticProba,
  // w·x + b for kDecision. A note with no known term gets the intercept-only scores. Thread-safe;
  // per-thread buffers are reused, so the steady state allocates nothing but `scores`' growth.
  void Score(std::string_view note, std::vector<double>& scores) const;
  std::vector<double> Score(std::string_view note) const;

  // The `k` best labels by score (ties: lower label index first); with `above_threshold` only
  // labels whose score >= their threshold.
  std::vector<LabelScore> Top(std::span<const double> scores, std::size_t k,
                              bool above_threshold) const;

  // Hashes the weight sections against the header's checksum (kDataLoss on mismatch).
  Status VerifyWeights() const;

  std::uint32_t FeatureCount() const { return header_.feature_count; }
  std::uint32_t LabelCount() const { return header_.label_count; }
  std::string_view Code(std::uint32_t label) const { return codes_[label]; }
  std::string_view Title(std::uint32_t label) const { return titles_[label]; }
  double Threshold(std::uint32_t label) const { return thresholds_[label]; }
  double Intercept(std::uint32_t label) const { return intercepts_[label]; }
  ScoreKind Kind() const { return static_cast<ScoreKind>(header_.score_kind); }
  const FeatureConfig& Features() const { return features_; }
  std::string_view Fingerprint() const { return fingerprint_; }
  std::string_view Term(std::uint32_t feature) const { return vocab_.Term(feature); }
  bool SparseWeights() const {
    return header_.weight_layout == static_cast<std::uint8_t>(format::WeightLayout::kSparse);
  }
  std::uint64_t WeightCount() const { return header_.weight_nnz; }
  std::uint64_t FileSize() const { return file_.size(); }
  const std::filesystem::path& Path() const { return path_; }

 private:
  Model(std::filesystem::path path, MappedFile file);
  Status Load(const codes::Codebook& codebook, const ModelOpenOptions& options);
  template <class T>
  std::span<const T> Array(format::Section section) const;
  void AccumulateDense(const SparseRow& row, double* acc) const;
  void AccumulateSparse(const SparseRow& row, double* acc) const;

  std::filesystem::path path_;
  MappedFile file_;
  format::Header header_{};
  FeatureConfig features_;
  TextAnalyzer analyzer_{FeatureConfig{}};
  VocabView vocab_;
  std::span<const double> idf_;
  std::span<const double> intercepts_;
  std::span<const std::uint64_t> weight_starts_;
  std::span<const std::uint32_t> weight_labels_;
  std::span<const float> weights_;
  std::string_view fingerprint_;
  std::vector<std::string> codes_;
  std::vector<std::string> titles_;
  std::vector<double> thresholds_;
};

}  // namespace notecoder::ml
