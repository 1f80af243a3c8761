#include "pipeline/engine_merge.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>

#include "ml/model_writer.hpp"
#include "pipeline/coder.hpp"
#include "support/test_paths.hpp"

namespace notecoder::pipeline {
namespace {

// A tiny logistic model over four words; each label fires on its own word.
std::shared_ptr<const ml::Model> TinyModel(const codes::Codebook& book) {
  ml::ModelSpec spec;
  spec.vocabulary = {"angina", "diabetes", "hypertension", "wheezing"};
  spec.idf = {1.0, 1.0, 1.0, 1.0};
  spec.score_kind = ml::ScoreKind::kLogisticProba;
  const std::vector<std::string> codes = {"I20.9", "E11.9", "I10", "R06.2"};
  for (const auto& c : codes) spec.labels.push_back(ml::LabelSpec{c, "", 0.5});
  spec.weights.assign(codes.size() * spec.vocabulary.size(), -1.0);
  for (std::size_t l = 0; l < codes.size(); ++l) spec.weights[l * spec.vocabulary.size() + l] = 8;
  spec.intercepts.assign(codes.size(), -2.0);
  spec.fingerprint = "tiny-test-model";
  const auto path = std::filesystem::temp_directory_path() /
                    ("notecoder-merge-test-" + std::to_string(::getpid()) + ".bin");
  const Status written = ml::WriteModelFile(spec, path);
  EXPECT_TRUE(written.ok()) << (written.ok() ? "" : written.error().message);
  auto model = ml::Model::Open(path, book);
  std::filesystem::remove(path);
  EXPECT_TRUE(model.ok()) << (model.ok() ? "" : model.error().message);
  return model.ok() ? *model : nullptr;
}

rules::CodedDiagnosis Dx(std::string code, double score) {
  rules::CodedDiagnosis d;
  d.code = std::move(code);
  d.description = "from rules";
  d.score = score;
  d.evidence = {nlp::Span{0, 4}};
  return d;
}

ml::LabelScore Suggest(const ml::Model& model, std::string_view code, double score) {
  for (std::uint32_t l = 0; l < model.LabelCount(); ++l) {
    if (model.Code(l) == code) return ml::LabelScore{l, model.Code(l), score};
  }
  ADD_FAILURE() << "no label " << code;
  return {};
}

class EngineMerge : public ::testing::Test {
 protected:
  void SetUp() override {
    book_ = testing::SharedCodebook();
    ASSERT_TRUE(book_);
    model_ = TinyModel(*book_);
    ASSERT_TRUE(model_);
  }
  std::shared_ptr<const codes::Codebook> book_;
  std::shared_ptr<const ml::Model> model_;
};

TEST_F(EngineMerge, AgreementKeepsRulesEvidenceAndCombinesScores) {
  rules::RulesResult r;
  r.codes = {Dx("R06.2", 0.5), Dx("I10", 0.6)};
  CodingResult result = FromRules(std::move(r));
  const std::vector<ml::LabelScore> s = {Suggest(*model_, "I10", 0.8)};
  MergeModelSuggestions(*book_, *model_, s, result);
  ASSERT_EQ(result.codes.size(), 2u);
  const FinalCode& first = result.codes.front();  // both engines: first
  EXPECT_EQ(first.diagnosis.code, "I10");
  EXPECT_TRUE(first.from_rules() && first.from_ml());
  EXPECT_NEAR(first.diagnosis.score, 1 - 0.4 * 0.2, 1e-12);
  EXPECT_EQ(first.diagnosis.evidence.size(), 1u);
  EXPECT_EQ(result.codes[1].diagnosis.code, "R06.2");
  EXPECT_FALSE(result.codes[1].from_ml());
  EXPECT_TRUE(result.ml_used);
  EXPECT_EQ(result.model_fingerprint, "tiny-test-model");
}

TEST_F(EngineMerge, ModelOnlyCodeIsEmittedWithoutEvidence) {
  CodingResult result = FromRules(rules::RulesResult{});
  const std::vector<ml::LabelScore> s = {Suggest(*model_, "I20.9", 0.9)};
  MergeModelSuggestions(*book_, *model_, s, result);
  ASSERT_EQ(result.codes.size(), 1u);
  EXPECT_EQ(result.codes[0].diagnosis.code, "I20.9");
  EXPECT_FALSE(result.codes[0].from_rules());
  EXPECT_TRUE(result.codes[0].diagnosis.evidence.empty());
  EXPECT_NE(result.codes[0].diagnosis.rationale.find("ML model"), std::string::npos);
  EXPECT_EQ(result.codes[0].diagnosis.description, book_->Title(*book_->Find("I20.9")));
}

TEST_F(EngineMerge, NegatedOrFamilyMentionBlocksAModelOnlyCode) {
  for (const char* reason : {"negated", "family", "hypothetical"}) {
    rules::RulesResult r;
    rules::ExcludedMention x;
    x.span = nlp::Span{10, 18};
    x.reason = reason;
    x.code = "I20.8";  // same category as the suggestion
    r.excluded.push_back(x);
    CodingResult result = FromRules(std::move(r));
    const std::vector<ml::LabelScore> s = {Suggest(*model_, "I20.9", 0.95)};
    MergeModelSuggestions(*book_, *model_, s, result);
    EXPECT_TRUE(result.codes.empty()) << reason;
    ASSERT_EQ(result.rules.excluded.size(), 2u) << reason;
    EXPECT_EQ(result.rules.excluded.back().code, "I20.9");
    EXPECT_EQ(result.rules.excluded.back().reason, reason);
    EXPECT_EQ(result.rules.excluded.back().span.begin, 10u);
  }
}

TEST_F(EngineMerge, AHistoricalMentionDoesNotBlockAndAPresentOneWins) {
  rules::RulesResult r;
  rules::ExcludedMention x;
  x.reason = "negated";
  x.code = "I20.9";
  r.excluded.push_back(x);
  r.codes = {Dx("I20.8", 0.7)};  // the same category coded as present elsewhere in the note
  CodingResult result = FromRules(std::move(r));
  const std::vector<ml::LabelScore> s = {Suggest(*model_, "R06.2", 0.7)};
  MergeModelSuggestions(*book_, *model_, s, result);
  EXPECT_EQ(result.codes.size(), 2u);
}

TEST_F(EngineMerge, UnspecifiedModelCodeYieldsToASpecificRulesCode) {
  rules::RulesResult r;
  r.codes = {Dx("E11.22", 0.8)};
  CodingResult result = FromRules(std::move(r));
  const std::vector<ml::LabelScore> s = {Suggest(*model_, "E11.9", 0.9)};
  MergeModelSuggestions(*book_, *model_, s, result);
  ASSERT_EQ(result.codes.size(), 1u);
  EXPECT_EQ(result.codes[0].diagnosis.code, "E11.22");
}

TEST_F(EngineMerge, Excludes1WithARulesCodeRefusesTheSuggestion) {
  rules::RulesResult r;
  r.codes = {Dx("E10.9", 0.8)};  // type 1: E11 excludes E10
  CodingResult result = FromRules(std::move(r));
  const std::vector<ml::LabelScore> s = {Suggest(*model_, "E11.9", 0.9)};
  MergeModelSuggestions(*book_, *model_, s, result);
  ASSERT_EQ(result.codes.size(), 1u);
  EXPECT_EQ(result.codes[0].diagnosis.code, "E10.9");
  ASSERT_EQ(result.rules.excluded.size(), 1u);
  EXPECT_EQ(result.rules.excluded[0].reason, "excludes1");
  EXPECT_EQ(result.rules.excluded[0].code, "E11.9");
}

TEST_F(EngineMerge, CodeNoteRunsBothEnginesOnARealNote) {
  Engines engines;
  engines.rules = std::make_shared<const rules::RulesEngine>(book_);
  engines.model = model_;
  // The rules engine codes hypertension; "angina" is negated, so the model may not add it.
  const std::string note = "Assessment: Essential hypertension. Denies angina. Wheezing on exam.";
  infra::StageTimings timings;
  auto coded = CodeNote(engines, note, CodeOptions{}, &timings);
  ASSERT_TRUE(coded.ok()) << coded.error().message;
  bool i10_both = false;
  for (const auto& c : coded->codes) {
    EXPECT_NE(c.diagnosis.code.substr(0, 3), "I20") << "negated angina was coded";
    if (c.diagnosis.code == "I10") i10_both = c.from_rules() && c.from_ml();
  }
  EXPECT_TRUE(i10_both);
  EXPECT_TRUE(coded->ml_used);
  EXPECT_TRUE(timings.count("ml"));

  CodeOptions rules_only;
  rules_only.use_model = false;
  auto plain = CodeNote(engines, note, rules_only);
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->ml_used);
  for (const auto& c : plain->codes) EXPECT_FALSE(c.from_ml());
}

}  // namespace
}  // namespace notecoder::pipeline
