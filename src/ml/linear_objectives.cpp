#include "ml/linear_objectives.hpp"

#include <cmath>

namespace notecoder::ml {
namespace {

// x_r·v with four partial sums: a single running sum makes every multiply-add wait for the one
// before it, and this loop is most of training. (The sums come out in a different order than
// liblinear's; the difference, ~1e-16 relative, does not show at scikit-learn's tolerance.)
inline double RowDot(const std::uint32_t* index, const double* value, std::size_t n,
                     const double* v) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t k = 0;
  for (; k + 4 <= n; k += 4) {
    s0 += value[k] * v[index[k]];
    s1 += value[k + 1] * v[index[k + 1]];
    s2 += value[k + 2] * v[index[k + 2]];
    s3 += value[k + 3] * v[index[k + 3]];
  }
  for (; k < n; ++k) s0 += value[k] * v[index[k]];
  return (s0 + s1) + (s2 + s3);
}

double HalfSquaredNorm(std::span<const double> w) {
  double sum = 0;
  for (double v : w) sum += v * v;
  return sum / 2.0;
}

}  // namespace

void BiasedRows::Times(std::span<const double> v, std::span<double> out) const {
  const double bias_term = bias_ * v[x_.columns];
  for (std::size_t r = 0; r < x_.rows(); ++r) {
    const std::size_t begin = x_.row_start[r];
    out[r] = RowDot(x_.indices.data() + begin, x_.values.data() + begin,
                    x_.row_start[r + 1] - begin, v.data()) +
             bias_term;
  }
}

void BiasedRows::AddTransposeTimes(std::span<const double> coef, std::span<double> out) const {
  double bias_sum = 0;
  for (std::size_t r = 0; r < x_.rows(); ++r) {
    const double c = coef[r];
    for (std::size_t k = x_.row_start[r]; k < x_.row_start[r + 1]; ++k) {
      out[x_.indices[k]] += c * x_.values[k];
    }
    bias_sum += c * bias_;
  }
  out[x_.columns] += bias_sum;
}

void BiasedRows::AddTransposeTimes(std::span<const double> coef,
                                   std::span<const std::uint32_t> active,
                                   std::span<double> out) const {
  double bias_sum = 0;
  for (std::size_t j = 0; j < active.size(); ++j) {
    const std::uint32_t r = active[j];
    const double c = coef[j];
    for (std::size_t k = x_.row_start[r]; k < x_.row_start[r + 1]; ++k) {
      out[x_.indices[k]] += c * x_.values[k];
    }
    bias_sum += c * bias_;
  }
  out[x_.columns] += bias_sum;
}

void BiasedRows::AddGramTimes(std::span<const double> scale, std::span<const double> v,
                              std::span<double> out) const {
  const double bias_v = bias_ * v[x_.columns];
  double bias_sum = 0;
  for (std::size_t r = 0; r < x_.rows(); ++r) {
    const std::size_t begin = x_.row_start[r], end = x_.row_start[r + 1];
    const double dot =
        RowDot(x_.indices.data() + begin, x_.values.data() + begin, end - begin, v.data());
    const double c = scale[r] * (dot + bias_v);
    for (std::size_t k = begin; k < end; ++k) out[x_.indices[k]] += c * x_.values[k];
    bias_sum += c * bias_;
  }
  out[x_.columns] += bias_sum;
}

void BiasedRows::AddGramTimes(std::span<const double> scale, std::span<const std::uint32_t> active,
                              std::span<const double> v, std::span<double> out) const {
  const double bias_v = bias_ * v[x_.columns];
  double bias_sum = 0;
  for (std::size_t j = 0; j < active.size(); ++j) {
    const std::uint32_t r = active[j];
    const std::size_t begin = x_.row_start[r], end = x_.row_start[r + 1];
    const double dot =
        RowDot(x_.indices.data() + begin, x_.values.data() + begin, end - begin, v.data());
    const double c = scale[j] * (dot + bias_v);
    for (std::size_t k = begin; k < end; ++k) out[x_.indices[k]] += c * x_.values[k];
    bias_sum += c * bias_;
  }
  out[x_.columns] += bias_sum;
}

LogisticObjective::LogisticObjective(const BiasedRows& x, std::span<const double> y, double c)
    : x_(x), y_(y), c_(c), z_(x.rows()), d_(x.rows()), scratch_(x.rows()) {}

double LogisticObjective::Value(std::span<const double> w) {
  x_.Times(w, z_);
  double loss = 0;
  for (std::size_t i = 0; i < z_.size(); ++i) {
    const double yz = y_[i] * z_[i];
    // log(1 + exp(-yz)) without overflow for large |yz|.
    loss += yz >= 0 ? std::log1p(std::exp(-yz)) : -yz + std::log1p(std::exp(yz));
  }
  return HalfSquaredNorm(w) + c_ * loss;
}

void LogisticObjective::Gradient(std::span<const double> w, std::span<double> g) {
  for (std::size_t i = 0; i < z_.size(); ++i) {
    const double sigma = 1.0 / (1.0 + std::exp(-y_[i] * z_[i]));  // P(y_i | x_i)
    d_[i] = c_ * sigma * (1.0 - sigma);
    scratch_[i] = c_ * (sigma - 1.0) * y_[i];
  }
  std::copy(w.begin(), w.end(), g.begin());
  x_.AddTransposeTimes(scratch_, g);
}

void LogisticObjective::HessianTimes(std::span<const double> v, std::span<double> hv) {
  // I + X' diag(C·D) X
  std::copy(v.begin(), v.end(), hv.begin());
  x_.AddGramTimes(d_, v, hv);
}

SquaredHingeObjective::SquaredHingeObjective(const BiasedRows& x, std::span<const double> y,
                                             double c)
    : x_(x), y_(y), c_(c), z_(x.rows()) {}

double SquaredHingeObjective::Value(std::span<const double> w) {
  x_.Times(w, z_);
  double loss = 0;
  for (std::size_t i = 0; i < z_.size(); ++i) {
    const double margin = 1.0 - y_[i] * z_[i];
    if (margin > 0) loss += margin * margin;
  }
  return HalfSquaredNorm(w) + c_ * loss;
}

void SquaredHingeObjective::Gradient(std::span<const double> w, std::span<double> g) {
  active_.clear();
  coef_.clear();
  hessian_scale_.clear();
  for (std::size_t i = 0; i < z_.size(); ++i) {
    if (y_[i] * z_[i] < 1) {
      active_.push_back(static_cast<std::uint32_t>(i));
      hessian_scale_.push_back(2.0 * c_);
      coef_.push_back(2.0 * c_ * (z_[i] - y_[i]));  // d/dz of C (1 - y z)² with y² = 1
    }
  }
  std::copy(w.begin(), w.end(), g.begin());
  x_.AddTransposeTimes(coef_, active_, g);
}

void SquaredHingeObjective::HessianTimes(std::span<const double> v, std::span<double> hv) {
  // The generalised Hessian I + 2C X_I' X_I over the active rows.
  std::copy(v.begin(), v.end(), hv.begin());
  x_.AddGramTimes(hessian_scale_, active_, v, hv);
}

}  // namespace notecoder::ml
