#include "ml/vectorizer.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace notecoder::ml {
namespace {

std::vector<std::string_view> Docs(const std::vector<std::string>& docs) {
  return {docs.begin(), docs.end()};
}

TEST(FitVocabulary, SortedTermsAndSmoothIdf) {
  std::vector<std::string> docs = {"Chest pain, chest pain", "pain in the leg", "a b c"};
  FeatureConfig config;
  auto vocab = FitVocabulary(Docs(docs), config, {});
  ASSERT_TRUE(vocab.ok()) << vocab.error().message;
  // One-letter tokens ("a", "b", "c") never match \w\w+.
  EXPECT_EQ(vocab->terms, (std::vector<std::string>{"chest", "in", "leg", "pain", "the"}));
  const double n = 3;
  EXPECT_DOUBLE_EQ(vocab->idf[0], std::log((1 + n) / (1 + 1)) + 1);  // chest: df 1
  EXPECT_DOUBLE_EQ(vocab->idf[3], std::log((1 + n) / (1 + 2)) + 1);  // pain: df 2
}

TEST(FitVocabulary, UnsmoothedIdf) {
  std::vector<std::string> docs = {"pain pain", "pain leg", "arm"};
  FeatureConfig config;
  config.smooth_idf = false;
  auto vocab = FitVocabulary(Docs(docs), config, {});
  ASSERT_TRUE(vocab.ok());
  EXPECT_EQ(vocab->terms, (std::vector<std::string>{"arm", "leg", "pain"}));
  EXPECT_DOUBLE_EQ(vocab->idf[2], std::log(3.0 / 2.0) + 1);
}

TEST(FitVocabulary, DfBoundsAndMaxFeatures) {
  std::vector<std::string> docs = {"aa bb cc", "aa bb", "aa dd dd dd"};
  FeatureConfig config;
  VocabularyLimits limits;
  limits.min_df = 2;  // whole documents
  auto vocab = FitVocabulary(Docs(docs), config, limits);
  ASSERT_TRUE(vocab.ok());
  EXPECT_EQ(vocab->terms, (std::vector<std::string>{"aa", "bb"}));

  limits = {};
  limits.max_df = 0.9;  // proportion: drops "aa" (3 of 3 documents)
  vocab = FitVocabulary(Docs(docs), config, limits);
  ASSERT_TRUE(vocab.ok());
  EXPECT_EQ(vocab->terms, (std::vector<std::string>{"bb", "cc", "dd"}));

  limits = {};
  limits.max_features = 2;  // by corpus count: aa 3, dd 3, bb 2, cc 1
  vocab = FitVocabulary(Docs(docs), config, limits);
  ASSERT_TRUE(vocab.ok());
  EXPECT_EQ(vocab->terms, (std::vector<std::string>{"aa", "dd"}));

  limits.max_features = 1;  // aa and dd tie at 3: the term that sorts first wins
  vocab = FitVocabulary(Docs(docs), config, limits);
  ASSERT_TRUE(vocab.ok());
  EXPECT_EQ(vocab->terms, (std::vector<std::string>{"aa"}));
}

TEST(FitVocabulary, ErrorsLikeScikitLearn) {
  std::vector<std::string> docs = {"the a", "of"};
  FeatureConfig config;
  config.stop_words = {"the", "of"};
  auto vocab = FitVocabulary(Docs(docs), config, {});
  ASSERT_FALSE(vocab.ok());
  EXPECT_EQ(vocab.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(vocab.error().message.find("empty vocabulary"), std::string::npos);

  std::vector<std::string> two = {"aa bb", "aa"};
  VocabularyLimits limits;
  limits.min_df = 3;
  vocab = FitVocabulary(Docs(two), FeatureConfig{}, limits);
  ASSERT_FALSE(vocab.ok());
  EXPECT_NE(vocab.error().message.find("max_df corresponds to < documents than min_df"),
            std::string::npos);

  limits = {};
  limits.min_df = 0.9;
  limits.min_df_is_proportion = true;
  limits.max_df = 1;
  limits.max_df_is_proportion = false;  // 1 document, min 1.8 documents
  vocab = FitVocabulary(Docs(two), FeatureConfig{}, limits);
  ASSERT_FALSE(vocab.ok());

  limits = {};
  limits.min_df = 2;
  limits.max_df = 1.0;
  std::vector<std::string> disjoint = {"aa", "bb"};
  vocab = FitVocabulary(Docs(disjoint), FeatureConfig{}, limits);
  ASSERT_FALSE(vocab.ok());
  EXPECT_NE(vocab.error().message.find("no terms remain"), std::string::npos);

  EXPECT_FALSE(FitVocabulary({}, FeatureConfig{}, {}).ok());

  limits = {};
  limits.min_df = 0;  // as a document count sklearn wants >= 1
  EXPECT_FALSE(FitVocabulary(Docs(two), FeatureConfig{}, limits).ok());
  limits = {};
  limits.max_df = 1.5;  // a proportion above 1
  EXPECT_FALSE(FitVocabulary(Docs(two), FeatureConfig{}, limits).ok());
}

TEST(FitVocabulary, WordBigramsAfterStopWords) {
  std::vector<std::string> docs = {"pain of the chest"};
  FeatureConfig config;
  config.ngram_max = 2;
  config.stop_words = {"of", "the"};
  auto vocab = FitVocabulary(Docs(docs), config, {});
  ASSERT_TRUE(vocab.ok());
  EXPECT_EQ(vocab->terms, (std::vector<std::string>{"chest", "pain", "pain chest"}));
}

TEST(FitVocabulary, CharWbNgrams) {
  std::vector<std::string> docs = {"ab  c"};
  FeatureConfig config;
  config.analyzer = Analyzer::kCharWb;
  config.ngram_min = 2;
  config.ngram_max = 4;
  auto vocab = FitVocabulary(Docs(docs), config, {});
  ASSERT_TRUE(vocab.ok());
  // " ab ": " a","ab","b "," ab","ab "," ab "; " c ": " c","c "," c " then stops (short word).
  EXPECT_EQ(vocab->terms,
            (std::vector<std::string>{" a", " ab", " ab ", " c", " c ", "ab", "ab ", "b ", "c "}));
}

TEST(Vectorizer, HandComputedL2Row) {
  FeatureConfig config;
  auto v = Vectorizer::Create(config, {"chest", "pain"}, {1.5, 2.0});
  ASSERT_TRUE(v.ok());
  SparseRow row = v->Transform("pain chest PAIN unknownword");
  ASSERT_EQ(row.indices, (std::vector<std::uint32_t>{0, 1}));
  const double a = 1 * 1.5, b = 2 * 2.0, norm = std::sqrt(a * a + b * b);
  EXPECT_DOUBLE_EQ(row.values[0], a / norm);
  EXPECT_DOUBLE_EQ(row.values[1], b / norm);
}

TEST(Vectorizer, SublinearL1AndNoIdf) {
  FeatureConfig config;
  config.sublinear_tf = true;
  config.use_idf = false;
  config.norm = Norm::kL1;
  auto v = Vectorizer::Create(config, {"aa", "bb"}, {});
  ASSERT_TRUE(v.ok());
  SparseRow row = v->Transform("aa aa aa bb");
  const double a = 1 + std::log(3.0), b = 1.0;
  EXPECT_DOUBLE_EQ(row.values[0], a / (a + b));
  EXPECT_DOUBLE_EQ(row.values[1], b / (a + b));
}

TEST(Vectorizer, NoKnownTokensGivesEmptyRow) {
  auto v = Vectorizer::Create(FeatureConfig{}, {"aa"}, {1.0});
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->Transform("zz yy").indices.empty());
  EXPECT_TRUE(v->Transform("").indices.empty());
  CsrMatrix m = v->TransformAll(std::vector<std::string_view>{"aa", "bb", "aa aa"});
  EXPECT_EQ(m.rows(), 3u);
  EXPECT_EQ(m.row_start, (std::vector<std::size_t>{0, 1, 1, 2}));
  EXPECT_DOUBLE_EQ(m.values[1], 1.0);
}

TEST(Vectorizer, RejectsMismatchedIdfAndDuplicateTerms) {
  EXPECT_FALSE(Vectorizer::Create(FeatureConfig{}, {"aa", "bb"}, {1.0}).ok());
  EXPECT_FALSE(Vectorizer::Create(FeatureConfig{}, {"aa", "aa"}, {1.0, 1.0}).ok());
}

}  // namespace
}  // namespace notecoder::ml
