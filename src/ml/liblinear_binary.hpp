#pragma once
// Binary L2-regularised problems solved by Debian's liblinear (the kLiblinear solver of
// trainer.hpp). The rows are converted once and shared read-only by every label's problem.
#include <memory>
#include <span>
#include <string>

#include "ml/sparse_matrix.hpp"

namespace notecoder::ml {

class LiblinearRows {
 public:
  // `bias` is the value of the constant feature liblinear appends (intercept_scaling).
  LiblinearRows(const CsrMatrix& x, double bias);
  ~LiblinearRows();
  LiblinearRows(const LiblinearRows&) = delete;
  LiblinearRows& operator=(const LiblinearRows&) = delete;

  // Empty when liblinear's check_parameter accepts (solver, C, eps), else its message.
  std::string Check(bool logistic, double c, double eps) const;
  // Solves one problem with targets `y` (±1); `w` gets columns weights then the bias weight,
  // oriented so that positive scores mean +1. Thread-safe (liblinear's output is silenced once).
  void Train(bool logistic, double c, double eps, std::span<const double> y,
             std::span<double> w) const;

 private:
  struct Data;
  std::unique_ptr<Data> data_;
};

}  // namespace notecoder::ml
