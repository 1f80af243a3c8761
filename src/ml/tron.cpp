#include "ml/tron.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace notecoder::ml {
namespace {

double Dot(std::span<const double> a, std::span<const double> b) {
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return sum;
}
double Norm(std::span<const double> a) { return std::sqrt(Dot(a, a)); }
void AddScaled(double alpha, std::span<const double> x, std::span<double> y) {
  for (std::size_t i = 0; i < x.size(); ++i) y[i] += alpha * x[i];
}

// The paper's constants: step acceptance (eta) and trust-region scaling (sigma).
constexpr double kEta0 = 1e-4, kEta1 = 0.25, kEta2 = 0.75;
constexpr double kSigma1 = 0.25, kSigma2 = 0.5, kSigma3 = 4.0;

struct CgBuffers {
  std::vector<double> d, hd;
};

// Steihaug's truncated conjugate gradient for H s = -g inside |s| <= delta. On return `r` holds
// the residual -g - H s, which gives the model's predicted reduction without another H product.
void TruncatedCg(TronObjective& objective, double delta, std::span<const double> g,
                 std::span<double> s, std::span<double> r, CgBuffers& buf) {
  const std::size_t n = g.size();
  for (std::size_t i = 0; i < n; ++i) {
    s[i] = 0;
    r[i] = -g[i];
    buf.d[i] = r[i];
  }
  const double cg_tolerance = 0.1 * Norm(g);
  double rtr = Dot(r, r);
  while (Norm(r) > cg_tolerance) {
    objective.HessianTimes(buf.d, buf.hd);
    double alpha = rtr / Dot(buf.d, buf.hd);
    AddScaled(alpha, buf.d, s);
    if (Norm(s) > delta) {
      // Step back and go along d to the trust-region boundary instead.
      AddScaled(-alpha, buf.d, s);
      const double std_ = Dot(s, buf.d);
      const double sts = Dot(s, s);
      const double dtd = Dot(buf.d, buf.d);
      const double dsq = delta * delta;
      const double rad = std::sqrt(std_ * std_ + dtd * (dsq - sts));
      alpha = std_ >= 0 ? (dsq - sts) / (std_ + rad) : (rad - std_) / dtd;
      AddScaled(alpha, buf.d, s);
      AddScaled(-alpha, buf.hd, r);
      return;
    }
    AddScaled(-alpha, buf.hd, r);
    const double rtr_new = Dot(r, r);
    const double beta = rtr_new / rtr;
    for (std::size_t i = 0; i < n; ++i) buf.d[i] = beta * buf.d[i] + r[i];
    rtr = rtr_new;
  }
}

}  // namespace

int MinimizeTron(TronObjective& objective, const TronOptions& options, std::span<double> w) {
  const std::size_t n = objective.Size();
  std::vector<double> g(n), s(n), r(n), w_new(n);
  CgBuffers buf{std::vector<double>(n), std::vector<double>(n)};
  std::fill(w.begin(), w.end(), 0.0);

  double f = objective.Value(w);
  objective.Gradient(w, g);
  double delta = Norm(g);
  const double gnorm0 = delta;
  bool search = gnorm0 > options.tolerance * gnorm0;  // false only at a zero gradient
  int iteration = 1;
  while (iteration <= options.max_iterations && search) {
    TruncatedCg(objective, delta, g, s, r, buf);
    for (std::size_t i = 0; i < n; ++i) w_new[i] = w[i] + s[i];
    const double gs = Dot(g, s);
    const double predicted = -0.5 * (gs - Dot(s, r));
    const double f_new = objective.Value(w_new);
    const double actual = f - f_new;
    const double snorm = Norm(s);
    if (iteration == 1) delta = std::min(delta, snorm);
    // alpha·|s|: where a quadratic through f, f_new and the slope gs has its minimum.
    const double alpha =
        f_new - f - gs <= 0 ? kSigma3 : std::max(kSigma1, -0.5 * (gs / (f_new - f - gs)));
    if (actual < kEta0 * predicted) {
      delta = std::min(std::max(alpha, kSigma1) * snorm, kSigma2 * delta);
    } else if (actual < kEta1 * predicted) {
      delta = std::max(kSigma1 * delta, std::min(alpha * snorm, kSigma2 * delta));
    } else if (actual < kEta2 * predicted) {
      delta = std::max(kSigma1 * delta, std::min(alpha * snorm, kSigma3 * delta));
    } else {
      delta = std::max(delta, std::min(alpha * snorm, kSigma3 * delta));
    }
    if (actual > kEta0 * predicted) {
      ++iteration;
      std::copy(w_new.begin(), w_new.end(), w.begin());
      f = f_new;
      objective.Gradient(w, g);
      if (Norm(g) <= options.tolerance * gnorm0) break;
    }
    // No further progress is possible in floating point.
    if (f < -1.0e32) break;
    if (std::fabs(actual) <= 0 && predicted <= 0) break;
    if (std::fabs(actual) <= 1.0e-12 * std::fabs(f) &&
        std::fabs(predicted) <= 1.0e-12 * std::fabs(f)) {
      break;
    }
  }
  return iteration - 1;
}

}  // namespace notecoder::ml
