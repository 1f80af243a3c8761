#pragma once
// One-vs-rest linear training: for each label a binary problem (label present vs absent) over the
// same rows, so that the coefficients equal those of
//   OneVsRestClassifier(LogisticRegression(solver='liblinear', C=C, fit_intercept=True,
//                                          intercept_scaling=s, tol=tol))
// (liblinear's L2R_LR: trust-region Newton on the primal), or of
//   OneVsRestClassifier(LinearSVC(loss='squared_hinge', C=C, dual=False, intercept_scaling=s))
// (L2R_L2LOSS_SVC, the same solver). The intercept is learnt as the weight of a constant feature
// of value s, regularised like the others, and reported as s × that weight.
//
// Two solvers reach the same optimum:
//  - kTron (default): our trust-region Newton (tron.hpp) in the form scikit-learn bundles. At
//    tol=1e-4 scikit-learn stops up to ~1e-3 away from the exact optimum; taking the same steps
//    gives its coefficients to ~1e-9, which no other solver can.
//  - kLiblinear: Debian's liblinear 2.3 (`-llinear`). Its Newton steps are preconditioned, so at
//    the same tolerance it stops at a different point (measured: up to 4e-4 from scikit-learn's
//    coefficients at C=1, 3e-3 at C=10); with a tight tolerance both converge to the optimum.
// LinearSVC's default dual=True reaches the same optimum with a randomised coordinate descent;
// it is not offered because its iterate depends on a random permutation (liblinear draws it from
// the C library's shared rand(), which threads would make irreproducible).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "infra/result.hpp"
#include "ml/label_sets.hpp"
#include "ml/model_spec.hpp"
#include "ml/sparse_matrix.hpp"

namespace notecoder::ml {

enum class LinearLoss : std::uint8_t { kLogistic, kSquaredHinge };
enum class LinearSolver : std::uint8_t { kTron, kLiblinear };

struct TrainerOptions {
  LinearLoss loss = LinearLoss::kLogistic;
  double c = 1.0;                  // inverse regularisation strength, > 0
  double intercept_scaling = 1.0;  // value of the constant feature, > 0
  double tolerance = 1e-4;         // liblinear eps (sklearn's tol), > 0
  int max_iterations = 0;  // kTron Newton steps per label; 0: sklearn's default (100 LR, 1000 SVC)
  LinearSolver solver = LinearSolver::kTron;
  int threads = 0;  // labels trained at once; 0: the hardware's cores
};

// How a label's model came about. A label with no positive row (or no negative row) has nothing
// to learn: instead of asking liblinear for a one-class model we give it a constant scorer with
// zero weights and an intercept of ∓kConstantLogit, so it never (always) fires.
enum class LabelFit : std::uint8_t { kTrained, kNeverPositive, kAlwaysPositive };
inline constexpr double kConstantLogit = 1000.0;

struct LinearWeights {
  std::size_t features = 0;
  std::vector<double> weights;     // label_count × features, row-major by label
  std::vector<double> intercepts;  // one per label
  std::vector<LabelFit> fits;      // one per label

  std::size_t labels() const { return intercepts.size(); }
};

// Called after each label finishes (from a worker thread, one call at a time).
using TrainProgress = std::function<void(std::size_t done, std::size_t total)>;

// kInvalidArgument for bad options, row counts that disagree, or (kLiblinear) a problem
// liblinear's check_parameter refuses (its message is returned).
// Labels are trained in parallel by a bounded set of std::threads taking labels from a shared
// cursor: this is a batch job outside the service, so it does not go through the service's
// CpuPool (whose Run is an awaitable for io coroutines and refuses work past a queue bound).
Result<LinearWeights> TrainOneVsRest(const CsrMatrix& x, const LabelSets& y,
                                     const TrainerOptions& options,
                                     const TrainProgress& progress = {});

// The score each label gives each row, rows × labels row-major: the logistic probability
// 1 / (1 + exp(-(w·x + b))) for kLogisticProba, w·x + b for kDecision.
std::vector<double> ScoreRows(const CsrMatrix& x, const LinearWeights& model, ScoreKind kind);

}  // namespace notecoder::ml
