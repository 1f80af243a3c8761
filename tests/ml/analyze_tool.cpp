// Test helper for tokenizer_parity.py: each input line is a JSON case {"analyzer", "ngram":
// [min, max], "lowercase", "stop_words"} plus either "hex" (one text as UTF-8 bytes in hex) →
// the JSON array of the terms TextAnalyzer produces, in order; or "docs_hex" and the
// VocabularyLimits fields → FitVocabulary's {"terms", "idf"} or {"error"}.
#include <boost/json.hpp>
#include <iostream>
#include <string>

#include "ml/text_analyzer.hpp"
#include "ml/vectorizer.hpp"

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

json::value Fit(const json::object& c, const FeatureConfig& config) {
  std::vector<std::string> docs;
  for (const json::value& d : c.at("docs_hex").as_array()) docs.push_back(FromHex(d.as_string()));
  std::vector<std::string_view> views(docs.begin(), docs.end());
  notecoder::ml::VocabularyLimits limits;
  limits.min_df = c.at("min_df").to_number<double>();
  limits.min_df_is_proportion = c.at("min_df").is_double();
  limits.max_df = c.at("max_df").to_number<double>();
  limits.max_df_is_proportion = c.at("max_df").is_double();
  limits.max_features = static_cast<std::uint32_t>(c.at("max_features").to_number<std::int64_t>());
  auto fitted = notecoder::ml::FitVocabulary(views, config, limits);
  if (!fitted.ok()) return json::object{{"error", fitted.error().message}};
  json::array terms, idf;
  for (const std::string& t : fitted->terms) terms.emplace_back(t);
  for (double v : fitted->idf) idf.emplace_back(v);
  return json::object{{"terms", std::move(terms)}, {"idf", std::move(idf)}};
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
    if (c.contains("docs_hex")) {
      config.smooth_idf = c.at("smooth_idf").as_bool();
      std::cout << json::serialize(Fit(c, config)) << "\n";
      continue;
    }
    TextAnalyzer(config).Analyze(FromHex(c.at("hex").as_string()), scratch);
    json::array terms;
    for (std::size_t i = 0; i < scratch.TermCount(); ++i) terms.emplace_back(scratch.Term(i));
    std::cout << json::serialize(terms) << "\n";
  }
  return 0;
}
