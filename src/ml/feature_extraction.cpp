#include "ml/feature_extraction.hpp"

#include "ml/tfidf.hpp"

namespace notecoder::ml {

void ExtractFeatures(const TextAnalyzer& analyzer, const VocabView& vocab,
                     const FeatureConfig& config, std::span<const double> idf,
                     std::string_view text, FeatureScratch& s, SparseRow& row) {
  analyzer.Analyze(text, s.analysis);
  const std::size_t terms = s.analysis.TermCount();
  s.hashes.resize(terms);
  for (std::size_t t = 0; t < terms; ++t) {
    s.hashes[t] = vocab.Hash(s.analysis.Term(t));
    vocab.Prefetch(s.hashes[t]);
  }
  s.ids.clear();
  for (std::size_t t = 0; t < terms; ++t) {
    const std::uint32_t f = vocab.FindHashed(s.analysis.Term(t), s.hashes[t]);
    if (f != kEmptySlot) s.ids.push_back(f);
  }
  CountFeatures(s.ids, s.sort_scratch, row);
  WeightRow(config, idf, row);
}

}  // namespace notecoder::ml
