#pragma once
// scikit-learn's TfidfVectorizer: fit a vocabulary (and idf) on documents, then turn texts into
// tf-idf rows. Used by training; the served model does the same through the model file.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "infra/result.hpp"
#include "ml/feature_config.hpp"
#include "ml/sparse_matrix.hpp"
#include "ml/text_analyzer.hpp"
#include "ml/vocab_table.hpp"

namespace notecoder::ml {

struct FittedVocabulary {
  std::vector<std::string> terms;  // sorted by UTF-8 bytes (= Python's code point order)
  std::vector<double> idf;         // one per term; empty when !config.use_idf
};

// TfidfVectorizer.fit semantics: df bounds (ints are document counts, proportions are × n),
// max_features keeps the terms with the highest corpus count — ties go to the term that sorts
// first (numpy's argsort is unstable there, so sklearn may pick either). Errors, as sklearn's:
// no documents, bad limits, "max_df corresponds to < documents than min_df", an empty vocabulary
// (only stop words / one-letter tokens) or nothing left after pruning → kInvalidArgument.
Result<FittedVocabulary> FitVocabulary(std::span<const std::string_view> docs,
                                       const FeatureConfig& config, const VocabularyLimits& limits);

class Vectorizer {
 public:
  // `idf` has one value per term when config.use_idf (else it is ignored); terms are distinct.
  static Result<Vectorizer> Create(FeatureConfig config, std::vector<std::string> terms,
                                   std::vector<double> idf);
  static Result<Vectorizer> Create(FeatureConfig config, FittedVocabulary vocabulary) {
    return Create(std::move(config), std::move(vocabulary.terms), std::move(vocabulary.idf));
  }

  // One document → its tf-idf row (indices ascending). Thread-safe; reuses per-thread buffers.
  void Transform(std::string_view text, SparseRow& row) const;
  SparseRow Transform(std::string_view text) const;
  CsrMatrix TransformAll(std::span<const std::string_view> docs) const;

  std::size_t FeatureCount() const { return terms_.size(); }
  const std::vector<std::string>& Terms() const { return terms_; }
  const std::vector<double>& Idf() const { return idf_; }
  const FeatureConfig& Config() const { return config_; }

 private:
  Vectorizer(FeatureConfig config, std::vector<std::string> terms, std::vector<double> idf,
             VocabTable table);

  FeatureConfig config_;
  TextAnalyzer analyzer_;
  std::vector<std::string> terms_;
  std::vector<double> idf_;
  VocabTable table_;
};

}  // namespace notecoder::ml
