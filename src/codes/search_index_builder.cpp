#include <algorithm>
#include <cmath>
#include <numeric>

#include "codes/search_scoring.hpp"
#include "codes/snapshot_tables.hpp"
#include "codes/text_util.hpp"

namespace notecoder::codes {

format::Str StringPool::Intern(std::string_view text) {
  auto [it, inserted] = seen_.try_emplace(std::string(text), format::Str{});
  if (inserted) {
    it->second = {static_cast<std::uint32_t>(data_.size()),
                  static_cast<std::uint32_t>(text.size())};
    data_.append(text);
  }
  return it->second;
}

namespace {

struct DocTerm {
  std::uint32_t word;
  float title_tf;
  float extra_tf;
  float tf = 0.0f;  // combined, after capping
};

class Vocabulary {
 public:
  std::uint32_t Id(const std::string& word) {
    auto [it, inserted] = ids_.try_emplace(word, static_cast<std::uint32_t>(words_.size()));
    if (inserted) words_.push_back(word);
    return it->second;
  }
  const std::vector<std::string>& words() const { return words_; }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> words_;
};

// Adds the words of `text` to `terms` as title or secondary words; returns how many it added.
std::size_t AddText(std::string_view text, bool title, Vocabulary* vocab,
                    std::vector<DocTerm>* terms) {
  std::size_t n = 0;
  for (const std::string& raw : SplitWords(text)) {
    if (IsStopWord(raw)) continue;
    const std::uint32_t word = vocab->Id(StemWord(raw));
    terms->push_back(title ? DocTerm{word, kTitleWeight, 0.0f} : DocTerm{word, 0.0f, kExtraWeight});
    ++n;
  }
  return n;
}

}  // namespace

void BuildSearchIndex(const std::vector<SearchDoc>& docs, SnapshotTables* tables) {
  Vocabulary vocab;
  std::vector<std::vector<DocTerm>> doc_terms(docs.size());
  std::vector<float> doc_len(docs.size(), 0);
  for (std::size_t d = 0; d < docs.size(); ++d) {
    std::vector<DocTerm>& terms = doc_terms[d];
    doc_len[d] = static_cast<float>(AddText(docs[d].title, true, &vocab, &terms));
    for (const std::string& main : docs[d].main_terms) AddText(main, true, &vocab, &terms);
    for (const std::string& extra : docs[d].extras) AddText(extra, false, &vocab, &terms);
    std::sort(terms.begin(), terms.end(),
              [](const DocTerm& a, const DocTerm& b) { return a.word < b.word; });
    std::size_t out = 0;
    for (std::size_t i = 0; i < terms.size(); ++i) {
      if (out > 0 && terms[out - 1].word == terms[i].word) {
        terms[out - 1].title_tf += terms[i].title_tf;
        terms[out - 1].extra_tf += terms[i].extra_tf;
      } else {
        terms[out++] = terms[i];
      }
    }
    terms.resize(out);
    // Secondary texts repeat a word many times (every index path under "Diabetes"); cap their
    // share so a code whose title never says the word cannot outrank one whose title does.
    for (DocTerm& t : terms) {
      t.tf = std::min(t.title_tf, kMaxTitleFrequency) + std::min(t.extra_tf, kMaxExtraFrequency);
    }
  }
  const double avg_len = std::max(1.0, std::accumulate(doc_len.begin(), doc_len.end(), 0.0) /
                                           std::max<std::size_t>(1, docs.size()));

  std::vector<std::vector<std::pair<std::uint32_t, float>>> postings(vocab.words().size());
  for (std::size_t d = 0; d < docs.size(); ++d) {
    const double norm = kBm25K1 * (1.0 - kBm25B + kBm25B * doc_len[d] / avg_len);
    for (const DocTerm& t : doc_terms[d]) {
      const double w = t.tf * (kBm25K1 + 1.0) / (t.tf + norm);
      postings[t.word].emplace_back(static_cast<std::uint32_t>(d), static_cast<float>(w));
    }
  }

  std::vector<std::uint32_t> order(vocab.words().size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return vocab.words()[a] < vocab.words()[b]; });
  const double n_docs = static_cast<double>(docs.size());
  tables->words.reserve(order.size());
  for (std::uint32_t w : order) {
    const auto& list = postings[w];
    const double df = static_cast<double>(list.size());
    format::WordRecord rec{};
    rec.word = tables->strings.Intern(vocab.words()[w]);
    rec.post_begin = static_cast<std::uint32_t>(tables->posting_ids.size());
    rec.post_count = static_cast<std::uint32_t>(list.size());
    rec.idf = static_cast<float>(std::log(1.0 + (n_docs - df + 0.5) / (df + 0.5)));
    for (const auto& [doc, weight] : list) {  // already ascending by doc id
      tables->posting_ids.push_back(doc);
      tables->posting_weights.push_back(weight);
    }
    tables->words.push_back(rec);
  }
}

}  // namespace notecoder::codes
