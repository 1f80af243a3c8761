#pragma once
// Trust-region Newton minimisation (Lin, Weng and Keerthi, "Trust region Newton method for
// large-scale logistic regression", JMLR 2008): the primal solver liblinear uses for L2-regularised
// logistic regression and L2-loss SVMs. We follow the variant bundled with scikit-learn (no
// preconditioner, conjugate-gradient tolerance 0.1·|g|, the paper's trust-region constants, stop
// when |g| <= eps·|g0| or after max_iterations accepted steps), because the coefficients
// scikit-learn reports are that variant's iterate at its stopping point, not the exact optimum:
// at tol=1e-4 they differ from the optimum by up to ~1e-3. Debian's liblinear 2.3 preconditions
// the CG steps, so it stops at a different iterate (see trainer.hpp).
#include <cstddef>
#include <span>

namespace notecoder::ml {

// A twice-differentiable, strictly convex objective. Gradient(w) is called only right after
// Value(w) at the same w and may reuse what Value computed; HessianTimes uses the curvature of the
// last Gradient point.
class TronObjective {
 public:
  virtual ~TronObjective() = default;
  virtual std::size_t Size() const = 0;
  virtual double Value(std::span<const double> w) = 0;
  virtual void Gradient(std::span<const double> w, std::span<double> g) = 0;
  virtual void HessianTimes(std::span<const double> v, std::span<double> hv) = 0;
};

struct TronOptions {
  double tolerance = 1e-4;  // relative to the gradient norm at w = 0
  int max_iterations = 100;
};

// Minimises from w = 0; `w` (Size() values) receives the solution. Returns the number of accepted
// Newton steps.
int MinimizeTron(TronObjective& objective, const TronOptions& options, std::span<double> w);

}  // namespace notecoder::ml
