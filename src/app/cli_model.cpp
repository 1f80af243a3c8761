#include "app/cli_model.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>

#include "app/defaults.hpp"
#include "app/json_print.hpp"
#include "app/note_input.hpp"
#include "codes/codebook.hpp"
#include "ml/model.hpp"
#include "ml/model_writer.hpp"
#include "ml/sklearn_import.hpp"
#include "nlp/analyzer.hpp"

namespace notecoder::app {
namespace {

namespace json = boost::json;

struct ModelOptions {
  std::string model;
  std::string input = "-";
  std::string jsonl;
  std::string out;
  std::string codebook;
  std::size_t top = 10;
  bool all_scores = false;
  bool above_threshold = false;
  bool compact = false;
};

int FailModel(const Error& error) {
  std::cerr << "notecoder: " << error.message << "\n";
  return error.code == ErrorCode::kInvalidArgument ? 2 : 1;
}

Result<std::shared_ptr<const ml::Model>> OpenModel(const ModelOptions& o) {
  const auto path = o.codebook.empty() ? DefaultCodebookPath() : std::filesystem::path(o.codebook);
  auto book = codes::Codebook::Open(path);
  if (!book.ok()) return book.error();
  return ml::Model::Open(o.model, **book);
}

json::object ScoreJson(const ml::Model& model, std::string_view note, const ModelOptions& o,
                       std::vector<double>& scores) {
  const auto start = std::chrono::steady_clock::now();
  model.Score(note, scores);
  auto top = model.Top(scores, o.top, o.above_threshold);
  const double us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
  json::array ranked;
  for (const ml::LabelScore& s : top) {
    ranked.push_back(json::object{{"label", s.label},
                                  {"code", s.code},
                                  {"title", model.Title(s.label)},
                                  {"score", s.score},
                                  {"above_threshold", s.score >= model.Threshold(s.label)}});
  }
  json::object out{{"top", std::move(ranked)}, {"score_us", us}};
  if (o.all_scores) out["scores"] = json::array(scores.begin(), scores.end());
  return out;
}

void RunScore(const ModelOptions& o, int& exit_code) {
  auto model = OpenModel(o);
  if (!model.ok()) {
    exit_code = FailModel(model.error());
    return;
  }
  std::vector<double> scores;
  if (o.jsonl.empty()) {
    auto note = ReadNote(o.input, nlp::AnalyzeLimits{}.max_bytes);
    if (!note.ok()) {
      exit_code = FailModel(note.error());
      return;
    }
    PrintJson(std::cout, ScoreJson(**model, *note, o, scores), !o.compact);
    std::cout << "\n";
    return;
  }
  // One JSON object per line in, one per line out: {"note": "..."} → {"top": [...], ...}.
  std::ifstream in(o.jsonl);
  if (!in) {
    exit_code = FailModel(MakeError(ErrorCode::kNotFound, "cannot open " + o.jsonl));
    return;
  }
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    boost::system::error_code ec;
    json::value v = json::parse(line, ec);
    if (ec || !v.is_object() || !v.as_object().contains("note") ||
        !v.as_object().at("note").is_string()) {
      exit_code =
          FailModel(MakeError(ErrorCode::kInvalidArgument, o.jsonl + ":" + std::to_string(number) +
                                                               ": expected {\"note\": ...}"));
      return;
    }
    std::cout << json::serialize(
                     ScoreJson(**model, v.as_object().at("note").as_string(), o, scores))
              << "\n";
  }
}

void RunInfo(const ModelOptions& o, int& exit_code) {
  auto model = OpenModel(o);
  if (!model.ok()) {
    exit_code = FailModel(model.error());
    return;
  }
  const ml::Model& m = **model;
  const ml::FeatureConfig& f = m.Features();
  json::array labels;
  for (std::uint32_t l = 0; l < m.LabelCount(); ++l) {
    labels.push_back(
        json::object{{"code", m.Code(l)}, {"title", m.Title(l)}, {"threshold", m.Threshold(l)}});
  }
  json::object out{
      {"file", m.Path().string()},
      {"file_bytes", m.FileSize()},
      {"fingerprint", m.Fingerprint()},
      {"features", m.FeatureCount()},
      {"labels_count", m.LabelCount()},
      {"score_kind", m.Kind() == ml::ScoreKind::kLogisticProba ? "logistic-proba" : "decision"},
      {"weights", json::object{{"layout", m.SparseWeights() ? "sparse" : "dense"},
                               {"stored", m.WeightCount()}}},
      {"analyzer", f.analyzer == ml::Analyzer::kWord ? "word" : "char_wb"},
      {"ngram_range", json::array{f.ngram_min, f.ngram_max}},
      {"lowercase", f.lowercase},
      {"use_idf", f.use_idf},
      {"smooth_idf", f.smooth_idf},
      {"sublinear_tf", f.sublinear_tf},
      {"norm", f.norm == ml::Norm::kL2   ? "l2"
               : f.norm == ml::Norm::kL1 ? "l1"
                                         : "none"},
      {"stop_words", f.stop_words.size()},
      {"labels", std::move(labels)},
  };
  PrintJson(std::cout, out, !o.compact);
  std::cout << "\n";
}

void RunImport(const ModelOptions& o, int& exit_code) {
  auto spec = ml::ReadSklearnInterchange(o.model);
  if (!spec.ok()) {
    exit_code = FailModel(spec.error());
    return;
  }
  if (Status st = ml::WriteModelFile(*spec, o.out); !st) {
    exit_code = FailModel(st.error());
    return;
  }
  std::cerr << "notecoder: wrote " << o.out << " (" << spec->vocabulary.size() << " features, "
            << spec->labels.size() << " labels)\n";
}

}  // namespace

void AddModelCommands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ModelOptions>();
  CLI::App* model = app.add_subcommand("model", "Inspect, import and score ML model files");
  model->require_subcommand(1);

  CLI::App* info = model->add_subcommand("info", "Labels, features, fingerprint and sizes (JSON)");
  info->add_option("file", o->model, "Model file")->required();
  info->add_option("--codebook", o->codebook,
                   "Snapshot (default $NOTECODER_CODEBOOK or data/codebook.bin)");
  info->add_flag("--compact", o->compact, "One-line JSON");
  info->callback([o, &exit_code] { RunInfo(*o, exit_code); });

  CLI::App* score = model->add_subcommand("score", "Score a note: ranked labels (JSON)");
  score->add_option("file", o->model, "Model file")->required();
  score->add_option("note", o->input, "Note file, or - for standard input (default -)");
  score->add_option("--jsonl", o->jsonl, "Score every {\"note\": ...} line of this file instead");
  score->add_option("--top", o->top, "How many labels to list (default 10)");
  score->add_flag("--above-threshold", o->above_threshold, "Only labels at or above threshold");
  score->add_flag("--all-scores", o->all_scores, "Also print every label's score");
  score->add_option("--codebook", o->codebook,
                    "Snapshot (default $NOTECODER_CODEBOOK or data/codebook.bin)");
  score->add_flag("--compact", o->compact, "One-line JSON");
  score->callback([o, &exit_code] { RunScore(*o, exit_code); });

  CLI::App* import = model->add_subcommand(
      "import", "Write a model file from a tools/export_sklearn.py interchange file");
  import->add_option("interchange", o->model, "Interchange file")->required();
  import->add_option("--out", o->out, "Model file to write")->required();
  import->callback([o, &exit_code] { RunImport(*o, exit_code);
});
}  // namespace notecoder::app

}  // namespace notecoder::app
