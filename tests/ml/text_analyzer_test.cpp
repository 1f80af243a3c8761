#include "ml/text_analyzer.hpp"

#include <gtest/gtest.h>

#include <random>

namespace notecoder::ml {
namespace {

std::vector<std::string> Terms(const FeatureConfig& config, std::string_view text) {
  AnalyzerScratch scratch;
  TextAnalyzer(config).Analyze(text, scratch);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scratch.TermCount(); ++i) out.emplace_back(scratch.Term(i));
  return out;
}

TEST(TextAnalyzer, AsciiFastPathEqualsTheUnicodePath) {
  // A lone 'é' is not a token, but it sends the text down the code point path.
  FeatureConfig config;
  config.ngram_max = 3;
  config.stop_words = {"of"};
  const std::string ascii = "Pain OF the CHEST_wall; x9 a 12mg\tq.d. __init__";
  EXPECT_EQ(Terms(config, ascii), Terms(config, ascii + " \xC3\xA9"));
  config.lowercase = false;
  EXPECT_EQ(Terms(config, ascii), Terms(config, ascii + " \xC3\xA9"));
}

// The ASCII fast path writes tokens through a pointer into a buffer sized from the text; the
// code point path is the reference. Edge cases: tokens at both ends, one-character words,
// stop words first and last, apostrophes, digits and underscores, very long tokens.
TEST(TextAnalyzer, AsciiFastPathEqualsTheUnicodePathOnTrickyText) {
  const std::string long_token(5000, 'Q');
  std::vector<std::string> texts = {
      "",
      " ",
      "a",
      "ab",
      "ab,",
      ",ab",
      "a b c d",
      "of the of",
      "the pain of",
      "don't won't patient's O'Brien's",
      "x_1 __ _a a_ 12 3.5mg 2020-01-02 A1C",
      long_token,
      long_token + " of " + long_token + "!",
      std::string(3000, '_') + " ab",
      "ab " + std::string(999, ' ') + "cd",
      "TAB\tNEW\nLINE\rCR\x1f\x0bVT ab",
  };
  std::mt19937 rng(11);
  const std::string alphabet = "aB1_' -.\n";
  for (int k = 0; k < 200; ++k) {
    std::string t(rng() % 40, ' ');
    for (char& c : t) c = alphabet[rng() % alphabet.size()];
    texts.push_back(t);
  }
  FeatureConfig config;
  config.ngram_max = 3;
  config.stop_words = {"of", "the", "ab"};
  for (bool lowercase : {true, false}) {
    config.lowercase = lowercase;
    for (const std::string& text : texts) {
      EXPECT_EQ(Terms(config, text), Terms(config, text + " \xC3\xA9")) << text.substr(0, 60);
    }
  }
}

TEST(TextAnalyzer, UnigramsThenBigramsWithoutStopWords) {
  FeatureConfig config;
  config.ngram_max = 2;
  config.stop_words = {"the"};
  EXPECT_EQ(Terms(config, "Pain in THE chest"),
            (std::vector<std::string>{"pain", "in", "chest", "pain in", "in chest"}));
  config.ngram_min = 2;
  EXPECT_EQ(Terms(config, "one"), std::vector<std::string>{});
}

TEST(TextAnalyzer, UnicodeWordsAndInvalidBytes) {
  FeatureConfig config;
  EXPECT_EQ(Terms(config,
                  "\xC4\xB0stanbul Stra\xC3\x9F"
                  "e"),  // İstanbul → i̇stanbul
            (std::vector<std::string>{"stanbul",
                                      "stra\xC3\x9F"
                                      "e"}));
  EXPECT_EQ(Terms(config,
                  "ab\xFF"
                  "cd"),
            (std::vector<std::string>{"ab", "cd"}));
}

}  // namespace
}  // namespace notecoder::ml
