// Model::Score and Top: the hot path. Built with -O3 (see CMakeLists.txt) so the label loops are
// vectorised; the dense kernel also has an AVX2 clone picked at load time.
#include <algorithm>
#include <cmath>

#include "ml/model.hpp"
#include "ml/tfidf.hpp"

namespace notecoder::ml {
namespace {

// acc[l] += x * w[l] for every label of one feature's dense weight row, in double so the sum of
// a few hundred float32 products stays within 1e-7 of scikit-learn's float64 maths.
[[gnu::target_clones("avx512f", "avx2", "default")]] void AddScaled(const float* __restrict w,
                                                                    double x,
                                                                    double* __restrict acc,
                                                                    std::size_t n) {
  for (std::size_t l = 0; l < n; ++l) acc[l] += x * static_cast<double>(w[l]);
}

struct ScoreScratch {
  AnalyzerScratch analysis;
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint32_t> ids;
  SparseRow row;
};

ScoreScratch& ThreadScratch() {
  thread_local ScoreScratch scratch;
  return scratch;
}

}  // namespace

void Model::Accumulate(std::uint32_t feature, double x, double* acc) const {
  if (!SparseWeights()) {
    const std::size_t labels = header_.label_count;
    AddScaled(weights_.data() + std::size_t{feature} * labels, x, acc, labels);
    return;
  }
  const std::uint64_t end = weight_starts_[feature + 1];
  for (std::uint64_t k = weight_starts_[feature]; k < end; ++k) {
    acc[weight_labels_[k]] += x * static_cast<double>(weights_[k]);
  }
}

void Model::Score(std::string_view note, std::vector<double>& scores) const {
  ScoreScratch& s = ThreadScratch();
  analyzer_.Analyze(note, s.analysis);
  const std::size_t terms = s.analysis.TermCount();
  s.hashes.resize(terms);
  for (std::size_t t = 0; t < terms; ++t) {
    s.hashes[t] = vocab_.Hash(s.analysis.Term(t));
    vocab_.Prefetch(s.hashes[t]);
  }
  s.ids.clear();
  for (std::size_t t = 0; t < terms; ++t) {
    if (auto f = vocab_.FindHashed(s.analysis.Term(t), s.hashes[t])) s.ids.push_back(*f);
  }
  CountFeatures(s.ids, s.row);
  WeightRow(features_, idf_, s.row);

  scores.assign(intercepts_.begin(), intercepts_.end());
  const std::size_t n = s.row.indices.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (!SparseWeights() && i + 1 < n) {
      // The next row is a random 2 KB somewhere in the weights: start fetching it now.
      __builtin_prefetch(weights_.data() + std::size_t{s.row.indices[i + 1]} * LabelCount());
    }
    Accumulate(s.row.indices[i], s.row.values[i], scores.data());
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
