#include "app/cli_train.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "app/defaults.hpp"
#include "app/progress_meter.hpp"
#include "codes/codebook.hpp"
#include "codes/hash.hpp"
#include "ml/model_writer.hpp"
#include "ml/training_data.hpp"
#include "ml/training_run.hpp"

namespace notecoder::app {
namespace {

struct TrainOptions {
  std::string data, out, codebook;
  double c = 1.0;
  double tol = 1e-4;
  std::string loss = "logistic";
  std::string solver = "tron";
  std::uint32_t ngram_min = 1, ngram_max = 1;
  std::string min_df = "1", max_df = "1.0";
  std::uint32_t max_features = 0;
  bool sublinear_tf = false;
  double holdout = 0.2;
  std::uint64_t seed = 1;
  int threads = 0;
  std::size_t min_threshold_positives = 3;
  std::string bad_lines = "skip";
  std::string coefficients_out;
  bool quiet = false;
};

// scikit-learn's convention: an integer is a document count, a number with a point a proportion.
std::optional<std::pair<double, bool>> ParseDf(const std::string& text) {
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used != text.size() || value < 0) return std::nullopt;
    const bool proportion = text.find_first_of(".eE") != std::string::npos;
    if (proportion && value > 1.0) return std::nullopt;
    return std::make_pair(value, proportion);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// At most `limit` lines of one kind of problem, then a count of the rest.
void ReportProblems(const std::vector<ml::DataProblem>& problems, const char* action) {
  constexpr std::size_t kLimit = 20;
  for (std::size_t i = 0; i < problems.size() && i < kLimit; ++i) {
    std::fprintf(stderr, "notecoder train: line %zu: %s (%s)\n", problems[i].line,
                 problems[i].what.c_str(), action);
  }
  if (problems.size() > kLimit) {
    std::fprintf(stderr, "notecoder train: ... and %zu more (%s)\n", problems.size() - kLimit,
                 action);
  }
}

void PrintMetrics(const char* name, const ml::Metrics& m) {
  std::printf("  %-22s micro P %.3f R %.3f F1 %.3f | macro P %.3f R %.3f F1 %.3f\n", name,
              m.micro_precision, m.micro_recall, m.micro_f1, m.macro_precision, m.macro_recall,
              m.macro_f1);
}

std::string DataFingerprint(const ml::TrainingData& data) {
  std::uint64_t h = 0;
  for (const auto& e : data.examples) {
    h = codes::Hash64(e.note, h);
    for (const auto& code : e.codes) h = codes::Hash64(code, h);
  }
  return "hash64 " + codes::HexU64(h) + " of " + std::to_string(data.examples.size()) + " notes";
}

// Raw little-endian doubles, weights (labels × features, row-major) then intercepts, in the
// model's label and feature order (= scikit-learn's MultiLabelBinarizer and TfidfVectorizer
// order): for comparing coefficients with other tools (bench/ml).
bool WriteCoefficients(const ml::ModelSpec& model, const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return false;
  bool ok = std::fwrite(model.weights.data(), sizeof(double), model.weights.size(), file) ==
            model.weights.size();
  ok = ok && std::fwrite(model.intercepts.data(), sizeof(double), model.intercepts.size(), file) ==
                 model.intercepts.size();
  return std::fclose(file) == 0 && ok;
}

int RunTrain(const TrainOptions& o) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  ml::TrainingRunOptions run;
  run.features.ngram_min = o.ngram_min;
  run.features.ngram_max = o.ngram_max;
  run.features.sublinear_tf = o.sublinear_tf;
  const auto min_df = ParseDf(o.min_df), max_df = ParseDf(o.max_df);
  if (!min_df || !max_df || o.ngram_min < 1 || o.ngram_min > o.ngram_max) {
    std::cerr << "notecoder train: bad --min-df, --max-df or --ngram-min/--ngram-max\n";
    return 2;
  }
  run.limits.min_df = min_df->first;
  run.limits.min_df_is_proportion = min_df->second;
  run.limits.max_df = max_df->first;
  run.limits.max_df_is_proportion = max_df->second;
  run.limits.max_features = o.max_features;
  run.trainer.c = o.c;
  run.trainer.tolerance = o.tol;
  run.trainer.loss =
      o.loss == "logistic" ? ml::LinearLoss::kLogistic : ml::LinearLoss::kSquaredHinge;
  run.trainer.solver = o.solver == "tron" ? ml::LinearSolver::kTron : ml::LinearSolver::kLiblinear;
  run.trainer.threads = o.threads;
  run.holdout = o.holdout;
  run.seed = o.seed;
  run.min_threshold_positives = o.min_threshold_positives;

  const auto book_path =
      o.codebook.empty() ? DefaultCodebookPath() : std::filesystem::path(o.codebook);
  auto book = codes::Codebook::Open(book_path);
  if (!book.ok()) {
    std::cerr << "notecoder train: " << book.error().message << "\n";
    return 1;
  }
  auto data = ml::ReadTrainingData(
      o.data, **book,
      o.bad_lines == "fatal" ? ml::BadLinePolicy::kFatal : ml::BadLinePolicy::kSkip);
  if (!data.ok()) {
    std::cerr << "notecoder train: " << data.error().message << "\n";
    return data.error().code == ErrorCode::kIo ? 1 : 2;
  }
  ReportProblems(data->bad_lines, "line skipped");
  ReportProblems(data->dropped_codes, "code dropped");
  const double read_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  run.data_fingerprint = DataFingerprint(*data);

  std::optional<ProgressMeter> meter;
  auto progress = [&](const ml::TrainingStage& stage) {
    if (o.quiet) return;
    if (stage.kind == ml::TrainingStage::kTrain) {
      if (!meter) meter.emplace("training", "labels");
      meter->Update(stage.done, stage.total);
    } else if (stage.done == 0) {
      std::fprintf(stderr, "notecoder train: %s...\n",
                   stage.kind == ml::TrainingStage::kVectorize ? "fitting tf-idf features"
                                                               : "evaluating on held-out notes");
    }
  };
  auto outcome = ml::RunTraining(*data, **book, run, progress);
  if (!outcome.ok()) {
    std::cerr << "notecoder train: " << outcome.error().message << "\n";
    return outcome.error().code == ErrorCode::kInvalidArgument ? 2 : 1;
  }
  const auto& report = outcome->report;
  const auto& model = outcome->model;
  if (!report.unlearned_codes.empty()) {
    std::string list;
    for (const auto& code : report.unlearned_codes) list += " " + code;
    std::fprintf(stderr,
                 "notecoder train: %zu codes appear only in held-out notes and are not in the "
                 "model:%s\n",
                 report.unlearned_codes.size(), list.c_str());
  }
  for (const auto& code : report.constant_codes) {
    std::fprintf(stderr, "notecoder train: %s is on every training note: it always fires\n",
                 code.c_str());
  }
  if (Status written = ml::WriteModelFile(model, o.out); !written.ok()) {
    std::cerr << "notecoder train: " << written.error().message << "\n";
    return written.error().code == ErrorCode::kInvalidArgument ? 2 : 1;
  }
  if (!o.coefficients_out.empty() && !WriteCoefficients(model, o.coefficients_out)) {
    std::cerr << "notecoder train: cannot write " << o.coefficients_out << "\n";
    return 1;
  }
  std::printf("notecoder train: %zu training notes, %zu held out; %zu labels x %zu features\n",
              report.train_notes, report.holdout_notes, model.labels.size(), report.features);
  std::printf("  time: read %.2f s, features %.2f s, train %.2f s, evaluate %.2f s, total %.2f s\n",
              read_seconds, report.vectorize_seconds, report.train_seconds, report.evaluate_seconds,
              std::chrono::duration<double>(Clock::now() - start).count());
  if (report.default_metrics) {
    std::printf("held-out metrics (%zu notes, %zu labels with held-out positives):\n",
                report.holdout_notes, report.default_metrics->macro_labels);
    PrintMetrics(o.loss == "logistic" ? "threshold 0.5" : "threshold 0", *report.default_metrics);
    PrintMetrics("tuned thresholds (*)", *report.tuned_metrics);
    std::printf(
        "  (*) %zu labels tuned for F1 on these same notes (optimistic); the others keep "
        "the default\n",
        report.tuned_labels);
  } else {
    std::printf("no held-out notes (--holdout 0): no metrics, default thresholds\n");
  }
  std::printf("wrote %s\n", o.out.c_str());
  return 0;
}

}  // namespace

void AddTrainCommand(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<TrainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "train", "Train the tf-idf + one-vs-rest linear model on labelled notes (JSON lines)");
  cmd->add_option("--data", o->data, "JSON lines {\"note\": ..., \"codes\": [...]}")->required();
  cmd->add_option("--out", o->out, "Model file to write")->required();
  cmd->add_option("--codebook", o->codebook,
                  "Snapshot (default $NOTECODER_CODEBOOK or data/codebook.bin)");
  cmd->add_option("--C", o->c, "Inverse regularisation strength (default 1.0)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--tol", o->tol, "Solver tolerance, scikit-learn's tol (default 1e-4)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--loss", o->loss,
                  "logistic (LogisticRegression) or squared-hinge (LinearSVC, dual=False)")
      ->check(CLI::IsMember({"logistic", "squared-hinge"}));
  cmd->add_option("--solver", o->solver,
                  "tron (scikit-learn's exact steps, default) or liblinear (Debian's library)")
      ->check(CLI::IsMember({"tron", "liblinear"}));
  cmd->add_option("--ngram-min", o->ngram_min, "Smallest word n-gram (default 1)");
  cmd->add_option("--ngram-max", o->ngram_max, "Largest word n-gram (default 1)");
  cmd->add_option("--min-df", o->min_df,
                  "Minimum document frequency: an integer count or a proportion like 0.01");
  cmd->add_option("--max-df", o->max_df,
                  "Maximum document frequency: a proportion like 0.9 (default 1.0) or a count");
  cmd->add_option("--max-features", o->max_features, "Keep the most frequent terms (0: all)");
  cmd->add_flag("--sublinear-tf", o->sublinear_tf, "tf = 1 + ln(count)");
  cmd->add_option("--holdout", o->holdout,
                  "Share of notes held out for metrics and thresholds (default 0.2; 0: none)")
      ->check(CLI::Range(0.0, 0.9));
  cmd->add_option("--seed", o->seed, "Seed of the held-out split (default 1)");
  cmd->add_option("--threads", o->threads, "Labels trained at once (default: all cores)")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--min-threshold-positives", o->min_threshold_positives,
                  "Held-out positives a label needs for a tuned threshold (default 3)");
  cmd->add_option("--bad-lines", o->bad_lines, "skip (default) or fatal")
      ->check(CLI::IsMember({"skip", "fatal"}));
  cmd->add_option("--coefficients-out", o->coefficients_out,
                  "Also write the raw coefficients (little-endian doubles: weights, then "
                  "intercepts) for comparison with other tools");
  cmd->add_flag("--quiet", o->quiet, "No progress output");
  cmd->callback([o, &exit_code] { exit_code = RunTrain(*o); });
}

}  // namespace notecoder::app
