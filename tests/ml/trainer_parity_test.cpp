// Coefficients of our liblinear training against scikit-learn's on the same CSR matrix and
// labels: the trainer's promise (trainer.hpp). Runs Debian's /usr/bin/python3 + scikit-learn.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "ml/synthetic_notes.hpp"
#include "ml/trainer.hpp"
#include "ml/vectorizer.hpp"
#include "support/test_paths.hpp"

namespace notecoder::ml {
namespace {

constexpr const char* kPython = "/usr/bin/python3";

template <class T>
void WriteArray(const std::filesystem::path& path, const std::vector<T>& items) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(items.data()),
            static_cast<std::streamsize>(items.size() * sizeof(T)));
}

struct Corpus {
  CsrMatrix x;
  LabelSets y;
};

// 400 synthetic notes over 25 labels, uni- and bigram tf-idf as TfidfVectorizer would make it.
Corpus MakeCorpus() {
  auto generator = SyntheticNotes::Create(*testing::SharedCodebook(), 25);
  EXPECT_TRUE(generator.ok());
  std::vector<LabelledNote> notes;
  for (std::uint64_t i = 0; i < 400; ++i) notes.push_back(generator->Generate(11, i));
  std::vector<std::string_view> texts;
  for (const auto& n : notes) texts.push_back(n.note);
  FeatureConfig config;
  config.ngram_max = 2;
  config.sublinear_tf = true;
  VocabularyLimits limits;
  limits.min_df = 2;
  auto vocabulary = FitVocabulary(texts, config, limits);
  EXPECT_TRUE(vocabulary.ok());
  auto vectorizer = Vectorizer::Create(config, std::move(*vocabulary));
  EXPECT_TRUE(vectorizer.ok());
  Corpus c;
  c.x = vectorizer->TransformAll(texts);
  std::map<std::string, std::uint32_t> ids;
  for (const auto& n : notes) {
    for (const auto& code : n.codes) ids.emplace(code, 0);
  }
  std::uint32_t next = 0;
  for (auto& [code, id] : ids) id = next++;
  c.y.label_count = ids.size();
  for (const auto& n : notes) {
    std::vector<std::uint32_t> row;
    for (const auto& code : n.codes) row.push_back(ids[code]);
    std::sort(row.begin(), row.end());
    c.y.rows.push_back(row);
  }
  return c;
}

void ExpectSklearnAgrees(LinearLoss loss, double c_value) {
  if (!std::filesystem::exists(kPython)) GTEST_SKIP() << kPython << " is not installed";
  const Corpus corpus = MakeCorpus();
  TrainerOptions options;
  options.loss = loss;
  options.c = c_value;
  auto model = TrainOneVsRest(corpus.x, corpus.y, options);
  ASSERT_TRUE(model.ok()) << model.error().message;
  for (LabelFit fit : model->fits) ASSERT_EQ(fit, LabelFit::kTrained);

  const auto dir = std::filesystem::temp_directory_path() /
                   ("notecoder_trainer_parity_" + std::to_string(::getpid()) +
                    (loss == LinearLoss::kLogistic ? "_lr" : "_svc"));
  std::filesystem::create_directories(dir);
  std::vector<std::int64_t> indptr(corpus.x.row_start.begin(), corpus.x.row_start.end());
  std::vector<std::int32_t> indices(corpus.x.indices.begin(), corpus.x.indices.end());
  std::vector<std::uint8_t> targets(corpus.x.rows() * corpus.y.label_count, 0);
  for (std::size_t r = 0; r < corpus.y.rows.size(); ++r) {
    for (auto label : corpus.y.rows[r]) targets[r * corpus.y.label_count + label] = 1;
  }
  WriteArray(dir / "indptr.bin", indptr);
  WriteArray(dir / "indices.bin", indices);
  WriteArray(dir / "values.bin", corpus.x.values);
  WriteArray(dir / "targets.bin", targets);
  WriteArray(dir / "weights.bin", model->weights);
  WriteArray(dir / "intercepts.bin", model->intercepts);
  std::ofstream(dir / "meta.json")
      << "{\"rows\": " << corpus.x.rows() << ", \"columns\": " << corpus.x.columns
      << ", \"labels\": " << corpus.y.label_count << ", \"loss\": \""
      << (loss == LinearLoss::kLogistic ? "logistic" : "squared_hinge") << "\", \"C\": " << c_value
      << ", \"tol\": 1e-4, \"intercept_scaling\": 1.0"
      << ", \"max_diff\": 1e-4}";

  const std::string command =
      std::string(kPython) + " " +
      (testing::SourceDir() / "tests/ml/sklearn_trainer_parity.py").string() + " " + dir.string() +
      " 2>&1";
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = ::pclose(pipe);
  // NOTECODER_KEEP_PARITY_FILES=1 keeps the exchanged arrays for a look at a failure.
  if (std::getenv("NOTECODER_KEEP_PARITY_FILES") == nullptr) std::filesystem::remove_all(dir);
  std::printf("%s", output.c_str());
  EXPECT_EQ(status, 0) << output;
}

TEST(TrainerParity, LogisticRegressionCoefficientsMatchScikitLearn) {
  ExpectSklearnAgrees(LinearLoss::kLogistic, 1.0);
}

TEST(TrainerParity, LogisticRegressionWithLargeCMatchesScikitLearn) {
  ExpectSklearnAgrees(LinearLoss::kLogistic, 10.0);
}

TEST(TrainerParity, LinearSvcPrimalCoefficientsMatchScikitLearn) {
  ExpectSklearnAgrees(LinearLoss::kSquaredHinge, 1.0);
}

}  // namespace
}  // namespace notecoder::ml
