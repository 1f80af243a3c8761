#include "ml/model.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>

#include "ml/model_format.hpp"
#include "ml/model_writer.hpp"
#include "ml/vectorizer.hpp"
#include "support/test_paths.hpp"

namespace notecoder::ml {
namespace {

// Two labels over four features (dense weights).
ModelSpec SmallSpec() {
  ModelSpec spec;
  spec.features.ngram_max = 2;
  spec.vocabulary = {"chest", "chest pain", "diabetes", "pain"};
  spec.idf = {1.5, 2.0, 1.25, 1.1};
  spec.labels = {{"I10", "", 0.5}, {"E11.9", "Type 2 diabetes (file title)", 0.3}};
  spec.weights = {0.5,  1.0, -0.25, 2.0,   // I10
                  -1.0, 0.0, 3.0,   0.5};  // E11.9
  spec.intercepts = {-0.5, -1.0};
  spec.fingerprint = "unit-test";
  return spec;
}

std::filesystem::path TempPath(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("notecoder_ml_" + std::to_string(::getpid()) + "_" + name);
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void WriteAll(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

Result<std::shared_ptr<const Model>> OpenSpec(const ModelSpec& spec, const std::string& name) {
  const auto path = TempPath(name);
  Status st = WriteModelFile(spec, path);
  EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
  auto model = Model::Open(path, *testing::SharedCodebook());
  std::filesystem::remove(path);  // the mapping stays valid
  return model;
}

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

TEST(Model, ScoresMatchHandComputedTfidf) {
  auto model = OpenSpec(SmallSpec(), "hand.model");
  ASSERT_TRUE(model.ok()) << model.error().message;
  const Model& m = **model;
  // "Chest pain, chest" → chest ×2, chest pain ×1, pain ×1 (diabetes absent).
  const double c = 2 * 1.5, cp = 1 * 2.0, p = 1 * 1.1;
  const double norm = std::sqrt(c * c + cp * cp + p * p);
  const double z0 = -0.5 + (0.5 * c + 1.0 * cp + 2.0 * p) / norm;
  const double z1 = -1.0 + (-1.0 * c + 0.0 * cp + 0.5 * p) / norm;
  std::vector<double> scores = m.Score("Chest pain, chest");
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_NEAR(scores[0], Sigmoid(z0), 1e-7);  // float32 weights
  EXPECT_NEAR(scores[1], Sigmoid(z1), 1e-7);
}

TEST(Model, MetadataRoundTrips) {
  auto model = OpenSpec(SmallSpec(), "meta.model");
  ASSERT_TRUE(model.ok()) << model.error().message;
  const Model& m = **model;
  EXPECT_EQ(m.FeatureCount(), 4u);
  EXPECT_EQ(m.LabelCount(), 2u);
  EXPECT_EQ(m.Code(1), "E11.9");
  EXPECT_EQ(m.Title(1), "Type 2 diabetes (file title)");
  EXPECT_EQ(m.Title(0), "Essential (primary) hypertension");  // filled from the codebook
  EXPECT_DOUBLE_EQ(m.Threshold(1), 0.3);
  EXPECT_EQ(m.Fingerprint(), "unit-test");
  EXPECT_EQ(m.Term(1), "chest pain");
  EXPECT_EQ(m.Features().ngram_max, 2u);
  EXPECT_FALSE(m.SparseWeights());
  EXPECT_TRUE(m.VerifyWeights().ok());
}

// Six labels with two non-zero weights: (F + 1) × 8 + nnz × 8 bytes beats F × L × 4.
ModelSpec SparseSpec() {
  ModelSpec spec = SmallSpec();
  for (const char* code : {"J44.9", "N39.0", "K21.9", "F32.9"})
    spec.labels.push_back({code, "", 0.5});
  spec.weights.assign(6 * 4, 0.0);
  spec.weights[0 * 4 + 3] = 2.0;  // I10 × pain
  spec.weights[5 * 4 + 2] = 3.0;  // F32.9 × diabetes
  spec.intercepts = {-0.5, -1.0, 0.25, 0.0, -2.0, 1.0};
  return spec;
}

TEST(Model, SparseLayoutScoresLikeTheSpec) {
  ModelSpec spec = SparseSpec();
  auto sparse = OpenSpec(spec, "sparse.model");
  ASSERT_TRUE(sparse.ok()) << sparse.error().message;
  EXPECT_TRUE((*sparse)->SparseWeights());
  EXPECT_EQ((*sparse)->WeightCount(), 2u);
  // The vectorizer's row times the spec's label-major weights is the expected score.
  auto v = Vectorizer::Create(spec.features, spec.vocabulary, spec.idf);
  ASSERT_TRUE(v.ok());
  for (const char* note : {"pain pain diabetes", "chest pain", "nothing known", ""}) {
    SparseRow row = v->Transform(note);
    std::vector<double> scores = (*sparse)->Score(note);
    for (std::size_t l = 0; l < spec.labels.size(); ++l) {
      double z = spec.intercepts[l];
      for (std::size_t i = 0; i < row.indices.size(); ++i) {
        z += row.values[i] * spec.weights[l * 4 + row.indices[i]];
      }
      EXPECT_NEAR(scores[l], Sigmoid(z), 1e-7) << note;
    }
  }
}

TEST(Model, NoKnownTokensGivesInterceptScores) {
  auto model = OpenSpec(SmallSpec(), "empty.model");
  ASSERT_TRUE(model.ok());
  for (const char* note : {"", "   ", "zz qq", "a b c", "\xff\xfe"}) {
    std::vector<double> scores = (*model)->Score(note);
    EXPECT_DOUBLE_EQ(scores[0], Sigmoid(-0.5)) << note;
    EXPECT_DOUBLE_EQ(scores[1], Sigmoid(-1.0)) << note;
  }
}

TEST(Model, ConcurrentScoringMatchesSerial) {
  auto model = OpenSpec(SmallSpec(), "threads.model");
  ASSERT_TRUE(model.ok());
  const std::vector<std::string> notes = {"chest pain", "diabetes diabetes pain", "", "chest"};
  std::vector<std::vector<double>> serial;
  for (const auto& note : notes) serial.push_back((*model)->Score(note));
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::vector<double> scores;
      for (int i = 0; i < 2000; ++i) {
        const std::size_t n = static_cast<std::size_t>(i + t) % notes.size();
        (*model)->Score(notes[n], scores);
        if (scores != serial[n]) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(Model, DecisionScoresAreRaw) {
  ModelSpec spec = SmallSpec();
  spec.score_kind = ScoreKind::kDecision;
  auto model = OpenSpec(spec, "decision.model");
  ASSERT_TRUE(model.ok());
  EXPECT_DOUBLE_EQ((*model)->Score("")[0], -0.5);
}

TEST(Model, TopRanksAndFiltersByThreshold) {
  auto model = OpenSpec(SmallSpec(), "top.model");
  ASSERT_TRUE(model.ok());
  const Model& m = **model;
  std::vector<double> scores = {0.4, 0.4};  // tie: lower label index first
  auto top = m.Top(scores, 10, false);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].label, 0u);
  EXPECT_EQ(top[0].code, "I10");
  top = m.Top(scores, 10, true);  // I10 needs 0.5, E11.9 0.3
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].code, "E11.9");
  EXPECT_EQ(m.Top(scores, 0, false).size(), 0u);
  scores = {0.1, 0.9};
  top = m.Top(scores, 1, false);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].label, 1u);
  EXPECT_DOUBLE_EQ(top[0].score, 0.9);
}

class ModelFileErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = TempPath("corrupt.model");
    ASSERT_TRUE(WriteModelFile(SmallSpec(), path_).ok());
    bytes_ = ReadAll(path_);
  }
  void TearDown() override { std::filesystem::remove(path_); }
  Error OpenError(const std::string& bytes, ModelOpenOptions options = {}) {
    WriteAll(path_, bytes);
    auto model = Model::Open(path_, *testing::SharedCodebook(), options);
    EXPECT_FALSE(model.ok());
    return model.ok() ? Error{ErrorCode::kInternal, ""} : model.error();
  }
  std::filesystem::path path_;
  std::string bytes_;
};

TEST_F(ModelFileErrors, TruncatedFile) {
  for (std::size_t size : {std::size_t{0}, std::size_t{16}, bytes_.size() - 1}) {
    Error e = OpenError(bytes_.substr(0, size));
    EXPECT_EQ(e.code, ErrorCode::kDataLoss) << size;
    EXPECT_NE(e.message.find(path_.string()), std::string::npos) << e.message;
  }
}

TEST_F(ModelFileErrors, BadMagicAndWrongVersion) {
  std::string bad = bytes_;
  bad[0] = 'X';
  EXPECT_NE(OpenError(bad).message.find("bad magic"), std::string::npos);
  bad = bytes_;
  const std::uint32_t version = format::kVersion + 1;
  std::memcpy(bad.data() + offsetof(format::Header, version), &version, sizeof version);
  Error e = OpenError(bad);
  EXPECT_EQ(e.code, ErrorCode::kDataLoss);
  EXPECT_NE(e.message.find("unsupported format version 2"), std::string::npos) << e.message;
}

TEST_F(ModelFileErrors, FlippedMetadataByte) {
  format::Header h;
  std::memcpy(&h, bytes_.data(), sizeof h);
  std::string bad = bytes_;
  bad[h.sections[format::kTermBytes].offset] ^= 0x20;  // "chest" → "Chest"
  Error e = OpenError(bad, ModelOpenOptions{.verify_weights = false});
  EXPECT_EQ(e.code, ErrorCode::kDataLoss);
  EXPECT_NE(e.message.find("metadata checksum"), std::string::npos) << e.message;
}

TEST_F(ModelFileErrors, FlippedWeightByte) {
  format::Header h;
  std::memcpy(&h, bytes_.data(), sizeof h);
  std::string bad = bytes_;
  bad[h.sections[format::kWeights].offset + 3] ^= 0x01;
  Error e = OpenError(bad);
  EXPECT_EQ(e.code, ErrorCode::kDataLoss);
  EXPECT_NE(e.message.find("weights checksum"), std::string::npos) << e.message;
  // The fast open skips the weight hash; VerifyWeights finds the damage later.
  WriteAll(path_, bad);
  auto fast = Model::Open(path_, *testing::SharedCodebook(), {.verify_weights = false});
  ASSERT_TRUE(fast.ok()) << fast.error().message;
  EXPECT_FALSE((*fast)->VerifyWeights().ok());
}

TEST(ModelLabels, UnknownCodeIsNamed) {
  ModelSpec spec = SmallSpec();
  spec.labels[1].code = "Q99.99";
  auto model = OpenSpec(spec, "unknown.model");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().code, ErrorCode::kNotFound);
  EXPECT_NE(model.error().message.find("'Q99.99'"), std::string::npos) << model.error().message;
}

TEST(ModelWriter, RejectsInconsistentSpecs) {
  const auto path = TempPath("never.model");
  ModelSpec spec = SmallSpec();
  spec.weights.pop_back();
  EXPECT_EQ(WriteModelFile(spec, path).error().code, ErrorCode::kInvalidArgument);
  spec = SmallSpec();
  spec.intercepts[0] = NAN;
  EXPECT_FALSE(WriteModelFile(spec, path).ok());
  spec = SmallSpec();
  spec.vocabulary[1] = "chest";  // duplicate term
  EXPECT_FALSE(WriteModelFile(spec, path).ok());
  spec = SmallSpec();
  spec.idf.clear();
  EXPECT_FALSE(WriteModelFile(spec, path).ok());
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_EQ(WriteModelFile(SmallSpec(), "/nonexistent-dir/x.model").error().code, ErrorCode::kIo);
}

TEST(Model, MissingFileIsAnIoError) {
  auto model = Model::Open(TempPath("does-not-exist"), *testing::SharedCodebook());
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.error().code, ErrorCode::kDataLoss);
}

}  // namespace
}  // namespace notecoder::ml
