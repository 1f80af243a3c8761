#pragma once
// The L2-regularised objectives of one binary problem, as liblinear defines them, for the
// trust-region Newton solver. w has columns + 1 entries: the last is the weight of the constant
// bias feature, regularised like the others (liblinear's, and so scikit-learn's, intercept).
//   logistic:      0.5·|w|² + C Σ log(1 + exp(-y_i w·x_i))
//   squared hinge: 0.5·|w|² + C Σ max(0, 1 - y_i w·x_i)²
// The rows are shared read-only (many labels train on them at once); each objective owns its
// buffers.
#include <span>
#include <vector>

#include "ml/sparse_matrix.hpp"
#include "ml/tron.hpp"

namespace notecoder::ml {

// X with the bias column appended, as products.
class BiasedRows {
 public:
  BiasedRows(const CsrMatrix& x, double bias) : x_(x), bias_(bias) {}
  std::size_t rows() const { return x_.rows(); }
  std::size_t size() const { return x_.columns + 1; }
  void Times(std::span<const double> v, std::span<double> out) const;  // out = X v
  // out += Σ coef_i x_i over `active` rows (all rows when `active` is empty and all_rows).
  void AddTransposeTimes(std::span<const double> coef, std::span<double> out) const;
  void AddTransposeTimes(std::span<const double> coef, std::span<const std::uint32_t> active,
                         std::span<double> out) const;
  // out += Σ scale_i (x_i·v) x_i over the rows (or the `active` rows): the data term of a
  // Hessian-vector product in one pass over each row while it is in cache.
  void AddGramTimes(std::span<const double> scale, std::span<const double> v,
                    std::span<double> out) const;
  void AddGramTimes(std::span<const double> scale, std::span<const std::uint32_t> active,
                    std::span<const double> v, std::span<double> out) const;

 private:
  const CsrMatrix& x_;
  double bias_;
};

class LogisticObjective final : public TronObjective {
 public:
  LogisticObjective(const BiasedRows& x, std::span<const double> y, double c);
  std::size_t Size() const override { return x_.size(); }
  double Value(std::span<const double> w) override;
  void Gradient(std::span<const double> w, std::span<double> g) override;
  void HessianTimes(std::span<const double> v, std::span<double> hv) override;

 private:
  const BiasedRows& x_;
  std::span<const double> y_;
  double c_;
  std::vector<double> z_, d_, scratch_;  // d_: C·σ(1 - σ), the Hessian's row weights
};

class SquaredHingeObjective final : public TronObjective {
 public:
  SquaredHingeObjective(const BiasedRows& x, std::span<const double> y, double c);
  std::size_t Size() const override { return x_.size(); }
  double Value(std::span<const double> w) override;
  void Gradient(std::span<const double> w, std::span<double> g) override;
  void HessianTimes(std::span<const double> v, std::span<double> hv) override;

 private:
  const BiasedRows& x_;
  std::span<const double> y_;
  double c_;
  std::vector<double> z_, coef_, hessian_scale_;
  std::vector<std::uint32_t> active_;  // rows with y·w·x < 1 at the last gradient point
};

}  // namespace notecoder::ml
