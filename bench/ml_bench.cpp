// ML engine: scoring a ~4 KB note with a 100 000-feature × 500-label dense model (word 1–2 grams,
// every coefficient non-zero as liblinear's L2 logistic regression gives), and opening that model.
//
// The model is synthetic: the note's own unigrams and bigrams (so a realistic share of the note
// hits the vocabulary) plus pseudo-word 1–2 grams up to 100 000 features, random idf, normal
// weights, 500 billable codes from the codebook. ML_BENCH_MODEL=path scores an existing model
// instead (bench/ml/compare_sklearn.py uses it for the side-by-side with scikit-learn).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <string>

#include "codes/codebook.hpp"
#include "ml/model.hpp"
#include "ml/model_writer.hpp"
#include "ml/text_analyzer.hpp"
#include "ml/vectorizer.hpp"

namespace {

using notecoder::ml::Model;

std::string Env(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}

const std::string& Note() {
  static const std::string note = [] {
    std::ifstream in(Env("ML_BENCH_NOTE", NOTECODER_SOURCE_DIR "/bench/ml/note_4k.txt"));
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }();
  return note;
}

const notecoder::codes::Codebook& Book() {
  static const auto book = [] {
    auto opened = notecoder::codes::Codebook::Open(
        Env("NOTECODER_CODEBOOK", NOTECODER_SOURCE_DIR "/data/codebook.bin"));
    if (!opened.ok()) {
      std::fprintf(stderr, "ml_bench: %s\n", opened.error().message.c_str());
      std::exit(1);
    }
    return *opened;
  }();
  return *book;
}

std::string PseudoWord(std::mt19937_64& rng) {
  static const char* kSyllables[] = {"ba",  "ce", "di",  "fo",  "gu",   "ha",  "je", "ki",
                                     "lo",  "mu", "na",  "pe",  "ri",   "so",  "tu", "va",
                                     "xe",  "zo", "str", "an",  "el",   "is",  "or", "um",
                                     "oph", "ic", "al",  "ine", "osis", "itis"};
  std::uniform_int_distribution<int> syllables(2, 4), pick(0, 29);
  std::string w;
  for (int i = syllables(rng); i > 0; --i) w += kSyllables[pick(rng)];
  return w;
}

std::filesystem::path BuildSyntheticModel() {
  constexpr std::size_t kFeatures = 100000, kLabels = 500;
  notecoder::ml::ModelSpec spec;
  spec.features.ngram_max = 2;
  std::set<std::string> terms;
  notecoder::ml::TextAnalyzer analyzer(spec.features);
  notecoder::ml::AnalyzerScratch scratch;
  analyzer.Analyze(Note(), scratch);
  for (std::size_t i = 0; i < scratch.TermCount(); ++i) terms.emplace(scratch.Term(i));
  std::mt19937_64 rng(5);
  std::vector<std::string> words;
  for (int i = 0; i < 30000; ++i) words.push_back(PseudoWord(rng));
  std::uniform_int_distribution<std::size_t> word(0, words.size() - 1);
  for (const std::string& w : words) terms.insert(w);
  while (terms.size() < kFeatures) terms.insert(words[word(rng)] + " " + words[word(rng)]);
  spec.vocabulary.assign(terms.begin(), terms.end());
  spec.vocabulary.resize(kFeatures);
  std::uniform_real_distribution<double> idf(1.0, 10.0);
  for (std::size_t f = 0; f < kFeatures; ++f) spec.idf.push_back(idf(rng));
  std::normal_distribution<double> weight(0.0, 0.5);
  spec.weights.resize(kFeatures * kLabels);
  for (double& w : spec.weights) w = weight(rng);
  const auto& book = Book();
  for (notecoder::codes::CodeId id = 0; spec.labels.size() < kLabels; ++id) {
    if (book.IsBillable(id)) spec.labels.push_back({std::string(book.Code(id)), "", 0.5});
    spec.intercepts.push_back(-3.0);
  }
  spec.intercepts.resize(kLabels);
  spec.fingerprint = "ml_bench synthetic 100000x500";
  const auto path = std::filesystem::temp_directory_path() /
                    ("notecoder_ml_bench_" + std::to_string(::getpid()) + ".model");
  if (auto st = notecoder::ml::WriteModelFile(spec, path); !st) {
    std::fprintf(stderr, "ml_bench: %s\n", st.error().message.c_str());
    std::exit(1);
  }
  return path;
}

const std::filesystem::path& ModelPath() {
  static const std::filesystem::path path = [] {
    std::string given = Env("ML_BENCH_MODEL", "");
    if (!given.empty()) return std::filesystem::path(given);
    auto built = BuildSyntheticModel();
    std::atexit([] { std::filesystem::remove(ModelPath()); });
    return built;
  }();
  return path;
}

std::shared_ptr<const Model> OpenOrDie(notecoder::ml::ModelOpenOptions options) {
  auto model = Model::Open(ModelPath(), Book(), options);
  if (!model.ok()) {
    std::fprintf(stderr, "ml_bench: %s\n", model.error().message.c_str());
    std::exit(1);
  }
  return *model;
}

void BM_ScoreNote(benchmark::State& state) {
  auto model = OpenOrDie({.verify_weights = false});
  std::vector<double> scores;
  for (auto _ : state) {
    model->Score(Note(), scores);
    benchmark::DoNotOptimize(scores.data());
  }
  state.counters["features"] = model->FeatureCount();
  state.counters["labels"] = model->LabelCount();
}
BENCHMARK(BM_ScoreNote)->Unit(benchmark::kMicrosecond);

void BM_ScoreNoteTop10(benchmark::State& state) {
  auto model = OpenOrDie({.verify_weights = false});
  std::vector<double> scores;
  for (auto _ : state) {
    model->Score(Note(), scores);
    auto top = model->Top(scores, 10, false);
    benchmark::DoNotOptimize(top.data());
  }
}
BENCHMARK(BM_ScoreNoteTop10)->Unit(benchmark::kMicrosecond);

// The feature half alone: decode, lowercase, tokens, 1–2 grams, vocabulary look-ups, tf-idf.
void BM_VectorizeNote(benchmark::State& state) {
  auto model = OpenOrDie({.verify_weights = false});
  std::vector<std::string> terms;
  std::vector<double> idf;
  for (std::uint32_t f = 0; f < model->FeatureCount(); ++f) terms.emplace_back(model->Term(f));
  idf.assign(terms.size(), 2.0);
  auto vectorizer = notecoder::ml::Vectorizer::Create(model->Features(), terms, idf);
  notecoder::ml::SparseRow row;
  for (auto _ : state) {
    vectorizer->Transform(Note(), row);
    benchmark::DoNotOptimize(row.values.data());
  }
  state.counters["nnz"] = static_cast<double>(row.indices.size());
}
BENCHMARK(BM_VectorizeNote)->Unit(benchmark::kMicrosecond);

// Map + header, bounds, vocabulary-table and metadata-checksum checks + codebook label checks.
void BM_OpenModel(benchmark::State& state) {
  ModelPath();
  for (auto _ : state) {
    auto model = OpenOrDie({.verify_weights = false});
    benchmark::DoNotOptimize(model.get());
  }
}
BENCHMARK(BM_OpenModel)->Unit(benchmark::kMillisecond);

// The same plus hashing every weight byte (~200 MB, pages already cached).
void BM_OpenModelVerifyWeights(benchmark::State& state) {
  ModelPath();
  for (auto _ : state) {
    auto model = OpenOrDie({.verify_weights = true});
    benchmark::DoNotOptimize(model.get());
  }
}
BENCHMARK(BM_OpenModelVerifyWeights)->Unit(benchmark::kMillisecond);

}  // namespace
