#pragma once
// How note text becomes features: the parameters of scikit-learn's TfidfVectorizer that we support.
// Shared by fitting (training), the model file and scoring, so the three cannot disagree.
#include <cstdint>
#include <string>
#include <vector>

namespace notecoder::ml {

enum class Analyzer : std::uint8_t { kWord = 0, kCharWb = 1 };
enum class Norm : std::uint8_t { kNone = 0, kL1 = 1, kL2 = 2 };

// The transform-time parameters (what a fitted vectorizer needs to turn text into a row).
struct FeatureConfig {
  Analyzer analyzer = Analyzer::kWord;
  std::uint32_t ngram_min = 1;
  std::uint32_t ngram_max = 1;
  bool lowercase = true;
  bool use_idf = true;
  bool smooth_idf = true;
  bool sublinear_tf = false;
  Norm norm = Norm::kL2;
  std::vector<std::string> stop_words;  // applied by the word analyzer before n-grams
};

// The fit-time parameters (how the vocabulary is chosen). A df bound below 1.0 with
// `*_is_proportion` set is a proportion of documents, as in scikit-learn (float vs int).
struct VocabularyLimits {
  double min_df = 1.0;
  bool min_df_is_proportion = false;
  double max_df = 1.0;
  bool max_df_is_proportion = true;
  std::uint32_t max_features = 0;  // 0: no limit
};

}  // namespace notecoder::ml
