#pragma once
// scikit-learn's TfidfTransformer.transform on one row, shared by the vectorizer (training) and
// the served model so the two cannot drift apart.
#include <cstdint>
#include <span>
#include <vector>

#include "ml/feature_config.hpp"
#include "ml/sparse_matrix.hpp"

namespace notecoder::ml {

// `feature_ids` (one per term occurrence, unsorted; sorted in place, `scratch` the sort's working
// space) → `row` of (feature, count).
void CountFeatures(std::vector<std::uint32_t>& feature_ids, std::vector<std::uint32_t>& scratch,
                   SparseRow& row);

// Counts → tf (1 + ln count when sublinear) × idf (when use_idf) → l1/l2 normalised. A row whose
// norm is zero is left as is, as sklearn's normalize does.
void WeightRow(const FeatureConfig& config, std::span<const double> idf, SparseRow& row);

// smooth: ln((1 + n) / (1 + df)) + 1, else ln(n / df) + 1 (TfidfTransformer.fit).
double InverseDocumentFrequency(double documents, double document_frequency, bool smooth);

}  // namespace notecoder::ml
