#include "ml/tfidf.hpp"

#include <cmath>

#include "infra/radix_sort.hpp"

namespace notecoder::ml {

void CountFeatures(std::vector<std::uint32_t>& feature_ids, std::vector<std::uint32_t>& scratch,
                   SparseRow& row) {
  row.indices.clear();
  row.values.clear();
  infra::RadixSort(feature_ids, scratch);
  for (std::size_t i = 0; i < feature_ids.size();) {
    std::size_t j = i + 1;
    while (j < feature_ids.size() && feature_ids[j] == feature_ids[i]) ++j;
    row.indices.push_back(feature_ids[i]);
    row.values.push_back(static_cast<double>(j - i));
    i = j;
  }
}

void WeightRow(const FeatureConfig& config, std::span<const double> idf, SparseRow& row) {
  std::vector<double>& v = row.values;
  if (config.sublinear_tf) {
    for (double& x : v) x = std::log(x) + 1.0;
  }
  if (config.use_idf) {
    for (std::size_t i = 0; i < v.size(); ++i) v[i] *= idf[row.indices[i]];
  }
  double norm = 0.0;
  if (config.norm == Norm::kL2) {
    for (double x : v) norm += x * x;
    norm = std::sqrt(norm);
  } else if (config.norm == Norm::kL1) {
    for (double x : v) norm += std::abs(x);
  }
  if (norm > 0.0) {
    for (double& x : v) x /= norm;
  }
}

double InverseDocumentFrequency(double documents, double document_frequency, bool smooth) {
  if (smooth) {
    documents += 1.0;
    document_frequency += 1.0;
  }
  return std::log(documents / document_frequency) + 1.0;
}

}  // namespace notecoder::ml
