#include "ml/liblinear_binary.hpp"

#include <linear.h>

#include <mutex>
#include <vector>

namespace notecoder::ml {
namespace {

void Silent(const char* /*message*/) {}

// liblinear prints its iterations to stdout through one process-wide hook.
void SilenceLiblinear() {
  static std::once_flag once;
  std::call_once(once, [] { set_print_string_function(&Silent); });
}

parameter MakeParameter(bool logistic, double c, double eps) {
  parameter p{};
  p.solver_type = logistic ? L2R_LR : L2R_L2LOSS_SVC;
  p.eps = eps;
  p.C = c;
  p.nr_weight = 0;
  p.weight_label = nullptr;
  p.weight = nullptr;
  p.p = 0.1;  // epsilon-SVR only
  p.init_sol = nullptr;
  return p;
}

}  // namespace

// 1-based indices, the constant bias feature (index columns + 1) last, then the -1 terminator.
struct LiblinearRows::Data {
  std::vector<feature_node> nodes;
  std::vector<feature_node*> rows;
  int columns = 0;
  double bias = 1.0;

  problem Problem(const double* y) const {
    return problem{static_cast<int>(rows.size()), columns + 1, const_cast<double*>(y),
                   const_cast<feature_node**>(rows.data()), bias};
  }
};

LiblinearRows::LiblinearRows(const CsrMatrix& x, double bias) : data_(std::make_unique<Data>()) {
  SilenceLiblinear();
  data_->columns = static_cast<int>(x.columns);
  data_->bias = bias;
  data_->nodes.reserve(x.indices.size() + 2 * x.rows());
  std::vector<std::size_t> starts;
  starts.reserve(x.rows());
  for (std::size_t r = 0; r < x.rows(); ++r) {
    starts.push_back(data_->nodes.size());
    for (std::size_t k = x.row_start[r]; k < x.row_start[r + 1]; ++k) {
      data_->nodes.push_back({static_cast<int>(x.indices[k]) + 1, x.values[k]});
    }
    data_->nodes.push_back({data_->columns + 1, bias});
    data_->nodes.push_back({-1, 0.0});
  }
  for (std::size_t s : starts) data_->rows.push_back(data_->nodes.data() + s);
}

LiblinearRows::~LiblinearRows() = default;

std::string LiblinearRows::Check(bool logistic, double c, double eps) const {
  std::vector<double> y(data_->rows.size(), 1.0);
  const problem prob = data_->Problem(y.data());
  const parameter param = MakeParameter(logistic, c, eps);
  const char* refused = check_parameter(&prob, &param);
  return refused == nullptr ? std::string() : std::string(refused);
}

void LiblinearRows::Train(bool logistic, double c, double eps, std::span<const double> y,
                          std::span<double> w) const {
  const problem prob = data_->Problem(y.data());
  const parameter param = MakeParameter(logistic, c, eps);
  model* m = train(&prob, &param);
  // w is oriented towards m->label[0]; liblinear puts +1 first for ±1 targets, but we check
  // rather than rely on it.
  const double sign = m->label[0] == 1 ? 1.0 : -1.0;
  for (std::size_t j = 0; j < w.size(); ++j) w[j] = sign * m->w[j];
  free_and_destroy_model(&m);
}

}  // namespace notecoder::ml
