// Codebook::Search: BM25 over the inverted index the builder precomputed (titles, inclusion
// terms, index paths), with prefix matching of the last word and a few clinical abbreviations.
#include <algorithm>
#include <cctype>
#include <cmath>

#include "codes/codebook_impl.hpp"
#include "codes/search_scoring.hpp"
#include "codes/text_util.hpp"

namespace notecoder::codes {
namespace {

struct Abbreviation {
  std::string_view abbr;
  std::string_view expansion;
};

// Common note abbreviations whose expansion is how the tabular spells the condition.
constexpr Abbreviation kAbbreviations[] = {
    {"ckd", "chronic kidney disease"},
    {"esrd", "end stage renal disease"},
    {"aki", "acute kidney failure"},
    {"htn", "hypertension"},
    {"dm", "diabetes mellitus"},
    {"t1dm", "type 1 diabetes mellitus"},
    {"t2dm", "type 2 diabetes mellitus"},
    {"copd", "chronic obstructive pulmonary disease"},
    {"chf", "heart failure"},
    {"cad", "coronary artery disease"},
    {"mi", "myocardial infarction"},
    {"afib", "atrial fibrillation"},
    {"uti", "urinary tract infection"},
    {"dvt", "deep vein thrombosis"},
    {"pe", "pulmonary embolism"},
    {"gerd", "gastro esophageal reflux disease"},
    {"tia", "transient ischemic attack"},
    {"cva", "cerebral infarction"},
};

struct QueryTerm {
  std::string word;    // stemmed, matched exactly
  std::string prefix;  // raw, matched as a prefix; empty when not the last typed word
};

std::vector<QueryTerm> ParseQuery(std::string_view query) {
  std::vector<std::string> raw = SplitWords(query);
  const bool last_is_partial =
      !raw.empty() && !query.empty() && std::isalnum(static_cast<unsigned char>(query.back()));
  std::vector<QueryTerm> terms;
  const auto add = [&](const std::string& word, std::string prefix) {
    if (IsStopWord(word)) return;
    std::string stem = StemWord(word);
    for (const QueryTerm& t : terms) {
      if (t.word == stem) return;
    }
    terms.push_back({std::move(stem), std::move(prefix)});
  };
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const Abbreviation* abbr = nullptr;
    for (const Abbreviation& a : kAbbreviations) {
      if (a.abbr == raw[i]) abbr = &a;
    }
    if (abbr != nullptr) {
      for (const std::string& w : SplitWords(abbr->expansion)) add(w, {});
      continue;
    }
    const bool last = i + 1 == raw.size() && last_is_partial;
    add(raw[i], last ? raw[i] : std::string());
  }
  return terms;
}

}  // namespace

std::vector<SearchHit> Codebook::Search(std::string_view query, std::size_t limit) const {
  std::vector<SearchHit> hits;
  const std::vector<QueryTerm> terms = ParseQuery(query);
  if (limit == 0 || terms.empty()) return hits;
  const auto words = impl_->words;
  const auto word_less = [&](const format::WordRecord& w, std::string_view v) {
    return impl_->Str(w.word) < v;
  };

  const std::size_t n = impl_->codes.size();
  std::vector<float> total(n, 0.0f);
  std::vector<std::uint8_t> matched(n, 0);
  std::vector<float> best(n, 0.0f);  // this term's best variant per code
  std::vector<std::uint32_t> touched;
  std::vector<std::uint32_t> term_touched;

  for (const QueryTerm& term : terms) {
    term_touched.clear();
    const auto apply = [&](const format::WordRecord& w, double factor) {
      if (static_cast<std::size_t>(w.post_begin) + w.post_count > impl_->posting_ids.size()) return;
      for (std::uint32_t i = w.post_begin; i < w.post_begin + w.post_count; ++i) {
        const std::uint32_t id = impl_->posting_ids[i];
        if (id >= n) continue;
        const float s = static_cast<float>(w.idf * impl_->posting_weights[i] * factor);
        if (best[id] == 0.0f) term_touched.push_back(id);
        best[id] = std::max(best[id], s);
      }
    };
    auto it = std::lower_bound(words.begin(), words.end(), std::string_view(term.word), word_less);
    if (it != words.end() && impl_->Str(it->word) == term.word) apply(*it, 1.0);
    if (!term.prefix.empty()) {
      std::size_t expanded = 0;
      for (auto p = std::lower_bound(words.begin(), words.end(), std::string_view(term.prefix),
                                     word_less);
           p != words.end() && expanded < kMaxPrefixExpansions; ++p, ++expanded) {
        const std::string_view w = impl_->Str(p->word);
        if (!w.starts_with(term.prefix)) break;
        if (w != term.word) apply(*p, kPrefixMatchFactor);
      }
    }
    for (std::uint32_t id : term_touched) {
      if (matched[id] == 0) touched.push_back(id);
      total[id] += best[id];
      ++matched[id];
      best[id] = 0.0f;
    }
  }

  // Codes matching every query word rank above codes matching a few of them strongly.
  const double n_terms = static_cast<double>(terms.size());
  hits.reserve(touched.size());
  for (std::uint32_t id : touched) {
    const double coverage = matched[id] / n_terms;
    double score = total[id] * coverage * coverage;
    if (impl_->codes[id].billable != 0) score *= kBillableBoost;
    hits.push_back({id, score});
  }
  const auto better = [](const SearchHit& a, const SearchHit& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  };
  if (hits.size() > limit) {
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(limit), hits.end(),
                      better);
    hits.resize(limit);
  } else {
    std::sort(hits.begin(), hits.end(), better);
  }
  return hits;
}

}  // namespace notecoder::codes
