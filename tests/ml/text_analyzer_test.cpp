#include "ml/text_analyzer.hpp"

#include <gtest/gtest.h>

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
