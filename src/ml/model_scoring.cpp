// Model::Score and Top: the hot path. Built with -O3 (see CMakeLists.txt) so the label loops are
// vectorised; the dense kernel also has AVX-512 and AVX2 clones picked at load time.
#include <algorithm>
#include <cmath>

#include "ml/feature_extraction.hpp"
#include "ml/model.hpp"

namespace notecoder::ml {
namespace {

// acc[l] += Σ x[k] · w[k][l] over four features' dense weight rows at once (a quarter of the
// accumulator loads and stores of one row at a time), in double so the sum of a few hundred
// float32 products stays within 1e-7 of scikit-learn's float64 maths.
[[gnu::target_clones("avx512f", "avx2", "default")]] void AddScaled4(
    const float* __restrict w0, const float* __restrict w1, const float* __restrict w2,
    const float* __restrict w3, const double* x, double* __restrict acc, std::size_t n) {
  const double x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3];
  for (std::size_t l = 0; l < n; ++l) {
    acc[l] += x0 * static_cast<double>(w0[l]) + x1 * static_cast<double>(w1[l]) +
              x2 * static_cast<double>(w2[l]) + x3 * static_cast<double>(w3[l]);
  }
}

struct ScoreScratch {
  FeatureScratch features;
  SparseRow row;
};

ScoreScratch& ThreadScratch() {
  thread_local ScoreScratch scratch;
  return scratch;
}

}  // namespace

void Model::AccumulateDense(const SparseRow& row, double* acc) const {
  const std::size_t labels = header_.label_count;
  const std::size_t n = row.indices.size();
  auto weight_row = [&](std::size_t i) {
    return i < n ? weights_.data() + std::size_t{row.indices[i]} * labels : nullptr;
  };
  for (std::size_t i = 0; i < n; i += 4) {
    // The next group's rows are random 2 KB blocks of the weights: start fetching them now.
    for (std::size_t k = i + 4; k < i + 8 && k < n; ++k) __builtin_prefetch(weight_row(k));
    double x[4] = {0, 0, 0, 0};
    const float* w[4];
    for (std::size_t k = 0; k < 4; ++k) {
      w[k] = weight_row(i + k);
      if (w[k] != nullptr) {
        x[k] = row.values[i + k];
      } else {
        w[k] = w[0];  // padding: weight × 0 adds nothing
      }
    }
    AddScaled4(w[0], w[1], w[2], w[3], x, acc, labels);
  }
}

void Model::AccumulateSparse(const SparseRow& row, double* acc) const {
  for (std::size_t i = 0; i < row.indices.size(); ++i) {
    const double x = row.values[i];
    const std::uint64_t end = weight_starts_[row.indices[i] + 1];
    for (std::uint64_t k = weight_starts_[row.indices[i]]; k < end; ++k) {
      acc[weight_labels_[k]] += x * static_cast<double>(weights_[k]);
    }
  }
}

void Model::Score(std::string_view note, std::vector<double>& scores) const {
  ScoreScratch& s = ThreadScratch();
  ExtractFeatures(analyzer_, vocab_, features_, idf_, note, s.features, s.row);

  scores.assign(intercepts_.begin(), intercepts_.end());
  if (SparseWeights()) {
    AccumulateSparse(s.row, scores.data());
  } else {
    AccumulateDense(s.row, scores.data());
  }
  if (Kind() == ScoreKind::kLogisticProba) {
    for (double& v : scores) v = 1.0 / (1.0 + std::exp(-v));
  }
}

std::vector<double> Model::Score(std::string_view note) const {
  std::vector<double> scores;
  Score(note, scores);
  return scores;
}

std::vector<LabelScore> Model::Top(std::span<const double> scores, std::size_t k,
                                   bool above_threshold) const {
  std::vector<std::uint32_t> order;
  order.reserve(scores.size());
  for (std::uint32_t l = 0; l < scores.size() && l < LabelCount(); ++l) {
    if (!above_threshold || scores[l] >= thresholds_[l]) order.push_back(l);
  }
  auto better = [&](std::uint32_t a, std::uint32_t b) {
    return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
  };
  k = std::min(k, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                    better);
  std::vector<LabelScore> out;
  out.reserve(k);
  for (std::size_t i = 0; i < k; ++i) out.push_back({order[i], codes_[order[i]], scores[order[i]]});
  return out;
}

}  // namespace notecoder::ml
