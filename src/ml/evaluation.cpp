#include "ml/evaluation.hpp"

#include <algorithm>
#include <cassert>
#include <utility>

namespace notecoder::ml {
namespace {

double Ratio(double num, double den) { return den > 0 ? num / den : 0.0; }
double F1(double precision, double recall) {
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
}

}  // namespace

Metrics Evaluate(std::span<const double> scores, const LabelSets& truth,
                 std::span<const double> thresholds) {
  const std::size_t labels = truth.label_count;
  assert(scores.size() == truth.rows.size() * labels && thresholds.size() == labels);
  std::vector<std::size_t> tp(labels, 0), fp(labels, 0), fn(labels, 0);
  for (std::size_t r = 0; r < truth.rows.size(); ++r) {
    const auto& gold = truth.rows[r];
    for (std::size_t label = 0; label < labels; ++label) {
      const bool predicted = scores[r * labels + label] >= thresholds[label];
      const bool actual = std::binary_search(gold.begin(), gold.end(), label);
      if (predicted && actual) ++tp[label];
      if (predicted && !actual) ++fp[label];
      if (!predicted && actual) ++fn[label];
    }
  }
  Metrics m;
  for (std::size_t label = 0; label < labels; ++label) {
    m.true_positives += tp[label];
    m.false_positives += fp[label];
    m.false_negatives += fn[label];
    if (tp[label] + fn[label] == 0) continue;
    const double p =
        Ratio(static_cast<double>(tp[label]), static_cast<double>(tp[label] + fp[label]));
    const double r =
        Ratio(static_cast<double>(tp[label]), static_cast<double>(tp[label] + fn[label]));
    m.macro_precision += p;
    m.macro_recall += r;
    m.macro_f1 += F1(p, r);
    ++m.macro_labels;
  }
  if (m.macro_labels > 0) {
    const auto n = static_cast<double>(m.macro_labels);
    m.macro_precision /= n;
    m.macro_recall /= n;
    m.macro_f1 /= n;
  }
  const auto tps = static_cast<double>(m.true_positives);
  m.micro_precision = Ratio(tps, tps + static_cast<double>(m.false_positives));
  m.micro_recall = Ratio(tps, tps + static_cast<double>(m.false_negatives));
  m.micro_f1 = F1(m.micro_precision, m.micro_recall);
  return m;
}

TunedThresholds TuneThresholds(std::span<const double> scores, const LabelSets& truth,
                               const ThresholdOptions& options) {
  const std::size_t labels = truth.label_count;
  const std::size_t rows = truth.rows.size();
  assert(scores.size() == rows * labels);
  TunedThresholds out{std::vector<double>(labels, options.fallback),
                      std::vector<bool>(labels, false)};
  const auto positives = truth.PositivesByLabel();
  std::vector<std::pair<double, bool>> ranked(rows);  // (score, is positive)
  for (std::size_t label = 0; label < labels; ++label) {
    const std::size_t total_pos = positives[label].size();
    if (total_pos < std::max<std::size_t>(options.min_positives, 1)) continue;
    for (std::size_t r = 0; r < rows; ++r) ranked[r] = {scores[r * labels + label], false};
    for (std::uint32_t r : positives[label]) ranked[r].second = true;
    std::sort(ranked.begin(), ranked.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    double best_f1 = 0;
    std::size_t best_cut = 0;  // rows [0, best_cut) fire
    std::size_t tp = 0;
    for (std::size_t k = 1; k <= rows; ++k) {
      tp += ranked[k - 1].second ? 1 : 0;
      if (k < rows && ranked[k].first == ranked[k - 1].first) continue;  // no cut inside a tie
      // F1 = 2tp / (2tp + fp + fn) = 2tp / (k + total_pos)
      const double f1 = 2.0 * static_cast<double>(tp) / static_cast<double>(k + total_pos);
      if (f1 > best_f1) {
        best_f1 = f1;
        best_cut = k;
      }
    }
    if (best_cut == 0) continue;
    const double last_in = ranked[best_cut - 1].first;
    double threshold = last_in;
    if (best_cut < rows) {
      threshold = last_in - (last_in - ranked[best_cut].first) / 2;
      // Adjacent doubles can round the midpoint down onto the first score dropped.
      if (threshold <= ranked[best_cut].first) threshold = last_in;
    }
    out.thresholds[label] = threshold;
    out.tuned[label] = true;
  }
  return out;
}

}  // namespace notecoder::ml
