#include "ml/training_run.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string_view>
#include <thread>

#include "ml/holdout_split.hpp"
#include "ml/vectorizer.hpp"

namespace notecoder::ml {
namespace {

using Clock = std::chrono::steady_clock;
double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// TransformAll on a few threads: rows are independent and Vectorizer::Transform is thread-safe.
CsrMatrix TransformParallel(const Vectorizer& vectorizer, std::span<const std::string_view> docs,
                            int threads) {
  const std::size_t workers = std::clamp<std::size_t>(
      threads > 0 ? static_cast<std::size_t>(threads) : std::thread::hardware_concurrency(), 1,
      std::max<std::size_t>(1, docs.size() / 64));
  std::vector<CsrMatrix> parts(workers);
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 0; t < workers; ++t) {
      pool.emplace_back([&, t] {
        const std::size_t begin = docs.size() * t / workers, end = docs.size() * (t + 1) / workers;
        parts[t] = vectorizer.TransformAll(docs.subspan(begin, end - begin));
      });
    }
  }
  CsrMatrix all = std::move(parts[0]);
  for (std::size_t t = 1; t < workers; ++t) {
    const std::size_t offset = all.indices.size();
    all.indices.insert(all.indices.end(), parts[t].indices.begin(), parts[t].indices.end());
    all.values.insert(all.values.end(), parts[t].values.begin(), parts[t].values.end());
    for (std::size_t r = 1; r < parts[t].row_start.size(); ++r) {
      all.row_start.push_back(offset + parts[t].row_start[r]);
    }
  }
  all.columns = vectorizer.FeatureCount();
  return all;
}

LabelSets ToLabelSets(const TrainingData& data, std::span<const std::size_t> which,
                      const std::map<std::string, std::uint32_t>& ids) {
  LabelSets sets;
  sets.label_count = ids.size();
  for (std::size_t i : which) {
    std::vector<std::uint32_t> row;
    for (const auto& code : data.examples[i].codes) {
      if (auto it = ids.find(code); it != ids.end()) row.push_back(it->second);
    }
    std::sort(row.begin(), row.end());
    sets.rows.push_back(std::move(row));
  }
  return sets;
}

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

std::string Fingerprint(const TrainingRunOptions& o, const TrainingReport& r) {
  const auto& t = o.trainer;
  return "notecoder train; data " + o.data_fingerprint + "; " + std::to_string(r.train_notes) +
         " training notes, " + std::to_string(r.holdout_notes) + " held out (seed " +
         std::to_string(o.seed) + "); " +
         (t.loss == LinearLoss::kLogistic ? "LogisticRegression(liblinear)" : "LinearSVC(primal)") +
         " C=" + Number(t.c) + " tol=" + Number(t.tolerance) + "; ngram " +
         std::to_string(o.features.ngram_min) + "-" + std::to_string(o.features.ngram_max) +
         (o.features.sublinear_tf ? ", sublinear tf" : "");
}

}  // namespace

Result<TrainingOutcome> RunTraining(const TrainingData& data, const codes::Codebook& book,
                                    const TrainingRunOptions& options,
                                    const TrainingProgress& progress) {
  TrainingOutcome outcome;
  TrainingReport& report = outcome.report;
  const HoldoutSplit split = SplitHoldout(data.examples.size(), options.holdout, options.seed);
  report.train_notes = split.train.size();
  report.holdout_notes = split.holdout.size();
  if (split.train.empty()) return MakeError(ErrorCode::kInvalidArgument, "no training notes");

  // Labels: the codes with at least one positive training note, in code order.
  std::map<std::string, std::uint32_t> ids;
  for (std::size_t i : split.train) {
    for (const auto& code : data.examples[i].codes) ids.emplace(code, 0);
  }
  if (ids.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "no training note has a valid code");
  }
  std::uint32_t next_id = 0;
  for (auto& [code, id] : ids) id = next_id++;
  for (std::size_t i : split.holdout) {
    for (const auto& code : data.examples[i].codes) {
      if (!ids.contains(code)) report.unlearned_codes.push_back(code);
    }
  }
  std::sort(report.unlearned_codes.begin(), report.unlearned_codes.end());
  report.unlearned_codes.erase(
      std::unique(report.unlearned_codes.begin(), report.unlearned_codes.end()),
      report.unlearned_codes.end());

  auto start = Clock::now();
  if (progress) progress({TrainingStage::kVectorize, 0, 1});
  std::vector<std::string_view> train_docs, holdout_docs;
  for (std::size_t i : split.train) train_docs.push_back(data.examples[i].note);
  for (std::size_t i : split.holdout) holdout_docs.push_back(data.examples[i].note);
  auto vocabulary = FitVocabulary(train_docs, options.features, options.limits);
  if (!vocabulary.ok()) return vocabulary.error();
  auto vectorizer = Vectorizer::Create(options.features, std::move(*vocabulary));
  if (!vectorizer.ok()) return vectorizer.error();
  const CsrMatrix train_x = TransformParallel(*vectorizer, train_docs, options.trainer.threads);
  report.features = train_x.columns;
  report.vectorize_seconds = SecondsSince(start);
  if (progress) progress({TrainingStage::kVectorize, 1, 1});

  start = Clock::now();
  const LabelSets train_y = ToLabelSets(data, split.train, ids);
  if (progress) progress({TrainingStage::kTrain, 0, ids.size()});
  auto weights =
      TrainOneVsRest(train_x, train_y, options.trainer, [&](std::size_t done, std::size_t total) {
        if (progress) progress({TrainingStage::kTrain, done, total});
      });
  if (!weights.ok()) return weights.error();
  report.train_seconds = SecondsSince(start);
  for (const auto& [code, id] : ids) {
    // Labels come from the training notes, so none is never-positive; one on every note has
    // nothing to learn and fires always (trainer.hpp).
    if (weights->fits[id] != LabelFit::kTrained) report.constant_codes.push_back(code);
  }

  const bool logistic = options.trainer.loss == LinearLoss::kLogistic;
  const ScoreKind kind = logistic ? ScoreKind::kLogisticProba : ScoreKind::kDecision;
  const double fallback = logistic ? 0.5 : 0.0;
  std::vector<double> thresholds(ids.size(), fallback);
  if (!split.holdout.empty()) {
    start = Clock::now();
    if (progress) progress({TrainingStage::kEvaluate, 0, 1});
    const CsrMatrix holdout_x =
        TransformParallel(*vectorizer, holdout_docs, options.trainer.threads);
    const LabelSets holdout_y = ToLabelSets(data, split.holdout, ids);
    const std::vector<double> scores = ScoreRows(holdout_x, *weights, kind);
    report.default_metrics = Evaluate(scores, holdout_y, thresholds);
    const TunedThresholds tuned =
        TuneThresholds(scores, holdout_y, {fallback, options.min_threshold_positives});
    thresholds = tuned.thresholds;
    report.tuned_labels =
        static_cast<std::size_t>(std::count(tuned.tuned.begin(), tuned.tuned.end(), true));
    report.tuned_metrics = Evaluate(scores, holdout_y, thresholds);
    report.evaluate_seconds = SecondsSince(start);
    if (progress) progress({TrainingStage::kEvaluate, 1, 1});
  }

  ModelSpec& spec = outcome.model;
  spec.features = options.features;
  spec.vocabulary = vectorizer->Terms();
  spec.idf = vectorizer->Idf();
  spec.score_kind = kind;
  for (const auto& [code, id] : ids) {
    const auto code_id = book.Find(code);
    spec.labels.push_back(
        {code, code_id ? std::string(book.Title(*code_id)) : std::string(), thresholds[id]});
  }
  spec.weights = std::move(weights->weights);
  spec.intercepts = std::move(weights->intercepts);
  spec.fingerprint = Fingerprint(options, report);
  return outcome;
}

}  // namespace notecoder::ml
