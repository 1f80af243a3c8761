#include "ml/trainer.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "ml/liblinear_binary.hpp"
#include "ml/linear_objectives.hpp"
#include "ml/tron.hpp"

namespace notecoder::ml {
namespace {

std::size_t WorkerCount(int threads, std::size_t labels) {
  const std::size_t n = threads > 0 ? static_cast<std::size_t>(threads)
                                    : std::max(1u, std::thread::hardware_concurrency());
  return std::max<std::size_t>(1, std::min(n, labels));
}

Status CheckOptions(const CsrMatrix& x, const LabelSets& y, const TrainerOptions& options) {
  if (!(options.c > 0) || !(options.intercept_scaling > 0) || !(options.tolerance > 0) ||
      !std::isfinite(options.c) || !std::isfinite(options.intercept_scaling)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "C, intercept scaling and tolerance must be positive numbers");
  }
  if (options.max_iterations < 0) {
    return MakeError(ErrorCode::kInvalidArgument, "max iterations must be >= 0");
  }
  if (y.rows.size() != x.rows()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the label sets have " + std::to_string(y.rows.size()) +
                         " rows but the feature matrix has " + std::to_string(x.rows()));
  }
  if (x.rows() == 0) return MakeError(ErrorCode::kInvalidArgument, "no training rows");
  if (x.rows() > 0x7FFFFFFFu || x.columns >= 0x7FFFFFFFu) {
    return MakeError(ErrorCode::kResourceExhausted, "too many rows or features for liblinear");
  }
  for (const auto& row : y.rows) {
    for (std::uint32_t label : row) {
      if (label >= y.label_count) {
        return MakeError(ErrorCode::kInvalidArgument, "a label id is out of range");
      }
    }
  }
  return {};
}

}  // namespace

Result<LinearWeights> TrainOneVsRest(const CsrMatrix& x, const LabelSets& y,
                                     const TrainerOptions& options, const TrainProgress& progress) {
  if (Status checked = CheckOptions(x, y, options); !checked.ok()) return checked.error();
  const bool logistic = options.loss == LinearLoss::kLogistic;
  const std::size_t rows = x.rows();
  const std::size_t labels = y.label_count;
  const std::size_t size = x.columns + 1;  // the weights and the bias weight

  std::optional<LiblinearRows> liblinear;
  const BiasedRows biased(x, options.intercept_scaling);
  if (options.solver == LinearSolver::kLiblinear) {
    liblinear.emplace(x, options.intercept_scaling);
    if (std::string refused = liblinear->Check(logistic, options.c, options.tolerance);
        !refused.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "liblinear: " + refused);
    }
  }
  const int max_iterations =
      options.max_iterations > 0 ? options.max_iterations : (logistic ? 100 : 1000);

  const auto positives = y.PositivesByLabel();
  LinearWeights out;
  out.features = x.columns;
  out.weights.assign(labels * x.columns, 0.0);
  out.intercepts.assign(labels, 0.0);
  out.fits.assign(labels, LabelFit::kTrained);

  std::atomic<std::size_t> next{0};
  std::mutex mutex;  // guards `done`, `failure` and the progress callback
  std::size_t done = 0;
  std::string failure;

  // The workers take labels from a shared cursor; each has its own ±1 targets and solution and
  // writes only its label's row of the output.
  auto train_labels = [&] {
    std::vector<double> target(rows);
    std::vector<double> w(size);
    for (std::size_t label = next++; label < labels; label = next++) {
      const auto& pos = positives[label];
      if (pos.empty() || pos.size() == rows) {
        const bool never = pos.empty();
        out.fits[label] = never ? LabelFit::kNeverPositive : LabelFit::kAlwaysPositive;
        out.intercepts[label] = never ? -kConstantLogit : kConstantLogit;
      } else {
        std::fill(target.begin(), target.end(), -1.0);
        for (std::uint32_t r : pos) target[r] = 1.0;
        // scikit-learn's liblinear scales the stopping tolerance by the minority class share.
        const double tolerance = options.tolerance *
                                 static_cast<double>(std::min(pos.size(), rows - pos.size())) /
                                 static_cast<double>(rows);
        if (liblinear) {
          liblinear->Train(logistic, options.c, options.tolerance, target, w);
        } else if (logistic) {
          LogisticObjective objective(biased, target, options.c);
          MinimizeTron(objective, {tolerance, max_iterations}, w);
        } else {
          SquaredHingeObjective objective(biased, target, options.c);
          MinimizeTron(objective, {tolerance, max_iterations}, w);
        }
        std::copy(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(x.columns),
                  out.weights.begin() + static_cast<std::ptrdiff_t>(label * x.columns));
        out.intercepts[label] = w[x.columns] * options.intercept_scaling;
      }
      if (progress) {
        const std::scoped_lock lock(mutex);
        progress(++done, labels);
      }
    }
  };
  // An exception (bad_alloc) in one worker stops the others and becomes the error; it must not
  // escape a thread, which would terminate the process.
  auto work = [&] {
    try {
      train_labels();
    } catch (const std::exception& e) {
      const std::scoped_lock lock(mutex);
      failure = std::string("training failed: ") + e.what();
      next = labels;  // stop handing out labels
    }
  };
  {
    std::vector<std::jthread> workers;
    const std::size_t count = WorkerCount(options.threads, labels);
    for (std::size_t i = 1; i < count; ++i) workers.emplace_back(work);
    work();
  }
  if (!failure.empty()) return MakeError(ErrorCode::kInternal, failure);
  return out;
}

std::vector<double> ScoreRows(const CsrMatrix& x, const LinearWeights& model, ScoreKind kind) {
  const std::size_t labels = model.labels();
  std::vector<double> scores(x.rows() * labels);
  for (std::size_t r = 0; r < x.rows(); ++r) {
    for (std::size_t label = 0; label < labels; ++label) {
      const double* w = model.weights.data() + label * model.features;
      double z = model.intercepts[label];
      for (std::size_t k = x.row_start[r]; k < x.row_start[r + 1]; ++k) {
        if (x.indices[k] < model.features) z += w[x.indices[k]] * x.values[k];
      }
      scores[r * labels + label] =
          kind == ScoreKind::kLogisticProba ? 1.0 / (1.0 + std::exp(-z)) : z;
    }
  }
  return scores;
}

}  // namespace notecoder::ml
