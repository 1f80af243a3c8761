#pragma once
// Text → tf-idf row against a vocabulary: the one path both the vectorizer (training) and the
// served model (scoring) take, so their features cannot differ.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "ml/feature_config.hpp"
#include "ml/sparse_matrix.hpp"
#include "ml/text_analyzer.hpp"
#include "ml/vocab_table.hpp"

namespace notecoder::ml {

// Buffers reused from note to note; one per thread.
struct FeatureScratch {
  AnalyzerScratch analysis;
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint32_t> ids;
  std::vector<std::uint32_t> sort_scratch;
};

// Analyzes `text`, looks every term up (hashing all first and prefetching their slots: the
// table of a large vocabulary does not fit in L2), counts, then weights like TfidfTransformer.
void ExtractFeatures(const TextAnalyzer& analyzer, const VocabView& vocab,
                     const FeatureConfig& config, std::span<const double> idf,
                     std::string_view text, FeatureScratch& scratch, SparseRow& row);

}  // namespace notecoder::ml
