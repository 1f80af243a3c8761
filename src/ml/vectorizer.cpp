#include "ml/vectorizer.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "ml/feature_extraction.hpp"
#include "ml/tfidf.hpp"

namespace notecoder::ml {
namespace {

Status CheckLimits(const VocabularyLimits& limits) {
  auto bad = [](double value, bool proportion) {
    if (proportion) return !(value >= 0.0 && value <= 1.0);
    return !(value >= 1.0) || value != std::floor(value);  // sklearn: Integral >= 1
  };
  if (bad(limits.min_df, limits.min_df_is_proportion)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "min_df must be a proportion in [0, 1] or a whole number >= 1 of documents");
  }
  if (bad(limits.max_df, limits.max_df_is_proportion)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "max_df must be a proportion in [0, 1] or a whole number >= 1 of documents");
  }
  return {};
}

struct TermStats {
  std::uint64_t document_frequency = 0;
  std::uint64_t corpus_count = 0;
  std::size_t last_document = SIZE_MAX;
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

Result<FittedVocabulary> FitVocabulary(std::span<const std::string_view> docs,
                                       const FeatureConfig& config,
                                       const VocabularyLimits& limits) {
  if (Status st = CheckLimits(limits); !st) return st.error();
  if (config.ngram_min < 1 || config.ngram_min > config.ngram_max) {
    return MakeError(ErrorCode::kInvalidArgument, "ngram range must satisfy 1 <= min <= max");
  }
  if (docs.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "no documents to fit a vocabulary on");
  }
  const auto n = static_cast<double>(docs.size());
  const double max_count = limits.max_df_is_proportion ? limits.max_df * n : limits.max_df;
  const double min_count = limits.min_df_is_proportion ? limits.min_df * n : limits.min_df;
  if (max_count < min_count) {
    return MakeError(ErrorCode::kInvalidArgument, "max_df corresponds to < documents than min_df");
  }

  TextAnalyzer analyzer(config);
  AnalyzerScratch scratch;
  std::unordered_map<std::string, TermStats, StringHash, std::equal_to<>> stats;
  for (std::size_t d = 0; d < docs.size(); ++d) {
    analyzer.Analyze(docs[d], scratch);
    for (std::size_t t = 0; t < scratch.TermCount(); ++t) {
      std::string_view term = scratch.Term(t);
      auto it = stats.find(term);
      if (it == stats.end()) it = stats.emplace(std::string(term), TermStats{}).first;
      TermStats& s = it->second;
      ++s.corpus_count;
      if (s.last_document != d) {
        s.last_document = d;
        ++s.document_frequency;
      }
    }
  }
  if (stats.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "empty vocabulary; perhaps the documents only contain stop words");
  }

  std::vector<const std::pair<const std::string, TermStats>*> kept;
  kept.reserve(stats.size());
  for (const auto& entry : stats) {
    const auto df = static_cast<double>(entry.second.document_frequency);
    if (df <= max_count && df >= min_count) kept.push_back(&entry);
  }
  auto by_term = [](const auto* a, const auto* b) { return a->first < b->first; };
  std::sort(kept.begin(), kept.end(), by_term);
  if (limits.max_features != 0 && kept.size() > limits.max_features) {
    std::stable_sort(kept.begin(), kept.end(), [](const auto* a, const auto* b) {
      return a->second.corpus_count > b->second.corpus_count;
    });
    kept.resize(limits.max_features);
    std::sort(kept.begin(), kept.end(), by_term);
  }
  if (kept.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "After pruning, no terms remain. Try a lower min_df or a higher max_df.");
  }

  FittedVocabulary out;
  out.terms.reserve(kept.size());
  for (const auto* entry : kept) out.terms.push_back(entry->first);
  if (config.use_idf) {
    out.idf.reserve(kept.size());
    for (const auto* entry : kept) {
      out.idf.push_back(InverseDocumentFrequency(
          n, static_cast<double>(entry->second.document_frequency), config.smooth_idf));
    }
  }
  return out;
}

Result<Vectorizer> Vectorizer::Create(FeatureConfig config, std::vector<std::string> terms,
                                      std::vector<double> idf) {
  if (config.use_idf && idf.size() != terms.size()) {
    return MakeError(ErrorCode::kInvalidArgument, "idf must have one value per term");
  }
  if (config.ngram_min < 1 || config.ngram_min > config.ngram_max) {
    return MakeError(ErrorCode::kInvalidArgument, "ngram range must satisfy 1 <= min <= max");
  }
  auto table = BuildVocabTable(terms);
  if (!table) return table.error();
  return Vectorizer(std::move(config), std::move(terms), std::move(idf), std::move(*table));
}

Vectorizer::Vectorizer(FeatureConfig config, std::vector<std::string> terms,
                       std::vector<double> idf, VocabTable table)
    : config_(std::move(config)),
      analyzer_(config_),
      terms_(std::move(terms)),
      idf_(std::move(idf)),
      table_(std::move(table)) {}

void Vectorizer::Transform(std::string_view text, SparseRow& row) const {
  thread_local FeatureScratch scratch;
  ExtractFeatures(analyzer_, table_.View(), config_, idf_, text, scratch, row);
}

SparseRow Vectorizer::Transform(std::string_view text) const {
  SparseRow row;
  Transform(text, row);
  return row;
}

CsrMatrix Vectorizer::TransformAll(std::span<const std::string_view> docs) const {
  CsrMatrix m;
  m.columns = terms_.size();
  SparseRow row;
  for (std::string_view doc : docs) {
    Transform(doc, row);
    m.AppendRow(row);
  }
  return m;
}

}  // namespace notecoder::ml
