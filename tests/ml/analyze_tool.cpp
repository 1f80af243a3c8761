// Test helper for tokenizer_parity.py: each input line is a JSON case {"hex": UTF-8 bytes in hex,
// "analyzer", "ngram": [min, max], "lowercase", "stop_words"}; each output line the JSON array
// of the terms TextAnalyzer produces, in order.
#include <boost/json.hpp>
#include <iostream>
#include <string>

#include "ml/text_analyzer.hpp"

namespace json = boost::json;
using notecoder::ml::AnalyzerScratch;
using notecoder::ml::FeatureConfig;
using notecoder::ml::TextAnalyzer;

namespace {

std::string FromHex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

}  // namespace

int main() {
  std::string line;
  AnalyzerScratch scratch;
  while (std::getline(std::cin, line)) {
    const json::object c = json::parse(line).as_object();
    FeatureConfig config;
    config.analyzer = c.at("analyzer").as_string() == "word" ? notecoder::ml::Analyzer::kWord
                                                             : notecoder::ml::Analyzer::kCharWb;
    config.ngram_min = static_cast<std::uint32_t>(c.at("ngram").as_array()[0].as_int64());
    config.ngram_max = static_cast<std::uint32_t>(c.at("ngram").as_array()[1].as_int64());
    config.lowercase = c.at("lowercase").as_bool();
    for (const json::value& w : c.at("stop_words").as_array()) {
      config.stop_words.emplace_back(w.as_string());
    }
    TextAnalyzer(config).Analyze(FromHex(c.at("hex").as_string()), scratch);
    json::array terms;
    for (std::size_t i = 0; i < scratch.TermCount(); ++i) terms.emplace_back(scratch.Term(i));
    std::cout << json::serialize(terms) << "\n";
  }
  return 0;
}
